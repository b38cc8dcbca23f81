"""The knowledge platform's rules: who sees it, who marks what helped, what input is refused."""

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from consult.extensions import db
from consult.knowledge.models import KnowledgeAnswer, KnowledgeQuestion
from tests.amendments.test_journeys_web import login
from tests.helpers import set_phase, table_counts
from tests.knowledge.samples import knowledge_samples
from tests.knowledge.web import EXAMPLE, PLATFORM, ask, newest_question, share


@pytest.fixture
def sample(app):
    return knowledge_samples(app)


def accepted_answer(app, question_id):
    with app.app_context():
        return db.session.get(KnowledgeQuestion, question_id).accepted_answer_id


def test_only_the_asker_marks_the_answer_that_helped(app, sample):
    url = f"/kennis/vragen/{sample['question_id']}/antwoorden/{sample['answer_id']}/geholpen"
    for who in ("provincie", "partner", "moderator", "admin", "ministry"):
        assert login(app, who).post(url).status_code == 403, who
        assert accepted_answer(app, sample["question_id"]) is None
    assert app.test_client().post(url).status_code == 302  # to the sign-in page
    asker = login(app, "gemeente")
    assert "Dit antwoord heeft mij geholpen" in asker.get(
        f"/kennis/vragen/{sample['question_id']}").get_data(as_text=True)
    assert asker.post(url).status_code == 302
    assert accepted_answer(app, sample["question_id"]) == sample["answer_id"]
    # Others never see the button.
    page = login(app, "provincie").get(f"/kennis/vragen/{sample['question_id']}")
    assert "Dit antwoord heeft mij geholpen" not in page.get_data(as_text=True)


def test_the_asker_moves_the_mark_but_cannot_mark_an_own_answer(app, sample):
    asker = login(app, "gemeente")
    base = f"/kennis/vragen/{sample['question_id']}"
    assert asker.post(f"{base}/antwoorden/{sample['answer_id']}/geholpen").status_code == 302
    assert login(app, "provincie").post(f"{base}/antwoorden", data={
        "body": "Beter: de taalhuizen."}).status_code == 302
    assert asker.post(f"{base}/antwoorden", data={"body": "Dank, ik ga het proberen."}
                      ).status_code == 302
    with app.app_context():
        ids = [a.id for a in db.session.get(KnowledgeQuestion, sample["question_id"]).answers]
    partner_answer, province_answer, own_answer = ids
    assert asker.post(f"{base}/antwoorden/{province_answer}/geholpen").status_code == 302
    assert accepted_answer(app, sample["question_id"]) == province_answer
    before = table_counts(app)
    refused = asker.post(f"{base}/antwoorden/{own_answer}/geholpen")
    assert refused.status_code == 303
    assert "eigen antwoord" in asker.get(refused.headers["Location"]).get_data(as_text=True)
    assert accepted_answer(app, sample["question_id"]) == province_answer
    assert table_counts(app) == before


def test_an_answer_of_another_question_cannot_be_marked(app, sample):
    asker = login(app, "gemeente")
    assert ask(asker, title="Een tweede vraag").status_code == 302
    other = newest_question(app)
    response = asker.post(f"/kennis/vragen/{other}/antwoorden/{sample['answer_id']}/geholpen")
    assert response.status_code == 404
    assert accepted_answer(app, other) is None


def test_the_database_refuses_an_accepted_answer_of_another_question(ctx, app):
    sample = knowledge_samples(app)
    with app.app_context():
        question = db.session.get(KnowledgeQuestion, sample["question_id"])
        other = KnowledgeQuestion(region_id=question.region_id,
                                  speerpunt_id=question.speerpunt_id,
                                  author_id=question.author_id,
                                  organisation_id=question.organisation_id,
                                  title="Andere vraag", body="Iets anders.")
        db.session.add(other)
        db.session.flush()
        other.accepted_answer_id = sample["answer_id"]
        other.accepted_at = question.created_at
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()


ROUTES = ["/kennis", PLATFORM, f"{PLATFORM}/praktijkvoorbeeld-delen", f"{PLATFORM}/vraag-stellen",
          "/kennis/praktijkvoorbeelden/{example_id}", "/kennis/bijlagen/{attachment_id}",
          "/kennis/vragen/{question_id}"]


def test_the_knowledge_platform_is_for_signed_in_users_only(app, sample):
    client = app.test_client()
    for route in ROUTES:
        response = client.get(route.format(**sample))
        assert response.status_code == 302, route
        assert "/login" in response.headers["Location"]
    before = table_counts(app)
    assert client.post(f"{PLATFORM}/vraag-stellen", data={"title": "x", "body": "y"}
                       ).status_code == 302
    assert client.post(f"/kennis/vragen/{sample['question_id']}/antwoorden",
                       data={"body": "y"}).status_code == 302
    assert table_counts(app) == before


