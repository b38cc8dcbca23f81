"""The header on every page: kept per kind of visitor, filled in for each person."""

import re

import pytest
from sqlalchemy import select

from consult.accounts.models import User
from consult.extensions import db
from consult.notifications.operations import notify
from tests.conftest import ACTORS


def header(response) -> str:
    assert response.status_code == 200, response.status_code
    html = response.get_data(as_text=True)
    return html[html.index("<header"):html.index("</header>")]


def current_items(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" aria-current="page"', html)


def test_each_person_sees_their_own_name_organisation_and_unread_count(app, client, auth):
    with app.app_context():
        other = db.session.execute(User.by_email(ACTORS["gemeente2"])).scalar_one()
        for _ in range(3):
            notify(other.id, "test", "Iets nieuws")
        db.session.commit()
    auth.login("gemeente")
    mine = header(client.get("/speerpunten/wonen"))
    auth.logout()
    auth.login("gemeente2")
    theirs = header(client.get("/speerpunten/wonen"))
    with app.app_context():
        people = {who: db.session.execute(User.by_email(ACTORS[who])).scalar_one()
                  for who in ("gemeente", "gemeente2")}
        names = {who: (p.name, p.organisation.name) for who, p in people.items()}
    assert names["gemeente"][0] in mine and names["gemeente"][0] not in theirs
    assert names["gemeente2"][0] in theirs and names["gemeente2"][0] not in mine
    assert names["gemeente2"][1] in theirs
    assert "badge--count" not in mine
    assert re.search(r'badge--count">3<span class="visually-hidden"> ongelezen', theirs)
    # Read, the badge goes.
    client.post("/meldingen/gelezen")
    assert "badge--count" not in header(client.get("/speerpunten/wonen"))


def test_a_name_is_shown_as_text_never_as_markup(app, client, auth):
    with app.app_context():
        person = db.session.execute(User.by_email(ACTORS["gemeente"])).scalar_one()
        person.name = '<b onmouseover="x()">Jan</b> & co <!--chrome:unread-->'
        db.session.commit()
    auth.login("gemeente")
    html = header(client.get("/"))
    assert "&lt;b onmouseover=&#34;x()&#34;&gt;Jan&lt;/b&gt; &amp; co &lt;!--chrome:unread--&gt;" in html
    assert "<b onmouseover" not in html


MENU = {
    "gemeente": [("/", ["/"]), ("/zoeken?q=taal", ["/zoeken"]), ("/kennis", ["/kennis"]),
                 ("/meldingen", ["/meldingen"]), ("/profiel", ["/profiel"]),
                 ("/speerpunten/wonen", []), ("/", ["/"])],
    "moderator": [("/moderatie", ["/moderatie"]), ("/", ["/"]), ("/moderatie", ["/moderatie"])],
    "ministry": [("/ministerie", ["/ministerie"]), ("/zoeken", ["/zoeken"])],
    None: [("/login", ["/login"]), ("/", ["/"]), ("/login", ["/login"])],
}


@pytest.mark.parametrize("who", list(MENU))
def test_the_menu_marks_the_page_one_is_on(client, auth, who):
    if who:
        auth.login(who)
    for path, current in MENU[who]:
        assert current_items(header(client.get(path))) == current, path


def test_the_menus_differ_per_role_and_language(client, auth):
    anonymous = header(client.get("/"))
    assert "Veelgestelde vragen" in anonymous and "Afmelden" not in anonymous
    auth.login("gemeente")
    participant = header(client.get("/"))
    assert "Afmelden" in participant and "Moderatie" not in participant
    assert "Ons ministerie" not in participant
    auth.logout()
    auth.login("moderator")
    assert "Moderatie" in header(client.get("/"))
    client.post("/taal", data={"lang": "en", "next": "/"})
    english = header(client.get("/"))
    assert "Sign out" in english and "Afmelden" not in english
    client.post("/taal", data={"lang": "nl", "next": "/"})
    auth.logout()
    auth.login("ministry")
    assert "Ons ministerie" in header(client.get("/"))


def test_the_language_switch_returns_to_the_page_with_its_query(client):
    html = header(client.get("/zoeken?q=taal&soort=reactie"))
    assert 'name="next" value="/zoeken?q=taal&amp;soort=reactie"' in html
    assert 'name="next" value="/"' in header(client.get("/"))


def _form_tokens(html: str) -> set[str]:
    return set(re.findall(r'name="csrf_token" value="([^"]+)"', html))


def test_a_speerpunt_page_kept_whole_is_each_readers_own(app):
    # Two readers of the same kind share one kept page; what is theirs is not shared.
    from tests.amendments.test_journeys_web import login

    mine, theirs = login(app, "gemeente"), login(app, "gemeente2")
    for client in (mine, theirs):
        assert client.get("/speerpunten/wonen").status_code == 200
    assert mine.post("/speerpunten/wonen/volgen").status_code == 302
    followed = mine.get("/speerpunten/wonen").get_data(as_text=True)
    assert "flash-messages" in followed and "Niet meer volgen" in followed
    again = mine.get("/speerpunten/wonen").get_data(as_text=True)
    assert "Niet meer volgen" in again and "flash-messages" not in again
    other = theirs.get("/speerpunten/wonen").get_data(as_text=True)
    assert "Niet meer volgen" not in other and ">Volgen<" in other
    with app.app_context():
        people = {who: db.session.execute(User.by_email(ACTORS[who])).scalar_one()
                  for who in ("gemeente", "gemeente2")}
        names = {who: p.name for who, p in people.items()}
    assert names["gemeente"] in again and names["gemeente"] not in header_of(other)
    assert names["gemeente2"] in header_of(other)
    # One form token per session, on every form of the page.
    assert len(_form_tokens(again)) == 1 and len(_form_tokens(other)) == 1
    assert _form_tokens(again) == _form_tokens(followed)
    assert _form_tokens(again) != _form_tokens(other)
    for mark in ("<!--chrome:", "<!--part:", "<!--csrf-token-->", "<!--others:"):
        assert mark not in again and mark not in other


def header_of(html: str) -> str:
    return html[html.index("<header"):html.index("</header>")]
