"""Rules for amendments: proposing, supporting, responding, withdrawing and deciding."""

from __future__ import annotations

from flask_babel import gettext, lazy_gettext
from flask_babel.speaklater import LazyString
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from consult.accounts.models import User
from consult.amendments import permissions
from consult.amendments.models import Amendment, AmendmentStatus, Position, Response, Support
from consult.audit.operations import record
from consult.core.database import lock_row
from consult.core.errors import (
    Conflict,
    Forbidden,
    MergeConflict,
    PhaseClosed,
    ValidationFailed,
)
from consult.core.links import path_for
from consult.core.text import check_length, normalise_text
from consult.core.types import utcnow
from consult.extensions import db
from consult.notifications.operations import follow, notify
from consult.speerpunten import operations as speerpunten
from consult.speerpunten.models import SECTIONS, Phase, Speerpunt, Version, accepted_summary
from consult.speerpunten.revisions import revise
from consult.speerpunten.textdiff import merge_three_way

MAX_TEXT = speerpunten.MAX_SECTION_LENGTH
MAX_RATIONALE = 10_000
MAX_RESPONSE = 10_000
MAX_REASON = 10_000


def propose_amendment(
    actor: User,
    speerpunt: Speerpunt,
    *,
    section: str,
    base_version: int,
    text: str,
    rationale: str,
    meeting=None,
) -> Amendment:
    """Propose a new text for one section against an existing version, with a rationale,
    while the speerpunt is open; the text must differ from that version's."""
    fields: dict[str, str] = {}
    if section not in SECTIONS:
        fields["section"] = gettext("Onbekende sectie; kies uit %(sections)s.",
                                    sections=", ".join(SECTIONS))
    text = normalise_text(text)
    rationale = normalise_text(rationale)
    check_length(text, "text", minimum=1, maximum=MAX_TEXT, fields=fields)
    check_length(rationale, "rationale", minimum=1, maximum=MAX_RATIONALE, fields=fields)
    if not 1 <= base_version <= speerpunt.current_version:
        fields["base_version"] = gettext(
            "Versie %(number)s bestaat niet; de huidige versie is %(current)s.",
            number=base_version, current=speerpunt.current_version)
    elif section in SECTIONS and "text" not in fields:
        base = db.session.execute(Version.of(speerpunt, base_version)).scalar_one()
        if base.section(section) == text:
            fields["text"] = gettext("De voorgestelde tekst is gelijk aan de bestaande tekst.")
    if fields:
        raise ValidationFailed(fields=fields)
    if not permissions.can_propose(actor, speerpunt):
        raise PhaseClosed(gettext(
            "Wijzigingen voorstellen kan alleen zolang het speerpunt open staat."))
    if meeting is not None:
        from consult.meetings.operations import check_on_behalf

        check_on_behalf(actor, meeting, speerpunt)
    amendment = Amendment(
        meeting_id=meeting.id if meeting is not None else None,
        speerpunt_id=speerpunt.id, section=section, base_version=base_version, text=text,
        rationale=rationale, author=actor, organisation_id=actor.organisation_id,
    )
    db.session.add(amendment)
    db.session.flush()
    follow(actor.id, "speerpunt", speerpunt.id)
    return amendment


def support(actor: User, amendment: Amendment, speerpunt: Speerpunt) -> bool:
    """Support someone else's pending amendment, at most once; False if already supported."""
    _check_supportable(actor, amendment, speerpunt)
    values = {"amendment_id": amendment.id, "user_id": actor.id,
              "organisation_id": actor.organisation_id, "created_at": utcnow()}
    # INSERT ... ON CONFLICT DO NOTHING: concurrent identical requests give one support.
    insert = pg_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    inserted = db.session.execute(
        insert(Support).values(**values).on_conflict_do_nothing(
            index_elements=["amendment_id", "user_id"]
        ).returning(Support.user_id)
    ).first()
    db.session.expire(amendment, ["supports"])
    if inserted is not None:
        revise(db.session, speerpunt.id)
    return inserted is not None


def withdraw_support(actor: User, amendment: Amendment, speerpunt: Speerpunt) -> None:
    """Take back one's support of a pending amendment."""
    _check_supportable(actor, amendment, speerpunt)
    db.session.execute(
        delete(Support).where(Support.amendment_id == amendment.id, Support.user_id == actor.id)
    )
    db.session.expire(amendment, ["supports"])
    revise(db.session, speerpunt.id)


