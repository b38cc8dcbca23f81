"""Searching the index: the query each database understands, ranked, filtered by visibility.

Whatever a person types becomes a list of words: every word must occur (in its Dutch stem on
PostgreSQL, as the exact word on SQLite). Quotes, operators and other syntax of either engine
are never passed through, so no query string can make the search fail.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import gettext, lazy_gettext
from flask_babel.speaklater import LazyString
from markupsafe import Markup, escape
from sqlalchemy import column, func, literal_column, select, table, text
from sqlalchemy.sql.elements import ColumnElement

from consult.accounts.models import User
from consult.amendments.models import AmendmentStatus, Position
from consult.comments.models import CommentStatus
from consult.core.i18n import LabelMap
from consult.core.links import path_for
from consult.extensions import db
from consult.organisations.models import Region, Tier
from consult.search.models import KNOWLEDGE_KINDS, Kind, SearchEntry
from consult.speerpunten.models import SECTIONS, Speerpunt
from consult.speerpunten.permissions import visible_phases

# Enough words for any real question; the rest of a pasted text adds nothing but cost.
MAX_WORDS = 32
MAX_WORD_LENGTH = 60
# Totals are counted up to this many matches; the page then says "more than".
MAX_TOTAL = 1000
_WORD = re.compile(r"\w+", re.UNICODE)
# Dutch function words: they occur in nearly every text, so they neither narrow nor rank a
# search, and ranking the tens of thousands of rows they match would only cost time.
# PostgreSQL's Dutch configuration drops such words itself; this keeps SQLite alike.
STOP_WORDS = frozenset("""
    aan al als bij dan dat de deze die dit door een en er geen haar heeft hem het hier hij hoe
    hun ik in is je kan maar me meer met mij naar niet nog nu of om ons ook op over te tot u uit
    van voor want wat we wel werd wie wij wordt zal ze zich zij zijn zo
