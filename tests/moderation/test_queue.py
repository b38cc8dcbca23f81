"""The moderation queue: flagged comments handled one by one or in bulk, all audited."""

import sqlalchemy as sa

from consult.audit.models import AuditEntry
from consult.extensions import db
from tests.amendments.test_journeys_web import login


def flagged(api, body, flaggers=("provincie",), slug="wonen"):
    comment = api("gemeente").post(f"/speerpunten/{slug}/comments", json={
        "section": "ambitie", "body": body}).json["id"]
    for who in flaggers:
        api(who).post(f"/comments/{comment}/flag", json={"reason": "offensive"})
    return comment


def actions(app):
    with app.app_context():
        return [e.action for e in db.session.execute(AuditEntry.newest_first()).scalars()]


def test_bulk_hide_and_dismiss_from_the_queue(app, api):
    one = flagged(api, "Eerste gemelde reactie")
    two = flagged(api, "Tweede gemelde reactie")
    three = flagged(api, "Derde, automatisch verborgen", ("provincie", "partner", "ministry"))
    moderator = login(app, "moderator")
    queue = moderator.get("/moderatie?soort=reacties").get_data(as_text=True)
    assert all(text in queue for text in ["Eerste gemelde", "Tweede gemelde", "Derde"])
    assert queue.index("Eerste gemelde") < queue.index("Tweede gemelde")  # oldest first

    response = moderator.post("/moderatie/reacties", data={
        "comment_ids": [str(one), str(two)], "action": "hide", "reason": "Kwetsend."})
    assert response.status_code == 302
    response = moderator.post("/moderatie/reacties", data={
        "comment_ids": [str(three)], "action": "dismiss", "reason": "Inhoudelijk in orde."})
    assert response.status_code == 302
    listed = {c["id"]: c for c in api("gemeente2").get(
        "/speerpunten/wonen/comments").json["items"]}
    assert listed[one]["status"] == listed[two]["status"] == "hidden"
    assert listed[three]["status"] == "visible"
    assert "Geen gemelde reacties" in moderator.get("/moderatie?soort=reacties").get_data(
        as_text=True)
    assert actions(app)[:3] == ["comment.restore", "comment.hide", "comment.hide"]


def test_bulk_action_is_all_or_nothing(app, api):
    one = flagged(api, "Gemeld")
    visible = api("gemeente").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Niet verborgen"}).json["id"]
    moderator = login(app, "moderator")
    # Restoring a comment that is not hidden fails, so nothing at all is restored.
    api("moderator").post(f"/comments/{one}/hide", json={"reason": "Eerst verborgen."})
    response = moderator.post("/moderatie/reacties", data={
        "comment_ids": [str(one), str(visible)], "action": "restore", "reason": "Terug."})
    assert response.status_code == 303
    listed = {c["id"]: c for c in api("moderator").get(
        "/speerpunten/wonen/comments").json["items"]}
    assert listed[one]["status"] == "hidden"
    for data in ({"comment_ids": [str(one)], "action": "weg", "reason": "x"},
                 {"comment_ids": [], "action": "hide", "reason": "x"},
                 {"comment_ids": [str(one)], "action": "dismiss", "reason": ""}):
        assert moderator.post("/moderatie/reacties", data=data).status_code == 303


def test_participants_cannot_use_the_queue(app):
    client = login(app, "gemeente")
    assert client.get("/moderatie").status_code == 403
    assert client.post("/moderatie/reacties", data={"comment_ids": ["1"], "action": "hide",
                                                    "reason": "x"}).status_code == 403


def test_queue_filters_by_speerpunt_and_kind(app, api):
    flagged(api, "Over wonen")
    flagged(api, "Over werken", slug="werken")
    moderator = login(app, "moderator")
    page = moderator.get("/moderatie?speerpunt=werken&soort=reacties").get_data(as_text=True)
    assert "Over werken" in page and "Over wonen" not in page
    assert "Amendementen in behandeling" not in page
    assert moderator.get("/moderatie?speerpunt=bestaat-niet").status_code == 404
    assert moderator.get("/moderatie?soort=alles").status_code == 400


