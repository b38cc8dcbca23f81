"""The benchmark: the application under gunicorn on generated data, on SQLite and PostgreSQL.

    python -m bench.run            # national scale, 15 s per endpoint (about 15 minutes)
    python -m bench.run --quick    # small data, 2 s per endpoint (under 3 minutes)

Per database it
- generates the data sets once (bench/data/, reused while the generator and the migrations
  stay the same): the national one, a small one (10 comments per speerpunt) to compare query
  counts with, and one with 100,000 comments to search;
- works on a copy of each, so the writes of a run (comments, accepted amendments) never
  change the data the next run starts from;
- counts SQL statements per request in-process (Flask test client), and times accepting an
  amendment with a three-way merge and searching, in-process;
- serves the copies with gunicorn (bench.app:app) and drives every endpoint with wrk from
  another process, after signing in with a real POST to /login, with /__hello from the same
  server as the baseline;
- reads the workers' resident memory after the load.

It writes bench/results/<date>.json and <date>.md (with -quick for a quick run) with requests
per second, p50/p95 latency and queries per endpoint, and each target met or missed.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import itertools
import json
import math
import multiprocessing
import os
import platform
import secrets
import shutil
import sys
import time
import urllib.parse
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from bench import generate, inprocess, load, report
from bench.generate import BENCH_ACCOUNTS, Plan, engine_url
from bench.inprocess import Call, Targets

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "results"

# What people would type into the search box.
QUERIES = [
    "taalles op de werkvloer", "inburgering", "statushouders", "huisvesting statushouders",
    "discriminatie arbeidsmarkt", "voorschoolse educatie", "buurtbemiddeling",
    "vrijwilligerswerk", "migrantenvrouwen", "woningcorporaties", "schooladvies",
    "jongeren werkloosheid", "Rotterdam", "Nijmegen wijkaanpak", "eenzaamheid",
    "radicalisering", "zelforganisaties", "erkenning diploma's", "ouderbetrokkenheid",
    "regie gemeente",
]
COMMENT_BODY = json.dumps({"section": "ambitie", "body": "Een reactie uit de meting: taalles "
                           "op de werkvloer werkt goed in onze gemeente."})
ACCEPT_BODY = json.dumps({"decision": "accept", "reason": ""})


@dataclass(frozen=True)
class Settings:
    scale: float
    search_comments: int  # in total, over the eight speerpunten
    small_scale: float
    duration: float
    warmup: float
    connections: int
    workers: int
    decide_repetitions: int
    search_repetitions: int
    # Fewer answers than this in a measured window say little about percentiles.
    min_requests: int
    # An endpoint with a target is measured in this many rounds, each between hello runs of
    # its own; its ratio is the median of the rounds'.
    rounds: int = 1


FULL = Settings(scale=1.0, search_comments=100_000, small_scale=0.005, duration=15, warmup=3,
                connections=4, workers=2, decide_repetitions=20, search_repetitions=5,
                min_requests=10, rounds=3)
# No separate warm-up in a quick run: checking each endpoint before wrk warms both workers.
QUICK = Settings(scale=0.1, search_comments=20_000, small_scale=0.005, duration=2, warmup=0,
                 connections=4, workers=2, decide_repetitions=7, search_repetitions=2,
                 min_requests=4)


# --- data sets ------------------------------------------------------------------------------


def _generator_version() -> str:
    """Changes whenever the generator or the schema does, so stale data is made again."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "bench").glob("[a-z]*.py")):
        if path.name in ("generate.py", "text.py", "names.py"):
            digest.update(path.read_bytes())
    for path in sorted((ROOT / "consult" / "migrations" / "versions").glob("*.py")):
        digest.update(path.name.encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Dataset:
    role: str  # national, small, search
    scale: float
    comments: int | None  # per speerpunt, None for the scale's own number

    @property
    def name(self) -> str:
        name = f"{self.role}-s{self.scale:g}" + (f"-c{self.comments}" if self.comments else "")
        return name.replace(".", "p")


class Backend:
    def __init__(self, kind: str, postgres_url: str):
        self.kind = kind
        self.postgres_url = postgres_url.rstrip("/")
        self.label = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[kind]

    def url(self, name: str, run: bool = False) -> str:
        if self.kind == "sqlite":
            folder = DATA / "run" if run else DATA
            return f"sqlite:///{folder / (name + '.sqlite3')}"
        return f"{self.postgres_url}/consult_bench_{'run_' if run else ''}{name.replace('-', '_')}"

    def _server(self) -> sa.Engine:
        return sa.create_engine(engine_url(self.postgres_url + "/postgres"),
                                isolation_level="AUTOCOMMIT")

    def exists(self, name: str) -> bool:
        if self.kind == "sqlite":
            return Path(sa.engine.make_url(self.url(name)).database).exists()
        engine = self._server()
        try:
            with engine.connect() as conn:
                return bool(conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                        {"n": sa.engine.make_url(self.url(name)).database}))
        finally:
            engine.dispose()

    def ensure(self, dataset: Dataset, seed: int, anchor: date | None, regenerate: bool) -> dict:
        """The data set, generated unless an identical one is there already."""
        meta_path = DATA / f"{self.kind}-{dataset.name}.json"
        key = {"scale": dataset.scale, "comments": dataset.comments, "seed": seed,
               "generator": _generator_version()}
        if anchor:
            key["anchor"] = anchor.isoformat()
        if not regenerate and meta_path.exists() and self.exists(dataset.name):
            meta = json.loads(meta_path.read_text())
            if meta.get("key") == key:
                return meta
        print(f"  generating {dataset.name} on {self.label} ...", flush=True)
        plan = Plan.of(dataset.scale, seed, dataset.comments, anchor)
        started = time.perf_counter()
        written = generate.build(self.url(dataset.name), plan, fresh=True,
                                 log=lambda text: print("   " + text, flush=True))
        meta = {"key": key, "anchor": plan.anchor.date().isoformat(), "rows": written,
                "seconds": round(time.perf_counter() - started, 1)}
        meta_path.parent.mkdir(parents=True, exist_ok=True)
        meta_path.write_text(json.dumps(meta, indent=2) + "\n")
        return meta

    def copy(self, name: str) -> str:
        """A throw-away copy of a data set for one run."""
        target = self.url(name, run=True)
        if self.kind == "sqlite":
            source = Path(sa.engine.make_url(self.url(name)).database)
            destination = Path(sa.engine.make_url(target).database)
            destination.parent.mkdir(parents=True, exist_ok=True)
            for suffix in ("-wal", "-shm"):
                Path(f"{destination}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(source, destination)
            # On disk before anything is measured: otherwise the kernel writes the copy back
            # while the first measurements run.
            with open(destination, "rb+") as copied:
                os.fsync(copied.fileno())
            return target
        engine = self._server()
        try:
            with engine.connect() as conn:
                database = sa.engine.make_url(target).database
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
                # From PostgreSQL 15 a copy is written to the WAL by default (STRATEGY
                # WAL_LOG): for the 600 MB of data sets that is a checkpoint's worth of
                # writing, done in the background while the in-process timings ran (accepting
                # took 98 ms instead of 35 in one run). FILE_COPY copies the files and
                # checkpoints before it returns.
                strategy = (" STRATEGY FILE_COPY"
                            if conn.dialect.server_version_info >= (15,) else "")
                conn.execute(sa.text(f'CREATE DATABASE "{database}" TEMPLATE '
                                     f'"{sa.engine.make_url(self.url(name)).database}"'
                                     + strategy))
        finally:
            engine.dispose()
        return target

    def drop_copy(self, name: str) -> None:
        target = self.url(name, run=True)
        if self.kind == "sqlite":
            path = sa.engine.make_url(target).database
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            return
        engine = self._server()
        try:
            with engine.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS '
                                     f'"{sa.engine.make_url(target).database}" WITH (FORCE)'))
        finally:
            engine.dispose()


