"""Shared pieces for the browser journeys: a Chromium per test module, signing in, the
keyboard helpers that check the focus ring at every stop, and the data each journey starts
from (made through the API, as other participants would have made it)."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path
from typing import Callable

import pytest
from werkzeug.serving import make_server

from consult.core.database import write_transaction
from consult.extensions import db
from tests.conftest import ACTORS, DEMO_PASSWORD
from tests.helpers import replace_once, section_text
from tests.conftest import IN_CI

CHROMIUM = os.environ.get("CONSULT_TEST_CHROMIUM", "/usr/bin/chromium")

# The end of the sociale-integratie "ambitie" section; two amendments change its last word.
LAST_WORDS = "tussen burgers en overheid."


@pytest.fixture(scope="module")
def browser():
    """One Chromium for all tests of a module: starting it per test would double the run time.
    Every test still gets its own context, so no cookies or storage leak between tests."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if IN_CI:
            pytest.fail(f"CI must run the browser tests: {CHROMIUM} is missing")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield chromium
        chromium.close()


@pytest.fixture
def live_server(app):
    """The app served over HTTP on a free port, in a thread, for the browser to visit."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def demo(app):
    """The lively demo discussion: earlier amendments, decisions and a flagged comment."""
    from consult.seed.operations import seed_demo_discussion

    with app.app_context(), write_transaction():
        seed_demo_discussion()
        db.session.commit()


@pytest.fixture
def new_page(browser, live_server):  # noqa: F811
    """new_page() opens a fresh browser context (a person on their own computer)."""
    contexts = []

    def make():
        # Reduced motion: with smooth scrolling every scroll into view would wait for the
        # animation, and a focused element could be checked before it arrives in view.
        context = browser.new_context(base_url=live_server, reduced_motion="reduce")
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def sign_in(page, who: str) -> None:
    """Sign in as a person does: type the address and password, press the button."""
    page.goto("/login")
    page.get_by_label("E-mailadres").fill(ACTORS[who])
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_load_state()
    assert "Aangemeld als" in page.locator("header").inner_text()


# --- Keyboard -------------------------------------------------------------------------------

# What a keyboard user has in focus, and whether they can see it: an outline or a box shadow
# drawn around an element that is rendered and scrolled into view.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  // Under reduced motion every property still transitions for 0.01 ms; end those transitions
  // so the focus style is measured as a person sees it a moment later, not mid-change.
  document.getAnimations().forEach((animation) => animation.finish());
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const label = el.labels && el.labels.length ? el.labels[0].textContent : '';
  const item = el.closest('li');
  const squash = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  return {
    tag: el.tagName.toLowerCase(), id: el.id, type: el.getAttribute('type') || '',
    name: el.getAttribute('name') || '', value: 'value' in el ? String(el.value) : '',
    checked: !!el.checked,
    text: squash(el.getAttribute('aria-label') || label || el.textContent || el.value),
    href: el.getAttribute('href') || '',
    item: item ? squash(item.textContent) : '',
    in_main: !!el.closest('main'),
    focus_visible: el.matches(':focus-visible'),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none' && style.boxShadow !== '',
    outline_desc: style.outlineStyle + ' ' + style.outlineWidth + ' ' + style.outlineColor
      + ' / ' + style.boxShadow,
    size: rect.width > 0 && rect.height > 0,
    in_view: rect.bottom > 0 && rect.top < innerHeight && rect.right > 0 && rect.left < innerWidth,
  };
}"""


def describe(info: dict | None) -> str:
    if info is None:
        return "<nothing>"
    return f"<{info['tag']} id={info['id']!r} name={info['name']!r}> {info['text'][:60]!r}"


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED)


def assert_focus_visible(page, info: dict | None = None) -> dict:
    info = info if info is not None else focused(page)
    assert info is not None, "nothing has the focus"
    visible = info["focus_visible"] and (info["outline"] or info["shadow"])
    assert visible and info["size"] and info["in_view"], (
        f"focus not visible on {describe(info)} ({page.url}): {info['outline_desc']}, "
        f":focus-visible={info['focus_visible']}, size={info['size']}, in view={info['in_view']}")
    return info


