"""Script in any user input never runs: 60 payloads posted everywhere a person can write,
every page that shows them opened in headless Chromium."""

from pathlib import Path

import pytest
import sqlalchemy as sa

from consult.extensions import db
from tests.conftest import ACTORS, DEMO_PASSWORD
from tests.ui.browser_support import browser, live_server  # noqa: F401  (fixtures)

PAYLOADS = [line for line in (Path(__file__).parent / "xss_payloads.txt").read_text()
            .splitlines() if line.strip()]

DETECTOR = """
window.__xssHits = [];
window.__xss = (tag) => window.__xssHits.push('ran:' + tag);
document.addEventListener('securitypolicyviolation',
    (e) => window.__xssHits.push('csp:' + e.violatedDirective + ':' + e.blockedURI));
"""
# Markup that must never reach the DOM from user input.
DOM_CHECK = """
() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase(), value = attr.value.trim().toLowerCase();
      if (name.startsWith('on')) bad.push(el.tagName + ' ' + name);
      if (['href', 'src', 'action', 'formaction', 'data', 'srcdoc'].includes(name)
          && (value.startsWith('javascript:') || value.startsWith('vbscript:')
              || (value.startsWith('data:') && el.tagName !== 'IMG'))) {
        bad.push(el.tagName + ' ' + name + '=' + value);
      }
    }
    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'BASE', 'META', 'SVG', 'STYLE', 'MARQUEE']
        .includes(el.tagName) && el.closest('main') && el.closest('.comment, .diff, '
        + '.provenance, .amendment-card, .table, blockquote, .section-text')) {
      bad.push('element ' + el.tagName);
    }
  }
  return bad;
}
"""


def plant_payloads(app, api):
    """Put every payload in every kind of text a person can write."""
    from consult.accounts.operations import create_user
    from consult.accounts.models import Role
    from consult.organisations.operations import create_organisation
    from consult.organisations.models import Tier

    with app.app_context():
        for n, payload in enumerate(PAYLOADS[:12]):
            organisation = create_organisation(slug=f"xss-org-{n}", name=payload[:200],
                                               tier=Tier.GEMEENTE)
            create_user(email=f"xss{n}@test.nl", name=payload[:200], function=payload[:120],
                        organisation=organisation, role=Role.PARTICIPANT,
                        password="een lang wachtwoord")
        db.session.commit()
    from tests.helpers import Api

    authors = []
    for n in range(12):
        from consult.accounts import operations
        from consult.accounts.models import User

        with app.app_context():
            user = db.session.execute(User.by_email(f"xss{n}@test.nl")).scalar_one()
            _token, secret = operations.create_token(user, "xss")
            db.session.commit()
        authors.append(Api(app.test_client(), {"Authorization": f"Bearer {secret}"}))

    text = api("gemeente").get("/speerpunten/inburgering").json["sections"]
    comment_ids = []
    for n, payload in enumerate(PAYLOADS):
        author = authors[n % len(authors)]
        response = author.post("/speerpunten/inburgering/comments", json={
            "section": list(text)[n % 4], "body": payload})
        assert response.status_code == 201, response.json
        comment_ids.append(response.json["id"])
    amendment_ids = []
    for start in range(0, len(PAYLOADS), 10):
        chunk = "\n\n".join(PAYLOADS[start:start + 10])
        author = authors[start // 10]
        response = author.post("/speerpunten/inburgering/amendments", json={
            "section": "ambitie", "base_version": 1, "text": text["ambitie"] + "\n\n" + chunk,
            "rationale": chunk})
        assert response.status_code == 201, response.json
        amendment_ids.append(response.json["id"])
        author.post(f"/speerpunten/inburgering/comments", json={
            "section": "ambitie", "body": chunk, "amendment_id": response.json["id"]})
    for n, amendment_id in enumerate(amendment_ids[:3]):
        api("ministry").post(f"/amendments/{amendment_id}/responses", json={
            "position": "partial", "body": PAYLOADS[n]})
        authors[(n + 1) % 12].post(f"/amendments/{amendment_id}/support")
    moderator = api("moderator")
    assert moderator.post(f"/amendments/{amendment_ids[0]}/decision", json={
        "decision": "accept", "reason": PAYLOADS[1]}).status_code == 200
    assert moderator.post(f"/amendments/{amendment_ids[1]}/decision", json={
        "decision": "reject", "reason": PAYLOADS[2]}).status_code == 200
    current = moderator.get("/speerpunten/inburgering").json
    assert moderator.put("/speerpunten/inburgering/sections/rijk", json={
        "text": current["sections"]["rijk"] + "\n\n" + PAYLOADS[3],
        "base_version": current["current_version"], "summary": PAYLOADS[4][:500]}).status_code == 200
    for n, comment_id in enumerate(comment_ids[:5]):
        for who in ("provincie", "partner", "ministry"):
            api(who).post(f"/comments/{comment_id}/flag", json={"reason": PAYLOADS[n + 5]})
    moderator.post(f"/comments/{comment_ids[6]}/hide", json={"reason": PAYLOADS[6]})
    return amendment_ids, comment_ids


def test_no_payload_runs_on_any_page(app, api, browser, live_server):
    amendment_ids, comment_ids = plant_payloads(app, api)
    pages = {
        "moderator": ["/", "/speerpunten/inburgering", "/speerpunten/inburgering/amendementen",
                      *[f"/amendementen/{i}" for i in amendment_ids],
                      "/moderatie", "/speerpunten/inburgering/versies",
                      "/speerpunten/inburgering/verschil?van=1&tot=3",
                      "/speerpunten/inburgering/versies/3/herkomst",
                      "/speerpunten/inburgering/versies/3", "/audit",
                      f"/reacties/{comment_ids[6]}/herstellen",
                      f"/reacties/{comment_ids[7]}/verbergen"],
        "gemeente": ["/speerpunten/inburgering", f"/amendementen/{amendment_ids[2]}",
                     f"/reacties/{comment_ids[8]}/melden"],
        "ministry": ["/ministerie"],
        "admin": ["/beheer/gebruikers", "/beheer/organisaties"],
    }
    problems = []
    for who, paths in pages.items():
        context = browser.new_context()
        context.add_init_script(DETECTOR)
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(f"{live_server}/login")
        page.fill("#email", ACTORS[who])
        page.fill("#password", DEMO_PASSWORD)
        page.click("main button[type=submit]")
        for path in paths:
            response = page.goto(f"{live_server}{path}")
            assert response.status == 200, (who, path, response.status)
            page.wait_for_load_state("load")
            hits = page.evaluate("window.__xssHits")
            bad = page.evaluate(DOM_CHECK)
            if hits or bad or dialogs:
                problems.append((who, path, hits, bad[:5], dialogs))
            dialogs.clear()
        context.close()
    assert problems == []


def test_the_payloads_are_shown_as_text(app, api):
    """Escaping, not deleting: the person sees what was written."""
    amendment_ids, _comment_ids = plant_payloads(app, api)
    from tests.amendments.test_journeys_web import login

    client = login(app, "moderator")
    page = client.get(f"/amendementen/{amendment_ids[3]}").get_data(as_text=True)
    assert "&lt;script&gt;" in page or "&lt;svg" in page or "&lt;img" in page
    with app.app_context():
        count = db.session.scalar(sa.text("SELECT count(*) FROM comments"))
    assert count >= len(PAYLOADS)
