"""Organisations formally endorsing (onderschrijven) an adopted speerpunt."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.accounts.models import User
from consult.core.types import UTCDateTime, utcnow
from consult.extensions import db
from consult.organisations.models import Organisation


class Endorsement(db.Model):
    __tablename__ = "endorsements"
    __table_args__ = (
        UniqueConstraint("speerpunt_id", "organisation_id", name="uq_endorsements_organisation"),
        CheckConstraint("length(statement) <= 2000", name="statement_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    speerpunt_id: Mapped[int] = mapped_column(ForeignKey("speerpunten.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    statement: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    organisation: Mapped[Organisation] = relationship()
    user: Mapped[User] = relationship()
