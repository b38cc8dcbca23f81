"""A national-scale data set for the benchmark, deterministic for a seed.

    python -m bench.generate --database-url sqlite:///bench/data/bench.sqlite3 --scale 1 --seed 2008

makes the database (SQLite file or PostgreSQL database), brings it to the newest migration,
seeds the reference data (`consult seed`), and adds what a national consultation would hold:
342 municipalities, 12 ministries, 40 partners, 3,000 people; per speerpunt 2,000 threaded
comments, 400 amendments in every status with supports and ministries' responses, 60
versions; meetings with registrations; practice examples and questions. One section of
one speerpunt (inburgering, "Wat doet het rijk") grows to about 5,000 words, for measuring
three-way merges into a long text.

`--scale` multiplies the activity (people, comments, amendments, versions, meetings,
knowledge); the organisations stay national. `--comments N` sets the comments per speerpunt
directly, e.g. 12,500 for 100,000 comments to search.

The rows are written in bulk (executemany) with explicit ids, so writing 100,000 comments
takes seconds instead of the minutes the operations would need; they hold what the
operations would have written, and the database's own CHECK and foreign-key constraints
check every row. What the operations write as a side effect is written too: follows of
what people took part in, notifications (new versions to followers, responses, decisions,
replies), the audit log of decisions and edits. The search index is rebuilt at the end.

Everything comes from random.Random streams seeded with `--seed`; timestamps are relative to
`--anchor` (a date, default today), so that the consultation is current: meetings ahead,
responses overdue. The same seed and anchor give the same rows.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import re
import sys
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from bench import names
from bench.text import MODERATOR_SUMMARIES, THEMES, VENUES, Writer

# The national numbers at --scale 1.
GEMEENTEN = 342
MINISTRIES = 12
PARTNERS = 40
USERS = 3000
COMMENTS_PER_SPEERPUNT = 2000
AMENDMENTS_PER_SPEERPUNT = 400
VERSIONS_PER_SPEERPUNT = 60
MEETINGS_PER_PLATFORM = 2
EXAMPLES_PER_PLATFORM = 3
QUESTIONS_PER_PLATFORM = 2

# The long section that accepted amendments are merged into.
BIG_SPEERPUNT = "inburgering"
BIG_SECTION = "rijk"
BIG_WORDS = 5000

# Accounts the benchmark signs in with. Every generated account has this password: these
# databases are for measuring only, never for a real installation.
BENCH_PASSWORD = "bench-gia-2008-alleen-voor-metingen"
BENCH_ACCOUNTS = {
    "participant": "wethouder@bench.gia.nl",
    "moderator": "moderator@bench.gia.nl",
    "ministry": "ministerie@bench.gia.nl",
}

SECTIONS = ("kernprobleem", "ambitie", "rijk", "gemeente")
# How long the consultation has been running at the anchor.
CONSULTATION_DAYS = 150
RESPONSE_TERM = timedelta(days=14)


@dataclass(frozen=True)
class Plan:
    scale: float
    seed: int
    anchor: datetime
    users: int
    comments_per_speerpunt: int
    amendments_per_speerpunt: int
    versions_per_speerpunt: int
    meetings: int
    examples: int
    questions: int

    @classmethod
    def of(cls, scale: float = 1.0, seed: int = 2008, comments: int | None = None,
           anchor: date | None = None) -> Plan:
        if scale <= 0:
            raise ValueError("scale must be positive")
        day = anchor or datetime.now(UTC).date()
        platforms = 7 * 8
        return cls(
            scale=scale, seed=seed,
            anchor=datetime(day.year, day.month, day.day, tzinfo=UTC),
            # Enough people for every ministry to respond and every tier to take part.
            users=max(40, round(USERS * scale)),
            comments_per_speerpunt=comments if comments is not None
            else max(10, round(COMMENTS_PER_SPEERPUNT * scale)),
            # At least two of every status.
            amendments_per_speerpunt=max(8, round(AMENDMENTS_PER_SPEERPUNT * scale)),
            # Version 2 of the long speerpunt is the long section; one more to merge into.
            versions_per_speerpunt=max(3, round(VERSIONS_PER_SPEERPUNT * scale)),
            meetings=max(4, round(MEETINGS_PER_PLATFORM * platforms * scale)),
            examples=max(4, round(EXAMPLES_PER_PLATFORM * platforms * scale)),
            questions=max(4, round(QUESTIONS_PER_PLATFORM * platforms * scale)),
        )

    @property
    def start(self) -> datetime:
        return self.anchor - timedelta(days=CONSULTATION_DAYS)

    @property
    def end(self) -> datetime:
        return self.anchor - timedelta(hours=1)


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text.replace("'", "")).strip("-")


class Ids:
    """Explicit ids, continuing after what the database holds, so rows can refer to each
    other before they are written."""

    def __init__(self, conn: sa.Connection, tables: list[sa.Table]):
        self._next = {t.name: (conn.scalar(sa.select(sa.func.max(t.c.id))) or 0) + 1
                      for t in tables}

    def take(self, table: str) -> int:
        value = self._next[table]
        self._next[table] = value + 1
        return value


class Pool:
    """People to pick from, some much more active than others (as on any forum)."""

    def __init__(self, users: list[dict], rng: random.Random):
        self.users = users
        # Zipf-like activity: the busiest people write many times what the quietest do.
        weights = [1.0 / (rank ** 0.7) for rank in range(1, len(users) + 1)]
        order = list(range(len(users)))
        rng.shuffle(order)
        self.cum = list(itertools.accumulate(weights[i] for i in order))
        self.order = [users[i] for i in order]

    def pick(self, rng: random.Random) -> dict:
        return self.order[bisect.bisect_left(self.cum, rng.random() * self.cum[-1])]

    def distinct(self, rng: random.Random, count: int, exclude: set[int]) -> list[dict]:
        chosen: dict[int, dict] = {}
        tries = 0
        while len(chosen) < count and tries < count * 20:
            user = self.pick(rng)
            tries += 1
            if user["id"] not in exclude:
                chosen[user["id"]] = user
        return list(chosen.values())


def _between(rng: random.Random, low: datetime, high: datetime) -> datetime:
    if high <= low:
        return low
    return low + timedelta(seconds=rng.uniform(0, (high - low).total_seconds()))


def _password_hash(seed: int) -> str:
    """One argon2 hash of the bench password for every account, with a salt from the seed:
    hashing 3,000 passwords separately would take minutes, and a random salt would make the
    data differ between runs. Same parameters as the application's hasher, so signing in
    does not rehash."""
    from argon2 import PasswordHasher
    from argon2.low_level import hash_secret

    params = PasswordHasher()
    salt = random.Random(f"{seed}:salt").randbytes(params.salt_len)
    return hash_secret(BENCH_PASSWORD.encode(), salt, time_cost=params.time_cost,
                       memory_cost=params.memory_cost, parallelism=params.parallelism,
                       hash_len=params.hash_len, type=params.type).decode()


@dataclass
class World:
    """What the generator has made so far, by kind, before it is written."""

    plan: Plan
    regions: dict[str, int] = field(default_factory=dict)
    organisations: list[dict] = field(default_factory=list)
    org_by_slug: dict[str, dict] = field(default_factory=dict)
    users: list[dict] = field(default_factory=list)
    speerpunten: list[dict] = field(default_factory=list)
    responsible: dict[int, list[int]] = field(default_factory=dict)
    rows: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    # (user id, target type, target id) -> when the person started following.
    follows: dict[tuple[int, str, int], datetime] = field(default_factory=dict)
    events: list[tuple] = field(default_factory=list)
    # Version 1 of each speerpunt, by speerpunt id, as the seed wrote it.
    first_versions: dict[int, dict] = field(default_factory=dict)

    def follow(self, user_id: int, target_type: str, target_id: int, at: datetime) -> None:
        key = (user_id, target_type, target_id)
        if key not in self.follows or at < self.follows[key]:
            self.follows[key] = at


def _load_reference(conn: sa.Connection, world: World) -> None:
    from consult.organisations.models import Organisation, Region
    from consult.speerpunten.models import Responsibility, Speerpunt

    world.regions = {slug: id_ for id_, slug in conn.execute(sa.select(Region.id, Region.slug))}
    for row in conn.execute(sa.select(Organisation.__table__)).mappings():
        org = {"id": row["id"], "slug": row["slug"], "name": row["name"],
               "tier": getattr(row["tier"], "value", row["tier"]), "region_id": row["region_id"],
               "size_class": getattr(row["size_class"], "value", row["size_class"]), "new": False}
        world.organisations.append(org)
        world.org_by_slug[org["slug"]] = org
    for row in conn.execute(sa.select(Speerpunt.__table__).order_by(Speerpunt.position)).mappings():
        world.speerpunten.append(dict(row))
    for speerpunt_id, org_id in conn.execute(
            sa.select(Responsibility.speerpunt_id, Responsibility.organisation_id)
            .order_by(Responsibility.speerpunt_id, Responsibility.organisation_id)):
        world.responsible.setdefault(speerpunt_id, []).append(org_id)


def _organisations(world: World, ids: Ids) -> None:
    """Top the seed's organisations up to the national numbers."""

    def add(slug: str, name: str, tier: str, region: str | None, size_class: str | None = None):
        org = {"id": ids.take("organisations"), "slug": slug, "name": name, "tier": tier,
               "region_id": world.regions[region] if region else None,
               "size_class": size_class, "new": True}
        world.organisations.append(org)
        world.org_by_slug[slug] = org

    def count(tier: str) -> int:
        return sum(1 for org in world.organisations if org["tier"] == tier)

    for province, municipalities in names.MUNICIPALITIES.items():
        for name in municipalities:
            slug = "gemeente-" + slugify(name)
            if slug in world.org_by_slug or count("gemeente") >= GEMEENTEN:
                continue
            add(slug, f"Gemeente {name}", "gemeente", names.PROVINCE_REGION[province],
                "groot" if name in names.LARGE_MUNICIPALITIES else "klein")
    for slug, name in names.MINISTRIES:
        if slug not in world.org_by_slug and count("rijk") < MINISTRIES:
            add(slug, name, "rijk", None)
    for slug, name, region in names.PARTNERS:
        if slug not in world.org_by_slug and count("partner") < PARTNERS:
            add(slug, name, "partner", region)


