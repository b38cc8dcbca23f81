"""The outbox: email written in the same transaction as the event, delivered later."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from consult.core.types import UTCDateTime, utcnow
from consult.extensions import db


class OutboxMessage(db.Model):
    """One email. It is delivered at least once and, by its Message-ID, recognisably once."""

    __tablename__ = "outbox"
    __table_args__ = (CheckConstraint("attempts >= 0", name="attempts_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text, default="")
    # The language the message is written in, for its Content-Language header.
    locale: Mapped[str] = mapped_column(String(5), default="nl", server_default="nl")
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # When the next attempt is due; moves back after each failure.
    due_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)

    @staticmethod
    def due(now: datetime, *, ignore_schedule: bool = False):
        statement = select(OutboxMessage).where(OutboxMessage.sent_at.is_(None))
        if not ignore_schedule:
            statement = statement.where(OutboxMessage.due_at <= now)
        return statement.order_by(OutboxMessage.due_at, OutboxMessage.id)
