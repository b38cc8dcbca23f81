"""Rules for organisations and regions."""

from __future__ import annotations

import re

from flask_babel import gettext
from sqlalchemy import select

from consult.core.errors import Conflict, NotFound, ValidationFailed
from consult.extensions import db
from consult.organisations.models import SLUG_PATTERN, Organisation, Region, Tier


def validate_slug(slug: str, field: str = "slug") -> str:
    slug = slug.strip()
    if not slug or len(slug) > 60 or not re.match(SLUG_PATTERN, slug):
        raise ValidationFailed(
            fields={field: gettext(
                "Gebruik kleine letters, cijfers en streepjes (hooguit 60 tekens).")}
        )
    return slug


def get_region(slug: str) -> Region:
    region = db.session.execute(select(Region).where(Region.slug == slug)).scalar_one_or_none()
    if region is None:
        raise NotFound(gettext("Regio '%(slug)s' bestaat niet.", slug=slug),
                       fields={"region": gettext("Onbekende regio.")})
    return region


def get_organisation(slug: str) -> Organisation:
    organisation = db.session.execute(
        select(Organisation).where(Organisation.slug == slug)
    ).scalar_one_or_none()
    if organisation is None:
        raise NotFound(gettext("Organisatie '%(slug)s' bestaat niet.", slug=slug))
    return organisation


def parse_tier(value: str) -> Tier:
    try:
        return Tier(value)
    except ValueError as exc:
        allowed = ", ".join(tier.value for tier in Tier)
        raise ValidationFailed(
            fields={"tier": gettext("Kies een van: %(allowed)s.", allowed=allowed)}) from exc


def create_organisation(
    *, slug: str, name: str, tier: Tier, region: Region | None = None
) -> Organisation:
    """Create an organisation; its slug must be new."""
    slug = validate_slug(slug)
    name = name.strip()
    if not name or len(name) > 200:
        raise ValidationFailed(fields={"name": gettext("Vul een naam in van hooguit 200 tekens.")})
    if db.session.execute(select(Organisation.id).where(Organisation.slug == slug)).first():
        raise Conflict(gettext("Organisatie '%(slug)s' bestaat al.", slug=slug),
                       fields={"slug": gettext("Bestaat al.")})
    organisation = Organisation(slug=slug, name=name, tier=tier, region=region)
    db.session.add(organisation)
    db.session.flush()
    return organisation
