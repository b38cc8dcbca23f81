"""Regional meetings: scheduling, registration with a waiting list, calendars, minutes and
input on behalf of the meeting."""

import re
from datetime import timedelta

import pytest
from icalendar import Calendar

from consult.core.types import utcnow
from tests.amendments.test_journeys_web import login

SOON = utcnow() + timedelta(days=10)


def schedule(moderator, **overrides):
    data = {"title": "Inburgering in de regio Oost", "region": "oost",
            "speerpunt": "inburgering", "starts_at": SOON.strftime("%Y-%m-%dT10:00"),
            "ends_at": SOON.strftime("%Y-%m-%dT13:00"), "place": "Nijmegen, stadhuis",
            "organiser": "forum", "audience": "all", "capacity": "2",
            "ministries": ["vrom-wwi", "justitie"], "programme": "Welkom\n\nPraktijk"}
    data.update(overrides)
    response = moderator.post("/bijeenkomsten/nieuw", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_meeting_walk_from_schedule_to_input_on_behalf(app, api):
    moderator = login(app, "moderator")
    meeting = schedule(moderator)
    page = moderator.get(f"/bijeenkomsten/{meeting}").get_data(as_text=True)
    assert "Ministerie van Justitie, Ministerie van VROM" in page
    # People in the region hear of the new meeting.
    wethouder = login(app, "gemeente")  # Nijmegen, region Oost
    assert "Nieuwe bijeenkomst in uw regio" in wethouder.get("/meldingen").get_data(as_text=True)
    assert "Nieuwe bijeenkomst" not in login(app, "gemeente2").get("/meldingen").get_data(
        as_text=True)  # Rotterdam is in another region

    clients = {who: login(app, who) for who in ("gemeente", "provincie", "partner", "gemeente2")}
    for who in ("gemeente", "provincie"):
        assert clients[who].post(f"/bijeenkomsten/{meeting}/aanmelden").status_code == 302
    for who in ("partner", "gemeente2"):
        clients[who].post(f"/bijeenkomsten/{meeting}/aanmelden")
    partner_page = clients["partner"].get(f"/bijeenkomsten/{meeting}").get_data(as_text=True)
    assert "op de wachtlijst, op plaats 1" in partner_page
    assert "op plaats 2" in clients["gemeente2"].get(f"/bijeenkomsten/{meeting}").get_data(
        as_text=True)
    assert "2 van 2 bezet, 2 op de wachtlijst" in partner_page

    # A cancellation moves the first waiting person up, and tells them.
    assert clients["gemeente"].post(f"/bijeenkomsten/{meeting}/afmelden").status_code == 302
    assert "U bent aangemeld." in clients["partner"].get(f"/bijeenkomsten/{meeting}").get_data(
        as_text=True)
    assert "Er is een plaats vrijgekomen" in clients["partner"].get("/meldingen").get_data(
        as_text=True)
    assert "op plaats 1" in clients["gemeente2"].get(f"/bijeenkomsten/{meeting}").get_data(
        as_text=True)

    # The organiser (FORUM's moderator) records minutes and an amendment on behalf.
    assert moderator.post(f"/bijeenkomsten/{meeting}/verslag", data={
        "minutes": "Goed gesprek over duale trajecten."}).status_code == 302
    assert "Het verslag van" in clients["partner"].get("/meldingen").get_data(as_text=True)
    text = api("moderator").get("/speerpunten/inburgering").json["sections"]["rijk"]
    response = moderator.post(f"/bijeenkomsten/{meeting}/inbreng", data={
        "kind": "amendment", "section": "rijk", "body": text + " Met de regio samen.",
        "rationale": "Uitkomst van de bijeenkomst in Nijmegen."})
    assert response.status_code == 302
    moderator.post(f"/bijeenkomsten/{meeting}/inbreng", data={
        "kind": "comment", "section": "ambitie", "body": "De regio vraagt om meer maatwerk."})
    listing = wethouder.get("/speerpunten/inburgering/amendementen").get_data(as_text=True)
    assert "namens een bijeenkomst" in listing
    amendment_id = re.search(r"/amendementen/(\d+)\">Amendement", listing).group(1)
    detail = wethouder.get(f"/amendementen/{amendment_id}").get_data(as_text=True)
    assert f'href="/bijeenkomsten/{meeting}">een regionale bijeenkomst' in detail
    speerpunt = wethouder.get("/speerpunten/inburgering").get_data(as_text=True)
    assert "namens een regionale bijeenkomst" in speerpunt
    page = wethouder.get(f"/bijeenkomsten/{meeting}").get_data(as_text=True)
    assert "Goed gesprek over duale trajecten." in page
    assert f"Amendement {amendment_id}" in page


def test_a_participant_cannot_schedule_or_enter_input_on_behalf(app):
    moderator = login(app, "moderator")
    meeting = schedule(moderator)
    participant = login(app, "gemeente")
    assert participant.get("/bijeenkomsten/nieuw").status_code == 403
    assert participant.post(f"/bijeenkomsten/{meeting}/verslag",
                            data={"minutes": "x"}).status_code == 403
    assert participant.post(f"/bijeenkomsten/{meeting}/inbreng", data={
        "kind": "comment", "section": "ambitie", "body": "x"}).status_code == 403


def test_meetings_for_small_municipalities_are_for_small_ones(app):
    moderator = login(app, "moderator")
    meeting = schedule(moderator, audience="klein")
    groot = login(app, "gemeente")  # Nijmegen is a large municipality
    response = groot.post(f"/bijeenkomsten/{meeting}/aanmelden")
    assert response.status_code == 303
    assert "Deze bijeenkomst is voor kleine gemeenten" in groot.get(
        f"/bijeenkomsten/{meeting}").get_data(as_text=True)
    # Other tiers may always join.
    assert login(app, "provincie").post(f"/bijeenkomsten/{meeting}/aanmelden").status_code == 302


@pytest.mark.parametrize("changes, field", [
    ({"title": ""}, "Titel"),
    ({"capacity": "0"}, "Aantal plaatsen"),
    ({"ends_at": SOON.strftime("%Y-%m-%dT09:00")}, "Eindigt"),
])
def test_bad_meeting_forms_are_refused(app, changes, field):
    from tests.helpers import table_counts

    moderator = login(app, "moderator")
    before = table_counts(app)
    data = {"title": "Bijeenkomst", "region": "oost", "speerpunt": "inburgering",
            "starts_at": SOON.strftime("%Y-%m-%dT10:00"),
            "ends_at": SOON.strftime("%Y-%m-%dT13:00"), "place": "Arnhem",
            "organiser": "forum", "audience": "all", "capacity": "10", **changes}
    response = moderator.post("/bijeenkomsten/nieuw", data=data)
    assert response.status_code == 400
    assert field in response.get_data(as_text=True)
    assert table_counts(app) == before


def test_calendar_file_and_personal_feed(app):
    moderator = login(app, "moderator")
    meeting = schedule(moderator, title="Wonen en wijken, regio Oost")
    other = schedule(moderator, title="Een andere bijeenkomst")
    wethouder = login(app, "gemeente")
    wethouder.post(f"/bijeenkomsten/{meeting}/aanmelden")
    ics = wethouder.get(f"/bijeenkomsten/{meeting}/agenda.ics")
    assert ics.mimetype == "text/calendar"
    [event] = Calendar.from_ical(ics.data).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Wonen en wijken, regio Oost"
    assert event.decoded("DTSTART").hour == 9  # 10:00 in Amsterdam is 09:00 UTC in winter
    page = wethouder.get("/bijeenkomsten").get_data(as_text=True)
    feed_url = re.search(r'href="(http[^"]*mijn-agenda\.ics\?sleutel=[^"]+)"', page).group(1)
    anonymous = app.test_client()  # a calendar app has no session
    feed = anonymous.get(feed_url.replace("http://localhost", ""))
    titles = [str(e["SUMMARY"]) for e in Calendar.from_ical(feed.data).walk("VEVENT")]
    assert titles == ["Wonen en wijken, regio Oost"]
    assert anonymous.get("/bijeenkomsten/mijn-agenda.ics?sleutel=vals").status_code == 404
    assert other


def test_timeline_on_the_home_page_kept_by_moderators(app):
    anonymous = app.test_client()
    home = anonymous.get("/").get_data(as_text=True)
    assert "Politieke accordering" in home and "Afgerond" in home
    moderator = login(app, "moderator")
    assert moderator.post("/tijdlijn", data={"title": "Handreiking gepubliceerd",
                                             "due": "2009-01-15", "status": "planned",
                                             "description": ""}).status_code == 302
    assert "Handreiking gepubliceerd" in anonymous.get("/").get_data(as_text=True)
    assert login(app, "gemeente").get("/tijdlijn").status_code == 403
    assert moderator.post("/tijdlijn", data={"title": "", "due": "",
                                             "status": "planned"}).status_code == 400
