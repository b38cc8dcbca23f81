"""Seeding a new installation; every step adds only what is missing."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from consult.accounts import operations as accounts
from consult.accounts.models import Role, User
from consult.extensions import db
from consult.organisations.models import Organisation, Region, Tier
from consult.seed import data
from consult.seed.texts import SPEERPUNT_TEXTS
from consult.speerpunten import operations as speerpunten
from consult.speerpunten.models import Phase, Speerpunt


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str) -> None:
        self.created[kind] = self.created.get(kind, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created)


def seed_reference_data(report: SeedReport | None = None) -> SeedReport:
    """Regions, organisations, the eight speerpunten with version 1, and responsibilities."""
    report = report or SeedReport()
    regions = {region.slug: region for region in db.session.execute(select(Region)).scalars()}
    for position, (slug, name) in enumerate(data.REGIONS, start=1):
        if slug not in regions:
            regions[slug] = Region(slug=slug, name=name, position=position)
            db.session.add(regions[slug])
            report.count("regio's")
    db.session.flush()

    organisations = {
        org.slug: org for org in db.session.execute(select(Organisation)).scalars()
    }
    groups = [
        (Tier.RIJK, [(slug, name, None) for slug, name in data.MINISTRIES]),
        (Tier.PROVINCIE, data.PROVINCES + data.PROVINCIAL_PARTNERS),
        (Tier.GEMEENTE, data.MUNICIPALITIES),
        (Tier.PARTNER, data.PARTNERS),
    ]
    for tier, rows in groups:
        for slug, name, region_slug in rows:
            if slug not in organisations:
                organisations[slug] = Organisation(
                    slug=slug, name=name, tier=tier,
                    region=regions[region_slug] if region_slug else None,
                )
                db.session.add(organisations[slug])
                report.count("organisaties")
    db.session.flush()

    existing = {sp.slug: sp for sp in db.session.execute(select(Speerpunt)).scalars()}
    for position, (slug, title) in enumerate(data.SPEERPUNTEN, start=1):
        if slug not in existing:
            existing[slug] = speerpunten.create_speerpunt(
                slug=slug, title=title, position=position, sections=SPEERPUNT_TEXTS[slug],
                author=None, phase=Phase.OPEN, summary="Conceptversie voor de consultatie",
            )
            report.count("speerpunten")
    for slug, ministry_slugs in data.RESPONSIBILITIES.items():
        for ministry_slug in ministry_slugs:
            if speerpunten.assign_responsibility(existing[slug], organisations[ministry_slug]):
                report.count("verantwoordelijkheden")
    db.session.flush()
    return report


def seed_demo_accounts(report: SeedReport | None = None) -> SeedReport:
    """One demo account per role and tier, all with the demo password. Demo use only."""
    report = report or SeedReport()
    for email, name, function, org_slug, role in data.DEMO_USERS:
        if db.session.execute(User.by_email(email)).first() is not None:
            continue
        organisation = db.session.execute(
            select(Organisation).where(Organisation.slug == org_slug)
        ).scalar_one()
        accounts.create_user(
            email=email, name=name, function=function, organisation=organisation,
            role=Role(role), password=data.DEMO_PASSWORD,
        )
        report.count("demo-accounts")
    db.session.flush()
    return report
