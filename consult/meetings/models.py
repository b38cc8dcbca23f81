"""Regional meetings (bijeenkomsten) per region and speerpunt, registrations and milestones."""

from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import gettext
from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.accounts.models import User
from consult.core.types import UTCDateTime, enum_column_type, utcnow
from consult.extensions import db
from consult.organisations.models import Organisation, Region
from consult.speerpunten.models import Speerpunt


class Audience(enum.StrEnum):
    """The source holds meetings separately for small and large municipalities."""

    ALL = "all"
    KLEIN = "klein"
    GROOT = "groot"

    @property
    def label(self) -> str:
        return {"all": gettext("Alle gemeenten"), "klein": gettext("Kleine gemeenten"),
                "groot": gettext("Grote gemeenten")}[self.value]


class RegistrationStatus(enum.StrEnum):
    REGISTERED = "registered"
    WAITING = "waiting"
    CANCELLED = "cancelled"


class Meeting(db.Model):
    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("capacity BETWEEN 1 AND 10000", name="capacity_range"),
        CheckConstraint("length(trim(title)) > 0", name="title_not_blank"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    speerpunt_id: Mapped[int] = mapped_column(ForeignKey("speerpunten.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    place: Mapped[str] = mapped_column(String(300))
    organiser_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    programme: Mapped[str] = mapped_column(Text, default="")
    capacity: Mapped[int]
    audience: Mapped[Audience] = mapped_column(enum_column_type(Audience, "audience"),
                                               default=Audience.ALL)
    minutes: Mapped[str] = mapped_column(Text, default="")
    minutes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    region: Mapped[Region] = relationship()
    speerpunt: Mapped[Speerpunt] = relationship()
    organiser: Mapped[Organisation] = relationship()
    ministries: Mapped[list[Organisation]] = relationship(
        secondary="meeting_ministries", order_by=Organisation.name, viewonly=True)
    registrations: Mapped[list[Registration]] = relationship(
        back_populates="meeting", order_by="Registration.created_at")

    @staticmethod
    def upcoming(now: datetime):
        return select(Meeting).where(Meeting.ends_at >= now).order_by(Meeting.starts_at)


class MeetingMinistry(db.Model):
    """A responsible ministry attending a meeting; only ministries (tier rijk) can."""

    __tablename__ = "meeting_ministries"
    __table_args__ = (
        ForeignKeyConstraint(["organisation_id", "organisation_tier"],
                             ["organisations.id", "organisations.tier"],
                             name="fk_meeting_ministries_organisation_rijk",
                             onupdate="CASCADE"),
        CheckConstraint("organisation_tier = 'rijk'", name="organisation_is_rijk"),
    )

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(primary_key=True)
    organisation_tier: Mapped[str] = mapped_column(String(9), default="rijk")


class Registration(db.Model):
    __tablename__ = "registrations"
    __table_args__ = (UniqueConstraint("meeting_id", "user_id", name="uq_registrations_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[RegistrationStatus] = mapped_column(
        enum_column_type(RegistrationStatus, "registration_status"))
    # Waiting-list order: the time of (re-)registering.
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="registrations")
    user: Mapped[User] = relationship()


class MilestoneStatus(enum.StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @property
    def label(self) -> str:
        return {"planned": gettext("Gepland"), "in_progress": gettext("Bezig"),
                "done": gettext("Afgerond")}[self.value]


class Milestone(db.Model):
    """A step of the process (content ready, political approval, offered to parliament, ...)."""

    __tablename__ = "milestones"
    __table_args__ = (CheckConstraint("length(trim(title)) > 0", name="title_not_blank"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    due: Mapped[date]
    status: Mapped[MilestoneStatus] = mapped_column(
        enum_column_type(MilestoneStatus, "milestone_status"), default=MilestoneStatus.PLANNED)

    @staticmethod
    def ordered():
        return select(Milestone).order_by(Milestone.due, Milestone.id)
