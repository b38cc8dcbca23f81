"""Rules of the knowledge platform: sharing practice, asking, answering, marking what helped."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext, lazy_gettext

from consult.accounts.models import User
from consult.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from consult.core.links import path_for
from consult.core.text import check_length, normalise_text
from consult.core.types import utcnow
from consult.extensions import db
from consult.knowledge.files import Upload, check_upload
from consult.knowledge.models import (
    KnowledgeAnswer,
    KnowledgeQuestion,
    PracticeAttachment,
    PracticeExample,
)
from consult.knowledge.permissions import (
    can_answer_question,
    can_ask_question,
    can_share_example,
    is_asker,
)
from consult.notifications.operations import notify
from consult.organisations.models import Region
from consult.speerpunten.models import Speerpunt

MAX_TITLE = 200
MAX_SUMMARY = 1_000
MAX_EXAMPLE_BODY = 20_000
MAX_CONTACT_NAME = 200
MAX_EMAIL = 254
MAX_BODY = 10_000
MAX_TAGS = 10
MAX_TAG_LENGTH = 40
MAX_ATTACHMENTS = 5


def tag_slug(raw: str) -> str:
    """A tag as a lowercase slug: 'Taal & Werk' -> 'taal-werk', 'Fryslân' -> 'fryslan'."""
    ascii_text = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def normalise_tags(raw: str, fields: dict[str, str]) -> str:
    """Comma- (or semicolon-) separated tags, as unique slugs joined by commas."""
    tags: list[str] = []
    for part in re.split(r"[,;]", raw or ""):
        slug = tag_slug(part)
        if slug and slug not in tags:
            tags.append(slug)
    if len(tags) > MAX_TAGS:
        fields["tags"] = gettext("Hooguit %(maximum)s trefwoorden.", maximum=MAX_TAGS)
    elif any(len(tag) > MAX_TAG_LENGTH for tag in tags):
        fields["tags"] = gettext("Een trefwoord is hooguit %(maximum)s tekens lang.",
                                 maximum=MAX_TAG_LENGTH)
    return ",".join(tags)


def _text(value: str | None, field: str, maximum: int, fields: dict[str, str]) -> str:
    value = normalise_text(value or "")
    check_length(value, field, minimum=1, maximum=maximum, fields=fields)
    return value


def _one_line(value: str | None, field: str, maximum: int, fields: dict[str, str]) -> str:
    return " ".join(_text(value, field, maximum, fields).split())


def _contact_email(value: str | None, fields: dict[str, str]) -> str:
    value = normalise_text(value or "")
    if not value:
        fields["contact_email"] = gettext("Dit veld is verplicht.")
        return value
    if len(value) > MAX_EMAIL:
        fields["contact_email"] = gettext("Hooguit %(maximum)s tekens.", maximum=MAX_EMAIL)
        return value
    try:
        return validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        fields["contact_email"] = gettext(
            "Vul een geldig e-mailadres in, zoals naam@gemeente.nl.")
        return value


def share_example(
    actor: User,
    region: Region,
    speerpunt: Speerpunt,
    *,
    title: str,
    summary: str,
    body: str,
    contact_name: str,
    contact_email: str,
    tags: str = "",
    uploads: Sequence[Upload] = (),
) -> PracticeExample:
    """Share a practice example on a platform; each attachment must be a PDF or office
    document of at most 10 MB whose content is the type its name claims."""
    if not can_share_example(actor, speerpunt):
        raise Forbidden(gettext("U kunt op dit kennisplatform geen praktijkvoorbeeld delen."))
    fields: dict[str, str] = {}
    title = _one_line(title, "title", MAX_TITLE, fields)
    summary = _text(summary, "summary", MAX_SUMMARY, fields)
    body = _text(body, "body", MAX_EXAMPLE_BODY, fields)
    contact_name = _one_line(contact_name, "contact_name", MAX_CONTACT_NAME, fields)
    contact_email = _contact_email(contact_email, fields)
    tags = normalise_tags(tags, fields)
    checked, problems = [], []
    if len(uploads) > MAX_ATTACHMENTS:
        problems.append(gettext("Hooguit %(maximum)s bijlagen per praktijkvoorbeeld.",
                                maximum=MAX_ATTACHMENTS))
    else:
        seen: set[str] = set()
        for upload in uploads:
            file, problem = check_upload(upload)
            if problem:
                problems.append(problem)
            elif file.sha256 not in seen:
                seen.add(file.sha256)
                checked.append(file)
    if problems:
        fields["attachments"] = " ".join(problems)
    if fields:
        raise ValidationFailed(fields=fields)
    example = PracticeExample(
        region_id=region.id, speerpunt_id=speerpunt.id, author=actor,
        organisation_id=actor.organisation_id, title=title, summary=summary, body=body,
        contact_name=contact_name, contact_email=contact_email, tags=tags,
    )
    db.session.add(example)
    for file in checked:
        example.attachments.append(PracticeAttachment(
            filename=file.filename, content_type=file.content_type, size=file.size,
            sha256=file.sha256, content=file.data))
    db.session.flush()
    return example


def ask_question(actor: User, region: Region, speerpunt: Speerpunt, *, title: str,
                 body: str) -> KnowledgeQuestion:
    """Ask the other regions a question on a platform."""
    if not can_ask_question(actor, speerpunt):
        raise Forbidden(gettext("U kunt op dit kennisplatform geen vraag stellen."))
    fields: dict[str, str] = {}
    title = _one_line(title, "title", MAX_TITLE, fields)
    body = _text(body, "body", MAX_BODY, fields)
    if fields:
        raise ValidationFailed(fields=fields)
    question = KnowledgeQuestion(
        region_id=region.id, speerpunt_id=speerpunt.id, author=actor,
        organisation_id=actor.organisation_id, title=title, body=body)
    db.session.add(question)
    db.session.flush()
    return question


def answer_question(actor: User, question: KnowledgeQuestion, *, body: str) -> KnowledgeAnswer:
    """Answer a question; the asker hears of it."""
    if not can_answer_question(actor, question.speerpunt):
        raise Forbidden(gettext("U kunt deze vraag niet beantwoorden."))
    fields: dict[str, str] = {}
    body = _text(body, "body", MAX_BODY, fields)
    if fields:
        raise ValidationFailed(fields=fields)
    answer = KnowledgeAnswer(question_id=question.id, author=actor,
                             organisation_id=actor.organisation_id, body=body)
    db.session.add(answer)
    db.session.flush()
    if question.author_id != actor.id:
        notify(question.author_id, "question.answered",
               lazy_gettext("%(name)s (%(organisation)s) beantwoordde uw vraag ‘%(title)s’.",
                            name=actor.name, organisation=actor.organisation.name,
                            title=question.title),
               path_for("knowledge.question", question_id=question.id) + f"#antwoord-{answer.id}")
    return answer


def mark_helpful(actor: User, question: KnowledgeQuestion,
                 answer: KnowledgeAnswer) -> KnowledgeQuestion:
    """The asker marks the answer that helped; marking another one moves the mark."""
    if not is_asker(actor, question):
        raise Forbidden(gettext(
            "Alleen wie de vraag stelde, geeft aan welk antwoord heeft geholpen."))
    if answer.question_id != question.id:
        raise NotFound(gettext("Dit antwoord hoort niet bij deze vraag."))
    if answer.author_id == actor.id:
        raise Conflict(gettext("Uw eigen antwoord kunt u niet als behulpzaam markeren."))
    if question.accepted_answer_id != answer.id:
        question.accepted_answer_id = answer.id
        question.accepted_at = utcnow()
        db.session.flush()
    return question
