"""The figures of the alignment dashboard (afstemmingsmonitor), as plain data.

What counts: only what every signed-in participant can see. A speerpunt in the concept
phase is seen by moderators alone, and a hidden comment's text by moderators alone; both
are left out for everyone, moderators included, so that the dashboard shows the same
figures to all and never reveals, through a count, input that someone may not see.
Amendments count in every status (a withdrawn proposal was input all the same), supports
and formal responses count when their amendment counts, and endorsements when their
speerpunt does.

`load_figures` reads everything in a fixed number of GROUP BY queries, at the grain of
organisation and speerpunt (and amendment where a table is per amendment); the
functions below it roll that up in Python. The number of queries therefore does not
depend on the amount of activity.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from sqlalchemy import func, select

from consult.amendments.models import Amendment, AmendmentStatus, Response, Support
from consult.amendments.queries import response_due
from consult.comments.models import Comment, CommentStatus
from consult.core.types import utcnow
from consult.endorsements.models import Endorsement
from consult.extensions import db
from consult.organisations.models import Organisation, Region, SizeClass, Tier
from consult.speerpunten.models import Phase, Responsibility, Speerpunt

# The one visibility rule of the dashboard; see the module docstring.
SPEERPUNT_COUNTS = Speerpunt.phase != Phase.CONCEPT

TIERS: tuple[Tier, ...] = tuple(Tier)
SECONDS_PER_DAY = 86_400


@dataclass(frozen=True)
class OrganisationInfo:
    id: int
    name: str
    tier: Tier
    region: str | None
    region_position: int | None
    size_class: SizeClass | None


@dataclass(frozen=True)
class SpeerpuntInfo:
    id: int
    slug: str
    title: str
    # response_due() reads this name, so the ministries' term is computed by the same rule.
    response_term_days: int
    ministries: tuple[int, ...]


@dataclass(frozen=True)
class AmendmentInfo:
    id: int
    speerpunt_id: int
    section: str
    organisation_id: int
    status: AmendmentStatus
    modified: bool
    # response_due() reads this name.
    created_at: datetime


@dataclass
class Figures:
    """Everything the dashboard shows, read from the database in eight queries."""

    organisations: dict[int, OrganisationInfo]
    speerpunten: list[SpeerpuntInfo]
    # (organisation id, speerpunt id) -> visible comments
    comments: dict[tuple[int, int], int]
    amendments: list[AmendmentInfo]
    # (amendment id, organisation id) -> supporting people of that organisation
    supports: dict[tuple[int, int], int]
    # (amendment id, ministry id) -> the ministry's first formal response
    first_responses: dict[tuple[int, int], datetime]
    # organisation id -> endorsed speerpunten
    endorsements: dict[int, int]
    now: datetime = field(default_factory=utcnow)

    # Cached: the tables read these again and again, and at national scale each is
    # thousands of entries.
    @cached_property
    def speerpunt_by_id(self) -> dict[int, SpeerpuntInfo]:
        return {sp.id: sp for sp in self.speerpunten}

    @cached_property
    def amendment_by_id(self) -> dict[int, AmendmentInfo]:
        return {a.id: a for a in self.amendments}

    @cached_property
    def contribution_rows(self) -> list[tuple[int, int, str, int]]:
        return contributions(self)

    def next_change(self) -> datetime | None:
        """When the figures change with nothing written: the first moment after `now` that
        a pending amendment becomes overdue for a ministry that has not responded."""
        speerpunten = self.speerpunt_by_id
        upcoming = [
            due for amendment in self.amendments
            if amendment.status == AmendmentStatus.PENDING
            and (due := response_due(amendment, speerpunten[amendment.speerpunt_id])) >= self.now
            and any((amendment.id, org_id) not in self.first_responses
                    for org_id in speerpunten[amendment.speerpunt_id].ministries)]
        return min(upcoming, default=None)


def revisions() -> tuple[tuple[int, int], ...]:
    """The revision of every speerpunt: together they move with every change the figures
    count (consult/speerpunten/revisions.py), organisations and regions included."""
    return tuple(db.session.execute(
        select(Speerpunt.id, Speerpunt.revision).order_by(Speerpunt.id)).tuples())


def load_figures(now: datetime | None = None) -> Figures:
    """Read the dashboard's figures: eight queries, whatever the amount of activity."""
    organisations = {
        row.id: OrganisationInfo(row.id, row.name, row.tier, row.region, row.region_position,
                                 row.size_class)
        for row in db.session.execute(
            select(Organisation.id, Organisation.name, Organisation.tier,
                   Organisation.size_class, Region.name.label("region"),
                   Region.position.label("region_position"))
            .outerjoin(Region, Region.id == Organisation.region_id)
        )
    }

    ministries: dict[int, list[int]] = defaultdict(list)
    speerpunt_rows = {}
    for row in db.session.execute(
        select(Speerpunt.id, Speerpunt.slug, Speerpunt.title, Speerpunt.response_term_days,
               Responsibility.organisation_id)
        .outerjoin(Responsibility, Responsibility.speerpunt_id == Speerpunt.id)
        .where(SPEERPUNT_COUNTS)
        .order_by(Speerpunt.position, Responsibility.organisation_id)
    ):
        speerpunt_rows.setdefault(row.id, row)
        if row.organisation_id is not None:
            ministries[row.id].append(row.organisation_id)
    speerpunten = [
        SpeerpuntInfo(row.id, row.slug, row.title, row.response_term_days,
                      tuple(ministries[row.id]))
        for row in speerpunt_rows.values()
    ]

    comments = {
        (row.organisation_id, row.speerpunt_id): row.n
        for row in db.session.execute(
            select(Comment.organisation_id, Comment.speerpunt_id, func.count().label("n"))
            .join(Speerpunt, Speerpunt.id == Comment.speerpunt_id)
            .where(SPEERPUNT_COUNTS, Comment.status == CommentStatus.VISIBLE)
            .group_by(Comment.organisation_id, Comment.speerpunt_id)
        )
    }

    amendments = [
        AmendmentInfo(row.id, row.speerpunt_id, row.section, row.organisation_id, row.status,
                      row.decision_modified, row.created_at)
        for row in db.session.execute(
            select(Amendment.id, Amendment.speerpunt_id, Amendment.section,
                   Amendment.organisation_id, Amendment.status, Amendment.decision_modified,
                   Amendment.created_at)
            .join(Speerpunt, Speerpunt.id == Amendment.speerpunt_id)
            .where(SPEERPUNT_COUNTS)
            .order_by(Amendment.id)
        )
    ]

    supports = {
        (row.amendment_id, row.organisation_id): row.n
        for row in db.session.execute(
            select(Support.amendment_id, Support.organisation_id, func.count().label("n"))
            .join(Amendment, Amendment.id == Support.amendment_id)
            .join(Speerpunt, Speerpunt.id == Amendment.speerpunt_id)
            .where(SPEERPUNT_COUNTS)
            .group_by(Support.amendment_id, Support.organisation_id)
        )
    }

    first_responses = {
        (row.amendment_id, row.organisation_id): row.first
        for row in db.session.execute(
            select(Response.amendment_id, Response.organisation_id,
                   func.min(Response.created_at).label("first"))
            .join(Amendment, Amendment.id == Response.amendment_id)
            .join(Speerpunt, Speerpunt.id == Amendment.speerpunt_id)
            .where(SPEERPUNT_COUNTS)
            .group_by(Response.amendment_id, Response.organisation_id)
        )
    }

    endorsements = {
        row.organisation_id: row.n
        for row in db.session.execute(
            select(Endorsement.organisation_id, func.count().label("n"))
            .join(Speerpunt, Speerpunt.id == Endorsement.speerpunt_id)
            .where(SPEERPUNT_COUNTS)
            .group_by(Endorsement.organisation_id)
        )
    }
    return Figures(organisations, speerpunten, comments, amendments, supports,
                   first_responses, endorsements, now or utcnow())


