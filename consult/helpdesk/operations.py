"""Rules of the helpdesk: asking, answering, closing, and publishing an answer as a FAQ."""

from __future__ import annotations

from flask_babel import gettext, lazy_gettext

from consult.accounts.models import User
from consult.audit.operations import record
from consult.core.errors import Conflict, Forbidden, ValidationFailed
from consult.core.links import path_for
from consult.core.text import check_length, normalise_text
from consult.core.types import utcnow
from consult.extensions import db
from consult.helpdesk.models import HelpdeskQuestion, HelpdeskStatus
from consult.helpdesk.permissions import can_answer_helpdesk, can_ask_helpdesk
from consult.notifications.operations import notify

MAX_SUBJECT = 200
MAX_BODY = 10_000
MAX_FAQ_QUESTION = 500


def _text(value: str | None, field: str, maximum: int, fields: dict[str, str]) -> str:
    value = normalise_text(value or "")
    check_length(value, field, minimum=1, maximum=maximum, fields=fields)
    return value


def _require_staff(actor: User | None, message: str) -> None:
    if not can_answer_helpdesk(actor):
        raise Forbidden(message)


def ask(actor: User, *, subject: str, body: str) -> HelpdeskQuestion:
    """Anyone signed in puts a question to the service centre."""
    if not can_ask_helpdesk(actor):
        raise Forbidden(gettext("Meld u aan om de helpdesk een vraag te stellen."))
    fields: dict[str, str] = {}
    subject = " ".join(_text(subject, "subject", MAX_SUBJECT, fields).split())
    body = _text(body, "body", MAX_BODY, fields)
    if fields:
        raise ValidationFailed(fields=fields)
    question = HelpdeskQuestion(asker=actor, organisation_id=actor.organisation_id,
                                subject=subject, body=body)
    db.session.add(question)
    db.session.flush()
    return question


def answer(actor: User, question: HelpdeskQuestion, *, text: str) -> HelpdeskQuestion:
    """Staff answer an open question, or improve the answer to an answered one; the asker
    hears of it. A closed question takes no answer."""
    _require_staff(actor, gettext("Alleen medewerkers van het servicecentrum beantwoorden vragen."))
    fields: dict[str, str] = {}
    text = _text(text, "answer", MAX_BODY, fields)
    if fields:
        raise ValidationFailed(fields=fields)
    if question.is_closed:
        raise Conflict(gettext("Deze vraag is gesloten en kan geen antwoord meer krijgen."))
    revised = question.has_answer
    question.answer = text
    question.answered_at = utcnow()
    question.answered_by_id = actor.id
    question.status = HelpdeskStatus.ANSWERED
    record(actor, "helpdesk.answer", f"helpdesk:{question.id}", revised=revised)
    if question.asker_id != actor.id:
        if revised:
            message = lazy_gettext("De helpdesk heeft uw vraag ‘%(subject)s’ opnieuw beantwoord.",
                                   subject=question.subject)
        else:
            message = lazy_gettext("De helpdesk heeft uw vraag ‘%(subject)s’ beantwoord.",
                                   subject=question.subject)
        notify(question.asker_id, "helpdesk.answered", message,
               path_for("helpdesk.detail", helpdesk_question_id=question.id))
    db.session.flush()
    return question


def close(actor: User, question: HelpdeskQuestion) -> HelpdeskQuestion:
    """Staff close a question, answered or not; it stays readable for the asker."""
    _require_staff(actor, gettext("Alleen medewerkers van het servicecentrum sluiten vragen."))
    if question.is_closed:
        raise Conflict(gettext("Deze vraag is al gesloten."))
    question.status = HelpdeskStatus.CLOSED
    question.closed_at = utcnow()
    question.closed_by_id = actor.id
    record(actor, "helpdesk.close", f"helpdesk:{question.id}", answered=question.has_answer)
    db.session.flush()
    return question


def publish(actor: User, question: HelpdeskQuestion, *, faq_question: str,
            faq_answer: str) -> HelpdeskQuestion:
    """Staff publish an answered question as a public FAQ, in words they may edit so that
    it names no one; publishing again replaces the public text."""
    _require_staff(actor, gettext("Alleen medewerkers van het servicecentrum publiceren "
                                  "veelgestelde vragen."))
    fields: dict[str, str] = {}
    faq_question = _text(faq_question, "faq_question", MAX_FAQ_QUESTION, fields)
    faq_answer = _text(faq_answer, "faq_answer", MAX_BODY, fields)
    if fields:
        raise ValidationFailed(fields=fields)
    if not question.has_answer:
        raise Conflict(gettext("Alleen een beantwoorde vraag kan als veelgestelde vraag worden "
                               "gepubliceerd."))
    republished = question.is_published
    question.faq_question = faq_question
    question.faq_answer = faq_answer
    question.published_at = utcnow()
    question.published_by_id = actor.id
    record(actor, "helpdesk.publish", f"helpdesk:{question.id}", republished=republished)
    db.session.flush()
    return question


def unpublish(actor: User, question: HelpdeskQuestion) -> HelpdeskQuestion:
    """Staff take a FAQ off the public page; the question and its answer stay."""
    _require_staff(actor, gettext("Alleen medewerkers van het servicecentrum trekken "
                                  "veelgestelde vragen in."))
    if not question.is_published:
        raise Conflict(gettext("Deze vraag staat niet bij de veelgestelde vragen."))
    question.published_at = None
    question.published_by_id = None
    record(actor, "helpdesk.unpublish", f"helpdesk:{question.id}")
    db.session.flush()
    return question
