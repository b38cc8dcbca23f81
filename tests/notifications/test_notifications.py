"""People hear what became of their input: in the application, with an unread count."""

from tests.amendments.test_journeys_web import login
from tests.amendments.test_rules import propose


def test_the_author_is_told_when_a_comment_is_hidden_and_why(app, api):
    comment = api("gemeente").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Iets ongepasts"}).json["id"]
    api("moderator").post(f"/comments/{comment}/hide", json={"reason": "Persoonlijke aanval."})
    author = login(app, "gemeente")
    home = author.get("/").get_data(as_text=True)
    assert "1<span class=\"visually-hidden\"> ongelezen" in home
    page = author.get("/meldingen").get_data(as_text=True)
    assert "Uw reactie is verborgen door een moderator. Reden: Persoonlijke aanval." in page
    assert f'href="/speerpunten/wonen#reactie-{comment}"' in page
    assert author.post("/meldingen/gelezen").status_code == 302
    assert "ongelezen" not in author.get("/").get_data(as_text=True)


def test_the_author_is_told_when_flags_hide_a_comment(app, api):
    comment = api("gemeente").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Spam"}).json["id"]
    for who in ("provincie", "partner", "ministry"):
        api(who).post(f"/comments/{comment}/flag", json={"reason": "spam"})
    page = login(app, "gemeente").get("/meldingen").get_data(as_text=True)
    assert "na meldingen van deelnemers" in page


def test_replies_responses_and_decisions_reach_the_author(app, api):
    comment = api("gemeente").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Vraag"}).json["id"]
    api("provincie").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Antwoord", "parent_id": comment})
    # Replying to oneself tells nobody.
    api("gemeente").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Aanvulling", "parent_id": comment})
    amendment = propose(api)
    api("ministry").post(f"/amendments/{amendment}/responses", json={
        "position": "oppose", "body": "Nee."})
    api("moderator").post(f"/amendments/{amendment}/decision", json={
        "decision": "reject", "reason": "Past niet."})
    page = login(app, "gemeente").get("/meldingen").get_data(as_text=True)
    assert page.count("notification--unread") == 3
    assert "Petra Kok (Provincie Gelderland) antwoordde op uw reactie" in page
    assert "reageerde op uw amendement" in page and "steunt het voorstel niet" in page
    assert "is niet overgenomen. Reden: Past niet." in page
    assert "U hebt nog geen meldingen." in login(app, "partner").get("/meldingen").get_data(
        as_text=True)
