"""The data behind the exports, collected into plain structures that the renderers (PDF, DOCX,
CSV) read without touching the database.

What is included follows the pages' visibility rule (`visible_phases`): the exports never show
a speerpunt that the requesting user could not open on the site. Query counts do not depend on
the number of amendments, comments or supports: many-to-one relations are joined, collections
are loaded with one `selectinload` query each, and counts are grouped in the database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from consult.accounts.models import User
from consult.amendments.models import Amendment, AmendmentStatus, Position, Response, Support
from consult.comments.models import Comment, CommentStatus
from consult.core.types import utcnow
from consult.extensions import db
from consult.organisations.models import Organisation, Tier
from consult.speerpunten import queries as speerpunt_queries
from consult.speerpunten.models import SECTIONS, Phase, Speerpunt, Version

# The slug that stands for the whole agenda in the consultation report's address. No
# speerpunt uses it (the eight slugs are fixed), so it cannot hide one.
ALL = "all"

# Amendments per query when the report is streamed: large enough that the three queries
# per chunk are few, small enough that a chunk's objects stay small in memory.
CHUNK_SIZE = 200

# Only the organisations are loaded with an amendment: the exports name organisations,
# not the people who acted for them.
REPORT_LOAD = (
    joinedload(Amendment.organisation),
    selectinload(Amendment.supports).joinedload(Support.organisation),
    selectinload(Amendment.responses).joinedload(Response.organisation),
)

DECISION_LABELS = {
    AmendmentStatus.PENDING: "In behandeling",
    AmendmentStatus.ACCEPTED: "Overgenomen",
    AmendmentStatus.REJECTED: "Niet overgenomen",
    AmendmentStatus.WITHDRAWN: "Ingetrokken door de indiener",
}


@dataclass(frozen=True)
class OrganisationRef:
    name: str
    tier: Tier

    @property
    def tier_label(self) -> str:
        return self.tier.label

    @classmethod
    def of(cls, organisation: Organisation) -> OrganisationRef:
        return cls(name=organisation.name, tier=organisation.tier)


# --- the agenda (handreiking) ----------------------------------------------------------------

@dataclass(frozen=True)
class ChangeLogEntry:
    """An accepted amendment and the version of the text it landed in."""

    amendment_id: int
    section: str
    organisation: OrganisationRef
    version: int
    modified: bool
    decided_at: datetime

    @property
    def section_heading(self) -> str:
        return SECTIONS[self.section]

    @property
    def decision_label(self) -> str:
        return "Overgenomen met wijzigingen" if self.modified else "Overgenomen"


@dataclass(frozen=True)
class AgendaSpeerpunt:
    slug: str
    title: str
    phase: Phase
    version: int
    version_date: datetime
    sections: dict[str, str]
    responsible: list[str]
    changes: list[ChangeLogEntry]

    @property
    def adopted(self) -> bool:
        return self.phase == Phase.ADOPTED


@dataclass(frozen=True)
class Agenda:
    speerpunten: list[AgendaSpeerpunt]
    generated_at: datetime

    @property
    def all_adopted(self) -> bool:
        return bool(self.speerpunten) and all(sp.adopted for sp in self.speerpunten)


def collect_agenda(user: User | None) -> Agenda:
    """The agenda as the user may see it: per visible speerpunt its text, with the accepted
    amendments that shaped it.

    The text is the speerpunt's current version. For an adopted speerpunt that is the adopted
    text: adopting freezes a speerpunt (no edits, no decisions, no way back to another phase),
    so its current version stays the version that was adopted.
    """
    speerpunten = speerpunt_queries.visible_speerpunten(user)
    ids = [sp.id for sp in speerpunten]
    versions = {
        version.speerpunt_id: version
        for version in db.session.execute(
            select(Version)
            .join(Speerpunt, and_(Speerpunt.id == Version.speerpunt_id,
                                  Speerpunt.current_version == Version.number))
            .where(Speerpunt.id.in_(ids))
        ).scalars()
    }
    changes: dict[int, list[ChangeLogEntry]] = {sp_id: [] for sp_id in ids}
    accepted = db.session.execute(
        select(Amendment)
        .where(Amendment.speerpunt_id.in_(ids), Amendment.status == AmendmentStatus.ACCEPTED)
        .order_by(Amendment.result_version, Amendment.id)
        .options(joinedload(Amendment.organisation))
    ).scalars()
    for amendment in accepted:
        changes[amendment.speerpunt_id].append(ChangeLogEntry(
            amendment_id=amendment.id, section=amendment.section,
            organisation=OrganisationRef.of(amendment.organisation),
            version=amendment.result_version or 0, modified=amendment.decision_modified,
            decided_at=amendment.decided_at,
        ))
    items = []
    for sp in speerpunten:
        version = versions[sp.id]
        items.append(AgendaSpeerpunt(
            slug=sp.slug, title=sp.title, phase=sp.effective_phase, version=version.number,
            version_date=version.created_at, sections=version.sections,
            responsible=[org.name for org in sp.responsible_organisations],
            changes=changes[sp.id],
        ))
    return Agenda(speerpunten=items, generated_at=utcnow())


# --- the consultation report (consultatieverslag) --------------------------------------------

@dataclass(frozen=True)
class ReportResponse:
    organisation: OrganisationRef
    position: Position
    body: str
    created_at: datetime

    @property
    def position_label(self) -> str:
        return self.position.label


@dataclass(frozen=True)
class ReportAmendment:
    id: int
    speerpunt_slug: str
    speerpunt_title: str
    section: str
    base_version: int
    created_at: datetime
    organisation: OrganisationRef
    via_meeting: bool
    text: str
    rationale: str
    status: AmendmentStatus
    decision_modified: bool
    decision_reason: str
    decided_at: datetime | None
    result_version: int | None
    # One entry per support: several people of one organisation may each support.
    supporters: list[OrganisationRef]
    responses: list[ReportResponse]
    # The text of the section in the version the amendment was written on; only filled in
    # for the PDF, which shows the change as a word diff.
    base_text: str | None = None

    @property
    def section_heading(self) -> str:
        return SECTIONS[self.section]

    @property
    def decision_label(self) -> str:
        return decision_label(self.status, self.decision_modified)

    @property
    def supports_by_tier(self) -> dict[Tier, int]:
        """Number of supports per tier, every tier present, in the tiers' fixed order."""
        counts = Counter(org.tier for org in self.supporters)
        return {tier: counts[tier] for tier in Tier}

    @property
    def supporting_organisations(self) -> list[OrganisationRef]:
        return sorted(set(self.supporters), key=lambda org: (list(Tier).index(org.tier),
                                                             org.name))


