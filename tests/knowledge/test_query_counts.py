"""Queries per page of the knowledge platform and the helpdesk do not grow with the data."""

from consult.accounts.models import User
from consult.core.database import write_transaction
from consult.extensions import db
from consult.helpdesk import operations as helpdesk
from consult.knowledge import operations as knowledge
from consult.knowledge.files import Upload
from consult.knowledge.models import KnowledgeQuestion
from consult.organisations.models import Region
from consult.speerpunten.models import Speerpunt
from tests.amendments.test_journeys_web import login
from tests.core.test_query_counts import count_queries
from tests.knowledge import documents

PEOPLE = ["wethouder@demo.gia.nl", "gedeputeerde@demo.gia.nl", "partner@demo.gia.nl",
          "ambtenaar@demo.gia.nl"]


def add_activity(app, n: int) -> int:
    with app.app_context(), write_transaction():
        people = [db.session.execute(User.by_email(email)).scalar_one() for email in PEOPLE]
        staff = db.session.execute(User.by_email("moderator@demo.gia.nl")).scalar_one()
        region = db.session.execute(db.select(Region).where(Region.slug == "oost")).scalar_one()
        speerpunt = db.session.execute(
            db.select(Speerpunt).where(Speerpunt.slug == "inburgering")).scalar_one()
        question = db.session.execute(db.select(KnowledgeQuestion)).scalars().first()
        for i in range(n):
            who = people[i % len(people)]
            knowledge.share_example(
                who, region, speerpunt, title=f"Voorbeeld {i}", summary="Kort.", body="Lang.",
                contact_name=who.name, contact_email=who.email, tags=f"taal, thema-{i}",
                uploads=[Upload(f"bijlage-{i}.pdf", documents.pdf() + str(i).encode())])
            question = question or knowledge.ask_question(people[0], region, speerpunt,
                                                          title="Vraag", body="Toelichting.")
            knowledge.ask_question(who, region, speerpunt, title=f"Vraag {i}", body="Waarom?")
            knowledge.answer_question(people[(i + 1) % len(people)], question,
                                      body=f"Antwoord {i}")
            asked = helpdesk.ask(who, subject=f"Hulpvraag {i}", body="Hoe?")
            helpdesk.answer(staff, asked, text="Zo.")
        db.session.commit()
        return question.id


def test_page_query_counts_do_not_grow_with_activity(app):
    question_id = add_activity(app, 2)
    pages = [("gemeente", "/kennis"), ("gemeente", "/kennis/oost/inburgering"),
             ("gemeente", f"/kennis/vragen/{question_id}"), ("moderator", "/helpdesk"),
             ("gemeente", "/helpdesk"), ("anonymous", "/veelgestelde-vragen")]
    clients = {who: app.test_client() if who == "anonymous" else login(app, who)
               for who, _path in pages}
    small = {}
    for who, path in pages:
        with count_queries(app) as statements:
            assert clients[who].get(path).status_code == 200, path
        small[who, path] = len(statements)
    add_activity(app, 12)
    for who, path in pages:
        with count_queries(app) as statements:
            assert clients[who].get(path).status_code == 200, path
        assert len(statements) == small[who, path], (who, path, small[who, path], len(statements))
        assert len(statements) <= 12, (path, statements)
