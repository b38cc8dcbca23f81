"""The page of a report in the making follows its progress by itself and offers the report
when it is ready (the script only enhances: without it the link reloads the page)."""

from consult.exports import background
from tests.exports.test_background import propose
from tests.ui.browser_support import browser, live_server, new_page, sign_in  # noqa: F401


def test_the_pending_page_offers_the_report_once_it_is_ready(app, api, new_page):  # noqa: F811
    app.config["CONSULT_EXPORT_INLINE_AMENDMENTS"] = 0
    app.config["CONSULT_EXPORT_WORKER"] = "external"  # the test plays the worker
    propose(api, "gemeente", "Gemeenten bouwen samen met corporaties.")
    page = new_page()
    sign_in(page, "partner")
    page.goto("/export/consultatieverslag/wonen.pdf")
    page.get_by_role("button", name="Maak het verslag").click()
    status = page.get_by_role("status")
    assert "In de wachtrij" in status.inner_text()

    with app.app_context():
        assert background.run_next()
    link = status.get_by_role("link", name="Open het verslag (PDF)")
    link.wait_for(timeout=15_000)
    assert "Het verslag is klaar." in status.inner_text()
    assert link.get_attribute("href") == "/export/consultatieverslag/wonen.pdf"
    # The link to look again by hand has gone with the wait.
    assert page.get_by_role("link", name="Bekijk de voortgang opnieuw").count() == 0


def test_the_progress_answers_in_json_to_whoever_may_see_the_speerpunt(app, api, client):
    app.config["CONSULT_EXPORT_INLINE_AMENDMENTS"] = 0
    app.config["CONSULT_EXPORT_WORKER"] = "external"
    propose(api, "gemeente", "Een zin.")
    from tests.amendments.test_journeys_web import login

    partner = login(app, "partner")
    assert partner.get("/export/consultatieverslag/wonen/voortgang").json == {
        "status": "none", "stage": None, "label": None, "progress": 0}
    assert partner.post("/export/consultatieverslag/wonen.pdf").status_code == 303
    assert partner.get("/export/consultatieverslag/wonen/voortgang").json == {
        "status": "queued", "stage": "queued", "label": "In de wachtrij", "progress": 0}
    # A speerpunt that does not exist (or is hidden from the asker) is not found, as its page.
    assert partner.get("/export/consultatieverslag/bestaat-niet/voortgang").status_code == 404
