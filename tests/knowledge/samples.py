"""Objects of the knowledge platform to open every route with, for the route-wide tests.

On inburgering in region Oost: a practice example by VNG with a PDF attached, and a question
by the wethouder (the access table's "gemeente") with an answer from VNG.
"""

import sqlalchemy as sa

from consult.accounts.models import User
from consult.core.database import write_transaction
from consult.extensions import db
from consult.knowledge import operations
from consult.knowledge.files import Upload
from consult.organisations.models import Region
from consult.speerpunten.models import Speerpunt
from tests.knowledge import documents


def _user(email: str) -> User:
    return db.session.execute(User.by_email(email)).scalar_one()


def knowledge_samples(app) -> dict:
    """Create the sample objects (the speerpunt must be visible to participants: not concept)."""
    with app.app_context(), write_transaction():
        region = db.session.execute(sa.select(Region).where(Region.slug == "oost")).scalar_one()
        speerpunt = db.session.execute(
            sa.select(Speerpunt).where(Speerpunt.slug == "inburgering")).scalar_one()
        partner, wethouder = _user("partner@demo.gia.nl"), _user("wethouder@demo.gia.nl")
        example = operations.share_example(
            partner, region, speerpunt, title="Taalcafé in de bibliotheek",
            summary="Vrijwilligers oefenen wekelijks Nederlands met inburgeraars.",
            body="We begonnen met *twee* vrijwilligers.", contact_name="Linda Jansen",
            contact_email="linda@vng.nl", tags="taal, vrijwilligers",
            uploads=[Upload("aanpak.pdf", documents.pdf())])
        question = operations.ask_question(
            wethouder, region, speerpunt, title="Wie heeft ervaring met taalmaatjes?",
            body="Wij zoeken een aanpak die werkt in kleine kernen.")
        answer = operations.answer_question(partner, question,
                                            body="Kijk naar het taalcafé in Nijmegen.")
        db.session.commit()
        return {"region_slug": region.slug, "speerpunt_slug": speerpunt.slug,
                "example_id": example.id, "attachment_id": example.attachments[0].id,
                "question_id": question.id, "answer_id": answer.id}
