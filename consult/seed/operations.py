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
from consult.speerpunten.models import SEED_VERSION_SUMMARY, Phase, Speerpunt


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
                author=None, phase=Phase.OPEN, summary=SEED_VERSION_SUMMARY,
            )
            report.count("speerpunten")
    from datetime import date

    from consult.meetings.models import Milestone, MilestoneStatus
    from consult.organisations.models import SizeClass

    for slug, size in data.SIZE_CLASSES.items():
        if organisations[slug].size_class is None:
            organisations[slug].size_class = SizeClass(size)
            report.count("grootteklassen")
    if db.session.execute(select(Milestone.id).limit(1)).first() is None:
        for title, due, status, description in data.MILESTONES:
            db.session.add(Milestone(title=title, due=date.fromisoformat(due),
                                     status=MilestoneStatus(status), description=description))
            report.count("mijlpalen")
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


def seed_demo_discussion(report: SeedReport | None = None) -> SeedReport:
    """A lively demo discussion, through the same operations people use. Only once."""
    from consult.amendments import operations as amendments
    from consult.comments import operations as comments
    from consult.comments.models import Comment

    report = report or SeedReport()
    if db.session.execute(select(Comment.id).limit(1)).first() is not None:
        return report
    people = {email.split("@")[0]: db.session.execute(User.by_email(email)).scalar_one()
              for email, *_rest in data.DEMO_USERS}
    speerpunten = {sp.slug: sp for sp in db.session.execute(select(Speerpunt)).scalars()}

    def current(slug: str, section: str) -> str:
        from consult.speerpunten.queries import current_version

        return current_version(speerpunten[slug]).section(section)

    def edit(slug: str, section: str, old: str, new: str) -> str:
        text = current(slug, section)
        if old not in text:
            raise RuntimeError(f"demo text for {slug}/{section} no longer contains {old!r}")
        return text.replace(old, new, 1)

    inburgering = speerpunten["inburgering"]
    first = comments.post_comment(
        people["wethouder"], inburgering, section="gemeente",
        body="In Nijmegen zien we dat inburgeraars sneller Nederlands leren als de taalles "
        "**op de werkvloer** plaatsvindt. Kan dat hier sterker worden genoemd?",
    )
    comments.post_comment(
        people["ministerie"], inburgering, section="gemeente", parent_id=first.id,
        body="Goed punt. Het rijk werkt aan een regeling voor duale trajecten; de ervaringen "
        "van Nijmegen nemen we daarin graag mee.",
    )
    comments.post_comment(
        people["gedeputeerde"], inburgering, section="kernprobleem",
        body="Voor de kleinere gemeenten in Gelderland is het aanbod vaak te versnipperd. "
        "Regionale inkoop zou helpen.",
    )
    text = current("inburgering", "gemeente")
    sentence = text.split("\n\n")[0].split(". ")[0]
    duaal = amendments.propose_amendment(
        people["wethouder"], inburgering, section="gemeente", base_version=1,
        text=text.replace(sentence, sentence + ", bij voorkeur gecombineerd met werk of "
                          "vrijwilligerswerk", 1),
        rationale="Taal leer je het best in de praktijk. Duale trajecten verminderen uitval "
        "en sluiten aan bij wat gemeenten nu al doen.",
    )
    amendments.support(people["gedeputeerde"], duaal, inburgering)
    amendments.support(people["partner"], duaal, inburgering)
    amendments.support(people["ambtenaar"], duaal, inburgering)
    amendments.respond(
        people["ministerie"], duaal, inburgering, position="partial",
        body="Het rijk steunt de richting. Een verplichting tot combinatie met werk gaat ons te "
        "ver; als voorkeur nemen we het graag over.",
    )

    wonen = speerpunten["wonen"]
    text = current("wonen", "ambitie")
    last = text.split("\n\n")[-1]
    accepted = amendments.propose_amendment(
        people["ambtenaar"], wonen, section="ambitie", base_version=1,
        text=text.replace(last, last + " Daarbij werken corporaties, gemeenten en bewoners "
                          "samen aan wijken waar mensen elkaar ontmoeten.", 1),
        rationale="In Rotterdam is de samenwerking met corporaties de sleutel tot succes.",
    )
    amendments.support(people["wethouder"], accepted, wonen)
    amendments.respond(people["ministerie"], accepted, wonen, position="support",
                       body="Past bij de wijkaanpak; het rijk steunt dit voorstel.")
    amendments.decide(people["moderator"], accepted, wonen, decision="accept",
                      reason="Breed gesteund en in lijn met de wijkaanpak.")
    rejected = amendments.propose_amendment(
        people["gedeputeerde"], wonen, section="rijk", base_version=1,
        text=current("wonen", "rijk") + " Het rijk stelt voor elke provincie een aparte "
        "woningbouwcoördinator aan.",
        rationale="Provincies hebben behoefte aan één aanspreekpunt.",
    )
    amendments.respond(people["ministerie"], rejected, wonen, position="oppose",
                       body="Dit past niet bij de verdeling van taken tussen rijk en provincies.")
    amendments.decide(people["moderator"], rejected, wonen, decision="reject",
                      reason="De provincies hebben al een eigen rol in de woningbouwafspraken; "
                      "een rijkscoördinator per provincie doorkruist die.")

    emancipatie = speerpunten["emancipatie"]
    comments.post_comment(
        people["partner"], emancipatie, section="ambitie",
        body="De VNG vraagt aandacht voor vrouwen die geïsoleerd leven. Zij worden niet "
        "bereikt via de gewone kanalen.\n\n- sleutelfiguren uit de eigen gemeenschap\n"
        "- huisbezoeken\n- laagdrempelige ontmoetingsplekken",
    )
    text = current("emancipatie", "gemeente")
    vng = amendments.propose_amendment(
        people["partner"], emancipatie, section="gemeente", base_version=1,
        text=text + "\n\nDe gemeente werkt daarbij samen met zelforganisaties van migranten"
        "vrouwen en zet sleutelfiguren in om vrouwen te bereiken die nu buiten beeld blijven.",
        rationale="Zelforganisaties bereiken vrouwen die de gemeente zelf niet bereikt.",
    )
    amendments.support(people["wethouder"], vng, emancipatie)
    amendments.respond(people["ocw"], vng, emancipatie, position="support",
                       body="OCW steunt dit; het sluit aan bij het emancipatiebeleid voor "
                       "migrantenvrouwen.")

    werken = speerpunten["werken"]
    flagged = comments.post_comment(
        people["ambtenaar"], werken, section="kernprobleem",
        body="Dit lees ik toch anders dan de rest van de tekst: kijk eens naar onze website.",
    )
    comments.flag_comment(people["partner"], flagged, "off_topic",
                          "Verwijst alleen naar een website.")
    from datetime import timedelta

    from consult.core.types import utcnow
    from consult.meetings import operations as meetings
    from consult.organisations.models import Region

    regions = {r.slug: r for r in db.session.execute(select(Region)).scalars()}
    orgs = {o.slug: o for o in db.session.execute(select(Organisation)).scalars()}
    start = (utcnow() + timedelta(days=21)).replace(hour=12, minute=0, second=0, microsecond=0)
    arnhem = meetings.schedule(
        people["moderator"], title="Emancipatie van migrantenvrouwen, regio Oost",
        region=regions["oost"], speerpunt=emancipatie, starts_at=start,
        ends_at=start + timedelta(hours=3), place="Arnhem, Musis Sacrum",
        organiser=orgs["forum"], capacity=40, audience="all",
        programme="- Welkom door FORUM en het regionale CMO\n- Praktijkvoorbeelden uit "
        "Nijmegen en Arnhem\n- Gesprek met OCW en SZW over de ambitie",
        ministries=[orgs["ocw"], orgs["szw"]],
    )
    meetings.register(people["wethouder"], arnhem)
    meetings.register(people["gedeputeerde"], arnhem)
    small = start + timedelta(days=7)
    meetings.schedule(
        people["moderator"], title="Inburgering in kleine gemeenten, regio Limburg",
        region=regions["limburg"], speerpunt=inburgering, starts_at=small,
        ends_at=small + timedelta(hours=2), place="Venlo, stadskantoor",
        organiser=orgs["cmo-limburg"], capacity=25, audience="klein",
        programme="Duale trajecten in kleine gemeenten.", ministries=[orgs["vrom-wwi"]],
    )
    report.count("demo-discussies")
    return report