@dataclass(frozen=True)
class CommentCount:
    visible: int = 0
    hidden: int = 0


@dataclass(frozen=True)
class ReportSpeerpunt:
    slug: str
    title: str
    phase: Phase
    version: int
    responsible: list[str]
    comment_counts: dict[str, CommentCount]
    amendment_count: int
    # Decision label: number of amendments, in the labels' order.
    status_counts: dict[str, int]
    # Empty in a report typeset in parts, whose amendments are read a part at a time.
    amendments: list[ReportAmendment] = field(default_factory=list)

    @property
    def comment_total(self) -> int:
        return sum(count.visible for count in self.comment_counts.values())

    @property
    def adopted(self) -> bool:
        return self.phase == Phase.ADOPTED

    def amendments_by_section(self) -> list[tuple[str, str, list[ReportAmendment]]]:
        """(key, heading, amendments) for each section that has amendments, in agenda order."""
        return [(key, heading, [a for a in self.amendments if a.section == key])
                for key, heading in SECTIONS.items()
                if any(a.section == key for a in self.amendments)]


@dataclass(frozen=True)
class Participant:
    """An organisation that took part, with what it contributed to the speerpunten in scope."""

    name: str
    tier: Tier
    region: str
    amendments: int = 0
    supports: int = 0
    comments: int = 0
    responses: int = 0