""".split())
# Marks around matched words in snippets, from Unicode's private use area, so that they cannot
# be confused with text and are turned into <mark> only after the text has been escaped.
_START, _STOP = "\ue000", "\ue001"
# SQLite's FTS5 table (migration 0011), outside the metadata.
_FTS = table("search_fts", column("rowid"), column("title"), column("body"))

# Labels in the reader's language at each lookup.
STATUSES: LabelMap[str] = LabelMap({
    **{status.value: LazyString(lambda status=status: status.label)
       for status in AmendmentStatus},
    CommentStatus.VISIBLE.value: lazy_gettext("Zichtbaar"),
    CommentStatus.HIDDEN.value: lazy_gettext("Verborgen"),
    **{position.value: LazyString(lambda position=position: position.label)
       for position in Position},
    "open": lazy_gettext("Vraag zonder gekozen antwoord"),
    "answered": lazy_gettext("Vraag met gekozen antwoord"),
})


@dataclass(frozen=True)
class Filters:
    kind: Kind | None = None
    speerpunt: Speerpunt | None = None
    tier: Tier | None = None
    region: Region | None = None
    status: str | None = None


@dataclass(frozen=True)
class Hit:
    kind: Kind
    id: int
    title: str
    snippet: Markup
    url: str

    @property
    def plain_snippet(self) -> str:
        return self.snippet.striptags() if self.snippet else ""


def words_of(query: str) -> list[str]:
    """The words of a query, lower-cased, each at most once, in the order typed."""
    seen: dict[str, None] = {}
    for match in _WORD.finditer(query or ""):
        word = match.group().lower().replace("_", "")
        if word and len(word) <= MAX_WORD_LENGTH and word not in STOP_WORDS:
            seen.setdefault(word, None)
        if len(seen) >= MAX_WORDS:
            break
    return list(seen)


def parse_filters(args: Mapping[str, str], user: User | None) -> tuple[Filters, dict[str, str]]:
    """Read the filters from request arguments; unknown values are errors, named per field."""
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    raw = {name: (args.get(name) or "").strip() for name in ("kind", "speerpunt", "tier",
                                                              "region", "status")}
    if raw["kind"]:
        try:
            values["kind"] = Kind(raw["kind"])
        except ValueError:
            errors["kind"] = gettext("Onbekende soort.")
    if raw["speerpunt"]:
        speerpunt = db.session.execute(
            select(Speerpunt).where(Speerpunt.slug == raw["speerpunt"])
        ).scalar_one_or_none()
        if speerpunt is None or speerpunt.phase not in visible_phases(user):
            errors["speerpunt"] = gettext("Onbekend speerpunt.")
        else:
            values["speerpunt"] = speerpunt
    if raw["tier"]:
        try:
            values["tier"] = Tier(raw["tier"])
        except ValueError:
            errors["tier"] = gettext("Onbekende bestuurslaag.")
    if raw["region"]:
        region = db.session.execute(
            select(Region).where(Region.slug == raw["region"])
        ).scalar_one_or_none()
        if region is None:
            errors["region"] = gettext("Onbekende regio.")
        else:
            values["region"] = region
    if raw["status"]:
        if raw["status"] in STATUSES:
            values["status"] = raw["status"]
        else:
            errors["status"] = gettext("Onbekende status.")
    return Filters(**values), errors


def _visible(user: User | None, filters: Filters) -> list[ColumnElement[bool]]:
    entry = SearchEntry
    conditions: list[ColumnElement[bool]] = [
        Speerpunt.phase.in_(visible_phases(user)),
    ]
    if user is None:
        conditions.append(entry.kind.not_in([kind.value for kind in KNOWLEDGE_KINDS]))
    if user is None or not user.is_moderator:
        conditions.append(entry.hidden.is_(False))
    if filters.kind is not None:
        conditions.append(entry.kind == filters.kind.value)
    if filters.speerpunt is not None:
        conditions.append(entry.speerpunt_id == filters.speerpunt.id)
    if filters.tier is not None:
        conditions.append(entry.tier == filters.tier.value)
    if filters.region is not None:
        conditions.append(entry.region_id == filters.region.id)
    if filters.status is not None:
        conditions.append(entry.status == filters.status)
    return conditions


def search(user: User | None, query: str, filters: Filters, page: int,
           per_page: int) -> tuple[list[Hit], int]:
    """One page of the passages matching every word of the query, best first."""
    words = words_of(query)
    if not words:
        return [], 0
    # No page reaches past the counted matches, so totals and pages agree.
    offset = (page - 1) * per_page
    limit = max(0, min(per_page, MAX_TOTAL - offset))
    if db.engine.dialect.name == "sqlite":
        return _search_sqlite(user, words, filters, offset, limit)
    return _search_postgresql(user, words, filters, offset, limit)


def _count(base) -> int:
    """How many passages match, counted up to MAX_TOTAL: past that, nobody pages through them,
    and counting every match of a common word would cost more than finding the best ones."""
    return db.session.scalar(
        select(func.count()).select_from(base.limit(MAX_TOTAL + 1).subquery()))


def _search_sqlite(user, words, filters, offset, limit):
    match = " ".join('"' + word.replace('"', '""') + '"' for word in words)
    where = [literal_column("search_fts").op("MATCH")(match), *_visible(user, filters)]
    base = (
        select(SearchEntry.id)
        .select_from(SearchEntry)
        .join(_FTS, _FTS.c.rowid == SearchEntry.id)
        .join(Speerpunt, Speerpunt.id == SearchEntry.speerpunt_id)
        .where(*where)
    )
    total = _count(base)
    # The rank column is bm25 with the title weighted ten times the body (migration 0011).
    rank = literal_column("search_fts.rank")
    snippet = literal_column(f"snippet(search_fts, 1, '{_START}', '{_STOP}', '…', 24)")
    rows = db.session.execute(
        select(SearchEntry.kind, SearchEntry.object_id, SearchEntry.section,
               SearchEntry.parent_id, SearchEntry.title, Speerpunt.slug,
               Speerpunt.title.label("speerpunt_title"), snippet.label("snippet"))
        .select_from(SearchEntry)
        .join(_FTS, _FTS.c.rowid == SearchEntry.id)
        .join(Speerpunt, Speerpunt.id == SearchEntry.speerpunt_id)
        .where(*where)
        .order_by(rank, SearchEntry.id)
        .limit(limit).offset(offset)
    ).mappings().all()
    return [_hit(row) for row in rows], total


def _search_postgresql(user, words, filters, offset, limit):
    # The planner prices a text match as cheap and so scans the whole table once a word is
    # common, testing every row's tsvector: several times slower than the GIN index it passes
    # over. Steer these queries to the index, and only these.
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    try:
        return _ranked_postgresql(user, words, filters, offset, limit)
    finally:
        db.session.execute(text("SET LOCAL enable_seqscan = on"))


def _ranked_postgresql(user, words, filters, offset, limit):
    query = func.plainto_tsquery(literal_column("'dutch'::regconfig"), " ".join(words))
    document = literal_column("search_entries.document")
    where = [document.op("@@")(query), *_visible(user, filters)]
    base = (
        select(SearchEntry.id)
        .join(Speerpunt, Speerpunt.id == SearchEntry.speerpunt_id)
        .where(*where)
    )
    total = _count(base)
    ranked = (
        select(SearchEntry.id, func.ts_rank(document, query).label("rank"))
        .join(Speerpunt, Speerpunt.id == SearchEntry.speerpunt_id)
        .where(*where)
        .order_by(literal_column("rank").desc(), SearchEntry.id)
        .limit(limit).offset(offset)
        .subquery()
    )
    # Headlines are costly; only the rows of this page get one.
    headline = func.ts_headline(
        literal_column("'dutch'::regconfig"), SearchEntry.body, query,
        f"StartSel={_START}, StopSel={_STOP}, MaxWords=30, MinWords=12, MaxFragments=2, "
        "FragmentDelimiter=\" … \"",
    )
    rows = db.session.execute(
        select(SearchEntry.kind, SearchEntry.object_id, SearchEntry.section,
               SearchEntry.parent_id, SearchEntry.title, Speerpunt.slug,
               Speerpunt.title.label("speerpunt_title"), headline.label("snippet"))
        .join(ranked, ranked.c.id == SearchEntry.id)
        .join(Speerpunt, Speerpunt.id == SearchEntry.speerpunt_id)
        .order_by(ranked.c.rank.desc(), SearchEntry.id)
    ).mappings().all()
    return [_hit(row) for row in rows], total


def _marked(raw: str) -> Markup:
    """Escape the text, then turn the engine's marks into balanced <mark> elements."""
    parts: list[str] = []
    open_ = False
    for piece in re.split(f"([{_START}{_STOP}])", raw or ""):
        if piece == _START:
            if not open_:
                parts.append("<mark>")
                open_ = True
        elif piece == _STOP:
            if open_:
                parts.append("</mark>")
                open_ = False
        else:
            parts.append(str(escape(piece)))
    if open_:
        parts.append("</mark>")
    return Markup("".join(parts))