def test_the_platform_of_a_concept_speerpunt_is_for_moderators_only(app, sample):
    set_phase(app, "inburgering", "concept")
    participant = login(app, "provincie")
    for route in ROUTES[1:]:
        assert participant.get(route.format(**sample)).status_code == 404, route
    overview = participant.get("/kennis").get_data(as_text=True)
    assert "Inburgering" not in overview and "Taalcafé" not in overview
    assert participant.get("/kennis?speerpunt=inburgering").status_code == 400
    moderator = login(app, "moderator")
    for route in ROUTES:
        assert moderator.get(route.format(**sample)).status_code == 200, route


def test_overview_filters_by_region_speerpunt_and_tag(app, sample):
    client = login(app, "provincie")
    page = client.get("/kennis?regio=oost&speerpunt=inburgering").get_data(as_text=True)
    table = page.split("</table>")[0]
    assert "1 voorbeeld, 1 vraag" in table and table.count("<td>") == 1
    assert "Taalcafé in de bibliotheek" in page
    assert "Taalcafé" not in client.get("/kennis?regio=noord").get_data(as_text=True)
    assert "Taalcafé" in client.get("/kennis?trefwoord=Vrijwilligers").get_data(as_text=True)
    assert "Taalcafé" not in client.get("/kennis?trefwoord=wonen").get_data(as_text=True)
    assert client.get("/kennis?regio=atlantis").status_code == 400
    assert client.get("/kennis/atlantis/inburgering").status_code == 404
    assert client.get("/kennis/oost/bestaat-niet").status_code == 404


def test_markdown_is_rendered_and_html_is_shown_as_text(app):
    client = login(app, "gemeente")
    response = share(client, body="**Vet** en <script>alert(1)</script> <b>niet vet</b>")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<strong>Vet</strong>" in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "<b>niet vet</b>" not in page


LONG = "x" * 201
EXAMPLE_REFUSALS = [
    ({"title": ""}, "title", "Geef het voorbeeld een titel."),
    ({"title": "   "}, "title", "Geef het voorbeeld een titel."),
    ({"title": LONG}, "title", "200"),
    ({"summary": "y" * 1001}, "summary", "1000"),
    ({"body": ""}, "body", "Beschrijf het voorbeeld."),
    ({"body": "z" * 20_001}, "body", "20000"),
    ({"contact_name": ""}, "contact_name", "Vul een contactpersoon in."),
    ({"contact_email": "geen-adres"}, "contact_email", "geldig e-mailadres"),
    ({"tags": ", ".join(f"tag{n}" for n in range(11))}, "tags", "Hooguit 10 trefwoorden."),
    ({"tags": "a" * 41}, "tags", "hooguit 40 tekens"),
]


def test_a_bad_practice_example_is_refused_and_writes_nothing(app):
    client = login(app, "gemeente")
    before = table_counts(app)
    for overrides, field, message in EXAMPLE_REFUSALS:
        response = share(client, **overrides)
        assert response.status_code == 400, overrides
        page = response.get_data(as_text=True)
        assert f'id="{field}-error"' in page, overrides
        assert message in page or message.replace("000", ".000") in page, overrides
    assert table_counts(app) == before


QUESTION_REFUSALS = [
    ({"title": "", "body": "Toelichting."}, "title"),
    ({"title": "Vraag?", "body": ""}, "body"),
    ({"title": "x" * 201, "body": "Toelichting."}, "title"),
    ({"title": "Vraag?", "body": "b" * 10_001}, "body"),
    ({"title": "Vraag?", "body": "\x07\x08"}, "body"),
]


def test_a_bad_question_or_answer_is_refused_and_writes_nothing(app, sample):
    client = login(app, "gemeente")
    before = table_counts(app)
    for data, field in QUESTION_REFUSALS:
        response = client.post(f"{PLATFORM}/vraag-stellen", data=data)
        assert response.status_code == 400, data
        assert f'id="{field}-error"' in response.get_data(as_text=True), data
        if field == "body":
            answer = client.post(f"/kennis/vragen/{sample['question_id']}/antwoorden",
                                 data={"body": data["body"]})
            assert answer.status_code == 400, data
            assert 'id="body-error"' in answer.get_data(as_text=True), data
    assert table_counts(app) == before


def test_contact_email_and_tags_are_stored_normalised(app):
    client = login(app, "gemeente")
    assert share(client, tags="Taal, TAAL ; Fryslân,, werk & inkomen").status_code == 302
    with app.app_context():
        from consult.knowledge.models import PracticeExample

        example = db.session.execute(sa.select(PracticeExample)).scalars().one()
        assert example.contact_email == EXAMPLE["contact_email"].lower()
        assert example.tag_list == ["taal", "fryslan", "werk-inkomen"]
        assert example.organisation.name == "Gemeente Nijmegen"
        assert [a.body for a in db.session.execute(sa.select(KnowledgeAnswer)).scalars()] == []
