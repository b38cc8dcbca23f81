"""Lookups of speerpunten and versions that respect who may see them."""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict

from typing import NamedTuple

from flask import current_app, g, request
from flask_babel import gettext
from sqlalchemy import bindparam, exists, select, true
from sqlalchemy.orm import selectinload

from consult.accounts.models import User
from consult.core.database import reading
from consult.core.loading import Columns
from consult.core.errors import NotFound
from consult.extensions import db
from consult.speerpunten.models import SECTIONS, Speerpunt, Version
from consult.speerpunten.permissions import can_view_speerpunt, visible_phases


def visible_speerpunten(user: User | None) -> list[Speerpunt]:
    statement = (
        Speerpunt.ordered()
        .where(Speerpunt.phase.in_(visible_phases(user)))
        .options(selectinload(Speerpunt.responsible_organisations))
    )
    return list(db.session.execute(statement).scalars())


# Statements asked on every view of a speerpunt, built once (which also keeps their cache key).
_BY_SLUG = select(Speerpunt).where(Speerpunt.slug == bindparam("slug"))


@functools.cache
def _followed_by_slug():
    from consult.notifications.models import Follow

    following = exists().where(Follow.user_id == bindparam("user_id"),
                               Follow.target_type == "speerpunt",
                               Follow.target_id == Speerpunt.id)
    return select(Speerpunt, following).where(Speerpunt.slug == bindparam("slug"))


def get_visible_speerpunt(user: User | None, slug: str) -> Speerpunt:
    """The speerpunt with this slug, or NotFound when it does not exist or is hidden."""
    read = Along.read(slug)
    if read is not None:
        return _visible(user, read[0])
    return _visible(user, db.session.execute(_BY_SLUG, {"slug": slug}).scalar_one_or_none())


def _visible(user: User | None, speerpunt: Speerpunt | None) -> Speerpunt:
    if speerpunt is None or not can_view_speerpunt(user, speerpunt):
        raise NotFound(gettext("Dit speerpunt bestaat niet of is niet voor u zichtbaar."))
    return speerpunt


def get_visible_speerpunt_followed(user: User | None, slug: str) -> tuple[Speerpunt, bool]:
    """The speerpunt as get_visible_speerpunt finds it, and whether `user` follows it, in one
    statement: the speerpunt page asks both on every view."""
    if user is None:
        return get_visible_speerpunt(user, slug), False
    read = Along.read(slug, user.id)
    if read is not None:
        return _visible(user, read[0]), read[1]
    row = db.session.execute(_followed_by_slug(), {"slug": slug, "user_id": user.id}).first()
    return _visible(user, row[0] if row else None), bool(row[1])


# Reads under these URLs ask for the speerpunt they name first thing.
_NAMING_URLS = ("/speerpunten/<slug>", "/api/v1/speerpunten/<slug>")
_ALONG_READ = "consult_speerpunt_along"


class Along(NamedTuple):
    """The speerpunt a read's URL names, read in the statement that reads the person making
    the request (their session's or API token's), with whether they follow it.

    Every view under /speerpunten/<slug> (and the same in the API) looks the speerpunt up
    right after the person: in one statement that is one round trip to the database instead
    of two, on the pages and API reads asked for most. What is read is kept for this request
    only, for this slug and this person; visibility is decided as for any other lookup."""

    slug: str

    @classmethod
    def for_request(cls) -> Along | None:
        """What the request's URL names, when it is a read that names a speerpunt."""
        rule = request.url_rule
        if rule is None or not rule.rule.startswith(_NAMING_URLS) or not reading():
            return None
        slug = (request.view_args or {}).get("slug")
        # Only what can be a slug: the person is read before the request's other checks
        # (a NUL character is refused with a 400 after this).
        if not isinstance(slug, str) or len(slug) > 60 or not slug.isprintable():
            return None
        return cls(slug)

    def params(self) -> dict:
        return {"along_slug": self.slug}

    @staticmethod
    def width() -> int:
        """How many columns with_speerpunt_along adds at the end of a statement."""
        return len(_along_columns()) + 1

    def keep(self, person_id: int, row) -> None:
        """Keep what `row` (of a statement made by with_speerpunt_along) read along."""
        speerpunt = _along_columns().load(db.session, row[-self.width():-1])
        g.setdefault(_ALONG_READ, (self.slug, person_id, speerpunt, bool(row[-1])))

    @staticmethod
    def read(slug: str, person_id: int | None = None) -> tuple[Speerpunt | None, bool] | None:
        """What was read along for this slug (and person), or None to look it up."""
        kept = g.get(_ALONG_READ)
        if kept is None or kept[0] != slug or (person_id is not None and kept[1] != person_id):
            return None
        return kept[2], kept[3]


