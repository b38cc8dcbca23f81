"""Language: Dutch by default, English for whoever chooses it, in every text a person reads.

The message ids are the Dutch texts themselves, so Dutch needs no catalogue: an id without a
translation is shown as it is. The one catalogue is English,
consult/translations/en/LC_MESSAGES/messages.po, compiled into the messages.mo next to it
(scripts/translations.sh keeps both in step with the code).
"""

from __future__ import annotations

import gettext
import html
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from flask import render_template_string

from consult.core.i18n import LANGUAGE_COOKIE
from consult.extensions import db
from tests.amendments.test_journeys_web import login
from tests.conftest import ACTORS, DEMO_PASSWORD
from tests.core.test_every_page import get_routes
from tests.core.test_every_page import samples  # noqa: F401  (the sample values of each page)

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "consult" / "translations" / "en" / "LC_MESSAGES"
# What marks a text for translation: Babel's defaults plus the lazy variants used for labels
# defined at import time.
KEYWORDS = {**DEFAULT_KEYWORDS, "lazy_gettext": None, "_l": None, "lazy_ngettext": (1, 2)}

# Words of the page chrome (navigation, buttons, headings, form labels) that never occur in
# the Dutch content the seed and these tests write (speerpunt texts, organisation names,
# comments): finding one on an English page means a text escaped translation.
DUTCH_CHROME = ["Aanmelden", "Afmelden", "Zoeken", "Veelgestelde vragen",
                "Naar de inhoud", "Hoofdmenu", "Versiegeschiedenis", "Wijziging voorstellen",
                "Toelichting", "Reactie plaatsen", "Uw reactie", "Meldingen", "Wachtwoord",
                "Opslaan", "Annuleren", "Verantwoordelijke departementen", "Fase", "Versie",
                "Amendementen", "Tweestapsverificatie", "Toegankelijkheidsverklaring",
                "Er is iets niet goed ingevuld", "Kennisplatform", "Reacties", "Steun"]
# And the English counterparts, which must not appear on a Dutch page.
ENGLISH_CHROME = ["Sign in", "Sign out", "Search", "Frequently asked questions",
                  "Skip to content", "Main menu", "Version history", "Propose a change",
                  "Explanation", "Post comment", "Your comment", "Notifications", "Password",
                  "Save", "Cancel", "Responsible ministries", "Phase", "Version",
                  "Amendments", "Two-step verification", "Accessibility statement",
                  "Something has not been filled in correctly", "Knowledge platform",
                  "Comments", "Support"]


# --- the catalogue -------------------------------------------------------------------------

