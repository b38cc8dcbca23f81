"""The access decisions for the knowledge platform's and the helpdesk's routes, written as
entries for TABLE and FORMS in tests/core/test_access_matrix.py (copy them there when the
blueprints are registered in create_app). tests/knowledge/test_access.py checks them."""

from tests.core.test_access_matrix import (
    MODERATORS,
    public,
    signed_in,
    speerpunt_page_signed_in,
    writes,
)

TABLE = {
    ("knowledge.index", "GET"): signed_in,
    ("knowledge.platform", "GET"): speerpunt_page_signed_in,
    ("knowledge.share_example", "GET"): speerpunt_page_signed_in,
    ("knowledge.share_example", "POST"): writes((302,)),
    ("knowledge.example", "GET"): speerpunt_page_signed_in,
    ("knowledge.attachment", "GET"): speerpunt_page_signed_in,
    ("knowledge.ask", "GET"): speerpunt_page_signed_in,
    ("knowledge.ask", "POST"): writes((302,)),
    ("knowledge.question", "GET"): speerpunt_page_signed_in,
    ("knowledge.answer", "POST"): writes((302,)),
    # Only the asker (the wethouder in the samples) marks the answer that helped.
    ("knowledge.mark_helpful", "POST"): writes((302,), 403, {"gemeente"}),
    ("helpdesk.index", "GET"): signed_in,
    ("helpdesk.index", "POST"): writes((302,)),
    # The asker (the wethouder) and FORUM's staff see a question; others do not find it.
    ("helpdesk.detail", "GET"): lambda a, p: {302} if a == "anonymous" else (
        {200} if a in {"gemeente"} | MODERATORS else {404}),
    ("helpdesk.answer", "POST"): writes((302,), 403, MODERATORS),
    ("helpdesk.close", "POST"): writes((302, 303), 403, MODERATORS),
    ("helpdesk.publish", "POST"): writes((302,), 403, MODERATORS),
    ("helpdesk.unpublish", "POST"): writes((302, 303), 403, MODERATORS),
    ("helpdesk.faq", "GET"): public,
}

FORMS = {
    "knowledge.share_example": {"title": "Taalmaatjes", "summary": "Kort samengevat.",
                                "body": "Zo deden wij het.", "contact_name": "Anouk de Vries",
                                "contact_email": "anouk@nijmegen.nl", "tags": "taal"},
    "knowledge.ask": {"title": "Wie weet hoe dit werkt?", "body": "Toelichting."},
    "knowledge.answer": {"body": "Zo deden wij het."},
    "helpdesk.index": {"subject": "Een vraag", "body": "Hoe werkt dit?"},
    "helpdesk.answer": {"answer": "Zo werkt het."},
    "helpdesk.publish": {"faq_question": "Hoe werkt dit?", "faq_answer": "Zo werkt het."},
}
