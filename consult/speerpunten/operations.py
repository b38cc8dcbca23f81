"""Rules for speerpunten: creating them, writing new versions, moving phases."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext, lazy_gettext
from flask_babel.speaklater import LazyString

from consult.accounts.models import User
from consult.audit.operations import record
from consult.core.database import lock_row
from consult.core.links import path_for
from consult.core.errors import Conflict, Forbidden, PhaseClosed, StaleVersion, ValidationFailed
from consult.core.text import check_length, normalise_text
from consult.core.types import utcnow
from consult.extensions import db
from consult.notifications.operations import notify_followers
from consult.organisations.models import Organisation, Tier
from consult.speerpunten.models import (
    FIRST_VERSION_SUMMARY,
    SECTIONS,
    Phase,
    Responsibility,
    Speerpunt,
    Version,
)

MAX_SECTION_LENGTH = 100_000
MAX_SUMMARY_LENGTH = 500


def create_speerpunt(
    *,
    slug: str,
    title: str,
    position: int,
    sections: dict[str, str],
    author: User | None,
    phase: Phase = Phase.CONCEPT,
    summary: str = FIRST_VERSION_SUMMARY,
) -> Speerpunt:
    """Create a speerpunt with its version 1 holding all four sections."""
    missing = [key for key in SECTIONS if not sections.get(key, "").strip()]
    if missing:
        raise ValidationFailed(fields={key: gettext("Deze sectie is leeg.") for key in missing})
    speerpunt = Speerpunt(slug=slug, title=title, position=position, phase=phase)
    db.session.add(speerpunt)
    db.session.flush()
    add_version(speerpunt, sections, author=author, summary=summary)
    return speerpunt


def add_version(
    speerpunt: Speerpunt,
    sections: dict[str, str],
    *,
    author: User | None,
    summary: str,
    organisation: Organisation | None = None,
    amendment_id: int | None = None,
    changed_sections: list[str] | None = None,
) -> Version:
    """Write the next version of a speerpunt.

    The caller must hold the speerpunt locked (see `locked`) when a previous version exists,
    so that two writers never take the same number.
    """
    number = speerpunt.current_version + 1
    version = Version(
        speerpunt_id=speerpunt.id,
        number=number,
        author=author,
        organisation=organisation or (author.organisation if author else None),
        summary=summary.strip()[:MAX_SUMMARY_LENGTH],
        amendment_id=amendment_id,
        changed_sections=",".join(changed_sections or []),
        **{key: sections[key] for key in SECTIONS},
    )
    db.session.add(version)
    speerpunt.current_version = number
    db.session.flush()
    if number > 1:
        notify_followers(
            "speerpunt", speerpunt.id, "speerpunt.version",
            lazy_gettext("Er is een nieuwe versie (%(number)s) van %(speerpunt)s: %(summary)s",
                         number=number, speerpunt=speerpunt.title,
                         summary=LazyString(lambda: version.summary_text)),
            path_for("speerpunten.diff", slug=speerpunt.slug, van=number - 1, tot=number),
            except_user_id=author.id if author else None,
        )
    return version


def locked(speerpunt: Speerpunt) -> Speerpunt:
    """Re-read a speerpunt with a write lock, for a change that depends on its current version."""
    return lock_row(Speerpunt, speerpunt.id)


def assign_responsibility(
    speerpunt: Speerpunt, organisation: Organisation, actor: User | None = None
) -> bool:
    """Make a ministry (tier rijk) responsible for a speerpunt; False if it already was."""

    if organisation.tier != Tier.RIJK:
        raise ValidationFailed(
            gettext("Alleen een organisatie van het rijk kan verantwoordelijk zijn voor een "
                    "speerpunt."),
            fields={"org": gettext("Kies een ministerie (bestuurslaag rijk).")},
        )
    if db.session.get(Responsibility, (speerpunt.id, organisation.id)) is not None:
        return False
    db.session.add(Responsibility(speerpunt_id=speerpunt.id, organisation_id=organisation.id,
                                  organisation_tier=organisation.tier.value))
    db.session.flush()
    if actor is not None:
        record(actor, "responsibility.assign", f"speerpunt:{speerpunt.slug}",
               organisation=organisation.slug)
    db.session.expire(speerpunt, ["responsible_organisations"])
    return True


def withdraw_responsibility(
    speerpunt: Speerpunt, organisation: Organisation, actor: User | None = None
) -> bool:
    """End a ministry's responsibility for a speerpunt; False if it had none."""

    responsibility = db.session.get(Responsibility, (speerpunt.id, organisation.id))
    if responsibility is None:
        return False
    db.session.delete(responsibility)
    db.session.flush()
    if actor is not None:
        record(actor, "responsibility.withdraw", f"speerpunt:{speerpunt.slug}",
               organisation=organisation.slug)
    db.session.expire(speerpunt, ["responsible_organisations"])
    return True


# Phase moves a moderator may make; anything else is a conflict.
# A closing date further away is a typing error (and far enough out, not storable in UTC).
MAX_OPEN_PERIOD = timedelta(days=2 * 366)

