"""The audit log: an append-only record of every act that matters for accountability."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.accounts.models import User
from consult.core.types import UTCDateTime, utcnow
from consult.extensions import db


class AuditEntry(db.Model):
    """One recorded act. The application only ever inserts into this table."""

    __tablename__ = "audit_log"
    __table_args__ = (CheckConstraint("length(action) > 0", name="action_not_blank"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(60))
    # What was acted on, as "type:id" or "type:slug", e.g. "amendment:12".
    object: Mapped[str] = mapped_column(String(120))
    result: Mapped[str] = mapped_column(String(30), default="ok")
    reason: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(100), default="")
    detail: Mapped[dict] = mapped_column(JSON, default=dict)

    actor: Mapped[User | None] = relationship()

    @staticmethod
    def newest_first():
        return select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
