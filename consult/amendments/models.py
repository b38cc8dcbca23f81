"""Amendments to a section's text, the supports they gather, and the ministries' responses."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import gettext
from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    String,
    Text,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.accounts.models import User
from consult.comments.models import SECTION_CHECK
from consult.core.types import UTCDateTime, enum_column_type, utcnow
from consult.extensions import db
from consult.organisations.models import Organisation


class AmendmentStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {"pending": gettext("In behandeling"), "accepted": gettext("Overgenomen"),
                "rejected": gettext("Niet overgenomen"),
                "withdrawn": gettext("Ingetrokken")}[self.value]


class Position(enum.StrEnum):
    SUPPORT = "support"
    PARTIAL = "partial"
    OPPOSE = "oppose"

    @property
    def label(self) -> str:
        return {"support": gettext("Steunt het voorstel"),
                "partial": gettext("Steunt het voorstel deels"),
                "oppose": gettext("Steunt het voorstel niet")}[self.value]


class Amendment(db.Model):
    __tablename__ = "amendments"
    __table_args__ = (
        CheckConstraint(SECTION_CHECK, name="section_known"),
        CheckConstraint("base_version >= 1", name="base_version_positive"),
        CheckConstraint("length(rationale) BETWEEN 1 AND 10000", name="rationale_length"),
        # Each status carries exactly the facts that belong to it.
        CheckConstraint(
            "(status = 'pending' AND decided_at IS NULL AND result_version IS NULL) OR "
            "(status = 'accepted' AND decided_at IS NOT NULL AND decided_by_id IS NOT NULL "
            " AND result_version IS NOT NULL) OR "
            "(status = 'rejected' AND decided_at IS NOT NULL AND decided_by_id IS NOT NULL "
            " AND result_version IS NULL AND length(decision_reason) > 0) OR "
            "(status = 'withdrawn' AND decided_at IS NOT NULL AND result_version IS NULL)",
            name="status_facts",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    speerpunt_id: Mapped[int] = mapped_column(ForeignKey("speerpunten.id"), index=True)
    section: Mapped[str] = mapped_column(String(20))
    base_version: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    rationale: Mapped[str] = mapped_column(Text)
    status: Mapped[AmendmentStatus] = mapped_column(
        enum_column_type(AmendmentStatus, "amendment_status"), default=AmendmentStatus.PENDING,
        index=True,
    )
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # The organisation the proposal is made on behalf of, kept as it was at the time.
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # Input entered on behalf of a regional meeting.
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), index=True)
    # The decision (or the withdrawal) and its facts.
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    decision_modified: Mapped[bool] = mapped_column(default=False)
    result_version: Mapped[int | None]

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    organisation: Mapped[Organisation] = relationship()
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    supports: Mapped[list[Support]] = relationship(
        back_populates="amendment", order_by="Support.created_at"
    )
    responses: Mapped[list[Response]] = relationship(
        back_populates="amendment", order_by="Response.created_at"
    )

    @property
    def is_pending(self) -> bool:
        return self.status == AmendmentStatus.PENDING

    @staticmethod
    def of_speerpunt(speerpunt_id: int):
        return (
            select(Amendment)
            .where(Amendment.speerpunt_id == speerpunt_id)
            .order_by(Amendment.created_at, Amendment.id)
        )


class Support(db.Model):
    """A participant supporting someone else's amendment; at most once."""

    __tablename__ = "supports"

    amendment_id: Mapped[int] = mapped_column(ForeignKey("amendments.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    amendment: Mapped[Amendment] = relationship(back_populates="supports")
    user: Mapped[User] = relationship()
    organisation: Mapped[Organisation] = relationship()


class Response(db.Model):
    """The formal response of a responsible ministry to an amendment."""

    __tablename__ = "responses"
    __table_args__ = (
        # Pinning the organisation's tier to 'rijk' through (id, tier) lets the database
        # refuse a response on behalf of anyone but a ministry.
        ForeignKeyConstraint(
            ["organisation_id", "organisation_tier"],
            ["organisations.id", "organisations.tier"],
            name="fk_responses_organisation_rijk",
            onupdate="CASCADE",
        ),
        CheckConstraint("organisation_tier = 'rijk'", name="organisation_is_rijk"),
        CheckConstraint("length(body) BETWEEN 1 AND 10000", name="body_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    amendment_id: Mapped[int] = mapped_column(ForeignKey("amendments.id"), index=True)
    position: Mapped[Position] = mapped_column(enum_column_type(Position, "position"))
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    organisation_id: Mapped[int] = mapped_column(index=True)
    organisation_tier: Mapped[str] = mapped_column(String(9), default="rijk")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    amendment: Mapped[Amendment] = relationship(back_populates="responses")
    author: Mapped[User] = relationship()
    organisation: Mapped[Organisation] = relationship(
        primaryjoin="Response.organisation_id == Organisation.id",
        foreign_keys="Response.organisation_id", viewonly=True,
    )
