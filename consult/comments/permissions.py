"""Who may comment, flag and moderate comments. `user` is None for an anonymous visitor."""

from __future__ import annotations

from consult.accounts.models import User
from consult.comments.models import Comment
from consult.speerpunten.models import Phase, Speerpunt
from consult.speerpunten.permissions import can_view_speerpunt


def can_comment(user: User | None, speerpunt: Speerpunt) -> bool:
    """Signed-in users who see the speerpunt comment while it is open."""
    return (
        user is not None
        and can_view_speerpunt(user, speerpunt)
        and speerpunt.effective_phase == Phase.OPEN
    )


def can_flag(user: User | None, comment: Comment) -> bool:
    """Anyone signed in may flag someone else's comment."""
    return user is not None and comment.author_id != user.id


def can_moderate_comments(user: User | None) -> bool:
    return user is not None and user.is_moderator


def can_read_hidden_body(user: User | None, comment: Comment) -> bool:
    """A hidden comment's text stays readable for moderators only."""
    return not comment.is_hidden or can_moderate_comments(user)
