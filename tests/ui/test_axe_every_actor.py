"""axe-core in Chromium for every kind of person, in Dutch and in English: every page their
menus lead to, the main pages below those, and forms in their error state. Zero WCAG 2.1 A
and AA violations."""

from __future__ import annotations

from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

from tests.conftest import ACTORS, DEMO_PASSWORD
from tests.ui.browser_support import browser, demo, live_server  # noqa: F401  (fixtures)

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
WHO = [None, "gemeente", "provincie", "ministry", "partner", "moderator", "admin"]
# Pages below the menus that each signed-in person works on.
DEEPER = ["/speerpunten/wonen", "/speerpunten/wonen/amendementen", "/amendementen/1",
          "/speerpunten/wonen/versies", "/speerpunten/wonen/verschil?van=1&tot=2",
          "/speerpunten/wonen/versies/2/herkomst", "/kennis/oost/inburgering",
          "/bijeenkomsten/1", "/toegankelijkheid"]
# Forms sent empty or wrong, as a hurried person might: each must come back with its errors
# shown accessibly. (path, CSS selector of the form, who)
ERROR_FORMS = [
    ("/login", "main form", None),
    ("/speerpunten/inburgering/secties/ambitie/amendement", "main form[method=post]", "gemeente"),
    ("/kennis/oost/inburgering/praktijkvoorbeeld-delen", "main form[method=post]", "partner"),
    ("/kennis/oost/inburgering/vraag-stellen", "main form[method=post]", "provincie"),
    ("/profiel", "main form[action*=wachtwoord]", "gemeente"),
    ("/tijdlijn", "main form.stack", "moderator"),
]


def _sign_in(page, who):
    page.goto("/login")
    page.fill("#email", ACTORS[who])
    page.fill("#password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def _menu_links(page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        ".site-nav a, .account-nav a, nav.tabs a, .site-footer a",
        "links => links.map(a => a.getAttribute('href'))")
    return [h for h in hrefs if h and h.startswith("/") and not h.startswith("//")]


def _to_english(page):
    page.goto("/")
    if page.eval_on_selector("html", "el => el.lang") == "en":
        return  # the person chose English before; the choice is kept with their account
    page.click("button[lang=en]")
    page.wait_for_load_state()
    assert page.eval_on_selector("html", "el => el.lang") == "en"


def _check(axe, page, label, found):
    result = axe.run(page, options=WCAG)
    for violation in result.response["violations"]:
        found.append((label, violation["id"], violation["nodes"][0]["target"]))


def test_every_actor_every_menu_page_both_languages(demo, browser, live_server):  # noqa: F811
    axe = Axe()
    found: list = []
    visited = 0
    for who in WHO:
        for language in ("nl", "en"):
            context = browser.new_context(base_url=live_server, reduced_motion="reduce")
            page = context.new_page()
            if who:
                _sign_in(page, who)
            if language == "en":
                _to_english(page)
            page.goto("/")
            paths = list(dict.fromkeys(_menu_links(page) + (DEEPER if who else [])))
            for path in paths:
                response = page.goto(path)
                assert response.status < 500, (who, language, path, response.status)
                if urlsplit(page.url).path == "/login" and path != "/login":
                    continue  # a page for signed-in people, seen by an anonymous visitor
                _check(axe, page, (who, language, path), found)
                visited += 1
            context.close()
    assert visited > 150  # the sweep really went round
    assert found == []


def test_forms_in_their_error_state_in_both_languages(demo, browser, live_server):  # noqa: F811
    axe = Axe()
    found: list = []
    for language in ("nl", "en"):
        for path, form, who in ERROR_FORMS:
            context = browser.new_context(base_url=live_server, reduced_motion="reduce")
            page = context.new_page()
            if who:
                _sign_in(page, who)
            if language == "en":
                _to_english(page)
            page.goto(path)
            # Send the form as it is, past the browser's own checks, so the server answers.
            page.eval_on_selector(form, "f => { f.noValidate = true; "
                                        "f.querySelectorAll('textarea, input[type=text], input:not([type])')"
                                        ".forEach(t => t.value = ''); }")
            with page.expect_navigation():
                page.eval_on_selector(form, "f => f.requestSubmit()")
            assert page.locator(".error-summary, .form-error, .alert--error").count() > 0, \
                (language, path)
            _check(axe, page, (who, language, path), found)
            context.close()
    assert found == []
