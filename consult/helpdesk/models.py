"""Questions to the helpdesk, their answer, and their publication as a FAQ."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import gettext
from sqlalchemy import CheckConstraint, ForeignKey, String, Text, case, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.accounts.models import User
from consult.core.types import UTCDateTime, enum_column_type, utcnow
from consult.extensions import db
from consult.organisations.models import Organisation


class HelpdeskStatus(enum.StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {"open": gettext("Open"), "answered": gettext("Beantwoord"),
                "closed": gettext("Gesloten")}[self.value]


class HelpdeskQuestion(db.Model):
    __tablename__ = "helpdesk_questions"
    __table_args__ = (
        CheckConstraint("length(subject) BETWEEN 1 AND 200", name="subject_length"),
        CheckConstraint("length(body) BETWEEN 1 AND 10000", name="body_length"),
        # Each status carries exactly its facts; a closed question may or may not have had
        # an answer.
        CheckConstraint(
            "(status = 'open' AND answered_at IS NULL AND closed_at IS NULL) OR "
            "(status = 'answered' AND answered_at IS NOT NULL AND closed_at IS NULL) OR "
            "(status = 'closed' AND closed_at IS NOT NULL AND closed_by_id IS NOT NULL)",
            name="status_facts",
        ),
        CheckConstraint(
            "(answered_at IS NULL AND answered_by_id IS NULL AND answer = '') OR "
            "(answered_at IS NOT NULL AND answered_by_id IS NOT NULL "
            " AND length(answer) BETWEEN 1 AND 10000)",
            name="answer_facts",
        ),
        # Only an answered question is published, with a public question and answer.
        CheckConstraint(
            "(published_at IS NULL AND published_by_id IS NULL) OR "
            "(published_at IS NOT NULL AND published_by_id IS NOT NULL "
            " AND answered_at IS NOT NULL AND length(faq_question) BETWEEN 1 AND 500 "
            " AND length(faq_answer) BETWEEN 1 AND 10000)",
            name="published_facts",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    asker_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # The asker's organisation at the time of asking.
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[HelpdeskStatus] = mapped_column(
        enum_column_type(HelpdeskStatus, "helpdesk_status"), default=HelpdeskStatus.OPEN,
        index=True,
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # The public version, edited by staff so that it names no one.
    faq_question: Mapped[str] = mapped_column(Text, default="")
    faq_answer: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    asker: Mapped[User] = relationship(foreign_keys=[asker_id])
    organisation: Mapped[Organisation] = relationship()
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])
    closed_by: Mapped[User | None] = relationship(foreign_keys=[closed_by_id])
    published_by: Mapped[User | None] = relationship(foreign_keys=[published_by_id])

    @property
    def has_answer(self) -> bool:
        return self.answered_at is not None

    @property
    def is_closed(self) -> bool:
        return self.status == HelpdeskStatus.CLOSED

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @staticmethod
    def asked_by(user_id: int):
        return (select(HelpdeskQuestion).where(HelpdeskQuestion.asker_id == user_id)
                .order_by(HelpdeskQuestion.created_at.desc(), HelpdeskQuestion.id.desc()))

    @staticmethod
    def queue():
        """Open questions first, oldest first; then answered ones; then closed ones."""
        rank = case((HelpdeskQuestion.status == HelpdeskStatus.OPEN, 0),
                    (HelpdeskQuestion.status == HelpdeskStatus.ANSWERED, 1), else_=2)
        return select(HelpdeskQuestion).order_by(rank, HelpdeskQuestion.created_at,
                                                 HelpdeskQuestion.id)

    @staticmethod
    def published():
        return (select(HelpdeskQuestion).where(HelpdeskQuestion.published_at.is_not(None))
                .order_by(HelpdeskQuestion.published_at.desc(), HelpdeskQuestion.id.desc()))
