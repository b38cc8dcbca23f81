"""Measurements inside one Python process, next to the load test: SQL statements per request
(Flask test client, as tests/core/test_query_counts.py counts them), the time of accepting an
amendment with a three-way merge, and the time of a search."""

from __future__ import annotations

import math
import os
import re
import statistics
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from flask import Flask

from bench.generate import BENCH_ACCOUNTS, BENCH_PASSWORD, BIG_SECTION, BIG_SPEERPUNT, engine_url

# Speerpunt whose pages are measured: an ordinary one, with the national amount of comments.
PAGE_SPEERPUNT = "wonen"
# The benchmark posts far more often than people do; the limits would measure themselves.
RATE_LIMITS = {
    "CONSULT_RATELIMIT_SIGNIN": "100000 per minute",
    "CONSULT_RATELIMIT_SIGNIN_ACCOUNT": "100000 per minute",
    "CONSULT_RATELIMIT_API_WRITE": "1000000 per minute",
}
# The form token of the sign-in page, for signing in with a real POST.
CSRF_INPUT = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"')


def make_app(url: str, secret_key: str) -> Flask:
    """The application as the servers run it, on the database at `url`."""
    from consult import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": engine_url(url), "SECRET_KEY": secret_key,
                       "CONSULT_REQUIRE_2FA": False, "RATELIMIT_STORAGE_URI": "memory://",
                       **RATE_LIMITS})


@contextmanager
def app_on(url: str, secret_key: str):
    from consult.extensions import db

    app = make_app(url, secret_key)
    with app.app_context():
        try:
            yield app
        finally:
            db.session.remove()
            db.engine.dispose()


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value at least `share` percent are at most."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(share / 100 * len(ordered)) - 1))]


def summary_ms(values: list[float]) -> dict:
    return {"n": len(values), "median_ms": round(statistics.median(values), 2),
            "p95_ms": round(percentile(values, 95), 2), "max_ms": round(max(values), 2)}


