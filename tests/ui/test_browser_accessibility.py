"""The main pages in a real browser: no WCAG 2.1 A/AA violations found by axe-core, and
nothing scrolls sideways at 320 px."""

from axe_playwright_python.sync_playwright import Axe

from tests.conftest import ACTORS, DEMO_PASSWORD
from tests.ui.browser_support import browser, demo, live_server  # noqa: F401  (fixtures)

PAGES = {
    "admin": ["/", "/speerpunten/wonen", "/speerpunten/wonen/amendementen", "/amendementen/1",
              "/amendementen/2", "/speerpunten/inburgering/secties/ambitie/amendement",
              "/moderatie", "/speerpunten/inburgering/secties/gemeente/reacties",
              "/speerpunten/wonen/versies", "/speerpunten/wonen/verschil?van=1&tot=2",
              "/speerpunten/wonen/versies/2/herkomst", "/profiel", "/profiel/tweestaps",
              "/bijeenkomsten", "/bijeenkomsten/1", "/kennis", "/kennis/oost/inburgering",
              "/helpdesk", "/veelgestelde-vragen", "/meldingen", "/audit", "/tijdlijn",
              "/afstemmingsmonitor",
              "/beheer/organisaties", "/beheer/gebruikers", "/beheer/verantwoordelijkheden",
              "/zoeken?q=gemeenten", "/zoeken?q=x&kind=onbekend"],
    "ministry": ["/ministerie", "/amendementen/1"],
}
# Pages shown in their error state: the form with its error summary, answered with a 400.
ERROR_STATES = {"/zoeken?q=x&kind=onbekend"}


def sign_in(page, base, who):
    page.goto(f"{base}/login")
    page.fill("#email", ACTORS[who])
    page.fill("#password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "Aangemeld als" in page.content()


def test_no_axe_violations_on_the_main_pages(demo, browser, live_server):  # noqa: F811
    axe = Axe()
    found = []
    for who, paths in {None: ["/", "/login", "/veelgestelde-vragen", "/toegankelijkheid"],
                       **PAGES}.items():
        context = browser.new_context()
        page = context.new_page()
        if who:
            sign_in(page, live_server, who)
        for path in paths:
            response = page.goto(f"{live_server}{path}")
            assert response.status == (400 if path in ERROR_STATES else 200), (who, path)
            result = axe.run(page, options={"runOnly": {"type": "tag", "values": [
                "wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
            for violation in result.response["violations"]:
                found.append((who, path, violation["id"], violation["nodes"][0]["target"]))
        context.close()
    assert found == []


def test_nothing_scrolls_sideways_at_320_pixels(demo, browser, live_server):  # noqa: F811
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    sign_in(page, live_server, "admin")
    too_wide = []
    for path in PAGES["admin"]:
        page.goto(f"{live_server}{path}")
        width, viewport = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if width > viewport:
            too_wide.append((path, width))
    context.close()
    assert too_wide == []
