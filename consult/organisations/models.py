"""Regions and organisations: who takes part, in which tier of government."""

from __future__ import annotations

import enum

from flask_babel import lazy_gettext
from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.i18n import LabelMap
from consult.core.types import enum_column_type
from consult.extensions import db


class Tier(enum.StrEnum):
    """A tier of government (bestuurslaag), plus the partners around them."""

    RIJK = "rijk"
    PROVINCIE = "provincie"
    GEMEENTE = "gemeente"
    PARTNER = "partner"

    @property
    def label(self) -> str:
        return TIER_LABELS[self]


TIER_LABELS: LabelMap[Tier] = LabelMap({
    Tier.RIJK: lazy_gettext("Rijk"),
    Tier.PROVINCIE: lazy_gettext("Provincie"),
    Tier.GEMEENTE: lazy_gettext("Gemeente"),
    Tier.PARTNER: lazy_gettext("Partner"),
})

class SizeClass(enum.StrEnum):
    """Municipalities meet separately as small and large ("klein/groot per thema")."""

    KLEIN = "klein"
    GROOT = "groot"


SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_CHECK = "slug <> '' AND slug = lower(slug) AND slug NOT LIKE '% %'"


class Region(db.Model):
    __tablename__ = "regions"
    __table_args__ = (CheckConstraint(SLUG_CHECK, name="slug_format"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(default=0)

    organisations: Mapped[list[Organisation]] = relationship(back_populates="region")

    @staticmethod
    def ordered():
        return select(Region).order_by(Region.position, Region.name)


class Organisation(db.Model):
    __tablename__ = "organisations"
    __table_args__ = (
        CheckConstraint(SLUG_CHECK, name="slug_format"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        # Lets responsibilities reference (id, tier) and so require tier 'rijk' in the database.
        UniqueConstraint("id", "tier", name="uq_organisations_id_tier"),
        CheckConstraint("size_class IS NULL OR tier = 'gemeente'", name="size_class_gemeente"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    tier: Mapped[Tier] = mapped_column(enum_column_type(Tier, "tier"))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)
    size_class: Mapped[SizeClass | None] = mapped_column(enum_column_type(SizeClass, "size_class"))

    region: Mapped[Region | None] = relationship(back_populates="organisations")

    @staticmethod
    def ordered():
        return select(Organisation).order_by(Organisation.tier, Organisation.name)

    def __repr__(self) -> str:
        return f"<Organisation {self.slug}>"
