"""Lookups of speerpunten and versions that respect who may see them."""

from __future__ import annotations

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult.accounts.models import User
from consult.core.errors import NotFound
from consult.extensions import db
from consult.speerpunten.models import SECTIONS, Speerpunt, Version
from consult.speerpunten.permissions import can_view_speerpunt, visible_phases


def visible_speerpunten(user: User | None) -> list[Speerpunt]:
    statement = (
        Speerpunt.ordered()
        .where(Speerpunt.phase.in_(visible_phases(user)))
        .options(selectinload(Speerpunt.responsible_organisations))
    )
    return list(db.session.execute(statement).scalars())


def get_visible_speerpunt(user: User | None, slug: str) -> Speerpunt:
    """The speerpunt with this slug, or NotFound when it does not exist or is hidden."""
    speerpunt = db.session.execute(
        select(Speerpunt).where(Speerpunt.slug == slug)
    ).scalar_one_or_none()
    if speerpunt is None or not can_view_speerpunt(user, speerpunt):
        raise NotFound(gettext("Dit speerpunt bestaat niet of is niet voor u zichtbaar."))
    return speerpunt


def get_version(speerpunt: Speerpunt, number: int) -> Version:
    if not 1 <= number <= speerpunt.current_version:
        raise NotFound(gettext("Versie %(number)s van dit speerpunt bestaat niet.", number=number))
    version = db.session.execute(Version.of(speerpunt, number)).scalar_one_or_none()
    if version is None:
        raise NotFound(gettext("Versie %(number)s van dit speerpunt bestaat niet.", number=number))
    return version


def current_version(speerpunt: Speerpunt) -> Version:
    return get_version(speerpunt, speerpunt.current_version)


def history_statement(speerpunt: Speerpunt):
    return (
        select(Version)
        .where(Version.speerpunt_id == speerpunt.id)
        .order_by(Version.number)
        .options(selectinload(Version.author), selectinload(Version.organisation))
    )


def version_history(speerpunt: Speerpunt) -> list[Version]:
    return list(db.session.execute(history_statement(speerpunt)).scalars())


def provenance_of(speerpunt: Speerpunt, number: int) -> dict[str, list[tuple[Version, str]]]:
    """For each section of version `number`, its passages with the version that wrote them."""
    from consult.speerpunten.textdiff import provenance

    versions = [v for v in version_history(speerpunt) if v.number <= number]
    return {
        key: provenance([(version, version.section(key)) for version in versions])
        for key in SECTIONS
    }