def _check_supportable(actor: User, amendment: Amendment, speerpunt: Speerpunt) -> None:
    if amendment.author_id == actor.id:
        raise Conflict(gettext("U kunt uw eigen amendement niet steunen."))
    if speerpunt.effective_phase != Phase.OPEN:
        raise PhaseClosed(gettext("Steunen kan alleen zolang het speerpunt open staat."))
    if not amendment.is_pending:
        raise Conflict(gettext("Dit amendement is al afgehandeld."))


def respond(
    actor: User, amendment: Amendment, speerpunt: Speerpunt, *, position: str, body: str
) -> Response:
    """A member of a responsible ministry gives the formal response to a pending amendment."""
    if not permissions.is_responsible_ministry_member(actor, speerpunt):
        raise Forbidden(gettext(
            "Alleen een verantwoordelijk ministerie reageert formeel op dit speerpunt."))
    fields: dict[str, str] = {}
    try:
        parsed = Position(position)
    except ValueError:
        fields["position"] = gettext("Kies support, partial of oppose.")
    body = normalise_text(body)
    check_length(body, "body", minimum=1, maximum=MAX_RESPONSE, fields=fields)
    if fields:
        raise ValidationFailed(fields=fields)
    if speerpunt.effective_phase not in permissions.DECISION_PHASES:
        raise PhaseClosed(gettext("In deze fase zijn geen reacties meer mogelijk."))
    if not amendment.is_pending:
        raise Conflict(gettext("Dit amendement is al afgehandeld."))
    response = Response(
        amendment=amendment, position=parsed, body=body, author=actor,
        organisation_id=actor.organisation_id, organisation_tier=actor.organisation.tier.value,
    )
    db.session.add(response)
    db.session.flush()
    notify(amendment.author_id, "amendment.response",
           lazy_gettext("%(organisation)s reageerde op uw amendement %(id)s bij %(speerpunt)s: "
                        "%(position)s.", organisation=actor.organisation.name,
                        id=amendment.id, speerpunt=speerpunt.title,
                        # In the language of the author, who reads it.
                        position=LazyString(lambda: parsed.label.lower())),
           path_for("amendments.detail", amendment_id=amendment.id))
    return response


def withdraw(actor: User, amendment: Amendment) -> Amendment:
    """The author withdraws their own pending amendment."""
    if amendment.author_id != actor.id:
        raise Forbidden(gettext("Alleen de indiener kan een amendement intrekken."))
    if not amendment.is_pending:
        raise Conflict(gettext("Dit amendement is al afgehandeld."))
    amendment.status = AmendmentStatus.WITHDRAWN
    amendment.decided_at = utcnow()
    db.session.flush()
    return amendment