# --- participation ------------------------------------------------------------------------

@dataclass(frozen=True)
class Participation:
    """Input from one group: how many organisations took part, and what they brought in."""

    key: Hashable
    organisations_active: int
    organisations_total: int
    comments: int
    amendments: int
    supports: int


def contributions(figures: Figures) -> list[tuple[int, int, str, int]]:
    """(organisation id, speerpunt id, kind, number) for comments, amendments and supports:
    an organisation is active where it has at least one of these."""
    rows = [(org, sp, "comments", n) for (org, sp), n in figures.comments.items()]
    amendments = Counter((a.organisation_id, a.speerpunt_id) for a in figures.amendments)
    rows += [(org, sp, "amendments", n) for (org, sp), n in amendments.items()]
    by_id = figures.amendment_by_id
    supports: Counter[tuple[int, int]] = Counter()
    for (amendment_id, org), n in figures.supports.items():
        supports[(org, by_id[amendment_id].speerpunt_id)] += n
    rows += [(org, sp, "supports", n) for (org, sp), n in supports.items()]
    return rows


# Returned by a grouping for contributions that fall outside its breakdown.
OUTSIDE = object()


def _participation(figures: Figures, keys: list[Hashable],
                   key_of: Callable[[OrganisationInfo, int], Hashable],
                   totals: Counter) -> list[Participation]:
    counts: dict[Hashable, Counter] = defaultdict(Counter)
    active: dict[Hashable, set[int]] = defaultdict(set)
    for org_id, speerpunt_id, kind, n in figures.contribution_rows:
        key = key_of(figures.organisations[org_id], speerpunt_id)
        if key is OUTSIDE:
            continue
        counts[key][kind] += n
        active[key].add(org_id)
    return [Participation(key, len(active[key]), totals[key], counts[key]["comments"],
                          counts[key]["amendments"], counts[key]["supports"]) for key in keys]