@dataclass(frozen=True)
class Report:
    slug: str
    title: str
    speerpunten: list[ReportSpeerpunt]
    participants: list[Participant]
    generated_at: datetime

    @property
    def amendment_count(self) -> int:
        return sum(sp.amendment_count for sp in self.speerpunten)

    @property
    def status_counts(self) -> dict[str, int]:
        counts: Counter = Counter()
        for sp in self.speerpunten:
            counts.update(sp.status_counts)
        return _in_label_order(counts)

    @property
    def comment_total(self) -> int:
        return sum(sp.comment_total for sp in self.speerpunten)

    @property
    def all_adopted(self) -> bool:
        return bool(self.speerpunten) and all(sp.adopted for sp in self.speerpunten)

    def participants_by_tier(self) -> list[tuple[Tier, list[Participant]]]:
        return [(tier, [p for p in self.participants if p.tier == tier]) for tier in Tier
                if any(p.tier == tier for p in self.participants)]


def decision_label(status: AmendmentStatus, modified: bool) -> str:
    if status == AmendmentStatus.ACCEPTED and modified:
        return "Overgenomen met wijzigingen"
    return DECISION_LABELS[status]


LABEL_ORDER = ["In behandeling", "Overgenomen", "Overgenomen met wijzigingen",
               "Niet overgenomen", "Ingetrokken door de indiener"]


def _in_label_order(counts: Counter) -> dict[str, int]:
    return {label: counts[label] for label in LABEL_ORDER if counts[label]}


@dataclass(frozen=True)
class Scope:
    """The speerpunten a report covers, as plain values that outlive the request's session."""

    slug: str
    title: str
    speerpunten: list[tuple[int, str, str]]  # (id, slug, title) in agenda order

    @property
    def ids(self) -> list[int]:
        return [sp_id for sp_id, _slug, _title in self.speerpunten]


def report_scope(user: User | None, slug: str) -> Scope:
    """The speerpunten of one report: one speerpunt the user may see (NotFound otherwise), or
    for `all` every speerpunt the user may see."""
    if slug == ALL:
        speerpunten = speerpunt_queries.visible_speerpunten(user)
        return Scope(slug=ALL, title="Gemeenschappelijke Integratieagenda",
                     speerpunten=[(sp.id, sp.slug, sp.title) for sp in speerpunten])
    speerpunt = speerpunt_queries.get_visible_speerpunt(user, slug)
    return Scope(slug=speerpunt.slug, title=speerpunt.title,
                 speerpunten=[(speerpunt.id, speerpunt.slug, speerpunt.title)])


def _report_amendment(amendment: Amendment, titles: dict[int, tuple[str, str]],
                      base_text: str | None = None) -> ReportAmendment:
    slug, title = titles[amendment.speerpunt_id]
    return ReportAmendment(
        id=amendment.id, speerpunt_slug=slug, speerpunt_title=title,
        section=amendment.section, base_version=amendment.base_version,
        created_at=amendment.created_at, organisation=OrganisationRef.of(amendment.organisation),
        via_meeting=amendment.meeting_id is not None, text=amendment.text,
        rationale=amendment.rationale, status=amendment.status,
        decision_modified=amendment.decision_modified,
        decision_reason=amendment.decision_reason or "", decided_at=amendment.decided_at,
        result_version=amendment.result_version,
        supporters=[OrganisationRef.of(s.organisation) for s in amendment.supports],
        responses=[ReportResponse(organisation=OrganisationRef.of(r.organisation),
                                  position=r.position, body=r.body, created_at=r.created_at)
                   for r in amendment.responses],
        base_text=base_text,
    )


def _in_report_order(speerpunt_ids: list[int]):
    return (select(Amendment, Speerpunt.position)
            .join(Speerpunt, Speerpunt.id == Amendment.speerpunt_id)
            .where(Amendment.speerpunt_id.in_(speerpunt_ids))
            .order_by(Speerpunt.position, Amendment.id))