def _hit(row) -> Hit:
    kind = Kind(row["kind"])
    object_id, slug, section = row["object_id"], row["slug"], row["section"]
    section_label = SECTIONS.get(section, "")
    speerpunt_title = row["speerpunt_title"]
    if kind == Kind.SPEERPUNT:
        title = f"{speerpunt_title}: {section_label}"
        url = path_for("speerpunten.detail", slug=slug) + f"#sectie-{section}"
    elif kind == Kind.COMMENT:
        title = gettext("Reactie bij %(speerpunt)s: %(section)s", speerpunt=speerpunt_title,
                        section=section_label)
        if row["parent_id"]:
            url = path_for("amendments.detail", amendment_id=row["parent_id"]) + (
                f"#reactie-{object_id}")
        else:
            # Which page holds the comment changes as the discussion grows: the comment's
            # own address finds it when followed.
            url = path_for("comments.show", comment_id=object_id)
    elif kind == Kind.AMENDMENT:
        title = gettext("Amendement %(id)s op %(speerpunt)s: %(section)s", id=object_id,
                        speerpunt=speerpunt_title, section=section_label)
        url = path_for("amendments.detail", amendment_id=object_id)
    elif kind == Kind.RESPONSE:
        title = gettext("Reactie van het rijk op amendement %(id)s (%(speerpunt)s)",
                        id=row["parent_id"], speerpunt=speerpunt_title)
        url = path_for("amendments.detail", amendment_id=row["parent_id"]) + "#rijk-kop"
    elif kind == Kind.EXAMPLE:
        title = row["title"]
        url = path_for("knowledge.example", example_id=object_id)
    else:
        title = row["title"]
        url = path_for("knowledge.question", question_id=object_id)
    return Hit(kind=kind, id=object_id, title=title, snippet=_marked(row["snippet"]), url=url)
