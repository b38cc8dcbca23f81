"""JSON shapes shared across the API."""

from __future__ import annotations

from datetime import datetime

from consult.accounts.models import User


def timestamp(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def author(user: User | None) -> dict | None:
    if user is None:
        return None
    organisation = user.organisation
    return {
        "id": user.id,
        "name": user.name,
        "organisation": {
            "slug": organisation.slug,
            "name": organisation.name,
            "tier": organisation.tier.value,
        },
    }