def _machine_busy_seconds() -> float | None:
    """CPU seconds all cores spent busy since boot, from Linux's /proc/stat."""
    try:
        fields = [int(value) for value in
                  Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except (OSError, ValueError):
        return None
    # user, nice, system, idle, iowait, irq, softirq, steal
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


@contextmanager
def busy_elsewhere(into: dict):
    """Set into["busy_elsewhere_cores"]: how many cores other processes (a PostgreSQL
    server among them) kept busy, on average, while the block ran; a measurement slowed by
    something else on a shared machine shows as such."""
    machine, own, wall = _machine_busy_seconds(), os.times(), time.perf_counter()
    yield
    after, own_after = _machine_busy_seconds(), os.times()
    if machine is None or after is None:
        return
    own_seconds = (own_after.user - own.user) + (own_after.system - own.system)
    into["busy_elsewhere_cores"] = round(
        max(0.0, (after - machine) - own_seconds) / (time.perf_counter() - wall), 2)


# --- what the benchmark needs in the database -------------------------------------------------


@dataclass
class Targets:
    """Ids, tokens and paths of one database that the measurements use."""

    participant_id: int
    moderator_id: int
    page_slug: str
    amendment_id: int
    big_slug: str
    big_id: int
    big_version: int
    participant_token: str
    moderator_token: str
    followers_of_big: int
    merge_base: int
    candidates: list[int] = field(default_factory=list)
    has_dashboard: bool = False


def prepare(url: str, secret_key: str) -> Targets:
    """Find what is measured, and make API tokens for the bench accounts."""
    from consult.accounts import operations as accounts
    from consult.accounts.models import User
    from consult.amendments.models import Amendment, AmendmentStatus, Support
    from consult.core.database import write_transaction
    from consult.extensions import db
    from consult.notifications.models import Follow
    from consult.speerpunten.models import Speerpunt

    with app_on(url, secret_key) as app, write_transaction():
        people = {role: db.session.execute(User.by_email(email)).scalar_one()
                  for role, email in BENCH_ACCOUNTS.items()}
        page = db.session.execute(sa.select(Speerpunt).where(
            Speerpunt.slug == PAGE_SPEERPUNT)).scalar_one()
        big = db.session.execute(sa.select(Speerpunt).where(
            Speerpunt.slug == BIG_SPEERPUNT)).scalar_one()
        # The busiest pending amendment of the page's speerpunt: the page people look at most.
        supports = sa.select(sa.func.count()).where(Support.amendment_id == Amendment.id
                                                   ).scalar_subquery()
        amendment_id = db.session.execute(
            sa.select(Amendment.id).where(Amendment.speerpunt_id == page.id,
                                          Amendment.status == AmendmentStatus.PENDING)
            .order_by(supports.desc(), Amendment.id).limit(1)).scalar_one()
        _t1, participant_token = accounts.create_token(people["participant"], "benchmark")
        _t2, moderator_token = accounts.create_token(people["moderator"], "benchmark")
        followers = db.session.scalar(sa.select(sa.func.count()).select_from(Follow).where(
            Follow.target_type == "speerpunt", Follow.target_id == big.id))
        targets = Targets(
            participant_id=people["participant"].id, moderator_id=people["moderator"].id,
            page_slug=page.slug, amendment_id=amendment_id, big_slug=big.slug, big_id=big.id,
            big_version=big.current_version, participant_token=participant_token,
            moderator_token=moderator_token, followers_of_big=followers,
            # Far enough back that the section changed since, so the merge is a real one.
            merge_base=max(2, big.current_version - 10),
            has_dashboard=any(rule.rule == "/afstemmingsmonitor"
                              for rule in app.url_map.iter_rules()),
        )
        db.session.commit()
    return targets


def _merge_spans(base: str, current: str, margin: int = 80, spacing: int = 120) -> list[int]:
    """Offsets in `base` of words that lie in text unchanged between base and current, far
    enough from each other and from every change that amendments inserting a word there all
    merge cleanly, one after the other."""
    from consult.speerpunten.textdiff import diff_words

    equal: list[tuple[int, int]] = []
    offset = 0
    for op, text in diff_words(base, current):
        if op == "equal":
            equal.append((offset, offset + len(text)))
            offset += len(text)
        elif op == "delete":
            offset += len(text)
    spans: list[int] = []
    last = -spacing
    for match in re.finditer(r"(?<= )[^\W\d_]{5,}", base):
        start, end = match.span()
        if start - last >= spacing and any(a + margin <= start and end + margin <= b
                                           for a, b in equal):
            spans.append(start)
            last = start
    return spans


def add_merge_candidates(url: str, secret_key: str, targets: Targets, count: int) -> list[int]:
    """Pending amendments to the long section, written against an older version (so that
    accepting one merges three ways), each inserting a word somewhere the others do not
    touch; made with the application's own operation, as a participant would."""
    from consult.accounts.models import User
    from consult.amendments import operations as amendments
    from consult.core.database import write_transaction
    from consult.extensions import db
    from consult.speerpunten.models import Speerpunt, Version

    with app_on(url, secret_key), write_transaction():
        big = db.session.get(Speerpunt, targets.big_id)
        author = db.session.get(User, targets.participant_id)
        base = db.session.execute(Version.of(big, targets.merge_base)).scalar_one()
        current = db.session.execute(Version.of(big, big.current_version)).scalar_one()
        base_text = base.section(BIG_SECTION)
        spans = _merge_spans(base_text, current.section(BIG_SECTION))
        free = spans[len(targets.candidates):len(targets.candidates) + count]
        made = []
        for start in free:
            amendment = amendments.propose_amendment(
                author, big, section=BIG_SECTION, base_version=targets.merge_base,
                text=base_text[:start] + "ook " + base_text[start:],
                rationale="Kleine aanvulling om de samenhang te benadrukken.")
            made.append(amendment.id)
        db.session.commit()
    targets.candidates += made
    return made


# --- SQL statements per request ----------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """One request: who makes it (a session for pages, a token for the API) and what."""

    name: str
    method: str
    paths: Callable[[], Iterator[str]]
    actor: str  # participant, moderator, or "" for nobody
    api: bool = False
    body: str | None = None

    @property
    def is_read(self) -> bool:
        return self.method == "GET"


def login(client, email: str) -> None:
    page = client.get("/login").get_data(as_text=True)
    token = CSRF_INPUT.search(page)
    response = client.post("/login", data={"email": email, "password": BENCH_PASSWORD,
                                           "csrf_token": token.group(1) if token else ""})
    if response.status_code != 302:
        raise RuntimeError(f"signing in as {email} failed: {response.status_code}")


def count_queries(url: str, secret_key: str, targets: Targets, calls: Iterable[Call]
                  ) -> dict[str, dict]:
    """Statements each request sends to the database, on the second request of its kind (the
    first fills caches and touches the token's last use)."""
    from consult.extensions import db

    counts: dict[str, dict] = {}
    app = make_app(url, secret_key)
    # Requests run outside any app context of ours: inside one, Flask would reuse it and its
    # `g` (and so the signed-in user) for every request.
    with app.app_context():
        engine = db.engine
    clients = {}
    for actor in ("participant", "moderator"):
        clients[actor] = app.test_client()
        login(clients[actor], BENCH_ACCOUNTS[actor])
    clients[""] = app.test_client()
    tokens = {"participant": targets.participant_token, "moderator": targets.moderator_token}
    statements: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        if statement.split(" ", 1)[0] not in ("BEGIN", "PRAGMA"):
            statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", before)
    try:
        for call in calls:
            client = clients["" if call.api else call.actor]
            headers = {"Authorization": f"Bearer {tokens[call.actor]}"} if call.api else {}
            if call.body is not None:
                headers["Content-Type"] = "application/json"
            paths = call.paths()
            statuses = []
            for _ in range(2):
                statements.clear()
                response = client.open(next(paths), method=call.method, headers=headers,
                                       data=call.body)
                statuses.append(response.status_code)
            counts[call.name] = {"queries": len(statements), "status": statuses[-1]}
            if statuses[-1] >= 300:
                raise RuntimeError(f"{call.name}: status {statuses} in-process")
    finally:
        sa.event.remove(engine, "before_cursor_execute", before)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    return counts


# --- accepting with a merge, and searching ---------------------------------------------------


def time_decide(url: str, secret_key: str, targets: Targets, repetitions: int) -> dict:
    """Accept a pending amendment, each time another one (rolled back): what
    operations.decide costs, with the statements it leaves for the commit flushed. The
    amendments share their base and current version, as those waiting on one speerpunt do;
    no two propose the same text."""
    from consult.accounts.models import User
    from consult.amendments import operations as amendments
    from consult.amendments.models import Amendment
    from consult.core.database import write_transaction
    from consult.extensions import db
    from consult.speerpunten.models import Speerpunt, Version
    from consult.speerpunten.textdiff import merge_three_way

    decide_ms, merge_ms = [], []
    machine: dict = {}
    candidates = targets.candidates[:repetitions + 1]
    if len(candidates) < repetitions + 1:
        raise RuntimeError(f"{repetitions + 1} amendments to accept needed, "
                           f"{len(candidates)} made")
    with app_on(url, secret_key) as app:
        with write_transaction():
            big = db.session.get(Speerpunt, targets.big_id)
            base = db.session.execute(Version.of(big, targets.merge_base)).scalar_one()
            current = db.session.execute(Version.of(big, big.current_version)).scalar_one()
            proposed = [db.session.get(Amendment, candidate).text for candidate in candidates]
            base_text, current_text = base.section(BIG_SECTION), current.section(BIG_SECTION)
            words = len(current_text.split())
            db.session.rollback()
        for text in proposed[1:]:
            started = time.perf_counter()
            result = merge_three_way(base_text, current_text, text)
            merge_ms.append((time.perf_counter() - started) * 1000)
            assert result.ok
        # Inside a request context, as the pages and the API call it.
        with app.test_request_context("/api/v1/amendments/decision", method="POST"), \
                busy_elsewhere(machine):
            for candidate in candidates:
                with write_transaction():
                    moderator = db.session.get(User, targets.moderator_id)
                    amendment = db.session.get(Amendment, candidate)
                    big = db.session.get(Speerpunt, targets.big_id)
                    started = time.perf_counter()
                    amendments.decide(moderator, amendment, big, decision="accept")
                    db.session.flush()
                    decide_ms.append((time.perf_counter() - started) * 1000)
                    db.session.rollback()
    decide_ms = decide_ms[1:]  # the first one fills the caches
    return {"amendments": len(candidates), "section_words": words,
            "base_version": targets.merge_base, "current_version": targets.big_version,
            "followers": targets.followers_of_big, "decide": summary_ms(decide_ms),
            "merge_three_way": summary_ms(merge_ms), **machine}


def time_search(url: str, secret_key: str, queries: list[str], repetitions: int) -> dict:
    """queries.search as the search page calls it (20 hits per page), for a signed-in
    participant; every query once to warm up, then `repetitions` times each."""
    from consult.accounts.models import User
    from consult.comments.models import Comment
    from consult.extensions import db
    from consult.search import queries as search

    times: list[float] = []
    hits: dict[str, int] = {}
    machine: dict = {}
    with app_on(url, secret_key) as app:
        user = db.session.execute(User.by_email(BENCH_ACCOUNTS["participant"])).scalar_one()
        comments = db.session.scalar(sa.select(sa.func.count()).select_from(Comment))
        with app.test_request_context("/zoeken"):
            for query in queries:
                _found, hits[query] = search.search(user, query, search.Filters(), 1, 20)
            with busy_elsewhere(machine):
                for _ in range(repetitions):
                    for query in queries:
                        started = time.perf_counter()
                        search.search(user, query, search.Filters(), 1, 20)
                        times.append((time.perf_counter() - started) * 1000)
            db.session.rollback()
    return {"comments": comments, "queries": len(queries), "hits": hits, **summary_ms(times),
            **machine}
