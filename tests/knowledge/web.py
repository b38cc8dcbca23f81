"""Driving the knowledge platform's pages as a person would."""

import io
import re

import sqlalchemy as sa

from consult.extensions import db
from consult.knowledge.models import KnowledgeQuestion, PracticeExample

PLATFORM = "/kennis/oost/inburgering"
EXAMPLE = {
    "title": "Taalcafé in de bibliotheek",
    "summary": "Vrijwilligers oefenen elke week Nederlands met inburgeraars.",
    "body": "We begonnen met **twee** vrijwilligers en nu zijn het er twintig.",
    "contact_name": "Anouk de Vries",
    "contact_email": "Anouk@Nijmegen.nl",
    "tags": "Taal, vrijwilligers; Bibliotheek",
}


def share(client, files=(), **overrides):
    """Post the practice example form with (bytes, filename) attachments."""
    data = {**EXAMPLE, **overrides}
    data["attachments"] = [(io.BytesIO(content), name) for content, name in files]
    return client.post(f"{PLATFORM}/praktijkvoorbeeld-delen", data=data,
                       content_type="multipart/form-data")


def ask(client, title="Wie heeft ervaring met taalmaatjes?",
        body="Wij zoeken een aanpak die ook in *kleine kernen* werkt."):
    return client.post(f"{PLATFORM}/vraag-stellen", data={"title": title, "body": body})


def newest(app, model):
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.max(model.id)))


def newest_example(app) -> int:
    return newest(app, PracticeExample)


def newest_question(app) -> int:
    return newest(app, KnowledgeQuestion)


def attachment_links(page: str) -> list[str]:
    return re.findall(r'href="(/kennis/bijlagen/\d+)"', page)
