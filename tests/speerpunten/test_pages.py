"""Reading the agenda: who sees which speerpunt, and bad addresses that give a clear 404."""

import pytest
import sqlalchemy as sa

from consult.extensions import db
from consult.speerpunten.models import Phase, Speerpunt
from consult.seed.texts import SPEERPUNT_TEXTS

SIGNED_IN = ["gemeente", "provincie", "ministry", "partner", "moderator", "admin"]


def set_phase(app, slug, phase):
    with app.app_context():
        speerpunt = db.session.execute(
            sa.select(Speerpunt).where(Speerpunt.slug == slug)).scalar_one()
        speerpunt.phase = Phase(phase)
        db.session.commit()


@pytest.mark.parametrize("who", SIGNED_IN)
def test_signed_in_users_read_every_open_speerpunt(client, auth, who):
    auth.login(who)
    home = client.get("/").get_data(as_text=True)
    for slug, sections in SPEERPUNT_TEXTS.items():
        assert f'href="/speerpunten/{slug}"' in home
        page = client.get(f"/speerpunten/{slug}")
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        for heading in ["Kernprobleem", "Ambitie", "Wat doet het rijk", "Wat doet de gemeente"]:
            assert heading in text
        first_paragraph = sections["ambitie"].split("\n\n")[0]
        assert first_paragraph.replace("'", "&#39;") in text


def test_home_shows_phase_and_version(client, auth):
    auth.login("gemeente")
    home = client.get("/").get_data(as_text=True)
    assert home.count("Open voor inbreng") == 8
    assert "Ministerie van Onderwijs, Cultuur en Wetenschap" in home


def test_anonymous_visitor_sees_no_open_speerpunt(client):
    home = client.get("/")
    assert home.status_code == 200
    assert "Meld u aan" in home.get_data(as_text=True)
    assert 'href="/speerpunten/wonen"' not in home.get_data(as_text=True)
    assert client.get("/speerpunten/wonen").status_code == 404
    assert client.get("/speerpunten/wonen/versies").status_code == 404
    assert client.get("/speerpunten/wonen/versies/1").status_code == 404


def test_adopted_speerpunt_is_public(app, client):
    set_phase(app, "wonen", "adopted")
    assert 'href="/speerpunten/wonen"' in client.get("/").get_data(as_text=True)
    page = client.get("/speerpunten/wonen")
    assert page.status_code == 200
    assert "Vastgesteld" in page.get_data(as_text=True)
    assert client.get("/speerpunten/wonen/versies").status_code == 200
    assert client.get("/speerpunten/wonen/versies/1").status_code == 200


@pytest.mark.parametrize("who, visible", [
    ("gemeente", False), ("ministry", False), ("partner", False),
    ("moderator", True), ("admin", True),
])
def test_concept_is_only_for_moderators_and_admins(app, client, auth, who, visible):
    set_phase(app, "onderwijs", "concept")
    auth.login(who)
    expected = 200 if visible else 404
    assert client.get("/speerpunten/onderwijs").status_code == expected
    assert client.get("/speerpunten/onderwijs/versies").status_code == expected
    assert client.get("/speerpunten/onderwijs/versies/1").status_code == expected
    assert ('href="/speerpunten/onderwijs"' in client.get("/").get_data(as_text=True)) == visible


def test_version_history_and_single_version(client, auth):
    auth.login("gemeente")
    history = client.get("/speerpunten/inburgering/versies")
    assert history.status_code == 200
    assert "Conceptversie voor de consultatie" in history.get_data(as_text=True)
    version = client.get("/speerpunten/inburgering/versies/1")
    assert version.status_code == 200
    assert "versie 1" in version.get_data(as_text=True)