# --- what is measured ---------------------------------------------------------------------------


def national_calls(t: Targets, accept_ids: list[int]) -> list[Call]:
    """The endpoints served from the national data set."""
    def once(path: str):
        return lambda: itertools.repeat(path)

    top = t.big_version
    calls = [
        Call("home", "GET", once("/"), "participant"),
        Call("speerpunt", "GET", once(f"/speerpunten/{t.page_slug}"), "participant"),
        Call("amendment", "GET", once(f"/amendementen/{t.amendment_id}"), "participant"),
        Call("moderation", "GET", once("/moderatie"), "moderator"),
        Call("diff", "GET", once(f"/speerpunten/{t.big_slug}/verschil?van={max(1, top - 5)}"
                                 f"&tot={top}"), "participant"),
        Call("provenance", "GET", once(f"/speerpunten/{t.big_slug}/versies/{top}/herkomst"),
             "participant"),
    ]
    if t.has_dashboard:
        calls.append(Call("dashboard", "GET", once("/afstemmingsmonitor"), "participant"))
    calls += [
        Call("api_speerpunt", "GET", once(f"/api/v1/speerpunten/{t.page_slug}"), "participant",
             api=True),
        Call("api_comments", "GET", once(f"/api/v1/speerpunten/{t.page_slug}/comments"),
             "participant", api=True),
        Call("api_comment_post", "POST", once(f"/api/v1/speerpunten/{t.page_slug}/comments"),
             "participant", api=True, body=COMMENT_BODY),
        Call("accept_merge", "POST",
             lambda: iter([f"/api/v1/amendments/{i}/decision" for i in accept_ids]),
             "moderator", api=True, body=ACCEPT_BODY),
    ]
    return calls


