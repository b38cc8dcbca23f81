"""Speerpunten, their immutable versions and the ministries responsible for them."""

from __future__ import annotations

import enum
import re
from datetime import datetime

from flask_babel import gettext, lazy_gettext
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
from consult.core.i18n import LabelMap
from consult.core.types import UTCDateTime, enum_column_type, utcnow
from consult.extensions import db
from consult.organisations.models import SLUG_CHECK, Organisation, Tier


class Phase(enum.StrEnum):
    CONCEPT = "concept"
    OPEN = "open"
    PROCESSING = "processing"
    ADOPTED = "adopted"

    @property
    def label(self) -> str:
        return PHASE_LABELS[self]


PHASE_LABELS: LabelMap[Phase] = LabelMap({
    Phase.CONCEPT: lazy_gettext("Concept"),
    Phase.OPEN: lazy_gettext("Open voor inbreng"),
    Phase.PROCESSING: lazy_gettext("In verwerking"),
    Phase.ADOPTED: lazy_gettext("Vastgesteld"),
})

# The four sections of every speerpunt, in agenda order, with their headings (in the
# reader's language at each lookup).
SECTIONS: LabelMap[str] = LabelMap({
    "kernprobleem": lazy_gettext("Kernprobleem"),
    "ambitie": lazy_gettext("Ambitie"),
    "rijk": lazy_gettext("Wat doet het rijk"),
    "gemeente": lazy_gettext("Wat doet de gemeente"),
})


class Speerpunt(db.Model):
    __tablename__ = "speerpunten"
    __table_args__ = (
        CheckConstraint(SLUG_CHECK, name="slug_format"),
        CheckConstraint("current_version >= 0", name="current_version_not_negative"),
        CheckConstraint("response_term_days BETWEEN 1 AND 365", name="response_term_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(unique=True)
    phase: Mapped[Phase] = mapped_column(enum_column_type(Phase, "phase"), default=Phase.CONCEPT)
    # Number of the newest version; 0 only while the first version is being written.
    # Versions are numbered by bumping this under a row lock, so numbers have no gaps.
    current_version: Mapped[int] = mapped_column(default=0)
    # An open phase may close by itself: past this moment it behaves as processing.
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Days within which the responsible ministries respond formally to an amendment.
    response_term_days: Mapped[int] = mapped_column(default=14, server_default="14")
    # Counts every change to what the speerpunt's page and API document show (its text,
    # phase, comments, amendments, supports, responses, the names in bylines). Bumped in
    # the same transaction as the change (consult/speerpunten/revisions.py), so a copy of
    # the page rendered at one revision is valid for exactly that revision, in any process.
    revision: Mapped[int] = mapped_column(default=0, server_default="0")

    versions: Mapped[list[Version]] = relationship(
        back_populates="speerpunt", order_by="Version.number", viewonly=True
    )
    responsible_organisations: Mapped[list[Organisation]] = relationship(
        secondary="responsibilities", order_by=Organisation.name, viewonly=True
    )

    @property
    def effective_phase(self) -> Phase:
        """The phase that rules apply to: an open phase past its closing date is processing."""
        if self.phase == Phase.OPEN and self.closes_at is not None and self.closes_at <= utcnow():
            return Phase.PROCESSING
        return self.phase

    @staticmethod
    def ordered():
        return select(Speerpunt).order_by(Speerpunt.position)

    def __repr__(self) -> str:
        return f"<Speerpunt {self.slug}>"


FIRST_VERSION_SUMMARY = "Eerste versie"
SEED_VERSION_SUMMARY = "Conceptversie voor de consultatie"
ACCEPTED_SUMMARY = re.compile(r"Amendement (?P<id>\d+) overgenomen(?P<modified> met wijzigingen)?")


def accepted_summary(amendment_id: int, modified: bool) -> str:
    """The stored summary of a version that an accepted amendment made."""
    return f"Amendement {amendment_id} overgenomen" + (" met wijzigingen" if modified else "")


class Version(db.Model):
    """One immutable state of a speerpunt's four sections."""

    __tablename__ = "versions"
    __table_args__ = (
        UniqueConstraint("speerpunt_id", "number", name="uq_versions_speerpunt_number"),
        CheckConstraint("number >= 1", name="number_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    speerpunt_id: Mapped[int] = mapped_column(ForeignKey("speerpunten.id"))
    number: Mapped[int]
    kernprobleem: Mapped[str] = mapped_column(Text)
    ambitie: Mapped[str] = mapped_column(Text)
    rijk: Mapped[str] = mapped_column(Text)
    gemeente: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    # The organisation the change is attributed to, kept even if the author moves on.
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    summary: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The accepted amendment this version came from, if any.
    amendment_id: Mapped[int | None] = mapped_column(
        ForeignKey("amendments.id", use_alter=True), unique=True
    )
    # Which sections differ from the previous version (empty for version 1).
    changed_sections: Mapped[str] = mapped_column(String(60), default="", server_default="")

    speerpunt: Mapped[Speerpunt] = relationship(back_populates="versions")
    author: Mapped[User | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()

    def section(self, key: str) -> str:
        if key not in SECTIONS:
            raise KeyError(key)
        return getattr(self, key)

    @property
    def sections(self) -> dict[str, str]:
        return {key: getattr(self, key) for key in SECTIONS}

    @property
    def summary_text(self) -> str:
        """The summary as the reader reads it. Summaries the application writes itself are
        stored in Dutch, as the record; they are shown in the reader's language. Summaries
        people typed stay as typed."""
        if self.summary == FIRST_VERSION_SUMMARY:
            return gettext("Eerste versie")
        if self.summary == SEED_VERSION_SUMMARY:
            return gettext("Conceptversie voor de consultatie")
        accepted = ACCEPTED_SUMMARY.fullmatch(self.summary)
        if accepted and accepted["modified"]:
            return gettext("Amendement %(id)s overgenomen met wijzigingen", id=accepted["id"])
        if accepted:
            return gettext("Amendement %(id)s overgenomen", id=accepted["id"])
        return self.summary

    @staticmethod
    def of(speerpunt: Speerpunt, number: int):
        return select(Version).where(
            Version.speerpunt_id == speerpunt.id, Version.number == number
        )


class Responsibility(db.Model):
    """A ministry (an organisation of tier rijk) responsible for a speerpunt."""

    __tablename__ = "responsibilities"
    __table_args__ = (
        # Referencing (id, tier) with tier pinned to 'rijk' makes the database refuse a
        # responsibility for a municipality or a province.
        ForeignKeyConstraint(
            ["organisation_id", "organisation_tier"],
            ["organisations.id", "organisations.tier"],
            name="fk_responsibilities_organisation_rijk",
            onupdate="CASCADE",
        ),
        CheckConstraint("organisation_tier = 'rijk'", name="organisation_is_rijk"),
    )

    speerpunt_id: Mapped[int] = mapped_column(ForeignKey("speerpunten.id"), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(primary_key=True)
    organisation_tier: Mapped[str] = mapped_column(String(9), default=Tier.RIJK.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    speerpunt: Mapped[Speerpunt] = relationship(viewonly=True)
    organisation: Mapped[Organisation] = relationship(
        viewonly=True, primaryjoin="Responsibility.organisation_id == Organisation.id",
        foreign_keys="Responsibility.organisation_id",
    )