@pytest.mark.parametrize("path", [
    "/speerpunten/bestaat-niet",
    "/speerpunten/bestaat-niet/versies",
    "/speerpunten/wonen/versies/0",
    "/speerpunten/wonen/versies/2",
    "/speerpunten/wonen/versies/-1",
    "/speerpunten/wonen/versies/99999999999999999999",
    "/speerpunten/wonen/versies/een",
    "/speerpunten/<script>",
])
def test_bad_addresses_give_a_clear_404(client, auth, path):
    auth.login("gemeente")
    response = client.get(path)
    assert response.status_code == 404
    assert "niet" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/profiel", "/beheer/organisaties", "/beheer/gebruikers",
                                  "/beheer/verantwoordelijkheden"])
def test_pages_that_need_sign_in_send_anonymous_visitors_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_every_page_sends_security_headers(client, auth):
    auth.login("gemeente")
    for path in ["/", "/login", "/speerpunten/wonen", "/bestaat-niet"]:
        headers = client.get(path).headers
        csp = dict(part.strip().split(" ", 1) for part in
                   headers["Content-Security-Policy"].split(";"))
        # The bar of internet.nl: each of these set to 'self' or 'none', nothing unsafe.
        for directive in ("default-src", "frame-ancestors", "base-uri", "form-action",
                          "object-src"):
            assert csp[directive] in ("'self'", "'none'"), directive
        assert not any("unsafe" in value for value in csp.values())
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("path", ["/speerpunten/wonen%00", "/?q=%00", "/login?next=%00"])
def test_nul_characters_are_a_clear_400(client, auth, path):
    auth.login("gemeente")
    assert client.get(path).status_code == 400


def test_nul_in_a_sign_in_form_is_refused(client):
    response = client.post("/login", data={"email": "a\x00@b.nl", "password": "x"})
    assert response.status_code == 400


def test_the_speerpunt_page_shows_the_newest_threads_of_a_section_and_links_to_all(app, api):
    import re

    from tests.amendments.test_journeys_web import login

    def post(body, who="gemeente", **extra):
        return api(who).post("/speerpunten/wonen/comments", json={
            "section": "ambitie", "body": body, **extra}).json["id"]

    ids = [post(f"Draad {i}") for i in range(13)]
    reply = post("Antwoord in een oude draad", who="provincie", parent_id=ids[0])
    other = post("Over de gemeente", section="gemeente")
    page = login(app, "partner").get("/speerpunten/wonen").get_data(as_text=True)
    listed = [int(x) for x in re.findall(r'id="reactie-(\d+)"', page)]
    # The ten newest threads of ambitie, newest first; the three oldest (and the reply in
    # one of them) are on the section's discussion page.
    assert listed == ids[:2:-1] + [other]
    assert reply not in listed
    assert "Reacties (14)" in page and "De 10 nieuwste van 13 discussies." in page
    assert ('<a href="/speerpunten/wonen/secties/ambitie/reacties">'
            'Alle 14 reacties bij Ambitie</a>') in page
    # A section with all its threads on the page has no such link.
    assert "/speerpunten/wonen/secties/gemeente/reacties" not in page


def test_the_speerpunt_page_lists_the_newest_pending_amendments_and_links_to_the_rest(app, api):
    import re

    from tests.amendments.test_journeys_web import login
    from tests.amendments.test_rules import propose

    ids = [propose(api, suffix=f" Aanvulling {i}.") for i in range(12)]
    reader = login(app, "partner")
    page = reader.get("/speerpunten/wonen").get_data(as_text=True)
    listed = [int(x) for x in re.findall(r'<a href="/amendementen/(\d+)">Amendement', page)]
    assert listed == ids[:1:-1]  # the ten newest, newest first
    assert "Openstaande amendementen (12)" in page
    link = "/speerpunten/wonen/amendementen?status=pending&amp;sectie=ambitie"
    assert f'<a href="{link}">Alle 12 openstaande amendementen bij Ambitie</a>' in page
    listing = reader.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert "In behandeling (12)" in listing and "Alleen amendementen bij Ambitie." in listing
    assert all(f'href="/amendementen/{i}"' in listing for i in ids)
