"""Who may ask, read, answer and publish helpdesk questions. `user` is None when anonymous."""

from __future__ import annotations

from consult.accounts.models import User
from consult.helpdesk.models import HelpdeskQuestion
from consult.organisations.models import Tier


def can_ask_helpdesk(user: User | None) -> bool:
    return user is not None


def can_answer_helpdesk(user: User | None) -> bool:
    """The service centre's staff: moderators and admins of a partner organisation (FORUM)."""
    return user is not None and user.is_moderator and user.organisation.tier == Tier.PARTNER


def can_view_helpdesk_question(user: User | None, question: HelpdeskQuestion) -> bool:
    """The asker sees their own questions; staff see all of them."""
    return user is not None and (question.asker_id == user.id or can_answer_helpdesk(user))


def can_publish_faq(user: User | None, question: HelpdeskQuestion) -> bool:
    return can_answer_helpdesk(user) and question.has_answer