def extracted() -> dict[tuple[str | None, str], str]:
    """Every text marked for translation in the code and templates, with where it is."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS):
        msgid = message if isinstance(message, str) else message[0]
        found.setdefault((context, msgid), f"{filename}:{lineno}")
    return found


def catalogue():
    with open(CATALOGUE / "messages.po", "rb") as handle:
        return read_po(handle, locale="en")


def test_every_text_in_the_code_has_an_english_translation():
    by_id = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m
             for m in catalogue() if m.id}
    found = extracted()
    assert len(found) > 900  # the extractor really read the code and the templates
    missing = [f"{where}: {msgid!r}" for (context, msgid), where in found.items()
               if (context, msgid) not in by_id]
    assert missing == [], "run scripts/translations.sh and translate the new texts"
    untranslated = [f"{found[key]}: {key[1]!r}" for key, message in by_id.items()
                    if key in found and (message.fuzzy or not message.string or (
                        isinstance(message.string, tuple) and not all(message.string)))]
    assert untranslated == [], "empty or fuzzy translations in messages.po"


def test_translations_keep_their_placeholders():
    problems = [(message.id, errors) for message, errors in catalogue().check()]
    assert problems == []


def test_the_compiled_catalogue_matches_the_translations():
    with open(CATALOGUE / "messages.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    expected = {}
    for message in catalogue():
        if not message.id or message.fuzzy:
            continue
        prefix = f"{message.context}\x04" if message.context else ""
        if isinstance(message.id, tuple):
            for index, form in enumerate(message.string):
                expected[(prefix + message.id[0], index)] = form
        else:
            expected[prefix + message.id] = message.string
    compiled.pop("", None)  # the header
    assert compiled == expected, "messages.mo is stale: run scripts/translations.sh compile"


# --- choosing a language -------------------------------------------------------------------

def html_lang(response) -> str:
    return re.search(r'<html lang="([a-z-]+)">', response.get_data(as_text=True)).group(1)


def choose(client, lang, next_path="/"):
    return client.post("/taal", data={"lang": lang, "next": next_path})


def test_dutch_is_the_default(client):
    page = client.get("/")
    assert html_lang(page) == "nl"
    assert ">Aanmelden<" in page.get_data(as_text=True)


def test_the_switch_is_a_labelled_button_in_the_other_language(client):
    page = client.get("/zoeken?q=taal").get_data(as_text=True)
    form = re.search(r'<form method="post" action="/taal".*?</form>', page, re.S).group(0)
    assert 'name="csrf_token"' in form
    assert 'name="next" value="/zoeken?q=taal"' in form
    assert re.search(r'<button type="submit"[^>]* name="lang" value="en" lang="en">English'
                     r'</button>', form)
    choose(client, "en")
    form = re.search(r'<form method="post" action="/taal".*?</form>',
                     client.get("/").get_data(as_text=True), re.S).group(0)
    assert 'lang="nl">Nederlands</button>' in form and "English" not in form


def test_switching_is_remembered_and_can_be_undone(client):
    response = choose(client, "en", "/zoeken?q=taal")
    assert response.status_code == 302
    assert response.headers["Location"] == "/zoeken?q=taal"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{LANGUAGE_COOKIE}=en;")
    assert "Max-Age=31536000" in cookie and "SameSite=Lax" in cookie and "HttpOnly" in cookie
    assert "Secure" not in cookie
    for path in ("/", "/zoeken", "/login"):
        page = client.get(path)
        assert html_lang(page) == "en"
        assert ">Sign in<" in page.get_data(as_text=True)
    choose(client, "nl")
    assert html_lang(client.get("/")) == "nl"


def test_the_cookie_is_secure_behind_https(app, client):
    app.config["SESSION_COOKIE_SECURE"] = True
    assert "Secure" in choose(client, "en").headers["Set-Cookie"]


@pytest.mark.parametrize("unsafe", [
    "//evil.example/", "https://evil.example/", "http:evil.example", "/\\evil.example",
    "javascript:alert(1)", "evil.example", "/\r\nSet-Cookie: x=y", "\t//evil.example", "",
])
def test_only_local_paths_are_followed_after_switching(client, unsafe):
    response = choose(client, "en", unsafe)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert html_lang(client.get("/")) == "en"


@pytest.mark.parametrize("lang", ["de", "EN", "", "en-GB", "nl; x"])
def test_unknown_languages_are_refused(client, lang):
    response = choose(client, lang)
    assert response.status_code == 400
    assert "Set-Cookie" not in response.headers or LANGUAGE_COOKIE not in response.headers[
        "Set-Cookie"]
    assert html_lang(client.get("/")) == "nl"


def test_an_unknown_cookie_value_means_dutch(client):
    client.set_cookie(LANGUAGE_COOKIE, "fr")
    assert html_lang(client.get("/")) == "nl"


def test_switching_changes_nothing_by_get_and_needs_the_form_token(app, client):
    assert client.get("/taal?lang=en").status_code == 405
    app.config["WTF_CSRF_ENABLED"] = True
    assert choose(client, "en").status_code == 400
    assert html_lang(client.get("/")) == "nl"


def test_a_signed_in_choice_follows_the_person_to_another_browser(app):
    first = login(app, "gemeente")
    choose(first, "en")
    elsewhere = app.test_client()
    response = elsewhere.post("/login", data={"email": ACTORS["gemeente"],
                                              "password": DEMO_PASSWORD})
    assert f"{LANGUAGE_COOKIE}=en" in response.headers["Set-Cookie"]
    page = elsewhere.get("/")
    assert html_lang(page) == "en" and "Welcome, Anouk de Vries." in page.get_data(as_text=True)
    # A choice made on the sign-in page itself is kept for the person.
    third = app.test_client()
    choose(third, "nl")
    third.post("/login", data={"email": ACTORS["gemeente"], "password": DEMO_PASSWORD})
    from consult.accounts.models import User

    with app.app_context():
        user = db.session.execute(User.by_email(ACTORS["gemeente"])).scalar_one()
        assert user.locale == "nl"


def test_notifications_and_email_are_in_the_language_of_whoever_reads_them(app, api):
    author = login(app, "gemeente")
    choose(author, "en")
    from consult.accounts.models import User
    from consult.mail.models import OutboxMessage
    from consult.notifications.models import Notification

    comment = api("gemeente").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Een reactie."}).json["id"]
    moderator = login(app, "moderator")  # Dutch
    response = moderator.post(f"/reacties/{comment}/verbergen", data={"reason": "Spam."})
    assert response.status_code == 302
    with app.app_context():
        user = db.session.execute(User.by_email(ACTORS["gemeente"])).scalar_one()
        note = db.session.execute(sa.select(Notification).where(
            Notification.user_id == user.id)).scalars().all()[-1]
        assert note.message == "Your comment has been hidden by a moderator. Reason: Spam."
        mail = db.session.execute(sa.select(OutboxMessage).where(
            OutboxMessage.user_id == user.id)).scalars().all()[-1]
        assert mail.locale == "en" and mail.subject.startswith("GIA: Your comment")
        assert "Dear Anouk de Vries," in mail.body_text and "Kind regards," in mail.body_text
        assert '<html lang="en">' in mail.body_html
    page = moderator.get("/speerpunten/wonen").get_data(as_text=True)
    assert "Verborgen door een moderator." in page  # the moderator reads on in Dutch


def test_the_api_stays_dutch_whatever_the_cookie_says(client, token):
    client.set_cookie(LANGUAGE_COOKIE, "en")
    response = client.post("/api/v1/speerpunten/wonen/comments", headers=token("gemeente"),
                           json={"section": "ambitie", "body": ""})
    assert response.status_code == 400
    assert response.json["error"]["message"] == "Een of meer velden zijn niet goed ingevuld."
    assert response.json["error"]["fields"]["body"] == "Dit veld is verplicht."
    missing = client.get("/api/v1/speerpunten/bestaat-niet", headers=token("gemeente"))
    assert missing.json["error"]["message"] == "Dit speerpunt bestaat niet of is niet voor u zichtbaar."


# --- pages in each language ----------------------------------------------------------------

def visible_text(response) -> str:
    """The text a person reads: without tags, scripts or styles, entities decoded, but with
    the attributes that are read out (labels, titles, alternatives)."""
    page = response.get_data(as_text=True)
    attributes = " ".join(re.findall(r'(?:aria-label|title|alt|placeholder)="([^"]*)"', page))
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + attributes)


def words_in(text: str, words: list[str]) -> list[str]:
    return [word for word in words if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)]


@pytest.fixture
def sample_pages(app, api):
    """Paths of the sample pages, and a way to fetch each as an actor in a language."""
    text = api("gemeente").get("/speerpunten/inburgering").json["sections"]["ambitie"]
    amendment = api("gemeente").post("/speerpunten/inburgering/amendments", json={
        "section": "ambitie", "base_version": 1, "text": text + " Met de schoolbesturen.",
        "rationale": "Zo werkt het in de praktijk."}).json["id"]
    api("partner").post(f"/amendments/{amendment}/support")
    api("gemeente2").post("/speerpunten/inburgering/comments", json={
        "section": "ambitie", "body": "Eens met dit voorstel."})

    def fetch(lang: str):
        client = login(app, "gemeente")
        choose(client, lang)
        anonymous = app.test_client()
        choose(anonymous, lang)
        return {
            "home": anonymous.get("/"),
            "home signed in": client.get("/"),
            "speerpunt": client.get("/speerpunten/inburgering"),
            "amendment": client.get(f"/amendementen/{amendment}"),
            "sign-in error": anonymous.post("/login", data={"email": ACTORS["gemeente"],
                                                            "password": "niet het wachtwoord"}),
            "form in error": client.post(
                "/speerpunten/inburgering/secties/ambitie/amendement",
                data={"base_version": "1", "text": "", "rationale": "", "action": "submit"}),
            "password form in error": client.post("/profiel/wachtwoord", data={
                "current_password": "fout", "new_password": "kort", "confirm_password": "anders"}),
            "search": anonymous.get("/zoeken?q=inburgering"),
            "not found": anonymous.get("/bestaat-niet"),
        }
    return fetch


def test_english_pages_read_in_english(sample_pages):
    pages = sample_pages("en")
    for name, response in pages.items():
        assert html_lang(response) == "en", name
        assert words_in(visible_text(response), DUTCH_CHROME) == [], name
    assert "Propose a change" in visible_text(pages["speerpunt"])
    assert "Supported from 1 of the four tiers of government" in visible_text(pages["amendment"])
    assert "Signing in did not work" in visible_text(pages["sign-in error"])
    error = visible_text(pages["form in error"])
    assert "Something has not been filled in correctly" in error
    assert "Enter the proposed text." in error and "Explain your proposal." in error
    password = visible_text(pages["password form in error"])
    assert "The two passwords do not match." in password
    assert "Page not found" in visible_text(pages["not found"])


def test_dutch_pages_read_in_dutch(sample_pages):
    pages = sample_pages("nl")
    for name, response in pages.items():
        assert html_lang(response) == "nl", name
        assert words_in(visible_text(response), ENGLISH_CHROME) == [], name
    assert "Wijziging voorstellen" in visible_text(pages["speerpunt"])
    assert "Er is iets niet goed ingevuld" in visible_text(pages["form in error"])


def test_every_page_in_english_shows_no_dutch_interface_text(app, samples):
    """Every page for a participant and a moderator: none of the Dutch texts of the
    catalogue appears as such, and none of the Dutch chrome words."""
    dutch = [m.id for m in catalogue() if isinstance(m.id, str) and len(m.id.split()) >= 3
             and "%" not in m.id and "<" not in m.id and m.string != m.id]
    problems, checked = [], 0
    for who in ("gemeente", "moderator"):
        client = login(app, who)
        choose(client, "en")
        for rule in get_routes(app):
            if rule.endpoint in ("static", "meetings.feed"):
                continue
            response = client.get(rule.build({k: samples[k] for k in rule.arguments})[1])
            if response.mimetype != "text/html":
                continue
            checked += 1
            text = " ".join(visible_text(response).split())
            problems += [(who, rule.rule, msgid) for msgid in dutch if msgid in text]
            problems += [(who, rule.rule, word) for word in words_in(text, DUTCH_CHROME)]
    assert checked > 80
    assert problems == []


# --- dates and numbers ---------------------------------------------------------------------

@pytest.mark.parametrize("lang, expected", [
    ("nl", "26 november 2008, 15:00 · 26 november 2008 · 10.000 · 1,5"),
    ("en", "26 November 2008, 15:00 · 26 November 2008 · 10,000 · 1.5"),
])
def test_dates_and_numbers_follow_the_language(app, lang, expected):
    moment = datetime(2008, 11, 26, 14, 0, tzinfo=UTC)  # 15:00 in Amsterdam
    with app.test_request_context("/", headers={"Cookie": f"{LANGUAGE_COOKIE}={lang}"}):
        rendered = render_template_string(
            "{{ moment|datetime }} · {{ moment.date()|date }} · {{ 10000|number }} · "
            "{{ 1.5|number }}", moment=moment)
    assert rendered == expected


def test_the_home_page_timeline_writes_months_in_the_readers_language(client):
    assert "26 november 2008" in visible_text(client.get("/"))
    choose(client, "en")
    assert "26 November 2008" in visible_text(client.get("/"))