def test_sign_in_failures_and_role_changes_are_audited(app, client):
    client.post("/login", data={"email": "wethouder@demo.gia.nl", "password": "fout"})
    admin = login(app, "admin")
    with app.app_context():
        from consult.accounts.models import User

        user_id = db.session.execute(User.by_email("wethouder@demo.gia.nl")).scalar_one().id
    admin.post(f"/beheer/gebruikers/{user_id}", data={
        "function": "wethouder", "organisation": "gemeente-delft", "role": "moderator",
        "active": "y"})
    with app.app_context():
        entries = db.session.execute(AuditEntry.newest_first()).scalars().all()
        by_action = {e.action: e for e in entries}
        failure = by_action["auth.sign_in_failed"]
        assert failure.result == "refused" and "wethouder@demo.gia.nl" in failure.object
        update = by_action["user.update"]
        assert update.detail["role"] == ["participant", "moderator"]
        assert update.detail["organisation"] == ["gemeente-nijmegen", "gemeente-delft"]
        assert update.actor.email == "beheer@demo.gia.nl"
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)
                                 .where(AuditEntry.action == "auth.sign_in")) == 1


def test_the_queue_pages_each_list_and_keeps_the_filters(app, api):
    import re

    from tests.amendments.test_rules import propose

    ids = [propose(api, suffix=f" Aanvulling {i}.") for i in range(26)]
    elsewhere = propose(api, slug="werken")
    moderator = login(app, "moderator")
    base = "/moderatie?speerpunt=wonen&soort=amendementen"
    first = moderator.get(base).get_data(as_text=True)
    listed = [int(x) for x in re.findall(r'href="/amendementen/(\d+)">Amendement', first)]
    assert listed == ids[:25]  # oldest first
    assert "Amendementen in behandeling (26)" in first and elsewhere not in listed
    assert '<nav class="pagination" aria-label="Paginering amendementen">' in first
    assert ('href="/moderatie?speerpunt=wonen&amp;soort=amendementen&amp;pagina=2">'
            'Volgende</a>') in first
    second = moderator.get(base + "&pagina=2").get_data(as_text=True)
    assert re.findall(r'href="/amendementen/(\d+)">Amendement', second) == [str(ids[25])]
    assert 'href="/moderatie?speerpunt=wonen&amp;soort=amendementen">Vorige</a>' in second
    assert moderator.get(base + "&pagina=0").status_code == 400


def test_flagged_comments_page_on_their_own(app, api):
    ids = [flagged(api, f"Gemelde reactie {i}") for i in range(26)]
    moderator = login(app, "moderator")
    first = moderator.get("/moderatie?speerpunt=wonen&pagina=1").get_data(as_text=True)
    assert "Gemelde en automatisch verborgen reacties (26)" in first
    assert f'value="{ids[24]}"' in first and f'value="{ids[25]}"' not in first
    # Moving on in the comments keeps the filter and the amendments where they were.
    link = 'href="/moderatie?speerpunt=wonen&amp;reactiepagina=2">Volgende</a>'
    assert link in first
    second = moderator.get("/moderatie?speerpunt=wonen&reactiepagina=2").get_data(as_text=True)
    assert f'value="{ids[25]}"' in second and f'value="{ids[0]}"' not in second


def test_the_queue_lists_the_longest_waiting_first_whatever_their_numbers(app, api):
    import re
    from datetime import timedelta

    from consult.amendments.models import Amendment
    from consult.core.types import utcnow
    from tests.amendments.test_rules import propose

    ids = [propose(api, suffix=f" Aanvulling {i}.") for i in range(30)]
    # Numbered opposite to when they came in, so that the order of the numbers (and of the
    # rows on disk) is not the order of the queue.
    now = utcnow()
    with app.app_context():
        for n, amendment_id in enumerate(ids):
            db.session.execute(sa.update(Amendment).where(Amendment.id == amendment_id)
                               .values(created_at=now - timedelta(hours=n)))
        db.session.commit()
    moderator = login(app, "moderator")
    for page, expected in ((1, ids[::-1][:25]), (2, ids[::-1][25:])):
        html = moderator.get(f"/moderatie?speerpunt=wonen&soort=amendementen&pagina={page}"
                             ).get_data(as_text=True)
        assert [int(x) for x in re.findall(r'href="/amendementen/(\d+)">Amendement', html)
                ] == expected