def participation_by_tier(figures: Figures) -> list[Participation]:
    totals = Counter(org.tier for org in figures.organisations.values())
    return _participation(figures, list(TIERS), lambda org, _sp: org.tier, totals)


# The key of the organisations without a region: the ministries and national partners.
NO_REGION = None


def regions(figures: Figures) -> list[str | None]:
    """Region names in their order, with None (national organisations) last."""
    named = {(org.region_position, org.region) for org in figures.organisations.values()
             if org.region is not None}
    result: list[str | None] = [name for _position, name in sorted(named)]
    if any(org.region is None for org in figures.organisations.values()):
        result.append(NO_REGION)
    return result


def participation_by_region(figures: Figures) -> list[Participation]:
    totals = Counter(org.region for org in figures.organisations.values())
    return _participation(figures, regions(figures), lambda org, _sp: org.region, totals)


UNKNOWN_SIZE = "onbekend"


def participation_by_size_class(figures: Figures) -> list[Participation]:
    """Municipalities only; a municipality without a size class counts as unknown."""
    municipalities = [org for org in figures.organisations.values() if org.tier == Tier.GEMEENTE]

    def key_of(org: OrganisationInfo, _sp: int) -> Hashable:
        if org.tier != Tier.GEMEENTE:
            return OUTSIDE
        return org.size_class or UNKNOWN_SIZE

    totals = Counter(key_of(org, 0) for org in municipalities)
    keys: list[Hashable] = list(SizeClass)
    if totals[UNKNOWN_SIZE]:
        keys.append(UNKNOWN_SIZE)
    return _participation(figures, keys, key_of, totals)


def participation_by_speerpunt(figures: Figures) -> list[Participation]:
    everyone = len(figures.organisations)
    totals = Counter({sp.id: everyone for sp in figures.speerpunten})
    return _participation(figures, [sp.id for sp in figures.speerpunten],
                          lambda _org, sp: sp, totals)


# --- endorsements, statuses and accepted changes per tier ---------------------------------

@dataclass(frozen=True)
class TierEndorsements:
    tier: Tier
    endorsements: int
    organisations_endorsing: int
    organisations_total: int


def endorsements_by_tier(figures: Figures) -> list[TierEndorsements]:
    endorsements: Counter[Tier] = Counter()
    endorsing: Counter[Tier] = Counter()
    totals = Counter(org.tier for org in figures.organisations.values())
    for org_id, n in figures.endorsements.items():
        tier = figures.organisations[org_id].tier
        endorsements[tier] += n
        endorsing[tier] += 1
    return [TierEndorsements(tier, endorsements[tier], endorsing[tier], totals[tier])
            for tier in TIERS]


@dataclass(frozen=True)
class TierStatuses:
    tier: Tier
    by_status: dict[AmendmentStatus, int]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


def amendments_by_status(figures: Figures) -> list[TierStatuses]:
    """Amendments per tier of the proposing organisation, by status."""
    counts = Counter((figures.organisations[a.organisation_id].tier, a.status)
                     for a in figures.amendments)
    return [TierStatuses(tier, {status: counts[(tier, status)] for status in AmendmentStatus})
            for tier in TIERS]


@dataclass(frozen=True)
class TierAccepted:
    tier: Tier
    accepted: int
    modified: int
    # Share of all accepted amendments, in per cent; None when nothing was accepted.
    share: float | None


def accepted_by_tier(figures: Figures) -> list[TierAccepted]:
    """Accepted amendments (the changes that made it into the text), per tier of the
    organisation that proposed them; `modified` of those were accepted with changes."""
    accepted = [a for a in figures.amendments if a.status == AmendmentStatus.ACCEPTED]
    counts = Counter(figures.organisations[a.organisation_id].tier for a in accepted)
    modified = Counter(figures.organisations[a.organisation_id].tier
                       for a in accepted if a.modified)
    return [TierAccepted(tier, counts[tier], modified[tier],
                         100 * counts[tier] / len(accepted) if accepted else None)
            for tier in TIERS]


# --- how broad the support is -------------------------------------------------------------

