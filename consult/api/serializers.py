"""JSON shapes shared across the API."""

from __future__ import annotations

from datetime import datetime

from consult.accounts.models import User
from consult.organisations.models import Organisation


def timestamp(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def organisation_json(organisation: Organisation | None) -> dict | None:
    if organisation is None:
        return None
    return {"slug": organisation.slug, "name": organisation.name, "tier": organisation.tier.value}


def author(user: User | None) -> dict | None:
    if user is None:
        return None
    return {"id": user.id, "name": user.name, "organisation": organisation_json(user.organisation)}
