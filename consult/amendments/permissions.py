"""Who may propose, support, respond to, withdraw and decide amendments."""

from __future__ import annotations

from sqlalchemy import select

from consult.accounts.models import User
from consult.amendments.models import Amendment
from consult.extensions import db
from consult.organisations.models import Tier
from consult.speerpunten.models import Phase, Responsibility, Speerpunt
from consult.speerpunten.permissions import can_view_speerpunt

# Phases in which the formal process (responses, decisions) goes on.
DECISION_PHASES = (Phase.OPEN, Phase.PROCESSING)


def can_propose(user: User | None, speerpunt: Speerpunt) -> bool:
    """Signed-in users who see the speerpunt propose amendments while it is open."""
    return (
        user is not None
        and can_view_speerpunt(user, speerpunt)
        and speerpunt.effective_phase == Phase.OPEN
    )


def is_responsible_ministry_member(user: User | None, speerpunt: Speerpunt) -> bool:
    """Is the user a member of a ministry responsible for this speerpunt?"""
    if user is None or user.organisation.tier != Tier.RIJK:
        return False
    return db.session.execute(
        select(Responsibility.speerpunt_id).where(
            Responsibility.speerpunt_id == speerpunt.id,
            Responsibility.organisation_id == user.organisation_id,
        )
    ).first() is not None


def can_support(user: User | None, amendment: Amendment, speerpunt: Speerpunt) -> bool:
    return (
        user is not None
        and amendment.author_id != user.id
        and amendment.is_pending
        and speerpunt.effective_phase == Phase.OPEN
    )


def can_respond(user: User | None, amendment: Amendment, speerpunt: Speerpunt) -> bool:
    """Members of a responsible ministry respond to pending amendments in open or processing."""
    return (
        amendment.is_pending
        and speerpunt.effective_phase in DECISION_PHASES
        and is_responsible_ministry_member(user, speerpunt)
    )


def can_withdraw(user: User | None, amendment: Amendment) -> bool:
    return user is not None and amendment.author_id == user.id and amendment.is_pending


def can_decide(user: User | None, amendment: Amendment, speerpunt: Speerpunt) -> bool:
    """Moderators decide pending amendments while the speerpunt is open or in processing."""
    return (
        user is not None
        and user.is_moderator
        and amendment.is_pending
        and speerpunt.effective_phase in DECISION_PHASES
    )