def tab_to(page, predicate: Callable[[dict], bool], max_presses: int = 200,
           key: str = "Tab", skip: bool = False) -> dict:
    """Press Tab until the focused element matches; every stop on the way must show focus.
    With skip, first take the skip link past the menu, as keyboard users do on a new page."""
    if skip:
        skip_to_content(page)
    seen = []
    for _ in range(max_presses):
        page.keyboard.press(key)
        info = focused(page)
        if info is None:  # past the last element: the next Tab starts at the top again
            continue
        assert_focus_visible(page, info)
        if predicate(info):
            return info
        seen.append(describe(info))
    raise AssertionError(f"no match after {max_presses} presses of {key} on {page.url}; "
                         f"visited: {seen[-40:]}")


def named(text: str, tag: str | None = None) -> Callable[[dict], bool]:
    """Matches an element whose accessible text is exactly this (whitespace squashed)."""
    return lambda info: info["text"] == text and (tag is None or info["tag"] == tag)


def starting(text: str) -> Callable[[dict], bool]:
    return lambda info: info["text"].startswith(text)


def by_id(element_id: str) -> Callable[[dict], bool]:
    return lambda info: info["id"] == element_id


def by_name(name: str) -> Callable[[dict], bool]:
    return lambda info: info["name"] == name


def press_and_wait(page, key: str = "Enter") -> None:
    """Press a key that follows a link or submits a form, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state()


def skip_to_content(page) -> None:
    """The first Tab stop is the skip link; Enter moves the focus to the main content."""
    info = tab_to(page, lambda _info: True, max_presses=1)
    assert info["tag"] == "a" and info["text"] == "Naar de inhoud", describe(info)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


def choose_radio(page, value: str) -> None:
    """With the focus on a radio group: arrow to the option and make sure it is checked."""
    info = focused(page)
    assert info and info["type"] == "radio", describe(info)
    for _ in range(10):
        if info["value"] == value:
            break
        page.keyboard.press("ArrowDown")
        info = assert_focus_visible(page)
    assert info["value"] == value, describe(info)
    if not info["checked"]:
        page.keyboard.press("Space")
    assert focused(page)["checked"], f"radio {value} not checked"


def type_into(page, predicate: Callable[[dict], bool], text: str, **tab_options) -> None:
    tab_to(page, predicate, **tab_options)
    page.keyboard.type(text)


def keyboard_sign_in(page, who: str) -> None:
    page.goto("/login")
    type_into(page, by_id("email"), ACTORS[who], skip=True)
    type_into(page, by_id("password"), DEMO_PASSWORD)
    tab_to(page, named("Aanmelden", "button"))
    press_and_wait(page)
    assert "Aangemeld als" in page.locator("header").inner_text()


# Every heading in the page, with its level, in document order (hidden ones included: a
# closed <details> still belongs to the outline once opened).
HEADINGS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .map(h => [Number(h.tagName[1]), h.textContent.replace(/\\s+/g, ' ').trim()])"""


def heading_problems(page) -> list[str]:
    headings = page.evaluate(HEADINGS)
    problems = []
    if [level for level, _text in headings].count(1) != 1:
        problems.append(f"{page.url}: {[level for level, _ in headings].count(1)} h1 elements")
    if headings and headings[0][0] != 1:
        problems.append(f"{page.url}: first heading is h{headings[0][0]} {headings[0][1]!r}")
    for (previous, _), (level, text) in zip(headings, headings[1:]):
        if level > previous + 1:
            problems.append(f"{page.url}: h{previous} then h{level} {text!r}")
    return problems


# --- The data the journeys start from ---------------------------------------------------------

