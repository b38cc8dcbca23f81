"""Rules for speerpunten: creating them, writing new versions, moving phases."""

from __future__ import annotations

from consult.accounts.models import User
from consult.core.database import lock_row
from consult.core.errors import ValidationFailed
from consult.extensions import db
from consult.organisations.models import Organisation, Tier
from consult.speerpunten.models import SECTIONS, Phase, Responsibility, Speerpunt, Version

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
    summary: str = "Eerste versie",
) -> Speerpunt:
    """Create a speerpunt with its version 1 holding all four sections."""
    missing = [key for key in SECTIONS if not sections.get(key, "").strip()]
    if missing:
        raise ValidationFailed(fields={key: "Deze sectie is leeg." for key in missing})
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
) -> Version:
    """Write the next version of a speerpunt under a row lock, so numbers never collide.

    The caller must hold the speerpunt locked (see lock_row) when a previous version exists.
    """
    number = speerpunt.current_version + 1
    version = Version(
        speerpunt_id=speerpunt.id,
        number=number,
        author=author,
        organisation=organisation or (author.organisation if author else None),
        summary=summary.strip()[:MAX_SUMMARY_LENGTH],
        **{key: sections[key] for key in SECTIONS},
    )
    db.session.add(version)
    speerpunt.current_version = number
    db.session.flush()
    return version


def locked(speerpunt: Speerpunt) -> Speerpunt:
    """Re-read a speerpunt with a write lock, for a change that depends on its current version."""
    return lock_row(Speerpunt, speerpunt.id)


def assign_responsibility(speerpunt: Speerpunt, organisation: Organisation) -> bool:
    """Make a ministry (tier rijk) responsible for a speerpunt; False if it already was."""

    if organisation.tier != Tier.RIJK:
        raise ValidationFailed(
            "Alleen een organisatie van het rijk kan verantwoordelijk zijn voor een speerpunt.",
            fields={"org": "Kies een ministerie (bestuurslaag rijk)."},
        )
    if db.session.get(Responsibility, (speerpunt.id, organisation.id)) is not None:
        return False
    db.session.add(Responsibility(speerpunt_id=speerpunt.id, organisation_id=organisation.id,
                                  organisation_tier=organisation.tier.value))
    db.session.flush()
    db.session.expire(speerpunt, ["responsible_organisations"])
    return True


def withdraw_responsibility(speerpunt: Speerpunt, organisation: Organisation) -> bool:
    """End a ministry's responsibility for a speerpunt; False if it had none."""

    responsibility = db.session.get(Responsibility, (speerpunt.id, organisation.id))
    if responsibility is None:
        return False
    db.session.delete(responsibility)
    db.session.flush()
    db.session.expire(speerpunt, ["responsible_organisations"])
    return True
