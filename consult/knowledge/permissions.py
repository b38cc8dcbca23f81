"""Who may read and add to the knowledge platform. `user` is None for an anonymous visitor.

The platform is for signed-in participants only. A platform belongs to a speerpunt, so it is
visible exactly when the speerpunt is (a concept speerpunt's platform only to moderators).
"""

from __future__ import annotations

from consult.accounts.models import User
from consult.knowledge.models import KnowledgeAnswer, KnowledgeQuestion
from consult.speerpunten.models import Speerpunt
from consult.speerpunten.permissions import can_view_speerpunt


def can_use_knowledge_platform(user: User | None) -> bool:
    return user is not None


def can_view_platform(user: User | None, speerpunt: Speerpunt) -> bool:
    return can_use_knowledge_platform(user) and can_view_speerpunt(user, speerpunt)


def can_share_example(user: User | None, speerpunt: Speerpunt) -> bool:
    """Anyone who sees a platform shares practice from any region on it: bringing and taking."""
    return can_view_platform(user, speerpunt)


def can_ask_question(user: User | None, speerpunt: Speerpunt) -> bool:
    return can_view_platform(user, speerpunt)


def can_answer_question(user: User | None, speerpunt: Speerpunt) -> bool:
    return can_view_platform(user, speerpunt)


def is_asker(user: User | None, question: KnowledgeQuestion) -> bool:
    return user is not None and question.author_id == user.id


def can_mark_helpful(user: User | None, question: KnowledgeQuestion,
                     answer: KnowledgeAnswer) -> bool:
    """Only the asker marks which answer helped, and not an answer of their own."""
    return (
        is_asker(user, question)
        and answer.question_id == question.id
        and answer.author_id != user.id
        and question.accepted_answer_id != answer.id
    )
