"""Comments on a section of a speerpunt, threaded, and the flags people put on them."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import gettext
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.accounts.models import User
from consult.core.types import UTCDateTime, enum_column_type, utcnow
from consult.extensions import db
from consult.organisations.models import Organisation

SECTION_CHECK = "section IN ('kernprobleem', 'ambitie', 'rijk', 'gemeente')"
# The reason stored with an automatic hide. Stored reasons are a record and stay as written;
# this one the application wrote itself, so pages show it in the reader's language.
AUTO_HIDDEN_REASON = "Automatisch verborgen na meldingen van deelnemers."


class CommentStatus(enum.StrEnum):
    VISIBLE = "visible"
    HIDDEN = "hidden"


class Comment(db.Model):
    __tablename__ = "comments"
    __table_args__ = (
        CheckConstraint(SECTION_CHECK, name="section_known"),
        CheckConstraint("length(body) BETWEEN 1 AND 10000", name="body_length"),
        # A hidden comment records who hid it, or that the flags did (hidden_by null,
        # auto_hidden true); a visible one carries no hiding facts.
        CheckConstraint(
            "(status = 'visible' AND hidden_at IS NULL AND hidden_by_id IS NULL) OR "
            "(status = 'hidden' AND hidden_at IS NOT NULL AND "
            "(hidden_by_id IS NOT NULL OR auto_hidden))",
            name="hidden_facts",
        ),
        # A speerpunt's comments in the order they are listed: a page of them is read
        # from the index instead of sorting the speerpunt's thousands of comments.
        Index("ix_comments_speerpunt_created", "speerpunt_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    speerpunt_id: Mapped[int] = mapped_column(ForeignKey("speerpunten.id"), index=True)
    section: Mapped[str] = mapped_column(String(20))
    # The version the comment was written on.
    version_number: Mapped[int]
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"), index=True)
    amendment_id: Mapped[int | None] = mapped_column(ForeignKey("amendments.id"), index=True)
    # Input entered on behalf of a regional meeting.
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[CommentStatus] = mapped_column(
        enum_column_type(CommentStatus, "comment_status"), default=CommentStatus.VISIBLE
    )
    auto_hidden: Mapped[bool] = mapped_column(default=False)
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    hidden_reason: Mapped[str] = mapped_column(Text, default="")
    # Set when a moderator has looked at the flags (restored or dismissed them).
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    organisation: Mapped[Organisation] = relationship()
    hidden_by: Mapped[User | None] = relationship(foreign_keys=[hidden_by_id])
    flags: Mapped[list[Flag]] = relationship(back_populates="comment", order_by="Flag.created_at")

    @property
    def is_hidden(self) -> bool:
        return self.status == CommentStatus.HIDDEN

    @property
    def hidden_reason_text(self) -> str:
        """The reason it is hidden, as the reader reads it."""
        if self.hidden_reason == AUTO_HIDDEN_REASON:
            return gettext("Automatisch verborgen na meldingen van deelnemers.")
        return self.hidden_reason

    @staticmethod
    def of_speerpunt(speerpunt_id: int, section: str | None = None):
        statement = select(Comment).where(Comment.speerpunt_id == speerpunt_id)
        if section is not None:
            statement = statement.where(Comment.section == section)
        return statement.order_by(Comment.created_at, Comment.id)


class FlagReason(enum.StrEnum):
    SPAM = "spam"
    OFFENSIVE = "offensive"
    OFF_TOPIC = "off_topic"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"spam": gettext("Spam of reclame"), "offensive": gettext("Beledigend of kwetsend"),
                "off_topic": gettext("Gaat niet over dit onderwerp"),
                "other": gettext("Anders")}[self.value]


class Flag(db.Model):
    """A participant's report that a comment breaks the rules; one per person per comment."""

    __tablename__ = "flags"
    __table_args__ = (UniqueConstraint("comment_id", "user_id", name="uq_flags_comment_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[FlagReason] = mapped_column(enum_column_type(FlagReason, "flag_reason"))
    explanation: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Flags dismissed by a moderator no longer count towards hiding.
    dismissed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    comment: Mapped[Comment] = relationship(back_populates="flags")
    user: Mapped[User] = relationship()
