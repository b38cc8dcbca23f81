"""Lookups on the knowledge platform that respect who may see what."""

from __future__ import annotations

from flask_babel import gettext
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from consult.accounts.models import User
from consult.core.errors import NotFound
from consult.extensions import db
from consult.knowledge.models import (
    KnowledgeAnswer,
    KnowledgeQuestion,
    PracticeAttachment,
    PracticeExample,
)
from consult.knowledge.permissions import can_view_platform
from consult.organisations.models import Region
from consult.speerpunten.models import Speerpunt
from consult.speerpunten.permissions import visible_phases

RECENT = 10


def regions() -> list[Region]:
    return list(db.session.execute(Region.ordered()).scalars())


def get_platform(user: User | None, region_slug: str, speerpunt_slug: str
                 ) -> tuple[Region, Speerpunt]:
    """The region and speerpunt of a platform, or NotFound when either is unknown or hidden."""
    region = db.session.execute(
        select(Region).where(Region.slug == region_slug)).scalar_one_or_none()
    speerpunt = db.session.execute(
        select(Speerpunt).where(Speerpunt.slug == speerpunt_slug)).scalar_one_or_none()
    if region is None or speerpunt is None or not can_view_platform(user, speerpunt):
        raise NotFound(gettext("Dit kennisplatform bestaat niet of is niet voor u zichtbaar."))
    return region, speerpunt


def get_visible_example(user: User | None, example_id: int) -> PracticeExample:
    example = db.session.get(PracticeExample, example_id)
    if example is None or not can_view_platform(user, example.speerpunt):
        raise NotFound(gettext("Dit praktijkvoorbeeld bestaat niet of is niet voor u zichtbaar."))
    return example


def get_visible_attachment(user: User | None, attachment_id: int) -> PracticeAttachment:
    attachment = db.session.get(PracticeAttachment, attachment_id)
    if attachment is None or not can_view_platform(user, attachment.example.speerpunt):
        raise NotFound(gettext("Deze bijlage bestaat niet of is niet voor u zichtbaar."))
    return attachment


def get_visible_question(user: User | None, question_id: int) -> KnowledgeQuestion:
    question = db.session.get(KnowledgeQuestion, question_id)
    if question is None or not can_view_platform(user, question.speerpunt):
        raise NotFound(gettext("Deze vraag bestaat niet of is niet voor u zichtbaar."))
    return question


def get_answer(question: KnowledgeQuestion, answer_id: int) -> KnowledgeAnswer:
    answer = db.session.get(KnowledgeAnswer, answer_id)
    if answer is None or answer.question_id != question.id:
        raise NotFound(gettext("Dit antwoord hoort niet bij deze vraag."))
    return answer


def answers_of(question: KnowledgeQuestion) -> list[KnowledgeAnswer]:
    return list(db.session.execute(
        select(KnowledgeAnswer).where(KnowledgeAnswer.question_id == question.id)
        .order_by(KnowledgeAnswer.created_at, KnowledgeAnswer.id)
        .options(joinedload(KnowledgeAnswer.author), joinedload(KnowledgeAnswer.organisation))
    ).scalars())


def examples_on(region: Region, speerpunt: Speerpunt) -> list[PracticeExample]:
    return list(db.session.execute(
        PracticeExample.on_platform(region.id, speerpunt.id).options(
            joinedload(PracticeExample.author), joinedload(PracticeExample.organisation),
            selectinload(PracticeExample.attachments))
    ).scalars())


def questions_on(region: Region, speerpunt: Speerpunt) -> list[KnowledgeQuestion]:
    return list(db.session.execute(
        KnowledgeQuestion.on_platform(region.id, speerpunt.id).options(
            joinedload(KnowledgeQuestion.author), joinedload(KnowledgeQuestion.organisation),
            selectinload(KnowledgeQuestion.answers))
    ).scalars())


def tag_condition(tag: str):
    # Tags are stored as ",a,b," minus the outer commas; a slug holds no LIKE wildcards.
    return ("," + PracticeExample.tags + ",").like(f"%,{tag},%")


def visible_speerpunten(user: User | None) -> list[Speerpunt]:
    """The speerpunten whose platforms the user sees, in agenda order."""
    return list(db.session.execute(
        Speerpunt.ordered().where(Speerpunt.phase.in_(visible_phases(user)))).scalars())


def overview(all_regions: list[Region], all_speerpunten: list[Speerpunt],
             region: Region | None, speerpunt: Speerpunt | None, tag: str | None) -> dict:
    """Counts per platform, and the newest examples and questions, within the filters."""
    speerpunten = [sp for sp in all_speerpunten if speerpunt is None or sp.id == speerpunt.id]
    shown_regions = [r for r in all_regions if region is None or r.id == region.id]
    speerpunt_ids = [sp.id for sp in speerpunten]
    region_ids = [r.id for r in shown_regions]

    example_filter = [PracticeExample.speerpunt_id.in_(speerpunt_ids),
                      PracticeExample.region_id.in_(region_ids)]
    if tag:
        example_filter.append(tag_condition(tag))
    question_filter = [KnowledgeQuestion.speerpunt_id.in_(speerpunt_ids),
                       KnowledgeQuestion.region_id.in_(region_ids)]

    example_counts = {
        (row.region_id, row.speerpunt_id): row.n for row in db.session.execute(
            select(PracticeExample.region_id, PracticeExample.speerpunt_id,
                   func.count().label("n"))
            .where(*example_filter)
            .group_by(PracticeExample.region_id, PracticeExample.speerpunt_id))
    }
    question_counts = {
        (row.region_id, row.speerpunt_id): row.n for row in db.session.execute(
            select(KnowledgeQuestion.region_id, KnowledgeQuestion.speerpunt_id,
                   func.count().label("n"))
            .where(*question_filter)
            .group_by(KnowledgeQuestion.region_id, KnowledgeQuestion.speerpunt_id))
    }
    recent_examples = list(db.session.execute(
        select(PracticeExample).where(*example_filter)
        .order_by(PracticeExample.created_at.desc(), PracticeExample.id.desc()).limit(RECENT)
        .options(joinedload(PracticeExample.organisation), joinedload(PracticeExample.region),
                 joinedload(PracticeExample.speerpunt), selectinload(PracticeExample.attachments))
    ).scalars())
    recent_questions = list(db.session.execute(
        select(KnowledgeQuestion).where(*question_filter)
        .order_by(KnowledgeQuestion.created_at.desc(), KnowledgeQuestion.id.desc())
        .limit(RECENT)
        .options(joinedload(KnowledgeQuestion.organisation),
                 joinedload(KnowledgeQuestion.region), joinedload(KnowledgeQuestion.speerpunt),
                 selectinload(KnowledgeQuestion.answers))
    ).scalars())
    return dict(speerpunten=speerpunten, regions=shown_regions, example_counts=example_counts,
                question_counts=question_counts, recent_examples=recent_examples,
                recent_questions=recent_questions)
