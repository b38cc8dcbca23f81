"""Attachments to practice examples: stored in the database, checked by content, served as
downloads that come back byte for byte."""

import pytest

from consult.knowledge.models import MAX_ATTACHMENT_BYTES
from tests.amendments.test_journeys_web import login
from tests.helpers import table_counts
from tests.knowledge import documents
from tests.knowledge.web import attachment_links, share

UPLOAD_LIMIT = 32 * 1024 * 1024


@pytest.fixture
def uploads_allowed(app):
    # Until the upload routes get their own request limit, the test raises the global one.
    app.config["MAX_CONTENT_LENGTH"] = UPLOAD_LIMIT
    return app


def test_a_pdf_and_a_docx_come_back_byte_for_byte_as_downloads(uploads_allowed, app):
    client = login(app, "gemeente")
    pdf, docx = documents.pdf(), documents.docx()
    response = share(client, files=[(pdf, "Aanpak taalcafé.pdf"), (docx, "plan.docx")])
    assert response.status_code == 302, response.get_data(as_text=True)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Aanpak taalcafé.pdf" in page and "plan.docx" in page
    assert "(PDF," in page and "(Word," in page

    expected = [
        (pdf, "application/pdf", "filename*=UTF-8''Aanpak%20taalcaf%C3%A9.pdf"),
        (docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "filename=plan.docx"),
    ]
    links = attachment_links(page)
    assert len(links) == 2
    for link, (content, content_type, filename) in zip(links, expected):
        download = client.get(link)
        assert download.status_code == 200
        assert download.data == content
        assert download.headers["Content-Type"] == content_type
        disposition = download.headers["Content-Disposition"]
        assert disposition.startswith("attachment;") and filename in disposition
        assert download.headers["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in download.headers["Cache-Control"]
    # Only signed-in people download.
    assert app.test_client().get(links[0]).status_code == 302


REFUSALS = [
    ("notities.pdf", lambda: b"Gewone tekst met een .pdf-naam.", "geen PDF-bestand"),
    ("plan.docx", documents.zip_without_word, "geen Word-bestand"),
    ("te-groot.pdf", lambda: b"%PDF-" + bytes(MAX_ATTACHMENT_BYTES - 4), "groter dan 10 MB"),
    ("programma.exe", documents.pdf, "dit soort bestand kan niet"),
]


def test_an_attachment_that_is_too_large_or_not_what_it_claims_is_refused(uploads_allowed, app):
    client = login(app, "gemeente")
    before = table_counts(app)
    for filename, make, message in REFUSALS:
        # A good file next to the bad one: nothing at all is saved.
        response = share(client, files=[(documents.pdf(), "goed.pdf"), (make(), filename)])
        assert response.status_code == 400, filename
        page = response.get_data(as_text=True)
        assert message in page and filename in page, filename
        assert 'class="form-error" id="attachments-error"' in page, filename
    assert table_counts(app) == before


def test_more_than_five_attachments_are_refused(uploads_allowed, app):
    client = login(app, "gemeente")
    before = table_counts(app)
    files = [(documents.pdf() + bytes([n]), f"deel-{n}.pdf") for n in range(6)]
    response = share(client, files=files)
    assert response.status_code == 400
    assert "Hooguit 5 bijlagen" in response.get_data(as_text=True)
    assert table_counts(app) == before


def test_the_same_file_twice_is_kept_once(uploads_allowed, app):
    client = login(app, "gemeente")
    pdf = documents.pdf()
    response = share(client, files=[(pdf, "a.pdf"), (pdf, "b.pdf")])
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert len(attachment_links(page)) == 1


def test_a_request_over_the_request_limit_is_refused_whole(app):
    # Over the upload limit, Flask refuses the request before any code of ours runs.
    app.config["CONSULT_MAX_UPLOAD_LENGTH"] = 1024 * 1024
    client = login(app, "gemeente")
    before = table_counts(app)
    response = share(client, files=[(b"%PDF-" + bytes(2 * 1024 * 1024), "groot.pdf")])
    assert response.status_code == 413
    assert table_counts(app) == before