@functools.cache
def _along_columns() -> Columns:
    named = select(Speerpunt).where(Speerpunt.slug == bindparam("along_slug")).subquery("along")
    return Columns(Speerpunt, named)


def with_speerpunt_along(statement, person_id):
    """`statement`, a Core statement that reads one person (`person_id` is the column of
    their id), extended with the columns of the speerpunt of the request's slug (all None if
    there is none) and, last, whether the person follows it. Built once per statement by its
    caller; Along.keep reads the row."""
    from consult.notifications.models import Follow

    columns = _along_columns()
    named = columns.columns[0].table
    following = exists().where(Follow.user_id == person_id, Follow.target_type == "speerpunt",
                               Follow.target_id == named.c.id)
    return statement.add_columns(*columns.columns, following).outerjoin(named, true())


def get_version(speerpunt: Speerpunt, number: int) -> Version:
    if not 1 <= number <= speerpunt.current_version:
        raise NotFound(gettext("Versie %(number)s van dit speerpunt bestaat niet.", number=number))
    version = db.session.execute(Version.of(speerpunt, number)).scalar_one_or_none()
    if version is None:
        raise NotFound(gettext("Versie %(number)s van dit speerpunt bestaat niet.", number=number))
    return version


def current_version(speerpunt: Speerpunt) -> Version:
    return get_version(speerpunt, speerpunt.current_version)


def history_statement(speerpunt: Speerpunt):
    return (
        select(Version)
        .where(Version.speerpunt_id == speerpunt.id)
        .order_by(Version.number)
        .options(selectinload(Version.author), selectinload(Version.organisation))
    )


def version_history(speerpunt: Speerpunt) -> list[Version]:
    return list(db.session.execute(history_statement(speerpunt)).scalars())


# Provenance kept per app, per (speerpunt id, version number), raw and smoothed; a few
# hundred kilobytes.
PROVENANCE_KEPT = 32
_provenance_lock = threading.Lock()

_Runs = dict[str, list[tuple[int, str]]]


def _provenance_cache() -> OrderedDict[tuple[int, int], tuple[_Runs, _Runs]]:
    """The app's own store: one app serves one database (the tests make many of both)."""
    return current_app.extensions.setdefault("consult.provenance", OrderedDict())


def provenance_of(speerpunt: Speerpunt, number: int) -> dict[str, list[tuple[Version, str]]]:
    """For each section of version `number`, its passages with the version that wrote them.

    Versions never change, so neither does a version's provenance: it is kept per process
    (a small LRU of passages, labelled with version numbers, as found and as shown), and a
    later version builds on the nearest earlier one kept, with one word diff per section for
    each version in between instead of one for every version since the first."""
    from consult.speerpunten.textdiff import provenance_runs, smooth

    versions = [v for v in version_history(speerpunt) if v.number <= number]
    by_number = {version.number: version for version in versions}
    _provenance = _provenance_cache()
    with _provenance_lock:
        start_number = max((n for (sp_id, n) in _provenance if sp_id == speerpunt.id
                            and n <= number), default=None)
        start = (_provenance[(speerpunt.id, start_number)][0] if start_number is not None
                 else None)
        shown = _provenance[(speerpunt.id, number)][1] if start_number == number else None
        if start_number is not None:
            _provenance.move_to_end((speerpunt.id, start_number))
    if shown is None:
        raw = {}
        for key in SECTIONS:
            if start is not None:
                raw[key] = provenance_runs(
                    [(v.number, v.section(key)) for v in versions if v.number > start_number],
                    start=start[key])
            else:
                raw[key] = provenance_runs([(v.number, v.section(key)) for v in versions])
        shown = {key: smooth(raw[key]) for key in SECTIONS}
        with _provenance_lock:
            _provenance[(speerpunt.id, number)] = (raw, shown)
            while len(_provenance) > PROVENANCE_KEPT:
                _provenance.popitem(last=False)
    return {key: [(by_number[label], text) for label, text in shown[key]]
            for key in SECTIONS}
