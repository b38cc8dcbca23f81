"""Messages to a person about what happened to their input, shown in the application."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from consult.core.types import UTCDateTime, utcnow
from consult.extensions import db


class Notification(db.Model):
    __tablename__ = "notifications"
    __table_args__ = (
        # The unread count in every page's header, counted from the index alone.
        Index("ix_notifications_user_unread", "user_id", "read_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # What happened, e.g. "comment.hidden", "amendment.decided".
    kind: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set once the notification went out by email (directly or in a digest).
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)

    @staticmethod
    def for_user(user_id: int):
        return (select(Notification).where(Notification.user_id == user_id)
                .order_by(Notification.created_at.desc(), Notification.id.desc()))


class Follow(db.Model):
    """Someone follows a speerpunt, a meeting or a question, and hears of what happens to it."""

    __tablename__ = "follows"
    __table_args__ = (
        UniqueConstraint("user_id", "target_type", "target_id", name="uq_follows_target"),
        CheckConstraint("target_type IN ('speerpunt', 'meeting', 'question')",
                        name="target_type_known"),
        # The followers of one thing, in the order an announcement tells them.
        Index("ix_follows_target", "target_type", "target_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    target_type: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Announcement(db.Model):
    """An event for everyone who follows something, written with the event in one row.

    A speerpunt may have thousands of followers; writing a notification and an email for
    each while the event's transaction holds the speerpunt locked would make every accepted
    amendment wait for them. The announcement is told to the followers after the commit,
    a chunk of followers per transaction (see operations.tell_announcements), each exactly
    once: `told_through` is the last follow told, moved in the same transaction as the
    notifications it stands for.
    """

    __tablename__ = "announcements"
    __table_args__ = (
        CheckConstraint("target_type IN ('speerpunt', 'meeting', 'question')",
                        name="target_type_known"),
        CheckConstraint("told >= 0", name="told_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int]
    kind: Mapped[str] = mapped_column(String(40))
    # The message in every language the application speaks, as JSON {"nl": ..., "en": ...}:
    # written at the event, so that each follower reads it as it was then, in their language.
    messages: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(String(300), default="")
    # Who caused the event, and so is not told of it.
    except_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Only who followed by then is told.
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    told_through: Mapped[int] = mapped_column(default=0)
    told: Mapped[int] = mapped_column(default=0)
    # Set once every follower is told; the ones still to tell have none.
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