ALLOWED_PHASE_MOVES = {
    (Phase.CONCEPT, Phase.OPEN),
    (Phase.OPEN, Phase.PROCESSING),
    (Phase.PROCESSING, Phase.OPEN),
    (Phase.PROCESSING, Phase.ADOPTED),
}


def change_phase(
    actor: User, speerpunt: Speerpunt, phase: str, *, closes_at: datetime | None = None
) -> Speerpunt:
    """Move a speerpunt to another phase along the allowed moves; an open phase may get a
    closing date after which it behaves as processing."""
    if actor is None or not actor.is_moderator:
        raise Forbidden(gettext("Alleen moderatoren wijzigen de fase."))
    try:
        target = Phase(phase)
    except ValueError as exc:
        raise ValidationFailed(
            fields={"phase": gettext("Kies concept, open, processing of adopted.")}) from exc
    if closes_at is not None:
        if closes_at.tzinfo is None:
            raise ValidationFailed(
                fields={"closes_at": gettext("Geef een tijdstip met tijdzone.")})
        if target != Phase.OPEN:
            raise ValidationFailed(
                fields={"closes_at": gettext("Alleen een open fase heeft een sluitdatum.")})
        now = utcnow()
        if closes_at <= now:
            raise ValidationFailed(
                fields={"closes_at": gettext("De sluitdatum moet in de toekomst liggen.")})
        if closes_at > now + MAX_OPEN_PERIOD:
            raise ValidationFailed(fields={"closes_at": gettext(
                "De sluitdatum ligt te ver weg; kies een datum binnen twee jaar.")})
    speerpunt = locked(speerpunt)
    # A speerpunt whose open phase ran out is in processing for every rule, also this one.
    source = speerpunt.effective_phase
    if target == Phase.OPEN and source == Phase.OPEN and closes_at is not None:
        pass  # setting or moving the closing date of an open phase
    elif (source, target) not in ALLOWED_PHASE_MOVES:
        raise Conflict(gettext("Van fase %(source)s naar %(target)s is niet toegestaan.",
                               source=source.value, target=target.value))
    speerpunt.phase = target
    speerpunt.closes_at = closes_at if target == Phase.OPEN else None
    record(actor, "speerpunt.phase", f"speerpunt:{speerpunt.slug}",
           **{"from": source.value, "to": target.value,
              "closes_at": closes_at.isoformat() if closes_at else None})
    db.session.flush()
    return speerpunt


def edit_section(
    actor: User, speerpunt: Speerpunt, *, section: str, text: str, base_version: int,
    summary: str,
) -> Version:
    """A moderator edits a section directly, writing a new version; refused when the edit was
    based on a version that is no longer current."""
    if actor is None or not actor.is_moderator:
        raise Forbidden(gettext("Alleen moderatoren bewerken de tekst direct."))
    fields: dict[str, str] = {}
    if section not in SECTIONS:
        fields["section"] = gettext("Onbekende sectie; kies uit %(sections)s.",
                                    sections=", ".join(SECTIONS))
    text = normalise_text(text)
    summary = normalise_text(summary)
    check_length(text, "text", minimum=1, maximum=MAX_SECTION_LENGTH, fields=fields)
    check_length(summary, "summary", minimum=1, maximum=MAX_SUMMARY_LENGTH, fields=fields)
    if base_version < 1:
        fields["base_version"] = gettext("Geef de versie waarop de bewerking is gebaseerd.")
    if fields:
        raise ValidationFailed(fields=fields)
    speerpunt = locked(speerpunt)
    if speerpunt.effective_phase == Phase.ADOPTED:
        raise PhaseClosed(gettext("Een vastgesteld speerpunt wordt niet meer bewerkt."))
    if base_version != speerpunt.current_version:
        raise StaleVersion(
            gettext("U bewerkte versie %(number)s, maar de huidige versie is %(current)s. "
                    "Bekijk de wijzigingen en probeer opnieuw.", number=base_version,
                    current=speerpunt.current_version),
            extra={"current_version": speerpunt.current_version},
        )
    current = db.session.execute(Version.of(speerpunt, speerpunt.current_version)).scalar_one()
    if current.section(section) == text:
        raise ValidationFailed(fields={"text": gettext("De tekst is niet gewijzigd.")})
    sections = current.sections
    sections[section] = text
    version = add_version(speerpunt, sections, author=actor, summary=summary,
                          changed_sections=[section])
    record(actor, "speerpunt.edit", f"speerpunt:{speerpunt.slug}", reason=summary,
           section=section, version=version.number)
    return version


def set_response_term(actor: User, speerpunt: Speerpunt, days: int) -> Speerpunt:
    """A moderator sets how many days the ministries have to respond to an amendment."""
    if actor is None or not actor.is_moderator:
        raise Forbidden(gettext("Alleen moderatoren stellen de reactietermijn in."))
    if not 1 <= days <= 365:
        raise ValidationFailed(fields={"days": gettext("Tussen 1 en 365 dagen.")})
    before = speerpunt.response_term_days
    speerpunt.response_term_days = days
    record(actor, "speerpunt.response_term", f"speerpunt:{speerpunt.slug}",
           **{"from": before, "to": days})
    return speerpunt
