"""Who may organise meetings, register for them, and enter input on their behalf."""

from __future__ import annotations

from consult.accounts.models import User
from consult.meetings.models import Audience, Meeting
from consult.organisations.models import Tier


def can_schedule(user: User | None) -> bool:
    return user is not None and user.is_moderator


def can_manage(user: User | None, meeting: Meeting) -> bool:
    """Moderators, and the organising organisation's people, keep minutes and enter input."""
    return user is not None and (user.is_moderator or user.organisation_id == meeting.organiser_id)


def fits_audience(user: User, meeting: Meeting) -> bool:
    """A meeting for small (or large) municipalities is for those municipalities; people of
    other tiers (ministries, provinces, partners) may join any meeting."""
    if meeting.audience == Audience.ALL or user.organisation.tier != Tier.GEMEENTE:
        return True
    return user.organisation.size_class is not None and (
        user.organisation.size_class.value == meeting.audience.value)