@dataclass(frozen=True)
class AmendmentSupport:
    """The supports of one amendment and the tiers they come from. The proposer's own tier
    is not a supporting tier: nobody can support their own amendment, and counting the
    proposer would make every proposal look supported by at least one tier."""

    amendment: AmendmentInfo
    proposer_tier: Tier
    supports: int
    organisations: int
    tiers: tuple[Tier, ...]


def support_per_amendment(figures: Figures) -> list[AmendmentSupport]:
    """Every amendment, most broadly supported first (tiers, then supports, then oldest)."""
    supporters: dict[int, Counter] = defaultdict(Counter)
    for (amendment_id, org_id), n in figures.supports.items():
        supporters[amendment_id][org_id] += n
    rows = []
    for amendment in figures.amendments:
        by_org = supporters[amendment.id]
        tiers = {figures.organisations[org_id].tier for org_id in by_org}
        rows.append(AmendmentSupport(
            amendment, figures.organisations[amendment.organisation_id].tier,
            sum(by_org.values()), len(by_org), tuple(t for t in TIERS if t in tiers)))
    rows.sort(key=lambda r: (-len(r.tiers), -r.supports, r.amendment.id))
    return rows


@dataclass(frozen=True)
class SpeerpuntSupport:
    speerpunt: SpeerpuntInfo
    amendments: int
    supported: int
    # Amendments with supports from two tiers or more: the alignment the agenda aims at.
    across_tiers: int
    tiers: tuple[Tier, ...]


def support_per_speerpunt(figures: Figures, per_amendment: list[AmendmentSupport] | None = None
                          ) -> list[SpeerpuntSupport]:
    """Rolled up from support_per_amendment, which a caller that has it already passes."""
    by_speerpunt: dict[int, list[AmendmentSupport]] = defaultdict(list)
    for row in per_amendment if per_amendment is not None else support_per_amendment(figures):
        by_speerpunt[row.amendment.speerpunt_id].append(row)
    rows = []
    for sp in figures.speerpunten:
        mine = by_speerpunt[sp.id]
        tiers = {tier for r in mine for tier in r.tiers}
        rows.append(SpeerpuntSupport(
            sp, len(mine), sum(1 for r in mine if r.supports),
            sum(1 for r in mine if len(r.tiers) >= 2), tuple(t for t in TIERS if t in tiers)))
    return rows


# --- the ministries' response times -------------------------------------------------------

@dataclass(frozen=True)
class MinistryResponses:
    """How fast a ministry gives its formal response: the median number of days from an
    amendment's submission to the ministry's first response to it (None without any
    response), and how many pending amendments on its speerpunten are past the response
    term without a response from it: the rule of the ministry's own overdue list."""

    organisation: OrganisationInfo
    speerpunten: tuple[SpeerpuntInfo, ...]
    responded: int
    median_days: float | None
    overdue: int


def response_times(figures: Figures) -> list[MinistryResponses]:
    """Every ministry responsible for a counted speerpunt or that responded, by name."""
    responsible: dict[int, list[SpeerpuntInfo]] = defaultdict(list)
    for sp in figures.speerpunten:
        for org_id in sp.ministries:
            responsible[org_id].append(sp)
    amendments = figures.amendment_by_id
    durations: dict[int, list[float]] = defaultdict(list)
    for (amendment_id, org_id), first in figures.first_responses.items():
        waited = first - amendments[amendment_id].created_at
        durations[org_id].append(waited.total_seconds() / SECONDS_PER_DAY)
    speerpunten = figures.speerpunt_by_id
    overdue: Counter[int] = Counter()
    for amendment in figures.amendments:
        if amendment.status != AmendmentStatus.PENDING:
            continue
        speerpunt = speerpunten[amendment.speerpunt_id]
        if response_due(amendment, speerpunt) >= figures.now:  # type: ignore[arg-type]
            continue
        for org_id in speerpunt.ministries:
            if (amendment.id, org_id) not in figures.first_responses:
                overdue[org_id] += 1
    ministries = [figures.organisations[org_id]
                  for org_id in set(responsible) | set(durations)]
    ministries.sort(key=lambda org: org.name)
    return [MinistryResponses(
        org, tuple(responsible[org.id]), len(durations[org.id]),
        statistics.median(durations[org.id]) if durations[org.id] else None, overdue[org.id])
        for org in ministries]


@dataclass(frozen=True)
class Totals:
    organisations_active: int
    organisations_total: int
    comments: int
    amendments: int
    supports: int
    endorsements: int


def totals(figures: Figures) -> Totals:
    rows = figures.contribution_rows
    by_kind: Counter[str] = Counter()
    for _org, _sp, kind, n in rows:
        by_kind[kind] += n
    return Totals(len({org for org, *_rest in rows}), len(figures.organisations),
                  by_kind["comments"], by_kind["amendments"], by_kind["supports"],
                  sum(figures.endorsements.values()))
