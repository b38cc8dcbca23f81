"""Lookups of helpdesk questions that respect who may see them."""

from __future__ import annotations

from flask_babel import gettext
from sqlalchemy.orm import joinedload

from consult.accounts.models import User
from consult.core.errors import NotFound
from consult.extensions import db
from consult.helpdesk.models import HelpdeskQuestion
from consult.helpdesk.permissions import can_view_helpdesk_question

_WITH_PEOPLE = (joinedload(HelpdeskQuestion.asker), joinedload(HelpdeskQuestion.organisation))


def get_visible_question(user: User | None, question_id: int) -> HelpdeskQuestion:
    question = db.session.get(HelpdeskQuestion, question_id)
    if question is None or not can_view_helpdesk_question(user, question):
        raise NotFound(gettext("Deze helpdeskvraag bestaat niet of is niet voor u zichtbaar."))
    return question


def asked_by(user: User) -> list[HelpdeskQuestion]:
    return list(db.session.execute(
        HelpdeskQuestion.asked_by(user.id).options(*_WITH_PEOPLE)).scalars())


def queue() -> list[HelpdeskQuestion]:
    return list(db.session.execute(HelpdeskQuestion.queue().options(*_WITH_PEOPLE)).scalars())


def published() -> list[HelpdeskQuestion]:
    return list(db.session.execute(HelpdeskQuestion.published()).scalars())
