"""Screenshots of the main screens, from the running app with demo data, for the README.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Makes a throw-away SQLite database with the demo data and discussion, serves it on a free port,
signs in as the demo people in Debian's Chromium (/usr/bin/chromium, or CONSULT_CHROMIUM) and
saves one PNG per screen. Run it again after a change to the look of a page.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "demo-gia-2008"
CHROMIUM = os.environ.get("CONSULT_CHROMIUM", "/usr/bin/chromium")

# (file name, who signs in or None, path, viewport width)
SCREENS = [
    ("agenda", None, "/", 1280),
    ("speerpunt", "wethouder@demo.gia.nl", "/speerpunten/inburgering", 1280),
    ("amendement", "moderator@demo.gia.nl", "/amendementen/1", 1280),
    ("amendement-voorstellen", "wethouder@demo.gia.nl",
     "/speerpunten/wonen/secties/ambitie/amendement", 1280),
    ("ministerie", "ministerie@demo.gia.nl", "/ministerie", 1280),
    ("moderatie", "moderator@demo.gia.nl", "/moderatie", 1280),
    ("versies", "wethouder@demo.gia.nl", "/speerpunten/wonen/versies", 1280),
    ("herkomst", "wethouder@demo.gia.nl", "/speerpunten/wonen/versies/2/herkomst", 1280),
    ("afstemmingsmonitor", "gedeputeerde@demo.gia.nl", "/afstemmingsmonitor", 1280),
    ("zoeken", "wethouder@demo.gia.nl", "/zoeken?q=gemeenten", 1280),
    ("telefoon-speerpunt", "wethouder@demo.gia.nl", "/speerpunten/inburgering", 375),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "CONSULT_DATABASE_URL": f"sqlite:///{tmp}/demo.sqlite3",
               "CONSULT_SECRET_KEY": "screenshots-only", "CONSULT_REQUIRE_2FA": "0",
               "CONSULT_RATELIMIT_SIGNIN": "1000 per minute",
               "CONSULT_RATELIMIT_SIGNIN_ACCOUNT": "1000 per hour", "FLASK_APP": "wsgi"}
        flask = [sys.executable, "-m", "flask", "--app", "wsgi", "consult"]
        subprocess.run([*flask, "init-db"], cwd=ROOT, env=env, check=True, capture_output=True)
        subprocess.run([*flask, "seed", "--demo"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind",
             f"127.0.0.1:{port}", "wsgi:app"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            shoot(base, out)
        finally:
            server.terminate()
            server.wait(timeout=20)
    return 0


def shoot(base: str, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for name, who, path, width in SCREENS:
            context = browser.new_context(viewport={"width": width, "height": 900},
                                          reduced_motion="reduce", bypass_csp=True)
            page = context.new_page()
            if who:
                page.goto(f"{base}/login")
                page.fill("#email", who)
                page.fill("#password", PASSWORD)
                page.click("main button[type=submit]")
                page.wait_for_load_state()
            page.goto(base + path)
            # The demo's warning about two-step verification is not part of the product's look.
            page.add_style_tag(content=".alert--warning { display: none; }")
            page.screenshot(path=str(out / f"{name}.png"),
                            clip={"x": 0, "y": 0, "width": width, "height": 900})
            context.close()
            print(f"{name}.png  {path}")
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