def _users(world: World, ids: Ids, rng: random.Random, password_hash: str) -> None:
    plan = world.plan
    by_tier: dict[str, list[dict]] = defaultdict(list)
    for org in world.organisations:
        by_tier[org["tier"]].append(org)
    n = plan.users
    forum = world.org_by_slug["forum"]
    seats: list[tuple[dict, str, str]] = []  # (organisation, role, function)
    moderators = max(2, round(n * 0.006))
    seats += [(forum, "moderator", "procesbegeleider")] * moderators
    seats += [(forum, "admin", "functioneel beheerder")] * max(1, round(n * 0.001))
    per_ministry = max(1, round(n * 0.01))
    for ministry in by_tier["rijk"]:
        seats += [(ministry, "participant", "")] * per_ministry
    provinces = by_tier["provincie"]
    seats += [(provinces[i % len(provinces)], "participant", "")
              for i in range(max(len(provinces) // 4, round(n * 0.08)))]
    partners = by_tier["partner"]
    seats += [(partners[i % len(partners)], "participant", "")
              for i in range(max(4, round(n * 0.1)))]
    gemeenten = by_tier["gemeente"]
    weights = [4 if org["size_class"] == "groot" else 1 for org in gemeenten]
    rest = max(4, n - len(seats))
    seats += [(org, "participant", "") for org in rng.choices(gemeenten, weights, k=rest)]

    # The benchmark's own accounts take the place of one moderator, one member of a ministry
    # responsible for the long speerpunt and one municipal participant.
    bench = [(forum, "moderator", "procesbegeleider"),
             (world.org_by_slug["vrom-wwi"], "participant", "senior beleidsmedewerker"),
             (world.org_by_slug["gemeente-nijmegen"], "participant", "wethouder")]
    for org, role, _function in bench:
        seats.remove(next(seat for seat in seats if seat[1] == role
                          and seat[0]["tier"] == org["tier"]))
    frequencies = ["immediate"] * 6 + ["daily"] * 3 + ["off"]
    for index, (org, role, function) in enumerate(bench + seats):
        first, last = rng.choice(names.FIRST_NAMES), rng.choice(names.LAST_NAMES)
        if index < 3:
            email = BENCH_ACCOUNTS[("moderator", "ministry", "participant")[index]]
        else:
            local = f"{slugify(first)}.{slugify(last).replace('-', '')}.{index}"
            email = f"{local}@{org['slug']}.example.nl"
        if not function:
            tier = org["tier"]
            if tier == "gemeente" and rng.random() < 0.12:
                function = "wethouder"
            elif tier == "provincie" and rng.random() < 0.15:
                function = "gedeputeerde"
            else:
                function = rng.choice(names.FUNCTIONS[tier])
        world.users.append({
            "id": ids.take("users"), "email": email, "name": f"{first} {last}",
            "function": function, "organisation_id": org["id"], "role": role,
            "password_hash": password_hash, "active": index < 3 or rng.random() > 0.01,
            "session_token": f"{rng.getrandbits(128):032x}",
            "created_at": _between(rng, plan.start - timedelta(days=90), plan.start),
            "may_endorse": False, "email_frequency": rng.choice(frequencies),
            "_org": org,
        })


def _meetings(world: World, ids: Ids, rng: random.Random, moderators: list[dict],
              writer: Writer) -> None:
    plan = world.plan
    region_slugs = list(world.regions)
    platforms = [(region, sp) for region in region_slugs for sp in world.speerpunten]
    rng.shuffle(platforms)
    people_by_region: dict[int | None, list[dict]] = defaultdict(list)
    for user in world.users:
        if user["active"] and user["role"] == "participant":
            people_by_region[user["_org"]["region_id"]].append(user)
    cities_by_region: dict[str, list[str]] = defaultdict(list)
    for province, municipalities in names.MUNICIPALITIES.items():
        cities_by_region[names.PROVINCE_REGION[province]] += municipalities
    for index in range(plan.meetings):
        region, sp = platforms[index % len(platforms)]
        region_id = world.regions[region]
        past = rng.random() < 0.6
        day = (_between(rng, plan.start + timedelta(days=7), plan.anchor - timedelta(days=2))
               if past else
               _between(rng, plan.anchor + timedelta(days=2), plan.anchor + timedelta(days=90)))
        starts = day.replace(hour=rng.choice([8, 12, 17]), minute=0, second=0, microsecond=0)
        ends = starts + timedelta(hours=rng.randint(2, 4))
        audience = rng.choices(["all", "klein", "groot"], [7, 1.5, 1.5])[0]
        organiser = (world.org_by_slug["forum"] if rng.random() < 0.5
                     else world.org_by_slug[f"cmo-{region}"])
        created = max(plan.start - timedelta(days=30), starts - timedelta(days=rng.randint(14, 60)))
        meeting = {
            "id": ids.take("meetings"),
            "title": f"{sp['title']} in de regio {region.capitalize()}"
                     + {"all": "", "klein": " (kleine gemeenten)",
                        "groot": " (grote gemeenten)"}[audience],
            "region_id": region_id, "speerpunt_id": sp["id"], "starts_at": starts,
            "ends_at": ends,
            "place": f"{rng.choice(cities_by_region[region])}, {rng.choice(VENUES)}",
            "organiser_id": organiser["id"],
            "programme": "\n".join(f"- {writer.topic(sp['slug']).capitalize()}"
                                   for _ in range(3)),
            "capacity": rng.randrange(20, 85, 5), "audience": audience,
            "minutes": "", "minutes_at": None,
            "created_by_id": rng.choice(moderators)["id"], "created_at": created,
        }
        if past and rng.random() < 0.7:
            minutes_at = min(plan.end, ends + timedelta(days=rng.randint(1, 5)))
            if minutes_at > ends:
                meeting["minutes"] = writer.minutes(sp["slug"])
                meeting["minutes_at"] = minutes_at
        world.rows["meetings"].append(meeting)
        for org_id in world.responsible.get(sp["id"], []):
            world.rows["meeting_ministries"].append(
                {"meeting_id": meeting["id"], "organisation_id": org_id,
                 "organisation_tier": "rijk"})

        def fits(user: dict) -> bool:
            org = user["_org"]
            return (audience == "all" or org["tier"] != "gemeente"
                    or org["size_class"] == audience)

        candidates = [u for u in people_by_region[region_id] if fits(u)]
        wanted = min(len(candidates), round(meeting["capacity"] * rng.uniform(0.4, 1.3)))
        chosen = rng.sample(candidates, wanted)
        stamps = sorted(_between(rng, created, min(starts, plan.end)) for _ in chosen)
        taken = 0
        for user, stamp in zip(chosen, stamps):
            if rng.random() < 0.08:
                status = "cancelled"
            elif taken < meeting["capacity"]:
                status, taken = "registered", taken + 1
            else:
                status = "waiting"
            world.rows["registrations"].append({
                "id": ids.take("registrations"), "meeting_id": meeting["id"],
                "user_id": user["id"], "status": status, "created_at": stamp})
            world.follow(user["id"], "meeting", meeting["id"], stamp)


def _speerpunt(world: World, sp: dict, rng: random.Random, writer: Writer, pool: Pool,
               moderators: list[dict], ministry_people: dict[int, list[dict]]) -> None:
    """Versions, amendments with supports and responses, and comments of one speerpunt."""
    from consult.speerpunten.textdiff import merge_three_way

    plan = world.plan
    slug, theme = sp["slug"], sp["slug"] if sp["slug"] in THEMES else "inburgering"
    big = slug == BIG_SPEERPUNT
    v1 = world.first_versions[sp["id"]]
    texts: list[dict[str, str]] = [{}, {key: v1[key] for key in SECTIONS}]
    versions = plan.versions_per_speerpunt
    times = [plan.start] + sorted(
        _between(rng, plan.start + timedelta(days=3), plan.end - timedelta(days=1))
        for _ in range(versions - 1))

    def current_at(moment: datetime) -> int:
        return bisect.bisect_right(times, moment)

    slots = list(range(2, versions + 1))
    eligible = [k for k in slots if not (big and k == 2)]
    amendment_total = plan.amendments_per_speerpunt
    from_amendments = min(max(1, round(0.75 * len(eligible))), amendment_total - 3)
    accepted_slots = set(rng.sample(eligible, from_amendments))
    forum = world.org_by_slug["forum"]

    amendments: list[dict] = []

    def new_amendment(author: dict, section: str, base: int, text: str, created: datetime,
                      **facts) -> dict:
        row = {"speerpunt_id": sp["id"], "section": section, "base_version": base,
               "text": text, "rationale": writer.rationale(theme), "status": "pending",
               "author_id": author["id"], "organisation_id": author["organisation_id"],
               "created_at": created, "meeting_id": None, "decided_at": None,
               "decided_by_id": None, "decision_reason": "", "decision_modified": False,
               "result_version": None, "_author": author, "_speerpunt": sp}
        row.update(facts)
        amendments.append(row)
        world.follow(author["id"], "speerpunt", sp["id"], created)
        return row

    for number in slots:
        at = times[number - 1]
        previous = texts[number - 1]
        sections = dict(previous)
        if big and number == 2:
            section = BIG_SECTION
            words = len(previous[section].split())
            sections[section] = previous[section] + "\n\n" + writer.section_of_words(
                theme, BIG_WORDS - words)
            moderator = rng.choice(moderators)
            version = {"author_id": moderator["id"], "organisation_id": forum["id"],
                       "summary": "Uitgewerkte versie na de regionale bijeenkomsten",
                       "_amendment": None}
            world.events.append(("audit", at, moderator["id"], "speerpunt.edit",
                                 f"speerpunt:{slug}", version["summary"],
                                 {"section": section, "version": number}))
        elif number in accepted_slots:
            section = rng.choice(SECTIONS)
            author = pool.pick(rng)
            created = _between(rng, max(plan.start, at - timedelta(days=20)), at)
            base = current_at(created)
            proposal = writer.edit(texts[base][section], theme)
            if base == number - 1:
                result = proposal
            else:
                merged = merge_three_way(texts[base][section], previous[section], proposal)
                if merged.ok and merged.text != previous[section]:
                    result = merged.text
                else:
                    # Overlapping changes: the author proposed against the newest version.
                    created = _between(rng, times[number - 2], at)
                    base = number - 1
                    proposal = writer.edit(previous[section], theme)
                    result = proposal
            modified = rng.random() < 0.1
            if modified:
                result = writer.edit(result, theme)
            moderator = rng.choice(moderators)
            reason = "" if rng.random() < 0.5 else "Breed gesteund en in lijn met de agenda."
            amendment = new_amendment(
                author, section, base, proposal, created, status="accepted", decided_at=at,
                decided_by_id=moderator["id"], decision_reason=reason,
                decision_modified=modified, result_version=number)
            sections[section] = result
            version = {"author_id": author["id"], "organisation_id": author["organisation_id"],
                       "summary": f"Amendement {{id}} overgenomen"
                       + (" met wijzigingen" if modified else ""),
                       "_amendment": amendment}
            world.events.append(("decided", at, amendment, moderator["id"]))
        else:
            section = rng.choice(SECTIONS)
            sections[section] = writer.edit(previous[section], theme)
            moderator = rng.choice(moderators)
            version = {"author_id": moderator["id"], "organisation_id": forum["id"],
                       "summary": rng.choice(MODERATOR_SUMMARIES), "_amendment": None}
            world.events.append(("audit", at, moderator["id"], "speerpunt.edit",
                                 f"speerpunt:{slug}", version["summary"],
                                 {"section": section, "version": number}))
        texts.append(sections)
        version.update({"speerpunt_id": sp["id"], "number": number, "created_at": at,
                        "changed_sections": section, **sections, "_speerpunt": sp})
        world.rows["versions"].append(version)
        world.events.append(("version", at, sp, version))

    # The amendments still pending or decided otherwise.
    others = amendment_total - from_amendments
    pending = max(1, round(0.40 * amendment_total))
    withdrawn = max(1, round(0.07 * amendment_total))
    rejected = max(1, others - pending - withdrawn)
    pending = others - withdrawn - rejected
    statuses = ["pending"] * pending + ["withdrawn"] * withdrawn + ["rejected"] * rejected
    rng.shuffle(statuses)
    for status in statuses:
        created = _between(rng, plan.start + timedelta(hours=1), plan.end)
        base = current_at(created)
        if rng.random() < 0.2:
            base = max(1, base - rng.randint(1, 3))
        section = rng.choice(SECTIONS)
        author = pool.pick(rng)
        facts: dict = {"status": status}
        if status == "rejected":
            facts["decided_at"] = min(plan.end, created + timedelta(days=rng.uniform(1, 30)))
            facts["decided_by_id"] = rng.choice(moderators)["id"]
            facts["decision_reason"] = writer.rejection(theme)
        elif status == "withdrawn":
            facts["decided_at"] = min(plan.end, created + timedelta(days=rng.uniform(0.05, 20)))
        amendment = new_amendment(author, section, base,
                                  writer.edit(texts[base][section], theme), created, **facts)
        if status == "rejected":
            world.events.append(("decided", facts["decided_at"], amendment,
                                 facts["decided_by_id"]))

    for amendment in amendments:
        until = amendment["decided_at"] or plan.end
        count = min(40, int(rng.expovariate(1 / 3)))
        for supporter in pool.distinct(rng, count, {amendment["author_id"]}):
            world.rows["supports"].append({
                "amendment_id": None, "_amendment": amendment, "user_id": supporter["id"],
                "organisation_id": supporter["organisation_id"],
                "created_at": _between(rng, amendment["created_at"], until)})
        status = amendment["status"]
        if status in ("accepted", "rejected"):
            chance = 0.85
        elif status == "withdrawn":
            chance = 0.3
        else:
            chance = 0.7 if plan.anchor - amendment["created_at"] > RESPONSE_TERM else 0.4
        for org_id in world.responsible.get(sp["id"], []):
            people = ministry_people.get(org_id)
            if not people or rng.random() > chance:
                continue
            weights = {"accepted": [7, 2.5, 0.5], "rejected": [1, 3, 6]}.get(status, [4, 3, 3])
            position = rng.choices(["support", "partial", "oppose"], weights)[0]
            response = {"_amendment": amendment, "amendment_id": None, "position": position,
                        "body": writer.response(theme, position),
                        "author_id": rng.choice(people)["id"], "organisation_id": org_id,
                        "organisation_tier": "rijk",
                        "created_at": _between(rng, amendment["created_at"], until)}
            world.rows["responses"].append(response)
            world.events.append(("response", response["created_at"], response, amendment))
    world.rows["amendments"] += amendments

    _comments(world, sp, rng, writer, pool, moderators, amendments, current_at, theme)


def _comments(world: World, sp: dict, rng: random.Random, writer: Writer, pool: Pool,
              moderators: list[dict], amendments: list[dict], current_at, theme: str) -> None:
    plan = world.plan
    stamps = sorted(_between(rng, plan.start, plan.end)
                    for _ in range(plan.comments_per_speerpunt))
    by_time = sorted(amendments, key=lambda a: a["created_at"])
    amendment_times = [a["created_at"] for a in by_time]
    threads: dict[tuple[str, int | None], list[dict]] = defaultdict(list)
    comments: list[dict] = []

    def add(author: dict, stamp: datetime, section: str, body: str, parent: dict | None,
            amendment: dict | None, meeting: dict | None = None) -> dict:
        comment = {
            "speerpunt_id": sp["id"], "section": section, "version_number": current_at(stamp),
            "parent_id": None, "amendment_id": None, "meeting_id": meeting["id"] if meeting else None,
            "author_id": author["id"], "organisation_id": author["organisation_id"],
            "body": body, "status": "visible", "auto_hidden": False, "hidden_at": None,
            "hidden_by_id": None, "hidden_reason": "", "reviewed_at": None, "created_at": stamp,
            "_parent": parent, "_amendment": amendment, "_author": author, "_speerpunt": sp}
        comments.append(comment)
        world.follow(author["id"], "speerpunt", sp["id"], stamp)
        if parent is not None and parent["author_id"] != author["id"]:
            world.events.append(("reply", stamp, comment, parent))
        return comment

    for stamp in stamps:
        author = rng.choice(moderators) if rng.random() < 0.03 else pool.pick(rng)
        known = bisect.bisect_right(amendment_times, stamp)
        amendment = by_time[rng.randrange(known)] if known and rng.random() < 0.15 else None
        section = amendment["section"] if amendment else rng.choice(SECTIONS)
        thread = threads[(section, id(amendment) if amendment else None)]
        parent = None
        if thread and rng.random() < 0.6:
            parent = thread[-1 - min(len(thread) - 1, int(rng.expovariate(1 / 4)))]
        body = writer.reply(theme) if parent else writer.comment(theme)
        thread.append(add(author, stamp, section, body, parent, amendment))

    # The organiser enters what a meeting brought in, after its minutes.
    users_by_id = {user["id"]: user for user in moderators}
    for meeting in world.rows["meetings"]:
        if meeting["speerpunt_id"] != sp["id"] or not meeting["minutes_at"]:
            continue
        organiser = users_by_id[meeting["created_by_id"]]
        for _ in range(2):
            stamp = _between(rng, meeting["minutes_at"], plan.end)
            add(organiser, stamp, rng.choice(SECTIONS),
                f"Inbreng uit de bijeenkomst in {meeting['place']}: {writer.comment(theme)}",
                None, None, meeting)

    # Every speerpunt has each state of moderation at least once, also at a tiny scale, so
    # that a small data set exercises the same queries as the national one.
    states: dict[int, str] = {}
    if len(comments) >= 8:
        states = dict(zip(rng.sample(range(len(comments)), 4),
                          ("hidden", "auto_hidden", "flagged", "dismissed")))
    for index, comment in enumerate(comments):
        state = states.get(index)
        if state is None:
            r = rng.random()
            state = ("hidden" if r < 0.01 else "auto_hidden" if r < 0.013
                     else "flagged" if r < 0.018 else "dismissed" if r < 0.021 else None)
        if state == "hidden":
            moderator = rng.choice(moderators)
            hidden_at = _between(rng, comment["created_at"], plan.end)
            reason = "Deze reactie bevat persoonlijke aanvallen."
            comment.update(status="hidden", hidden_at=hidden_at, hidden_by_id=moderator["id"],
                           hidden_reason=reason, reviewed_at=hidden_at)
            world.events.append(("hidden", hidden_at, comment, moderator["id"], reason))
        elif state == "auto_hidden":
            flags = _flags(world, rng, pool, comment, 3)
            hidden_at = max(flag["created_at"] for flag in flags)
            comment.update(status="hidden", auto_hidden=True, hidden_at=hidden_at,
                           hidden_reason="Automatisch verborgen na meldingen van deelnemers.")
            world.events.append(("hidden", hidden_at, comment, None, comment["hidden_reason"]))
        elif state == "flagged":
            _flags(world, rng, pool, comment, rng.randint(1, 2))
        elif state == "dismissed":
            flags = _flags(world, rng, pool, comment, rng.randint(1, 2))
            reviewed = _between(rng, max(flag["created_at"] for flag in flags), plan.end)
            for flag in flags:
                flag["dismissed_at"] = reviewed
            comment["reviewed_at"] = reviewed
    world.rows["comments"] += comments


def _flags(world: World, rng: random.Random, pool: Pool, comment: dict, count: int) -> list[dict]:
    reasons = ["spam", "offensive", "off_topic", "other"]
    flags = []
    for user in pool.distinct(rng, count, {comment["author_id"]}):
        reason = rng.choice(reasons)
        flags.append({"comment_id": None, "_comment": comment, "user_id": user["id"],
                      "reason": reason,
                      "explanation": "Past niet bij de discussie." if reason == "other" else "",
                      "created_at": _between(rng, comment["created_at"], world.plan.end),
                      "dismissed_at": None})
    world.rows["flags"] += flags
    return flags


def _knowledge(world: World, ids: Ids, rng: random.Random, writer: Writer, pool: Pool) -> None:
    plan = world.plan
    people_by_region: dict[int | None, list[dict]] = defaultdict(list)
    for user in world.users:
        if user["active"] and user["role"] == "participant":
            people_by_region[user["_org"]["region_id"]].append(user)
    platforms = [(region_id, sp) for region_id in world.regions.values()
                 for sp in world.speerpunten]

    def author_in(region_id: int) -> dict:
        local = people_by_region.get(region_id)
        return rng.choice(local) if local else pool.pick(rng)

    for index in range(plan.examples):
        region_id, sp = platforms[rng.randrange(len(platforms))]
        theme = sp["slug"]
        author = author_in(region_id)
        topic = writer.topic(theme)
        tags = sorted({slugify(writer.topic(theme)) for _ in range(rng.randint(2, 4))})
        world.rows["practice_examples"].append({
            "id": ids.take("practice_examples"), "region_id": region_id,
            "speerpunt_id": sp["id"], "author_id": author["id"],
            "organisation_id": author["organisation_id"],
            "title": f"{topic[0].upper()}{topic[1:]} in {author['_org']['name'].removeprefix('Gemeente ')}"[:200],
            "summary": writer.sentence(theme),
            "body": "\n\n".join(writer.paragraph(theme, rng.randint(3, 6))
                                for _ in range(rng.randint(2, 5))),
            "contact_name": author["name"], "contact_email": author["email"],
            "tags": ",".join(tags), "created_at": _between(rng, plan.start, plan.end)})

    for index in range(plan.questions):
        region_id, sp = platforms[rng.randrange(len(platforms))]
        theme = sp["slug"]
        asker = author_in(region_id)
        created = _between(rng, plan.start, plan.end - timedelta(days=1))
        question = {
            "id": ids.take("knowledge_questions"), "region_id": region_id,
            "speerpunt_id": sp["id"], "author_id": asker["id"],
            "organisation_id": asker["organisation_id"],
            "title": f"Wie heeft ervaring met {writer.topic(theme)}?",
            "body": writer.comment(theme), "accepted_answer_id": None, "accepted_at": None,
            "created_at": created}
        world.rows["knowledge_questions"].append(question)
        answers = []
        for helper in pool.distinct(rng, rng.randint(0, 4), {asker["id"]}):
            answer = {"id": ids.take("knowledge_answers"), "question_id": question["id"],
                      "author_id": helper["id"], "organisation_id": helper["organisation_id"],
                      "body": writer.reply(theme),
                      "created_at": _between(rng, created, plan.end)}
            answers.append(answer)
            world.events.append(("answered", answer["created_at"], question, answer))
        world.rows["knowledge_answers"] += answers
        if answers and rng.random() < 0.5:
            chosen = rng.choice(answers)
            question["_accepted"] = (chosen["id"],
                                     _between(rng, chosen["created_at"], plan.end))


def _assign_ids(world: World, ids: Ids) -> None:
    """Ids in order of creation, as the database would have handed them out."""
    for table in ("amendments", "versions", "comments", "responses", "flags"):
        world.rows[table].sort(key=lambda row: row["created_at"])
        for row in world.rows[table]:
            row["id"] = ids.take(table)
    for version in world.rows["versions"]:
        amendment = version.pop("_amendment")
        version["amendment_id"] = amendment["id"] if amendment else None
        version["summary"] = version["summary"].replace("{id}", str(version["amendment_id"]))
    for comment in world.rows["comments"]:
        comment["parent_id"] = comment["_parent"]["id"] if comment["_parent"] else None
        comment["amendment_id"] = comment["_amendment"]["id"] if comment["_amendment"] else None
    for table, key in (("supports", "amendment_id"), ("responses", "amendment_id")):
        for row in world.rows[table]:
            row[key] = row["_amendment"]["id"]
    for flag in world.rows["flags"]:
        flag["comment_id"] = flag["_comment"]["id"]


def _notifications(world: World, rng: random.Random):
    """What the operations would have told people, in batches (there are many: every new
    version reaches every follower of its speerpunt)."""
    plan = world.plan
    users = {user["id"]: user for user in world.users}
    orgs = {org["id"]: org for org in world.organisations}
    followers: dict[int, list[tuple[datetime, int]]] = defaultdict(list)
    for (user_id, target_type, target_id), since in world.follows.items():
        if target_type == "speerpunt":
            followers[target_id].append((since, user_id))
    for entries in followers.values():
        entries.sort()

    def note(user_id: int, kind: str, at: datetime, message: str, url: str) -> dict:
        user = users[user_id]
        frequency = user["email_frequency"]
        if frequency == "immediate" and user["active"]:
            emailed = at
        elif frequency == "daily":
            next_morning = (at + timedelta(days=1)).replace(hour=6, minute=0, second=0,
                                                            microsecond=0)
            emailed = next_morning if next_morning < plan.anchor else None
        else:
            emailed = None
        age = plan.anchor - at
        read = None
        if rng.random() < (0.85 if age > timedelta(days=3) else 0.3):
            read = _between(rng, at, min(plan.end, at + timedelta(days=3)))
        return {"user_id": user_id, "kind": kind, "message": message[:2000], "url": url,
                "created_at": at, "read_at": read, "emailed_at": emailed}

    for event in sorted(world.events, key=lambda e: e[1]):
        kind, at = event[0], event[1]
        if kind == "version":
            sp, version = event[2], event[3]
            number = version["number"]
            message = (f"Er is een nieuwe versie ({number}) van {sp['title']}: "
                       f"{version['summary']}")
            url = f"/speerpunten/{sp['slug']}/verschil?van={number - 1}&tot={number}"
            for since, user_id in followers[sp["id"]]:
                if since >= at:
                    break
                if user_id != version["author_id"]:
                    yield note(user_id, "speerpunt.version", at, message, url)
        elif kind == "response":
            response, amendment = event[2], event[3]
            label = {"support": "steunt het voorstel", "partial": "steunt het voorstel deels",
                     "oppose": "steunt het voorstel niet"}[response["position"]]
            yield note(amendment["author_id"], "amendment.response", at,
                       f"{orgs[response['organisation_id']]['name']} reageerde op uw amendement "
                       f"{amendment['id']} bij {amendment['_speerpunt']['title']}: {label}.",
                       f"/amendementen/{amendment['id']}")
        elif kind == "decided":
            amendment = event[2]
            title = amendment["_speerpunt"]["title"]
            if amendment["status"] == "accepted":
                message = (f"Uw amendement {amendment['id']} bij {title} is overgenomen"
                           + (" met wijzigingen" if amendment["decision_modified"] else "")
                           + f" in versie {amendment['result_version']}.")
            else:
                message = (f"Uw amendement {amendment['id']} bij {title} is niet overgenomen. "
                           f"Reden: {amendment['decision_reason']}")
            yield note(amendment["author_id"], "amendment.decided", at, message,
                       f"/amendementen/{amendment['id']}")
        elif kind == "reply":
            comment, parent = event[2], event[3]
            author = comment["_author"]
            yield note(parent["author_id"], "comment.reply", at,
                       f"{author['name']} ({author['_org']['name']}) antwoordde op uw reactie "
                       f"bij {comment['_speerpunt']['title']}.", _comment_url(comment))
        elif kind == "hidden":
            comment, moderator_id, reason = event[2], event[3], event[4]
            who = ("door een moderator" if moderator_id else
                   "na meldingen van deelnemers, tot een moderator ernaar heeft gekeken")
            yield note(comment["author_id"], "comment.hidden", at,
                       f"Uw reactie is verborgen {who}. Reden: {reason}", _comment_url(comment))
        elif kind == "answered":
            question, answer = event[2], event[3]
            yield note(question["author_id"], "question.answered", at,
                       f"Er is een antwoord op uw vraag '{question['title']}'.",
                       f"/kennis/vragen/{question['id']}")


def _comment_url(comment: dict) -> str:
    if comment["amendment_id"]:
        return f"/amendementen/{comment['amendment_id']}#reactie-{comment['id']}"
    return f"/reacties/{comment['id']}"


def _audit(world: World) -> list[dict]:
    entries = []
    for event in world.events:
        kind, at = event[0], event[1]
        if kind == "audit":
            _, at, actor_id, action, obj, reason, detail = event
            entries.append({"at": at, "actor_id": actor_id, "action": action, "object": obj,
                            "reason": reason, "detail": detail})
        elif kind == "decided":
            amendment, moderator_id = event[2], event[3]
            accepted = amendment["status"] == "accepted"
            detail = {"speerpunt": amendment["_speerpunt"]["slug"]}
            if accepted:
                detail |= {"version": amendment["result_version"],
                           "modified": amendment["decision_modified"]}
            entries.append({"at": at, "actor_id": moderator_id,
                            "action": "amendment.accept" if accepted else "amendment.reject",
                            "object": f"amendment:{amendment['id']}",
                            "reason": amendment["decision_reason"], "detail": detail})
        elif kind == "hidden":
            comment, moderator_id, reason = event[2], event[3], event[4]
            entries.append({"at": at, "actor_id": moderator_id,
                            "action": "comment.hide" if moderator_id else "comment.auto_hide",
                            "object": f"comment:{comment['id']}",
                            "reason": reason if moderator_id else "",
                            "detail": {} if moderator_id else {"flags": 3}})
    entries.sort(key=lambda entry: entry["at"])
    for entry in entries:
        entry.update(result="ok", origin="web")
    return entries


def _clean(rows: list[dict]) -> list[dict]:
    """The columns only: keys starting with an underscore are the generator's references."""
    return [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows]


def _write(conn: sa.Connection, table: sa.Table, rows, batch: int = 5000) -> int:
    written = 0
    chunk: list[dict] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= batch:
            conn.execute(table.insert(), _clean(chunk))
            written += len(chunk)
            chunk = []
    if chunk:
        conn.execute(table.insert(), _clean(chunk))
        written += len(chunk)
    return written


def generate(plan: Plan, log=print) -> dict[str, int]:
    """Add the national data set to the seeded database of the current app context; returns
    the rows written per table."""
    from consult.core.database import write_transaction
    from consult.extensions import db
    from consult.search.indexing import rebuild

    metadata = db.metadata
    tables = {name: metadata.tables[name] for name in (
        "organisations", "users", "meetings", "meeting_ministries", "registrations",
        "amendments", "versions", "supports", "responses", "comments", "flags", "follows",
        "notifications", "practice_examples", "knowledge_questions", "knowledge_answers",
        "audit_log", "speerpunten")}
    started = time.perf_counter()
    written: dict[str, int] = {}
    with write_transaction(), db.engine.begin() as conn:
        if conn.scalar(sa.select(sa.func.count()).select_from(tables["amendments"])) or \
                conn.scalar(sa.select(sa.func.count()).select_from(tables["comments"])):
            raise RuntimeError("this database already holds consultation data; generate into "
                               "a freshly seeded one")
        world = World(plan)
        _load_reference(conn, world)
        version_table = metadata.tables["versions"]
        world.first_versions = {
            row["speerpunt_id"]: dict(row) for row in conn.execute(
                sa.select(version_table).where(version_table.c.number == 1)).mappings()}
        if any(sp["current_version"] != 1 for sp in world.speerpunten):
            raise RuntimeError("the speerpunten already have versions beyond the first")
        ids = Ids(conn, [t for name, t in tables.items() if "id" in t.c])

        _organisations(world, ids)
        _users(world, ids, random.Random(f"{plan.seed}:users"), _password_hash(plan.seed))
        moderators = [u for u in world.users if u["role"] == "moderator" and u["active"]]
        participants = [u for u in world.users if u["role"] == "participant" and u["active"]]
        ministry_people: dict[int, list[dict]] = defaultdict(list)
        for user in participants:
            if user["_org"]["tier"] == "rijk":
                ministry_people[user["organisation_id"]].append(user)
        places = [org["name"].removeprefix("Gemeente ") for org in world.organisations
                  if org["tier"] == "gemeente"]
        pool = Pool(participants, random.Random(f"{plan.seed}:activity"))

        rng = random.Random(f"{plan.seed}:meetings")
        _meetings(world, ids, rng, moderators, Writer(rng, places))
        for sp in world.speerpunten:
            rng = random.Random(f"{plan.seed}:speerpunt:{sp['slug']}")
            _speerpunt(world, sp, rng, Writer(rng, places), pool, moderators, ministry_people)
        rng = random.Random(f"{plan.seed}:knowledge")
        _knowledge(world, ids, rng, Writer(rng, places), pool)
        _assign_ids(world, ids)
        log(f"  planned in {time.perf_counter() - started:.1f} s; writing")

        written["organisations"] = _write(conn, tables["organisations"],
                                          (o for o in world.organisations if o.pop("new")))
        for name in ("users", "meetings", "meeting_ministries", "registrations", "amendments",
                     "versions", "supports", "responses", "comments", "flags",
                     "practice_examples", "knowledge_questions", "knowledge_answers"):
            written[name] = _write(conn, tables[name], world.rows[name] if name != "users"
                                   else world.users)
        for question in world.rows["knowledge_questions"]:
            if "_accepted" in question:
                answer_id, at = question["_accepted"]
                conn.execute(tables["knowledge_questions"].update()
                             .where(tables["knowledge_questions"].c.id == question["id"])
                             .values(accepted_answer_id=answer_id, accepted_at=at))
        follows = sorted(world.follows.items(), key=lambda item: (item[1], item[0]))
        written["follows"] = _write(conn, tables["follows"], (
            {"id": ids.take("follows"), "user_id": user_id, "target_type": target_type,
             "target_id": target_id, "created_at": since}
            for (user_id, target_type, target_id), since in follows))
        notifications = _notifications(world, random.Random(f"{plan.seed}:notifications"))
        written["notifications"] = _write(conn, tables["notifications"], (
            {"id": ids.take("notifications"), **row} for row in notifications), batch=20000)
        written["audit_log"] = _write(conn, tables["audit_log"], (
            {"id": ids.take("audit_log"), **entry} for entry in _audit(world)))

        speerpunten = tables["speerpunten"]
        for sp in world.speerpunten:
            conn.execute(speerpunten.update().where(speerpunten.c.id == sp["id"])
                         .values(current_version=plan.versions_per_speerpunt))
        # The seed wrote version 1 when it ran; the consultation's history starts earlier.
        conn.execute(version_table.update().where(version_table.c.number == 1)
                     .values(created_at=plan.start))
        if conn.dialect.name == "postgresql":
            for table in tables.values():
                if "id" in table.c:
                    conn.execute(sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 1) FROM \"{table.name}\"))"))
        log(f"  written in {time.perf_counter() - started:.1f} s; indexing for search")
        rebuild(conn)
    if db.engine.dialect.name == "postgresql":
        # Autovacuum would analyse the new tables soon after a bulk load; do it now so that
        # the first measurement does not run on a planner without statistics.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE"))
    log(f"  done in {time.perf_counter() - started:.1f} s")
    return written


# --- making the database ---------------------------------------------------------------------


def engine_url(url: str) -> str:
    """The URL as SQLAlchemy needs it: psycopg 3 for PostgreSQL, as consult/config.py does."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def prepare_database(url: str, fresh: bool) -> None:
    """Make an empty database at `url`: a new SQLite file, or a new PostgreSQL database."""
    url = engine_url(url)
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database)
        if path.exists():
            if not fresh:
                raise SystemExit(f"{path} exists; pass --fresh to replace it")
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    server = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as conn:
            exists = conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                 {"name": parsed.database})
            if exists and not fresh:
                raise SystemExit(f"database {parsed.database} exists; pass --fresh to replace it")
            if exists:
                conn.execute(sa.text(f'DROP DATABASE "{parsed.database}" WITH (FORCE)'))
            conn.execute(sa.text(f'CREATE DATABASE "{parsed.database}"'))
    finally:
        server.dispose()


def build(url: str, plan: Plan, *, fresh: bool = False, log=print) -> dict[str, int]:
    """Create, migrate and seed the database at `url`, then generate the data set."""
    from flask_migrate import upgrade

    from consult import create_app
    from consult.core.database import write_transaction
    from consult.extensions import db
    from consult.seed.operations import seed_reference_data

    prepare_database(url, fresh)
    app = create_app({"SQLALCHEMY_DATABASE_URI": engine_url(url),
                      "SECRET_KEY": "bench-generate"})
    with app.app_context():
        try:
            upgrade()
            with write_transaction():
                seed_reference_data()
                db.session.commit()
            return generate(plan, log=log)
        finally:
            db.session.remove()
            db.engine.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description="Make a database with a national-scale consultation, for benchmarks.")
    parser.add_argument("--database-url", required=True,
                        help="sqlite:///bench/data/bench.sqlite3 or "
                             "postgresql://postgres@127.0.0.1:5432/consult_bench")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="1 is national scale; 0.1 a tenth of the activity")
    parser.add_argument("--seed", type=int, default=2008)
    parser.add_argument("--comments", type=int, default=None,
                        help="comments per speerpunt (default 2,000 times the scale)")
    parser.add_argument("--anchor", type=date.fromisoformat, default=None,
                        help="the day the data is 'now' for (YYYY-MM-DD, default today)")
    parser.add_argument("--fresh", action="store_true",
                        help="replace the database if it exists")
    args = parser.parse_args(argv)
    plan = Plan.of(args.scale, args.seed, args.comments, args.anchor)
    print(f"Generating scale {plan.scale} (seed {plan.seed}, anchor {plan.anchor.date()}) "
          f"into {args.database_url}")
    started = time.perf_counter()
    written = build(args.database_url, plan, fresh=args.fresh)
    for table, count in written.items():
        print(f"  {table:22} {count:>9,}".replace(",", "."))
    print(f"Ready in {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    main(sys.argv[1:])