def report_chunk(scope: Scope, after: tuple[int, int] | None = None,
                 chunk_size: int = CHUNK_SIZE
                 ) -> tuple[list[ReportAmendment], tuple[int, int] | None]:
    """The next `chunk_size` amendments in scope after the key `after`, in agenda order, with
    the key to continue from (None when this was the last chunk).

    Paging is by key (the last position and id seen) rather than by offset, so that each
    chunk is one range query however far into the report it is, and the three queries per
    chunk do not grow with the number of supports or responses.
    """
    titles = {sp_id: (slug, title) for sp_id, slug, title in scope.speerpunten}
    statement = _in_report_order(scope.ids).options(*REPORT_LOAD).limit(chunk_size)
    if after is not None:
        position, amendment_id = after
        statement = statement.where(or_(
            Speerpunt.position > position,
            and_(Speerpunt.position == position, Amendment.id > amendment_id)))
    rows = db.session.execute(statement).all()
    converted = [_report_amendment(amendment, titles) for amendment, _position in rows]
    following = (rows[-1][1], rows[-1][0].id) if len(rows) == chunk_size else None
    return converted, following


def _comment_counts(ids: list[int]) -> dict[int, dict[str, CommentCount]]:
    """Comments per speerpunt and section, replies and comments on amendments included; the
    ones a moderator hid are counted apart."""
    raw: dict[tuple[int, str], dict[CommentStatus, int]] = {}
    for speerpunt_id, section, status, count in db.session.execute(
        select(Comment.speerpunt_id, Comment.section, Comment.status, func.count())
        .where(Comment.speerpunt_id.in_(ids))
        .group_by(Comment.speerpunt_id, Comment.section, Comment.status)
    ).all():
        raw.setdefault((speerpunt_id, section), {})[CommentStatus(status)] = count
    return {
        sp_id: {
            key: CommentCount(visible=raw.get((sp_id, key), {}).get(CommentStatus.VISIBLE, 0),
                              hidden=raw.get((sp_id, key), {}).get(CommentStatus.HIDDEN, 0))
            for key in SECTIONS
        }
        for sp_id in ids
    }


def _participants(ids: list[int]) -> list[Participant]:
    """Organisations that proposed, supported, commented or responded on these speerpunten.

    Comments a moderator hid do not make an organisation a participant.
    """
    in_scope = Amendment.speerpunt_id.in_(ids)
    contributions: dict[int, Counter] = {}

    def add(kind: str, statement) -> None:
        for organisation_id, count in db.session.execute(statement).all():
            contributions.setdefault(organisation_id, Counter())[kind] += count

    add("amendments", select(Amendment.organisation_id, func.count())
        .where(in_scope).group_by(Amendment.organisation_id))
    add("supports", select(Support.organisation_id, func.count())
        .join(Amendment, Amendment.id == Support.amendment_id)
        .where(in_scope).group_by(Support.organisation_id))
    add("responses", select(Response.organisation_id, func.count())
        .join(Amendment, Amendment.id == Response.amendment_id)
        .where(in_scope).group_by(Response.organisation_id))
    add("comments", select(Comment.organisation_id, func.count())
        .where(Comment.speerpunt_id.in_(ids), Comment.status == CommentStatus.VISIBLE)
        .group_by(Comment.organisation_id))
    if not contributions:
        return []
    organisations = db.session.execute(
        select(Organisation).where(Organisation.id.in_(list(contributions)))
        .options(joinedload(Organisation.region))
    ).scalars()
    participants = [
        Participant(name=org.name, tier=org.tier, region=org.region.name if org.region else "",
                    **contributions[org.id])
        for org in organisations
    ]
    return sorted(participants, key=lambda p: (list(Tier).index(p.tier), p.name))


