"""Load from another process: the app under gunicorn, driven by wrk.

wrk runs with one thread (-t1) and a few connections: the machine that serves also loads,
and with two gunicorn workers on two cores, more wrk threads would only take CPU from them.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path

from bench.generate import BENCH_PASSWORD
from bench.inprocess import CSRF_INPUT, RATE_LIMITS

ROOT = Path(__file__).resolve().parent.parent
# Flask-Login's session protection ties a session to the address and the User-Agent: wrk
# must send the same one the session was signed in with.
USER_AGENT = "consult-bench"

WRK_MISSING = ("wrk is not installed. On Debian or Ubuntu: apt-get install -y wrk "
               "(the benchmark drives the application with it from another process).")


def wrk_path() -> str | None:
    return shutil.which("wrk")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Server:
    """gunicorn serving bench.app:app on one database."""

    def __init__(self, database_url: str, *, workers: int, secret_key: str,
                 redis_url: str | None, log_dir: Path):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.env = {
            **os.environ,
            "CONSULT_DATABASE_URL": database_url,
            "CONSULT_SECRET_KEY": secret_key,
            # The bench accounts have no authenticator app.
            "CONSULT_REQUIRE_2FA": "0",
            **RATE_LIMITS,
            "CONSULT_RATELIMIT_STORAGE_URL": redis_url or "memory://",
            "BENCH_RATELIMIT_PREFIX": f"consult-bench-{os.getpid()}-{self.port}",
        }
        self.log = log_dir / f"gunicorn-{self.port}.log"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", str(self.workers),
             "--bind", f"127.0.0.1:{self.port}", "--timeout", "300",
             "--error-logfile", str(self.log), "bench.app:app"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped; see {self.log}")
            try:
                with urllib.request.urlopen(self.base + "/__hello", timeout=5) as response:
                    if response.status == 200 and len(self.worker_pids()) == self.workers:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within a minute; see {self.log}")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def worker_pids(self) -> list[int]:
        """The gunicorn workers: the children of the master process."""
        assert self.process is not None
        master = self.process.pid
        children = Path(f"/proc/{master}/task/{master}/children")
        if children.exists():
            return [int(pid) for pid in children.read_text().split()]
        pids = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines()
                              if ":\t" in line)
            except OSError:
                continue
            if fields.get("PPid", "").strip() == str(master):
                pids.append(int(status.parent.name))
        return pids

    def worker_memory(self) -> list[dict]:
        """Resident memory now (VmRSS) and at its highest (VmHWM) of each worker, in MB."""
        result = []
        for pid in self.worker_pids():
            fields = {}
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                key, _sep, value = line.partition(":")
                fields[key] = value.strip()
            result.append({"pid": pid,
                           "rss_mb": round(int(fields["VmRSS"].split()[0]) / 1024, 1),
                           "peak_mb": round(int(fields["VmHWM"].split()[0]) / 1024, 1)})
        return result

    def sign_in(self, email: str) -> str:
        """Sign in with a real POST to /login; returns the Cookie header for the session."""
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar),
                                             _NoRedirect)
        opener.addheaders = [("User-Agent", USER_AGENT)]
        with opener.open(self.base + "/login", timeout=30) as response:
            token = CSRF_INPUT.search(response.read().decode())
        data = urllib.parse.urlencode({"email": email, "password": BENCH_PASSWORD,
                                       "csrf_token": token.group(1) if token else ""}).encode()
        try:
            opener.open(self.base + "/login", data=data, timeout=30)
            raise RuntimeError(f"signing in as {email} did not redirect")
        except urllib.error.HTTPError as exc:
            if exc.code != 302:
                raise RuntimeError(f"signing in as {email} failed: {exc.code}") from None
            target = exc.headers["Location"]
        # Follow the redirect as a browser does: the page it leads to shows the message that
        # one is signed in, and the session cookie after it no longer carries that message
        # (wrk sends one cookie throughout; with the message in it every page showed it).
        with opener.open(urllib.parse.urljoin(self.base + "/login", target), timeout=30):
            pass
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)

    def fetch(self, path: str, headers: dict[str, str], method: str = "GET",
              body: str | None = None) -> int:
        """One request without following redirects (a redirect to /login is a failure)."""
        request = urllib.request.Request(
            self.base + path, method=method, headers={"User-Agent": USER_AGENT, **headers},
            data=body.encode() if body is not None else None)
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=120) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code


@dataclass(frozen=True)
class Load:
    connections: int
    duration: float
    warmup: float


_LUA = """
local paths = %(paths)s
local method = %(method)s
local body = %(body)s
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format(method, paths[((counter - 1) %% #paths) + 1], nil, body)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %%d, "duration_us": %%d, "connect_errors": %%d, ' ..
    '"read_errors": %%d, "write_errors": %%d, "status_errors": %%d, "timeouts": %%d, ' ..
    '"p50_us": %%d, "p95_us": %%d, "p99_us": %%d, "mean_us": %%.1f, "max_us": %%d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean,
    latency.max))
end
"""


def _lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string literal is a valid Lua string literal here


def wrk(server: Server, paths: list[str], headers: dict[str, str], load: Load, *,
        method: str = "GET", body: str | None = None, warm: bool = True) -> dict:
    """Drive the server with wrk; paths are requested in turn. Returns requests per second,
    latency percentiles in ms and error counts of the measured (not the warm-up) run."""
    script = _LUA % {
        "paths": "{" + ", ".join(_lua_string(p) for p in paths) + "}",
        "method": _lua_string(method),
        "body": _lua_string(body) if body is not None else "nil",
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
        script_path = handle.name
    try:
        header_args = [arg for name, value in {"User-Agent": USER_AGENT, **headers}.items()
                       for arg in ("-H", f"{name}: {value}")]
        runs = [load.warmup, load.duration] if warm and load.warmup > 0 else [load.duration]
        for seconds in runs:
            # wrk takes whole seconds.
            done = subprocess.run(
                [wrk_path(), "-t1", f"-c{load.connections}", f"-d{max(1, round(seconds))}s",
                 "--timeout", "120s", "-s", script_path, *header_args, server.base + "/"],
                capture_output=True, text=True)
            if done.returncode != 0:
                raise RuntimeError(f"wrk failed: {done.stderr or done.stdout}")
            output = done.stdout
            # wrk stops with requests still running in the workers; let them finish, or the
            # next run would queue behind them and count their time as its own.
            slowest = json.loads(next(line for line in output.splitlines()
                                      if line.startswith("BENCH_JSON "))[11:])["max_us"]
            time.sleep(min(30.0, slowest / 1e6) + 0.1)
    finally:
        os.unlink(script_path)
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    seconds = raw["duration_us"] / 1e6
    errors = (raw["connect_errors"] + raw["read_errors"] + raw["write_errors"]
              + raw["status_errors"] + raw["timeouts"])
    return {
        "requests": raw["requests"], "seconds": round(seconds, 2),
        "rps": round(raw["requests"] / seconds, 1) if seconds else 0.0,
        "p50_ms": round(raw["p50_us"] / 1000, 2), "p95_ms": round(raw["p95_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2), "max_ms": round(raw["max_us"] / 1000, 2),
        "errors": errors, "non_2xx": raw["status_errors"], "timeouts": raw["timeouts"],
    }