def decide(
    actor: User,
    amendment: Amendment,
    speerpunt: Speerpunt,
    *,
    decision: str,
    reason: str = "",
    text: str | None = None,
) -> Amendment:
    """A moderator accepts or rejects a pending amendment. Accepting writes the next version:
    the amendment's change merged word by word into the current text (or the moderator's
    own text); overlapping changes are refused as a merge conflict."""
    if actor is None or not actor.is_moderator:
        raise Forbidden(gettext("Alleen moderatoren besluiten over amendementen."))
    fields: dict[str, str] = {}
    if decision not in ("accept", "reject"):
        fields["decision"] = gettext("Kies accept of reject.")
    reason = normalise_text(reason or "")
    if len(reason) > MAX_REASON:
        fields["reason"] = gettext("Hooguit %(maximum)s tekens.", maximum=MAX_REASON)
    elif decision == "reject" and not reason:
        fields["reason"] = gettext("Geef een reden waarom het amendement niet wordt overgenomen.")
    if text is not None:
        if decision == "reject":
            fields["text"] = gettext("Een tekst hoort alleen bij overnemen.")
        text = normalise_text(text)
        check_length(text, "text", minimum=1, maximum=MAX_TEXT, fields=fields)
    if fields:
        raise ValidationFailed(fields=fields)

    # Every change to a speerpunt's text takes this lock first, so decisions racing from
    # several processes are applied one after the other, each on the newest version.
    speerpunt = lock_row(Speerpunt, speerpunt.id)
    amendment = lock_row(Amendment, amendment.id)
    if speerpunt.effective_phase not in permissions.DECISION_PHASES:
        raise PhaseClosed(gettext("In deze fase worden geen besluiten meer genomen."))
    if not amendment.is_pending:
        raise Conflict(gettext("Over dit amendement is al besloten."))

    if decision == "reject":
        _record_decision(amendment, actor, reason, AmendmentStatus.REJECTED)
        db.session.flush()
        record(actor, "amendment.reject", f"amendment:{amendment.id}", reason=reason,
               speerpunt=speerpunt.slug)
        notify(amendment.author_id, "amendment.decided",
               lazy_gettext("Uw amendement %(id)s bij %(speerpunt)s is niet overgenomen. "
                            "Reden: %(reason)s", id=amendment.id, speerpunt=speerpunt.title,
                            reason=reason),
               path_for("amendments.detail", amendment_id=amendment.id))
        return amendment

    current = db.session.execute(Version.of(speerpunt, speerpunt.current_version)).scalar_one()
    if text is not None:
        new_text, modified = text, True
    else:
        base = db.session.execute(Version.of(speerpunt, amendment.base_version)).scalar_one()
        merged = merge_three_way(
            base.section(amendment.section), current.section(amendment.section), amendment.text
        )
        if not merged.ok:
            raise MergeConflict(
                gettext("De wijziging overlapt met een latere wijziging van dezelfde tekst. "
                        "Los het conflict op door de tekst zelf vast te stellen."),
                extra={"conflicts": [
                    {"base": c.base, "current": c.current, "proposed": c.proposed,
                     "before": c.before, "after": c.after}
                    for c in merged.conflicts
                ], "current_version": current.number},
            )
        new_text, modified = merged.text, False
    sections = current.sections
    sections[amendment.section] = new_text
    version = speerpunten.add_version(
        speerpunt, sections, author=amendment.author, organisation=amendment.organisation,
        summary=accepted_summary(amendment.id, modified), amendment_id=amendment.id,
        changed_sections=[amendment.section],
    )
    _record_decision(amendment, actor, reason, AmendmentStatus.ACCEPTED,
                     result_version=version.number, modified=modified)
    db.session.flush()
    record(actor, "amendment.accept", f"amendment:{amendment.id}", reason=reason,
           speerpunt=speerpunt.slug, version=version.number, modified=modified)
    if modified:
        message = lazy_gettext("Uw amendement %(id)s bij %(speerpunt)s is overgenomen met "
                               "wijzigingen in versie %(version)s.", id=amendment.id,
                               speerpunt=speerpunt.title, version=version.number)
    else:
        message = lazy_gettext("Uw amendement %(id)s bij %(speerpunt)s is overgenomen in versie "
                               "%(version)s.", id=amendment.id, speerpunt=speerpunt.title,
                               version=version.number)
    notify(amendment.author_id, "amendment.decided", message,
           path_for("amendments.detail", amendment_id=amendment.id))
    return amendment


def _record_decision(
    amendment: Amendment, actor: User, reason: str, status: AmendmentStatus, *,
    result_version: int | None = None, modified: bool = False,
) -> None:
    # All facts of a decision change together: the database checks them as one.
    amendment.status = status
    amendment.decided_at = utcnow()
    amendment.decided_by_id = actor.id
    amendment.decision_reason = reason
    amendment.result_version = result_version
    amendment.decision_modified = modified


def waiting_for_response(organisation_id: int):
    """Pending amendments on speerpunten this ministry is responsible for, without a response
    from it yet, oldest first."""
    from consult.speerpunten.models import Responsibility

    responded = select(Response.amendment_id).where(Response.organisation_id == organisation_id)
    return (
        select(Amendment)
        .join(Responsibility, Responsibility.speerpunt_id == Amendment.speerpunt_id)
        .where(
            Responsibility.organisation_id == organisation_id,
            Amendment.status == AmendmentStatus.PENDING,
            Amendment.id.not_in(responded),
        )
        .order_by(Amendment.created_at, Amendment.id)
    )
