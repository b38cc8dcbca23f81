"""Two independent Consult instances on one PostgreSQL with Redis, under mixed load, then checked.

    .venv/bin/python scripts/scale_out.py [--duration 60] [--keep]

Starts two gunicorn instances (separate processes, separate ports) on a throw-away PostgreSQL
database and Redis for the rate limits, with the same secret key, as a deployment behind a load
balancer would. For `--duration` seconds it puts mixed load on both: page and API reads,
comments, amendments, supports, and moderators accepting the same amendments on both instances
at once. Then it checks what a person would notice if scaling out were broken:

- no response in the 5xx range;
- every acknowledged write (comment, amendment) is in the database exactly once;
- each speerpunt's versions are numbered 1..n without gaps or duplicates, every accepted
  amendment was accepted once and landed in the version it was told, and its words are in
  the current text (no accepted change lost by a race);
- a session made on one instance works on the other, an upload made on one is downloaded
  from the other, a write on one is read on the other at once (no cache in a process);
- the sign-in rate limit is shared: attempts spread over both instances reach it together.

Exits with status 1 and the failed checks when any check fails. A JSON summary goes to stdout.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
SLUGS = ["inburgering", "wonen", "sociale-integratie"]
WRITERS = ["wethouder@demo.gia.nl", "ambtenaar@demo.gia.nl", "gedeputeerde@demo.gia.nl",
           "partner@demo.gia.nl"]
MODERATOR = "moderator@demo.gia.nl"
SIGNIN_LIMIT = 6
# A small valid PDF: the knowledge platform checks uploads by their content.
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"
       b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


class Failure(Exception):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """A tiny HTTP client: JSON with a bearer token, or pages with cookies."""

    def __init__(self, base: str, token: str | None = None, jar=None):
        self.base = base
        self.token = token
        self.jar = jar if jar is not None else http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def request(self, method: str, path: str, body=None, headers=None, timeout=30):
        headers = dict(headers or {})
        data = None
        if isinstance(body, (dict, list)):
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        elif isinstance(body, bytes):
            data = body
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with self.opener.open(req, timeout=timeout) as response:
                return response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.headers

    def json(self, method, path, body=None):
        status, raw, _headers = self.request(method, path, body)
        try:
            return status, json.loads(raw or b"null")
        except ValueError:
            return status, None

    def form(self, path, fields: dict, files: dict | None = None):
        if files:
            boundary = uuid.uuid4().hex
            parts = []
            for name, value in fields.items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                             f"\r\n\r\n{value}\r\n".encode())
            for name, (filename, content, mimetype) in files.items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                             f'filename="{filename}"\r\nContent-Type: {mimetype}\r\n\r\n'.encode()
                             + content + b"\r\n")
            parts.append(f"--{boundary}--\r\n".encode())
            return self.request("POST", path, b"".join(parts),
                                {"Content-Type": f"multipart/form-data; boundary={boundary}"})
        encoded = urllib.parse.urlencode(fields).encode()
        return self.request("POST", path, encoded,
                            {"Content-Type": "application/x-www-form-urlencoded"})

    def csrf(self, path) -> str:
        status, raw, _headers = self.request("GET", path)
        match = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', raw) or \
            re.search(rb'name="csrf_token" value="([^"]+)"', raw)
        if status != 200 or match is None:
            raise Failure(f"no form at {path} ({status})")
        return match.group(1).decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses: Counter = Counter()
        self.server_errors: list[tuple[str, str, int]] = []
        self.comments: dict[str, int] = {}
        self.amendments: dict[str, tuple[int, str, str]] = {}
        self.accepted: dict[int, list[int]] = {}

    def saw(self, method, path, status):
        with self.lock:
            self.statuses[(method, re.sub(r"\d+", "N", path.split("?")[0]), status)] += 1
            if status >= 500:
                self.server_errors.append((method, path, status))


def run(args) -> dict:
    admin_url = args.admin_url
    name = f"consult_scaleout_{os.getpid()}_{int(time.time())}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    database_url = admin_url.rsplit("/", 1)[0] + f"/{name}"
    env = {
        **os.environ,
        "CONSULT_DATABASE_URL": database_url,
        "CONSULT_SECRET_KEY": secrets.token_hex(32),
        "CONSULT_RATELIMIT_STORAGE_URL": args.redis_url,
        "CONSULT_REQUIRE_2FA": "0",
        "CONSULT_RATELIMIT_SIGNIN": f"{SIGNIN_LIMIT} per minute",
        "CONSULT_RATELIMIT_SIGNIN_ACCOUNT": "1000 per hour",
        "CONSULT_RATELIMIT_API_WRITE": "100000 per minute",
        "FLASK_APP": "wsgi",
    }
    _flush_redis(args.redis_url)
    processes: list[subprocess.Popen] = []
    try:
        flask = [sys.executable, "-m", "flask", "--app", "wsgi", "consult"]
        subprocess.run([*flask, "init-db"], cwd=ROOT, env=env, check=True, capture_output=True)
        subprocess.run([*flask, "seed", "--demo"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        tokens = {}
        for email in [*WRITERS, MODERATOR]:
            out = subprocess.run([*flask, "create-token", "--email", email], cwd=ROOT, env=env,
                                 check=True, capture_output=True, text=True)
            tokens[email] = out.stdout.strip().splitlines()[-1]
        bases = []
        for _ in range(2):
            port = free_port()
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--workers", str(args.workers), "--bind",
                 f"127.0.0.1:{port}", "--log-level", "warning", "wsgi:app"],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
            bases.append(f"http://127.0.0.1:{port}")
        for base in bases:
            _wait_until_up(base)

        recorder = Recorder()
        failures: list[str] = []
        failures += check_sessions_uploads_and_reads(bases, tokens)
        load(bases, tokens, recorder, args.duration, args.seed)
        failures += check_consistency(database_url, recorder)
        failures += check_shared_rate_limit(bases)
        for process in processes:
            if process.poll() is not None:
                failures.append(f"an instance stopped during the run (exit {process.returncode})")
        summary = {
            "duration_seconds": args.duration,
            "instances": bases,
            "workers_per_instance": args.workers,
            "requests": sum(recorder.statuses.values()),
            "by_status": dict(Counter(status for (_m, _p, status), n in recorder.statuses.items()
                                      for _ in range(n))),
            "acknowledged_comments": len(recorder.comments),
            "acknowledged_amendments": len(recorder.amendments),
            "accepted_amendments": len(recorder.accepted),
            "server_errors": recorder.server_errors[:20],
            "failures": failures,
            "ok": not failures,
        }
        return summary
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        if not args.keep:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _flush_redis(url: str) -> None:
    import redis

    if url.startswith(("redis://", "rediss://")):
        redis.Redis.from_url(url).flushdb()


def _wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _raw, _headers = Client(base).request("GET", "/", timeout=5)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise Failure(f"{base} did not start")


def sign_in(client: Client, email: str, password: str = "demo-gia-2008") -> int:
    token = client.csrf("/login")
    status, _raw, _headers = client.form("/login", {"csrf_token": token, "email": email,
                                                    "password": password})
    return status


def check_sessions_uploads_and_reads(bases, tokens) -> list[str]:
    failures = []
    a, b = bases
    # One cookie jar, two instances: the session is signed with the shared key and checked
    # against the database, so either instance honours it.
    jar = http.cookiejar.CookieJar()
    on_a, on_b = Client(a, jar=jar), Client(b, jar=jar)
    if sign_in(on_a, "partner@demo.gia.nl") != 302:
        return ["signing in on the first instance failed"]
    status, raw, _h = on_b.request("GET", "/profiel")
    if status != 200 or b"Aangemeld als" not in raw:
        failures.append(f"a session made on one instance is not valid on the other ({status})")
    # An upload stored through one instance is served by the other.
    path = "/kennis/oost/inburgering/praktijkvoorbeeld-delen"
    fields = {"csrf_token": on_b.csrf(path), "title": "Gedeeld over twee servers",
              "summary": "Samenvatting.", "body": "Tekst.", "contact_name": "Piet de Partner",
              "contact_email": "piet@example.nl", "tags": "schaal"}
    status, _raw, headers = on_a.form(path, fields, {"attachments": ("aanpak.pdf", PDF,
                                                                     "application/pdf")})
    if status != 302:
        failures.append(f"sharing an example with an attachment failed ({status})")
    else:
        status, raw, _h = on_b.request("GET", headers["Location"].replace(a, ""))
        match = re.search(rb'href="(/kennis/bijlagen/\d+)"', raw)
        downloaded = on_b.request("GET", match.group(1).decode())[1] if match else b""
        if downloaded != PDF:
            failures.append("an attachment uploaded on one instance is not served by the other")
    # A write on one instance is read on the other at once: nothing is cached in a process.
    writer_a = Client(a, tokens[WRITERS[0]])
    reader_b = Client(b, tokens[WRITERS[1]])
    marker = f"direct-gelezen-{uuid.uuid4().hex[:8]}"
    status, body = writer_a.json("POST", "/api/v1/speerpunten/wonen/comments",
                                 {"section": "ambitie", "body": marker})
    if status != 201:
        failures.append(f"posting a comment failed ({status})")
    else:
        _s, listing = reader_b.json("GET", "/api/v1/speerpunten/wonen/comments?per_page=100"
                                           "&section=ambitie")
        pages = -(-listing["total"] // 100)
        bodies = [c["body"] for c in listing["items"]]
        for page in range(2, pages + 1):
            bodies += [c["body"] for c in reader_b.json(
                "GET", f"/api/v1/speerpunten/wonen/comments?per_page=100&section=ambitie"
                       f"&page={page}")[1]["items"]]
        if marker not in bodies:
            failures.append("a comment written on one instance is not read on the other")
    return failures


def load(bases, tokens, recorder: Recorder, duration: float, seed: int) -> None:
    stop = time.monotonic() + duration
    rng_master = random.Random(seed)

    def call(client, method, path, body=None):
        try:
            status, payload = client.json(method, path, body)
        except OSError as error:  # a refused or reset connection counts as a server failure
            recorder.saw(method, path, 599)
            recorder.server_errors.append((method, path, str(error)))
            return 599, None
        recorder.saw(method, path, status)
        return status, payload

    def reader(rng):
        anonymous = [Client(base) for base in bases]
        api = [Client(base, tokens[WRITERS[0]]) for base in bases]
        while time.monotonic() < stop:
            slug = rng.choice(SLUGS)
            choice = rng.random()
            if choice < 0.3:
                call(rng.choice(anonymous), "GET", "/")
            elif choice < 0.6:
                call(rng.choice(api), "GET", f"/api/v1/speerpunten/{slug}")
            else:
                call(rng.choice(api), "GET", f"/api/v1/speerpunten/{slug}/comments")

    def writer(rng, email):
        clients = [Client(base, tokens[email]) for base in bases]
        while time.monotonic() < stop:
            client = rng.choice(clients)
            slug = rng.choice(SLUGS)
            if rng.random() < 0.6:
                marker = f"schaal-{uuid.uuid4().hex[:12]}"
                status, body = call(client, "POST", f"/api/v1/speerpunten/{slug}/comments",
                                    {"section": "ambitie", "body": f"Reactie {marker}."})
                if status == 201:
                    with recorder.lock:
                        recorder.comments[marker] = body["id"]
            else:
                status, speerpunt = call(client, "GET", f"/api/v1/speerpunten/{slug}")
                if status != 200:
                    continue
                section = rng.choice(["kernprobleem", "ambitie", "rijk", "gemeente"])
                sentences = speerpunt["sections"][section].split(". ")
                at = rng.randrange(len(sentences))
                marker = f"toevoeging{uuid.uuid4().hex[:10]}"
                sentences.insert(at, f"Zie ook {marker}")
                status, body = call(client, "POST", f"/api/v1/speerpunten/{slug}/amendments", {
                    "section": section, "base_version": speerpunt["current_version"],
                    "text": ". ".join(sentences), "rationale": f"Schaaltest {marker}."})
                if status == 201:
                    with recorder.lock:
                        recorder.amendments[marker] = (body["id"], slug, section)
                    other = rng.choice([e for e in WRITERS if e != email])
                    call(Client(rng.choice(bases), tokens[other]), "POST",
                         f"/api/v1/amendments/{body['id']}/support")

    def decider(rng):
        # Two moderators' clicks on two instances for the same amendment, at the same time.
        clients = [Client(base, tokens[MODERATOR]) for base in bases]
        seen: set[int] = set()
        while time.monotonic() < stop:
            with recorder.lock:
                pending = [v[0] for v in recorder.amendments.values() if v[0] not in seen]
            if not pending:
                time.sleep(0.05)
                continue
            amendment_id = rng.choice(pending)
            seen.add(amendment_id)
            results: list[tuple[int, object]] = []

            def accept(client):
                results.append(call(client, "POST", f"/api/v1/amendments/{amendment_id}/decision",
                                    {"decision": "accept"}))

            threads = [threading.Thread(target=accept, args=(c,)) for c in clients]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            versions = [payload.get("version") for status, payload in results if status == 200]
            with recorder.lock:
                if versions:
                    recorder.accepted[amendment_id] = versions

    threads = [threading.Thread(target=reader, args=(random.Random(rng_master.random()),))
               for _ in range(2)]
    threads += [threading.Thread(target=writer, args=(random.Random(rng_master.random()), email))
                for email in WRITERS]
    threads += [threading.Thread(target=decider, args=(random.Random(rng_master.random()),))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def check_consistency(database_url: str, recorder: Recorder) -> list[str]:
    failures = []
    if recorder.server_errors:
        failures.append(f"{len(recorder.server_errors)} server errors, e.g. "
                        f"{recorder.server_errors[:3]}")
    engine = sa.create_engine(database_url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT id, body FROM comments WHERE body LIKE 'Reactie schaal-%'")).all()
        by_marker = Counter(re.search(r"schaal-[0-9a-f]+", body).group() for _id, body in rows)
        missing = [m for m in recorder.comments if by_marker[m] == 0]
        doubled = [m for m, n in by_marker.items() if n > 1]
        if missing or doubled:
            failures.append(f"comments: {len(missing)} acknowledged but missing, "
                            f"{len(doubled)} stored more than once")
        rows = conn.execute(sa.text(
            "SELECT id, rationale, status, result_version, speerpunt_id, section "
            "FROM amendments WHERE rationale LIKE 'Schaaltest %'")).all()
        stored = Counter(re.search(r"toevoeging[0-9a-f]+", r.rationale).group() for r in rows)
        missing = [m for m in recorder.amendments if stored[m] == 0]
        doubled = [m for m, n in stored.items() if n > 1]
        if missing or doubled:
            failures.append(f"amendments: {len(missing)} acknowledged but missing, "
                            f"{len(doubled)} stored more than once")
        by_id = {r.id: r for r in rows}
        for speerpunt_id, current, numbers in conn.execute(sa.text(
                "SELECT s.id, s.current_version, array_agg(v.number ORDER BY v.number) "
                "FROM speerpunten s JOIN versions v ON v.speerpunt_id = s.id "
                "GROUP BY s.id, s.current_version")):
            if numbers != list(range(1, current + 1)):
                failures.append(f"speerpunt {speerpunt_id}: versions {numbers} for current "
                                f"version {current}")
        landed = dict(conn.execute(sa.text(
            "SELECT amendment_id, number FROM versions WHERE amendment_id IS NOT NULL")).all())
        for amendment_id, versions in recorder.accepted.items():
            row = by_id.get(amendment_id)
            if len(versions) != 1:
                failures.append(f"amendment {amendment_id} was accepted {len(versions)} times")
            elif row is None or row.status != "accepted" or row.result_version != versions[0] \
                    or landed.get(amendment_id) != versions[0]:
                failures.append(f"amendment {amendment_id}: acknowledged as version "
                                f"{versions[0]}, stored otherwise")
        texts = {(sid, section): text for sid, section, text in conn.execute(sa.text(
            "SELECT s.id, x.section, x.text FROM speerpunten s JOIN versions v "
            "ON v.speerpunt_id = s.id AND v.number = s.current_version CROSS JOIN LATERAL ("
            "VALUES ('kernprobleem', v.kernprobleem), ('ambitie', v.ambitie), "
            "('rijk', v.rijk), ('gemeente', v.gemeente)) AS x(section, text)"))}
        lost = [marker for marker, (amendment_id, _slug, _section) in recorder.amendments.items()
                if amendment_id in recorder.accepted
                and marker not in texts[(by_id[amendment_id].speerpunt_id,
                                         by_id[amendment_id].section)]]
        if lost:
            failures.append(f"{len(lost)} accepted changes are missing from the current text")
    engine.dispose()
    return failures


def check_shared_rate_limit(bases) -> list[str]:
    # One address, attempts alternating between the instances. With a limit kept in each
    # process, neither instance would have reached it; with Redis the next one is refused.
    statuses = []
    for attempt in range(SIGNIN_LIMIT + 1):
        client = Client(bases[attempt % 2])
        try:
            token = client.csrf("/login")
        except Failure:
            statuses.append("no form")
            continue
        status, _raw, _h = client.form("/login", {"csrf_token": token,
                                                  "email": "niemand@example.nl",
                                                  "password": "fout-wachtwoord-123"})
        statuses.append(status)
    # The sign-in at the start of the run counted too, so the limit may come one earlier.
    if 429 not in statuses[-2:] or any(s == 429 for s in statuses[:-2]):
        return [f"sign-in limit not shared between instances: {statuses}"]
    return []


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance")
    parser.add_argument("--admin-url", default=os.environ.get(
        "CONSULT_SCALEOUT_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL database to connect to for creating the throw-away one")
    parser.add_argument("--redis-url", default=os.environ.get(
        "CONSULT_SCALEOUT_REDIS_URL", "redis://127.0.0.1:6379/10"))
    parser.add_argument("--seed", type=int, default=2008)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args(argv)
    summary = run(args)
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
