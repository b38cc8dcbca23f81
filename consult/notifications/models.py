"""Messages to a person about what happened to their input, shown in the application."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from consult.core.types import UTCDateTime, utcnow
from consult.extensions import db


class Notification(db.Model):
    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # What happened, e.g. "comment.hidden", "amendment.decided".
    kind: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @staticmethod
    def for_user(user_id: int):
        return (select(Notification).where(Notification.user_id == user_id)
                .order_by(Notification.created_at.desc(), Notification.id.desc()))
