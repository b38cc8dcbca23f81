"""A helpdesk question to open every route with: asked by the wethouder (the access table's
"gemeente"), answered by FORUM's moderator and published as a FAQ."""

from consult.accounts.models import User
from consult.core.database import write_transaction
from consult.extensions import db
from consult.helpdesk import operations


def helpdesk_samples(app) -> dict:
    with app.app_context(), write_transaction():
        asker = db.session.execute(User.by_email("wethouder@demo.gia.nl")).scalar_one()
        staff = db.session.execute(User.by_email("moderator@demo.gia.nl")).scalar_one()
        question = operations.ask(asker, subject="Subsidie voor taalcafés",
                                  body="Waar vraag ik subsidie aan voor een taalcafé?")
        operations.answer(staff, question, text="Bij de regeling inburgering van uw gemeente.")
        operations.publish(staff, question, faq_question="Waar vraag ik subsidie aan?",
                           faq_answer="Bij de regeling inburgering van uw gemeente.")
        db.session.commit()
        return {"helpdesk_question_id": question.id}