def search_calls() -> list[Call]:
    def rotate(prefix: str):
        return lambda: itertools.cycle(prefix + urllib.parse.quote(q) for q in QUERIES)

    return [Call("search_page", "GET", rotate("/zoeken?q="), "participant"),
            Call("search_api", "GET", rotate("/api/v1/search?q="), "participant", api=True)]


def _paths(call: Call, limit: int = 1000) -> list[str]:
    return list(itertools.islice(call.paths(), limit if call.name in (
        "search_page", "search_api") else 1))


def drive(server: load.Server, calls: list[Call], t: Targets, settings: Settings,
          accept_ids: list[int], accept_seconds: float = 0) -> tuple[dict, dict]:
    """Every call with wrk, with the hello baseline before and after, and right beside each
    endpoint with a target; returns the results per endpoint and every hello run."""
    cookies = {role: server.sign_in(BENCH_ACCOUNTS[role]) for role in ("participant",
                                                                      "moderator")}
    tokens = {"participant": t.participant_token, "moderator": t.moderator_token}
    loads = load.Load(settings.connections, settings.duration, settings.warmup)

    def headers(call: Call) -> dict[str, str]:
        found = ({"Authorization": f"Bearer {tokens[call.actor]}"} if call.api
                 else {"Cookie": cookies[call.actor]})
        if call.body is not None:
            found["Content-Type"] = "application/json"
        return found

    # Every read answers 200 for the signed-in actor (a redirect to /login would be timed
    # happily by wrk); this also warms both workers.
    for call in calls:
        if call.is_read:
            for path in _paths(call)[:4] * 2:
                status = server.fetch(path, headers(call))
                if status != 200:
                    raise RuntimeError(f"{call.name}: {path} answered {status}")
        elif call.name == "api_comment_post":
            status = server.fetch(_paths(call)[0], headers(call), "POST", call.body)
            if status != 201:
                raise RuntimeError(f"{call.name}: answered {status}")
    def measure_hello(window: load.Load = loads) -> dict:
        return load.wrk(server, ["/__hello"], {}, window)

    # The machine's speed drifts over a run, by up to 40% for hello within one run on a
    # shared machine: an endpoint with a target is measured in rounds, each right between
    # two hello runs of the same length, and judged by the median of the rounds' ratios.
    per_round = load.Load(settings.connections, settings.duration / settings.rounds,
                          settings.warmup)

    def measure_in_rounds(call: Call) -> dict:
        rounds = []
        for _ in range(settings.rounds):
            before = hello[-1]["rps"]
            run = load.wrk(server, _paths(call), headers(call), per_round,
                           method=call.method, body=call.body)
            hello.append(measure_hello(per_round))
            rounds.append({**run, "hello_beside": [before, hello[-1]["rps"]]})
        return _combined(rounds)

    results: dict[str, dict] = {}
    hello = [measure_hello()]
    just_measured_hello = True
    for call in calls:
        print(f"    {call.name} ...", flush=True)
        compared = call.name in report.COMPARED
        if compared and not just_measured_hello:
            hello.append(measure_hello(per_round))
        if compared:
            result = measure_in_rounds(call)
        elif call.name == "accept_merge":
            paths = [f"/api/v1/amendments/{i}/decision" for i in accept_ids]
            # Each request accepts another amendment: no warm-up, and when they run out the
            # requests that follow are refused (409) and counted as errors.
            window = load.Load(settings.connections, accept_seconds, 0)
            result = load.wrk(server, paths, headers(call), window, method="POST",
                              body=call.body, warm=False)
            if result["requests"] > len(paths):
                result["note"] = f"only {len(paths)} amendments to accept"
            result["path"] = f"/api/v1/amendments/<id>/decision, {len(paths)} amendments"
        else:
            result = load.wrk(server, _paths(call), headers(call), loads, method=call.method,
                              body=call.body)
            if result["requests"] < settings.min_requests:
                # Too few answers for percentiles (a page slower than the whole window
                # gives none): measure again over a longer window.
                longer = load.Load(settings.connections, min(60, settings.duration * 5), 0)
                result = load.wrk(server, _paths(call), headers(call), longer,
                                  method=call.method, body=call.body, warm=False)
                result["note"] = f"slow: measured over {result['seconds']:g} s"
        result.setdefault("path", _paths(call)[0])
        results[call.name] = result
        just_measured_hello = compared
    if not just_measured_hello:
        hello.append(measure_hello())
    return results, hello


