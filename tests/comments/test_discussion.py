"""A section's discussion is read a page at a time, newest thread first, and every link to a
comment lands on the page that holds it."""

import re

from tests.amendments.test_journeys_web import login

DISCUSSION = "/speerpunten/wonen/secties/ambitie/reacties"


def post(api, body, who="gemeente", parent=None, section="ambitie"):
    response = api(who).post("/speerpunten/wonen/comments", json={
        "section": section, "body": body, **({"parent_id": parent} if parent else {})})
    assert response.status_code == 201, response.json
    return response.json["id"]


def threads(api, n):
    """n top-level comments on the ambitie of wonen, oldest first."""
    return [post(api, f"Discussie {i}") for i in range(n)]


def shown(page: str) -> list[int]:
    return [int(x) for x in re.findall(r'<li class="comment[^"]*" id="reactie-(\d+)"', page)]


def test_the_discussion_pages_through_all_threads_newest_first(app, api):
    ids = threads(api, 27)
    reply = post(api, "Een antwoord", who="provincie", parent=ids[1])
    reader = login(app, "partner")

    first = reader.get(DISCUSSION).get_data(as_text=True)
    assert shown(first) == ids[:1:-1]  # the 25 newest, newest first
    assert "28 reacties in 27 discussies, de nieuwste eerst." in first
    assert '<nav class="pagination" aria-label="Paginering">' in first
    assert "Pagina 1 van 2" in first
    assert f'href="{DISCUSSION}?pagina=2">Volgende</a>' in first

    second = reader.get(f"{DISCUSSION}?pagina=2").get_data(as_text=True)
    # The oldest two threads, a reply below the thread it answers.
    assert shown(second) == [ids[1], reply, ids[0]]
    assert "Pagina 2 van 2" in second and f'href="{DISCUSSION}?pagina=1">Vorige</a>' in second

    assert reader.get(f"{DISCUSSION}?pagina=3").status_code == 404
    assert reader.get(f"{DISCUSSION}?pagina=nul").status_code == 400
    assert reader.get("/speerpunten/wonen/secties/slot/reacties").status_code == 404


def test_a_link_to_a_comment_on_page_three_lands_on_page_three(app, api):
    ids = threads(api, 55)
    # A reply deep in an old thread: the thread of ids[3] is the 52nd newest, on page 3.
    first_reply = post(api, "Eerste antwoord", who="provincie", parent=ids[3])
    reply = post(api, "Antwoord op het antwoord", who="partner", parent=first_reply)
    author = login(app, "provincie")

    # The notification of the reply links to the comment's own address.
    notifications = author.get("/meldingen").get_data(as_text=True)
    assert f'href="/reacties/{reply}"' in notifications
    response = author.get(f"/reacties/{reply}")
    assert response.status_code == 302
    assert response.headers["Location"] == f"{DISCUSSION}?pagina=3#reactie-{reply}"
    page = author.get(response.headers["Location"]).get_data(as_text=True)
    assert f'id="reactie-{reply}"' in page and f'id="reactie-{ids[3]}"' in page

    # A comment in one of the newest threads is read on the speerpunt page itself.
    assert author.get(f"/reacties/{ids[-1]}").headers["Location"] == (
        f"/speerpunten/wonen#reactie-{ids[-1]}")
    # Replying from the discussion page brings the replier back to the reply.
    response = author.post("/speerpunten/wonen/reacties", data={
        "section": "ambitie", "body": "Nog een antwoord", "parent_id": str(ids[0])})
    assert re.fullmatch(rf"{DISCUSSION}\?pagina=3#reactie-\d+", response.headers["Location"])


def test_a_comment_address_is_hidden_like_its_speerpunt(app, api, client):
    comment = post(api, "Alleen voor aangemelde deelnemers")
    assert client.get(f"/reacties/{comment}").status_code == 404
    assert client.get(DISCUSSION).status_code == 404
    assert login(app, "gemeente").get("/reacties/999999").status_code == 404


def test_comments_about_an_amendment_are_read_on_the_amendment_page(app, api):
    from tests.amendments.test_rules import propose

    amendment = propose(api)
    comment = api("provincie").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Over het amendement", "amendment_id": amendment}).json["id"]
    reader = login(app, "partner")
    assert reader.get(f"/reacties/{comment}").headers["Location"] == (
        f"/amendementen/{amendment}#reactie-{comment}")
    page = reader.get(f"/amendementen/{amendment}").get_data(as_text=True)
    assert f'id="reactie-{comment}"' in page
    # ... and not among the section's threads.
    assert f'id="reactie-{comment}"' not in reader.get(DISCUSSION).get_data(as_text=True)
