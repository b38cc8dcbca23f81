"""Practice examples with their attachments, and questions between regions with answers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.accounts.models import User
from consult.core.types import UTCDateTime, utcnow
from consult.extensions import db
from consult.organisations.models import Organisation, Region
from consult.speerpunten.models import Speerpunt

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

# The document types a practice example may carry, by extension.
CONTENT_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
}
CONTENT_TYPE_CHECK = "content_type IN (" + ", ".join(
    f"'{value}'" for value in CONTENT_TYPES.values()) + ")"


class PracticeExample(db.Model):
    """A practice example (praktijkvoorbeeld) shared on one region's platform for one speerpunt."""

    __tablename__ = "practice_examples"
    __table_args__ = (
        CheckConstraint("length(title) BETWEEN 1 AND 200", name="title_length"),
        CheckConstraint("length(summary) BETWEEN 1 AND 1000", name="summary_length"),
        CheckConstraint("length(body) BETWEEN 1 AND 20000", name="body_length"),
        CheckConstraint("length(contact_name) BETWEEN 1 AND 200", name="contact_name_length"),
        CheckConstraint("contact_email LIKE '%_@_%' AND contact_email = lower(contact_email)",
                        name="contact_email_format"),
        # Tags are stored normalised: lowercase slugs joined by commas.
        CheckConstraint("tags = lower(tags) AND tags NOT LIKE '% %'", name="tags_normalised"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    speerpunt_id: Mapped[int] = mapped_column(ForeignKey("speerpunten.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # The author's organisation at the time of sharing.
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    contact_name: Mapped[str] = mapped_column(String(200))
    contact_email: Mapped[str] = mapped_column(String(254))
    tags: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    region: Mapped[Region] = relationship()
    speerpunt: Mapped[Speerpunt] = relationship()
    author: Mapped[User] = relationship()
    organisation: Mapped[Organisation] = relationship()
    attachments: Mapped[list[PracticeAttachment]] = relationship(
        back_populates="example", order_by="PracticeAttachment.id")

    @property
    def tag_list(self) -> list[str]:
        return [tag for tag in self.tags.split(",") if tag]

    @staticmethod
    def on_platform(region_id: int, speerpunt_id: int):
        return (select(PracticeExample)
                .where(PracticeExample.region_id == region_id,
                       PracticeExample.speerpunt_id == speerpunt_id)
                .order_by(PracticeExample.created_at.desc(), PracticeExample.id.desc()))


class PracticeAttachment(db.Model):
    """A document attached to a practice example, kept in the database with its checksum."""

    __tablename__ = "practice_attachments"
    __table_args__ = (
        # The same file twice on one example adds nothing.
        UniqueConstraint("example_id", "sha256"),
        CheckConstraint("length(filename) BETWEEN 1 AND 200", name="filename_length"),
        CheckConstraint(CONTENT_TYPE_CHECK, name="content_type_known"),
        CheckConstraint(f"size BETWEEN 1 AND {MAX_ATTACHMENT_BYTES}", name="size_range"),
        CheckConstraint("length(content) = size", name="size_matches_content"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    example_id: Mapped[int] = mapped_column(ForeignKey("practice_examples.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    # Deferred: lists of attachments never load the files themselves.
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    example: Mapped[PracticeExample] = relationship(back_populates="attachments")

    @property
    def extension(self) -> str:
        return self.filename.rpartition(".")[2].lower()


class KnowledgeQuestion(db.Model):
    """A question put to the other regions on one platform; the asker marks what helped."""

    __tablename__ = "knowledge_questions"
    __table_args__ = (
        CheckConstraint("length(title) BETWEEN 1 AND 200", name="title_length"),
        CheckConstraint("length(body) BETWEEN 1 AND 10000", name="body_length"),
        CheckConstraint("(accepted_answer_id IS NULL) = (accepted_at IS NULL)",
                        name="accepted_facts"),
        # Referencing (answer id, question id) makes the database refuse an accepted answer
        # that belongs to another question; one column means one accepted answer at a time.
        ForeignKeyConstraint(
            ["accepted_answer_id", "id"],
            ["knowledge_answers.id", "knowledge_answers.question_id"],
            use_alter=True,
        ),
    )

    # Part of the reference to the accepted answer, so autoincrement must be said outright.
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    speerpunt_id: Mapped[int] = mapped_column(ForeignKey("speerpunten.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    accepted_answer_id: Mapped[int | None]
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    region: Mapped[Region] = relationship()
    speerpunt: Mapped[Speerpunt] = relationship()
    author: Mapped[User] = relationship()
    organisation: Mapped[Organisation] = relationship()
    answers: Mapped[list[KnowledgeAnswer]] = relationship(
        back_populates="question", foreign_keys="KnowledgeAnswer.question_id",
        order_by="KnowledgeAnswer.created_at, KnowledgeAnswer.id",
    )

    @property
    def is_resolved(self) -> bool:
        return self.accepted_answer_id is not None

    @staticmethod
    def on_platform(region_id: int, speerpunt_id: int):
        return (select(KnowledgeQuestion)
                .where(KnowledgeQuestion.region_id == region_id,
                       KnowledgeQuestion.speerpunt_id == speerpunt_id)
                .order_by(KnowledgeQuestion.created_at.desc(), KnowledgeQuestion.id.desc()))


class KnowledgeAnswer(db.Model):
    __tablename__ = "knowledge_answers"
    __table_args__ = (
        # The target of the questions' (accepted_answer_id, id) reference.
        UniqueConstraint("id", "question_id"),
        CheckConstraint("length(body) BETWEEN 1 AND 10000", name="body_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("knowledge_questions.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    question: Mapped[KnowledgeQuestion] = relationship(
        back_populates="answers", foreign_keys=[question_id])
    author: Mapped[User] = relationship()
    organisation: Mapped[Organisation] = relationship()