def _hello(runs: list[dict]) -> dict:
    """The baseline of a server: the mean of its hello runs (endpoints with a target are
    compared with the runs beside them, report.COMPARED)."""
    def mean(key: str) -> float:
        return round(sum(r[key] for r in runs) / len(runs), 2)

    return {"rps": round(mean("rps"), 1), "p50_ms": mean("p50_ms"), "p95_ms": mean("p95_ms"),
            "errors": sum(r["errors"] for r in runs), "runs": runs}


def _combined(rounds: list[dict]) -> dict:
    """One endpoint's rounds as one result: every request counted, the latencies those of the
    median round, and each round with its hello runs."""
    middle = sorted(rounds, key=lambda run: report.round_ratio(run) or 0)[len(rounds) // 2]
    requests = sum(run["requests"] for run in rounds)
    seconds = sum(run["seconds"] for run in rounds)
    summed = {key: sum(run[key] for run in rounds)
              for key in ("errors", "non_2xx", "timeouts")}
    latencies = {key: middle[key] for key in ("p50_ms", "p95_ms", "p99_ms", "path")
                 if key in middle}
    return {**latencies, **summed, "requests": requests, "seconds": round(seconds, 2),
            "rps": round(requests / seconds, 1) if seconds else 0.0,
            "max_ms": max(run["max_ms"] for run in rounds),
            "rounds": [{"rps": run["rps"], "p50_ms": run["p50_ms"], "p95_ms": run["p95_ms"],
                        "hello_beside": run["hello_beside"]} for run in rounds]}


def in_process(urls: dict[str, str], secret: str, settings: Settings) -> dict:
    """What is measured inside one Python process: the targets prepared, the merge and
    search timings, and the statements per request."""
    targets = {role: inprocess.prepare(url, secret) for role, url in urls.items()}
    national, small = targets["national"], targets["small"]
    # One amendment for each time accepting is timed: see time_decide.
    inprocess.add_merge_candidates(urls["national"], secret, national,
                                   settings.decide_repetitions + 1)
    inprocess.add_merge_candidates(urls["small"], secret, small, 3)
    merge = inprocess.time_decide(urls["national"], secret, national,
                                  settings.decide_repetitions)
    # Decide holds the speerpunt's lock, so accepting goes one after the other at best at
    # this rate: long enough a window for enough answers, and enough amendments for wrk to
    # accept another one with every request of it.
    rate = 1000 / max(merge["decide"]["median_ms"], 1)
    accept_seconds = min(60, max(settings.duration,
                                 math.ceil(settings.min_requests * 1.5 / rate)))
    inprocess.add_merge_candidates(urls["national"], secret, national,
                                   math.ceil(rate * accept_seconds * 1.5) + 10)
    calls = national_calls(national, national.candidates[-2:])
    queries_national = inprocess.count_queries(urls["national"], secret, national, calls)
    queries_small = inprocess.count_queries(
        urls["small"], secret, small, national_calls(small, small.candidates[:2])
        + search_calls())
    queries_national |= inprocess.count_queries(urls["search"], secret, targets["search"],
                                                search_calls())
    search = inprocess.time_search(urls["search"], secret, QUERIES,
                                   settings.search_repetitions)
    return {"targets": targets, "merge": merge, "search": search,
            "accept_seconds": accept_seconds, "queries_national": queries_national,
            "queries_small": queries_small}


def measure(backend: Backend, datasets: dict[str, Dataset], settings: Settings,
            redis_url: str | None) -> dict:
    secret = secrets.token_hex(32)
    phases: dict[str, float] = {}
    clock = time.perf_counter()

    def phase(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        phases[name] = round(now - clock, 1)
        clock = now

    print(f"{backend.label}: copying the data sets", flush=True)
    urls = {role: backend.copy(ds.name) for role, ds in datasets.items()}
    phase("copy")
    try:
        print("  in-process: preparing, query counts, merge and search timings", flush=True)
        # In a process of its own, started afresh, as a gunicorn worker is: the bench
        # process has generated data and measured the other database by now.
        with concurrent.futures.ProcessPoolExecutor(
                1, mp_context=multiprocessing.get_context("spawn")) as pool:
            found = pool.submit(in_process, urls, secret, settings).result()
        targets, national = found["targets"], found["targets"]["national"]
        merge, search, accept_seconds = found["merge"], found["search"], found["accept_seconds"]
        queries_national, queries_small = found["queries_national"], found["queries_small"]
        # The last two are accepted by the query count, the rest by wrk.
        counted, for_wrk = national.candidates[-2:], national.candidates[:-2]
        calls = national_calls(national, counted)
        skipped = {} if national.has_dashboard else {
            "dashboard": "the application has no /afstemmingsmonitor yet"}

        phase("in_process")
        print("  load: national data set under gunicorn", flush=True)
        log_dir = DATA / "run"
        with load.Server(urls["national"], workers=settings.workers, secret_key=secret,
                         redis_url=redis_url, log_dir=log_dir) as server:
            idle = {"national": server.worker_memory()}
            results, hello_main = drive(server, calls, national, settings, for_wrk,
                                        accept_seconds)
            memory = {"national": server.worker_memory()}
        phase("load_national")
        print("  load: search data set under gunicorn", flush=True)
        with load.Server(urls["search"], workers=settings.workers, secret_key=secret,
                         redis_url=redis_url, log_dir=log_dir) as server:
            idle["search"] = server.worker_memory()
            search_results, hello_search = drive(server, search_calls(), targets["search"],
                                                 settings, [])
            memory["search"] = server.worker_memory()
        results |= search_results
        phase("load_search")
        hello = {"main": _hello(hello_main), "search": _hello(hello_search)}
        result = {
            "label": backend.label,
            "calls": {call.name: call.method for call in calls + search_calls()},
            "load": results, "hello": hello,
            "hello_rps": {key: value["rps"] for key, value in hello.items()},
            "queries": {"small": queries_small, "national": queries_national},
            "merge": merge, "search": search, "memory": memory, "memory_at_start": idle,
            "skipped": skipped, "seconds": phases,
        }
        result["targets"] = report.judge(result)
        return result
    finally:
        for dataset in datasets.values():
            backend.drop_copy(dataset.name)


def _describe(rows: dict) -> str:
    # The seed wrote version 1 of each of the eight speerpunten.
    return (f"{rows.get('users', 0):,} people, {rows.get('comments', 0):,} comments, "
            f"{rows.get('amendments', 0):,} amendments, {rows.get('versions', 0) + 8:,} versions, "
            f"{rows.get('notifications', 0):,} notifications")


def _redis(url: str) -> str | None:
    """The URL when Redis answers there; the rate limits of several workers share it, as in
    production. Without it each worker counts for itself."""
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
        return url
    except Exception as exc:  # noqa: BLE001 - any failure means: not usable
        print(f"Redis at {url} does not answer ({exc}); rate limits count per worker.")
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split(
        "\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="small data and short runs (under 3 minutes), to check the setup")
    parser.add_argument("--backends", default="sqlite,postgresql",
                        help="comma-separated: sqlite, postgresql")
    parser.add_argument("--postgres-url", default=os.environ.get(
        "BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432"),
        help="server on which the consult_bench_* databases are made (user with CREATEDB)")
    parser.add_argument("--redis-url", default=os.environ.get(
        "BENCH_REDIS_URL", "redis://127.0.0.1:6379/0"),
        help="Redis for the rate limits of the gunicorn workers")
    parser.add_argument("--seed", type=int, default=2008)
    parser.add_argument("--anchor", type=date.fromisoformat, default=None,
                        help="the day the data is 'now' for; default: when it was generated")
    parser.add_argument("--duration", type=float, help="seconds measured per endpoint")
    parser.add_argument("--connections", type=int, help="wrk connections (default 4)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default 2)")
    parser.add_argument("--rounds", type=int,
                        help="rounds an endpoint with a target is measured in, each between "
                             "hello runs of its own (default 3; 1 with --quick)")
    parser.add_argument("--regenerate", action="store_true",
                        help="make the data sets again even when they are up to date")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    if load.wrk_path() is None:
        print(load.WRK_MISSING, file=sys.stderr)
        return 2
    settings = QUICK if args.quick else FULL
    overrides = {key: value for key, value in (("duration", args.duration),
                                               ("connections", args.connections),
                                               ("workers", args.workers),
                                               ("rounds", args.rounds)) if value}
    if overrides:
        settings = Settings(**{**settings.__dict__, **overrides})
    datasets = {
        "national": Dataset("national", settings.scale, None),
        "small": Dataset("small", settings.small_scale, None),
        "search": Dataset("search", settings.scale, settings.search_comments // 8),
    }
    backends = [Backend(kind.strip(), args.postgres_url)
                for kind in args.backends.split(",") if kind.strip()]
    redis_url = _redis(args.redis_url)
    started = time.perf_counter()
    described: dict[str, str] = {}
    for backend in backends:
        for role, dataset in datasets.items():
            meta = backend.ensure(dataset, args.seed, args.anchor, args.regenerate)
            described[role] = _describe(meta["rows"])
    from importlib.metadata import version

    result = {
        "meta": {
            "date": date.today().isoformat(), "quick": args.quick,
            "cpus": os.cpu_count(), "platform": platform.platform(terse=True),
            "python": platform.python_version(), "gunicorn": version("gunicorn"),
            "workers": settings.workers, "connections": settings.connections,
            "duration": settings.duration, "warmup": settings.warmup,
            "rounds": settings.rounds, "seed": args.seed,
            "scale": settings.scale, "small_scale": settings.small_scale,
            "search_comments": settings.search_comments, "datasets": described,
            "redis": bool(redis_url),
            "note": "load generator, server and database share the machine",
        },
        "backends": {},
    }
    # The servers' logs of earlier runs (kept until now for looking into a failure).
    for old_log in (DATA / "run").glob("gunicorn-*.log"):
        old_log.unlink()
    for backend in backends:
        result["backends"][backend.kind] = measure(backend, datasets, settings, redis_url)
    result["meta"]["seconds"] = round(time.perf_counter() - started)
    json_path, md_path = report.write(result, args.results)
    print(report.markdown(result))
    print(f"Written: {json_path} and {md_path} ({result['meta']['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
