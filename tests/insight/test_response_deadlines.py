"""Response deadlines: a pending amendment without a formal response past its speerpunt's
term is overdue; ministries see their own overdue list, moderators all of it."""

from datetime import datetime, timedelta

import sqlalchemy as sa

from consult.amendments.models import Amendment
from consult.core.types import utcnow
from consult.extensions import db
from tests.amendments.test_journeys_web import login
from tests.amendments.test_rules import propose


def age(app, amendment_id, days):
    with app.app_context():
        db.session.execute(sa.update(Amendment).where(Amendment.id == amendment_id)
                           .values(created_at=utcnow() - timedelta(days=days)))
        db.session.commit()


def test_overdue_amendments_for_the_ministry_and_the_moderators(app, api):
    late = propose(api, "gemeente", "wonen")
    fresh = propose(api, "provincie", "wonen", " Vers.")
    answered = propose(api, "partner", "wonen", " Beantwoord.")
    other = propose(api, "gemeente", "onderwijs")
    for amendment in (late, answered, other):
        age(app, amendment, 15)
    api("ministry").post(f"/amendments/{answered}/responses",
                         json={"position": "support", "body": "Eens."})
    ministry = login(app, "ministry").get("/ministerie").get_data(as_text=True)
    overdue = ministry.split("Termijn verstreken")[1].split("Wachten op onze reactie")[0]
    assert f"Amendement {late}</a>" in overdue
    assert f"Amendement {fresh}</a>" not in overdue and f"Amendement {answered}</a>" not in overdue
    assert f"Amendement {other}:" not in ministry  # OCW's speerpunt, not VROM's
    queue = login(app, "moderator").get("/moderatie").get_data(as_text=True)
    section = queue.split("Reactietermijn verstreken")[1].split("Amendementen in behandeling")[0]
    assert f"Amendement {late}</a>" in section and f"Amendement {other}</a>" in section
    assert f"Amendement {fresh}</a>" not in section
    page = login(app, "gemeente").get(f"/amendementen/{late}").get_data(as_text=True)
    assert "De reactietermijn is verstreken op" in page


def test_moderators_set_the_term_per_speerpunt(app, api):
    amendment = propose(api)
    age(app, amendment, 10)
    moderator = login(app, "moderator")
    assert "Termijn verstreken" not in login(app, "ministry").get("/ministerie").get_data(
        as_text=True)
    assert moderator.post("/speerpunten/wonen/reactietermijn", data={"days": "7"}
                          ).status_code == 302
    assert "Termijn verstreken" in login(app, "ministry").get("/ministerie").get_data(
        as_text=True)
    for bad in ("0", "366", "veel", ""):
        assert moderator.post("/speerpunten/wonen/reactietermijn",
                              data={"days": bad}).status_code == 303
    assert login(app, "gemeente").post("/speerpunten/wonen/reactietermijn",
                                       data={"days": "30"}).status_code == 403
    assert "Reactietermijn voor de ministeries</summary>" not in login(
        app, "gemeente").get("/speerpunten/wonen").get_data(as_text=True)


def test_the_api_gives_the_term_the_due_date_and_whether_it_passed(app, api):
    amendment = propose(api)
    assert api("gemeente").get("/speerpunten/wonen").json["response_term_days"] == 14
    fresh = api("gemeente").get(f"/amendments/{amendment}").json
    assert fresh["overdue"] is False
    created = fresh["created_at"]
    age(app, amendment, 15)
    late = api("gemeente").get(f"/amendments/{amendment}").json
    assert late["overdue"] is True
    assert (datetime.fromisoformat(late["response_due_at"])
            - datetime.fromisoformat(late["created_at"])) == timedelta(days=14)
    assert late["created_at"] < created
    listed = api("gemeente").get("/speerpunten/wonen/amendments").json["items"]
    assert [item["overdue"] for item in listed] == [True]
    api("ministry").post(f"/amendments/{amendment}/responses",
                         json={"position": "support", "body": "Eens."})
    assert api("gemeente").get(f"/amendments/{amendment}").json["overdue"] is False
    api("moderator").post(f"/amendments/{amendment}/decision",
                          json={"decision": "reject", "reason": "Niet nodig."})
    assert api("gemeente").get(f"/amendments/{amendment}").json["response_due_at"] is None


def test_the_ministry_page_pages_its_lists_and_names_the_longest_overdue(app, api, monkeypatch):
    from consult.amendments import views

    monkeypatch.setattr(views, "MINISTRY_PER_PAGE", 2)
    monkeypatch.setattr(views, "OVERDUE_SHOWN", 1)
    waiting = [propose(api, "gemeente", "wonen", f" Wacht {n}.") for n in range(3)]
    answered = [propose(api, "provincie", "wonen", f" Beantwoord {n}.") for n in range(3)]
    for amendment in answered:
        api("ministry").post(f"/amendments/{amendment}/responses",
                             json={"position": "partial", "body": "Deels."})
    age(app, waiting[0], 20)
    age(app, waiting[1], 16)
    client = login(app, "ministry")

    def lists(path):
        page = client.get(path)
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        late, rest = text.split("Termijn verstreken")[1].split("Wachten op onze reactie")
        mine, others = rest.split("Overige amendementen op onze speerpunten")
        return ({a for a in waiting + answered if f"Amendement {a}</a>" in late},
                [a for a in waiting + answered if f"Amendement {a}:" in mine],
                [a for a in sorted(waiting + answered, reverse=True)
                 if f"Amendement {a}:" in others], text)

    late, mine, others, text = lists("/ministerie")
    # The longest overdue by name, with how many there are in all.
    assert late == {waiting[0]} and "De 1 die het langst wachten, van 2." in text
    # What waits for the ministry oldest first, the rest newest first, two a page each.
    assert mine == waiting[:2] and others == answered[::-1][:2]
    assert "Wachten op onze reactie</h2>" not in text  # the count is in the heading
    assert "(3), oudste eerst" in text and "(3), nieuwste eerst" in text
    assert text.count("Pagina 1 van 2") == 2
    # Each list turns its own page; the other stays where it was.
    _late, mine, others, text = lists("/ministerie?pagina=2")
    assert mine == waiting[2:] and others == answered[::-1][:2]
    assert 'href="/ministerie?pagina=2&amp;overigepagina=2"' in text
    _late, mine, others, _text = lists("/ministerie?pagina=2&overigepagina=2")
    assert mine == waiting[2:] and others == answered[:1]
    for bad in ("0", "x", "-1"):
        assert client.get(f"/ministerie?pagina={bad}").status_code == 400