def collect_report(user: User | None, scope: Scope) -> Report:
    """The consultation report of the speerpunten in scope, held in memory in full (for the
    PDF; the CSV streams chunk by chunk with `report_chunk` instead)."""
    ids = scope.ids
    # The versions amendments were written on, each once, for the word diffs.
    base_ids = (select(Version.id)
                .join(Amendment, and_(Amendment.speerpunt_id == Version.speerpunt_id,
                                      Amendment.base_version == Version.number))
                .where(Amendment.speerpunt_id.in_(ids)))
    bases = {(v.speerpunt_id, v.number): v for v in db.session.execute(
        select(Version).where(Version.id.in_(base_ids))).scalars()}
    titles = {sp_id: (slug, title) for sp_id, slug, title in scope.speerpunten}
    amendments: dict[int, list[ReportAmendment]] = {sp_id: [] for sp_id in ids}
    for amendment, _position in db.session.execute(
            _in_report_order(ids).options(*REPORT_LOAD)).all():
        base = bases.get((amendment.speerpunt_id, amendment.base_version))
        amendments[amendment.speerpunt_id].append(_report_amendment(
            amendment, titles, base.section(amendment.section) if base else None))
    return _report(scope, {sp_id: Counter(a.decision_label for a in listed)
                           for sp_id, listed in amendments.items()}, amendments)


# --- the report in parts, for long reports ------------------------------------------------

def collect_report_outline(scope: Scope) -> Report:
    """The report without its amendments: what the front matter and the participants need
    (the amendments are counted in the database), in queries that do not grow with them."""
    ids = scope.ids
    counts: dict[int, Counter] = {sp_id: Counter() for sp_id in ids}
    for sp_id, status, modified, count in db.session.execute(
        select(Amendment.speerpunt_id, Amendment.status, Amendment.decision_modified,
               func.count())
        .where(Amendment.speerpunt_id.in_(ids))
        .group_by(Amendment.speerpunt_id, Amendment.status, Amendment.decision_modified)
    ).all():
        counts[sp_id][decision_label(AmendmentStatus(status), bool(modified))] += count
    return _report(scope, counts)


def _report(scope: Scope, counts: dict[int, Counter],
            amendments: dict[int, list[ReportAmendment]] | None = None) -> Report:
    """The report of a scope from its amendments' decision labels counted per speerpunt,
    with the amendments themselves where the report holds them."""
    ids = scope.ids
    speerpunten = {
        sp.id: sp for sp in db.session.execute(
            select(Speerpunt).where(Speerpunt.id.in_(ids))
            .options(selectinload(Speerpunt.responsible_organisations))
        ).scalars()
    }
    comment_counts = _comment_counts(ids)
    items = []
    for sp_id, slug, title in scope.speerpunten:
        sp = speerpunten[sp_id]
        items.append(ReportSpeerpunt(
            slug=slug, title=title, phase=sp.effective_phase, version=sp.current_version,
            responsible=[org.name for org in sp.responsible_organisations],
            comment_counts=comment_counts[sp_id], amendment_count=sum(counts[sp_id].values()),
            status_counts=_in_label_order(counts[sp_id]),
            amendments=(amendments or {}).get(sp_id, []),
        ))
    return Report(slug=scope.slug, title=scope.title, speerpunten=items,
                  participants=_participants(ids), generated_at=utcnow())


def report_amendments(scope: Scope, speerpunt_id: int,
                      chunk_size: int = CHUNK_SIZE) -> Iterator[ReportAmendment]:
    """One speerpunt's amendments as the report lists them (section by section in agenda
    order, oldest first), each with the text of the version it was written on; read from the
    database a chunk at a time, so that only one chunk is held at once."""
    titles = {sp_id: (slug, title) for sp_id, slug, title in scope.speerpunten}
    for section in SECTIONS:
        after = 0
        while True:
            chunk = db.session.execute(
                select(Amendment)
                .where(Amendment.speerpunt_id == speerpunt_id, Amendment.section == section,
                       Amendment.id > after)
                .order_by(Amendment.id).limit(chunk_size).options(*REPORT_LOAD)
            ).scalars().all()
            if not chunk:
                break
            bases = {version.number: version.section(section) for version in db.session.execute(
                select(Version).where(
                    Version.speerpunt_id == speerpunt_id,
                    Version.number.in_({a.base_version for a in chunk}))).scalars()}
            # Converted before the first is handed out: the caller may commit in between,
            # which would expire the rows still to come.
            converted = [_report_amendment(a, titles, bases.get(a.base_version)) for a in chunk]
            after = chunk[-1].id
            yield from converted
            if len(converted) < chunk_size:
                break
