"""Who may see and do what with a speerpunt. `user` is None for an anonymous visitor."""

from __future__ import annotations

from consult.accounts.models import User
from consult.speerpunten.models import Phase, Speerpunt


def visible_phases(user: User | None) -> tuple[Phase, ...]:
    if user is None:
        return (Phase.ADOPTED,)
    if user.is_moderator:
        return tuple(Phase)
    return (Phase.OPEN, Phase.PROCESSING, Phase.ADOPTED)


def can_view_speerpunt(user: User | None, speerpunt: Speerpunt) -> bool:
    """Concepts are for moderators; open and processing for signed-in users; adopted for all."""
    return speerpunt.phase in visible_phases(user)


def can_edit_directly(user: User | None, speerpunt: Speerpunt) -> bool:
    return user is not None and user.is_moderator and speerpunt.phase != Phase.ADOPTED


def can_change_phase(user: User | None, speerpunt: Speerpunt) -> bool:
    return user is not None and user.is_moderator