def moderator_scenario(api) -> dict:
    """Four pending amendments on one section of sociale-integratie, all written on version 1:
    a (Nijmegen) and c (VNG) change the same last words, b (Gelderland) other words, d
    (Rotterdam) adds a sentence. Supports and the ministry's responses beside them, and a
    comment flagged by three people."""
    slug, section = "sociale-integratie", "ambitie"
    base = section_text(api("gemeente"), slug, section)
    texts = {
        "a": replace_once(base, LAST_WORDS, "tussen burgers en overheid, juist in de eigen wijk."),
        "b": replace_once(base, "in het verenigingsleven en op het werk.",
                          "in het verenigingsleven, in de bibliotheek en op het werk."),
        "c": replace_once(base, LAST_WORDS, "tussen burgers en overheden."),
        "d": base + " Elke gemeente stelt hiervoor een integratiecoördinator aan.",
    }
    authors = {"a": "gemeente", "b": "provincie", "c": "partner", "d": "gemeente2"}
    rationales = {
        "a": "Vertrouwen groeit waar mensen wonen.",
        "b": "De bibliotheek is in veel gemeenten de plek waar mensen elkaar treffen.",
        "c": "Niet één overheid: rijk, provincies en gemeenten samen.",
        "d": "Zonder een vast aanspreekpunt blijft het bij woorden.",
    }
    ids = {}
    for key in "abcd":
        response = api(authors[key]).post(f"/speerpunten/{slug}/amendments", json={
            "section": section, "base_version": 1, "text": texts[key],
            "rationale": rationales[key]})
        assert response.status_code == 201, response.json
        ids[key] = response.json["id"]
    for who in ("provincie", "partner", "gemeente2", "other_ministry"):
        assert api(who).post(f"/amendments/{ids['a']}/support").status_code in (200, 201)
    for key, position, body in [
            ("a", "support", "Het rijk steunt dit: vertrouwen begint in de buurt."),
            ("b", "partial", "Goed idee; de bibliotheek is één van de plekken, niet de enige."),
            ("d", "oppose", "Gemeenten kiezen zelf hoe zij dit organiseren.")]:
        assert api("ministry").post(f"/amendments/{ids[key]}/responses", json={
            "position": position, "body": body}).status_code == 201
    spam = api("gemeente").post(f"/speerpunten/{slug}/comments", json={
        "section": "kernprobleem", "body": "Koop nu goedkope horloges op onze website!"})
    assert spam.status_code == 201, spam.json
    for who in ("provincie", "partner", "gemeente2"):
        api(who).post(f"/comments/{spam.json['id']}/flag", json={"reason": "spam"})
    return {"slug": slug, "section": section, "base": base, "ids": ids, "texts": texts,
            "spam": spam.json["id"]}


def ministry_scenario(api) -> list[dict]:
    """Three amendments waiting for VROM-WWI (on three of its speerpunten, oldest first) and
    one on onderwijs, which is OCW's and not theirs to answer."""
    made = []
    for who, slug, section, addition in [
            ("gemeente", "sociale-integratie", "rijk",
             " Het rijk maakt de regelingen ook toegankelijk voor informele groepen."),
            ("provincie", "inburgering", "kernprobleem",
             " In landelijke gebieden zijn de reisafstanden naar de taalles groot."),
            ("partner", "wonen", "gemeente",
             " De gemeente betrekt bewonersorganisaties bij de woonvisie."),
            ("gemeente2", "onderwijs", "rijk", " Het rijk investeert in schakelklassen.")]:
        text = section_text(api(who), slug, section) + addition
        current = api(who).get(f"/speerpunten/{slug}").json["current_version"]
        response = api(who).post(f"/speerpunten/{slug}/amendments", json={
            "section": section, "base_version": current, "text": text,
            "rationale": "Dit sluit beter aan bij de praktijk."})
        assert response.status_code == 201, response.json
        made.append({"id": response.json["id"], "slug": slug, "addition": addition.strip()})
    return made
