"""Large consultation reports are made in the background by a process of their own, with their
progress on the page, and offered for download until the data changes."""

from __future__ import annotations

import time

import sqlalchemy as sa

from consult.exports.models import ExportJob, ExportStatus
from consult.extensions import db
from tests.amendments.test_journeys_web import login
from tests.exports.documents import Pdf
from tests.helpers import section_text


def propose(api, who, sentence):
    text = section_text(api(who), "wonen", "ambitie") + " " + sentence
    response = api(who).post("/speerpunten/wonen/amendments", json={
        "section": "ambitie", "base_version": 1, "text": text, "rationale": "Omdat het nodig is."})
    assert response.status_code == 201, response.json
    return response.json["id"]


def jobs(app):
    with app.app_context():
        return [(job.status, job.slug) for job in db.session.execute(
            sa.select(ExportJob).order_by(ExportJob.id)).scalars()]


def test_a_large_report_is_made_in_the_background_and_then_offered(app, api):
    app.config["CONSULT_EXPORT_INLINE_AMENDMENTS"] = 1
    propose(api, "gemeente", "Gemeenten bouwen samen met corporaties.")
    propose(api, "provincie", "Provincies stemmen de bouwplannen regionaal af.")
    client = login(app, "partner")

    page = client.get("/export/consultatieverslag/wonen.pdf")
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert "Maak het verslag" in page.get_data(as_text=True)
    assert jobs(app) == []  # looking does not queue anything

    response = client.post("/export/consultatieverslag/wonen.pdf")
    assert response.status_code == 303
    response.close()  # the worker starts once the response is done with
    assert jobs(app)[0][1] == "wonen"

    deadline = time.monotonic() + 120
    while True:
        result = client.get("/export/consultatieverslag/wonen.pdf")
        if result.mimetype == "application/pdf":
            break
        text = result.get_data(as_text=True)
        assert "Voortgang" in text and "<progress" in text, text
        assert time.monotonic() < deadline, "the report was not made in time"
        time.sleep(0.5)
    document = Pdf(result.get_data())
    assert "Gemeenten bouwen samen met corporaties." in document.text
    assert "Provincies stemmen de bouwplannen regionaal af." in document.text
    assert jobs(app) == [(ExportStatus.DONE, "wonen")]

    # Anyone else who may see the speerpunt gets the same file; nothing new is made.
    again = login(app, "ministry").get("/export/consultatieverslag/wonen.pdf")
    assert again.mimetype == "application/pdf" and again.get_data() == result.get_data()
    assert len(jobs(app)) == 1

    # A change to the data makes the stored report out of date.
    api("ministry").post("/amendments/1/responses", json={"position": "support",
                                                         "body": "Eens."})
    assert "Maak het verslag" in client.get(
        "/export/consultatieverslag/wonen.pdf").get_data(as_text=True)


def test_a_failed_report_can_be_asked_for_again(app, api):
    app.config["CONSULT_EXPORT_INLINE_AMENDMENTS"] = 0
    app.config["CONSULT_EXPORT_WORKER"] = "external"  # nothing starts: we play the worker
    propose(api, "gemeente", "Een zin.")
    client = login(app, "partner")
    assert client.post("/export/consultatieverslag/wonen.pdf").status_code == 303
    with app.app_context():
        job = db.session.execute(sa.select(ExportJob)).scalar_one()
        job.status, job.error = ExportStatus.FAILED, "MemoryError"
        db.session.commit()
    page = client.get("/export/consultatieverslag/wonen.pdf").get_data(as_text=True)
    assert "mislukt" in page and "Maak het verslag" in page
    assert client.post("/export/consultatieverslag/wonen.pdf").status_code == 303
    assert jobs(app) == [(ExportStatus.QUEUED, "wonen")]
    page = client.get("/export/consultatieverslag/wonen.pdf").get_data(as_text=True)
    assert "In de wachtrij" in page


def test_the_worker_makes_queued_reports_from_the_command_line(app, api, runner):
    app.config["CONSULT_EXPORT_INLINE_AMENDMENTS"] = 0
    app.config["CONSULT_EXPORT_WORKER"] = "external"
    propose(api, "gemeente", "Een zin over de wijk.")
    assert login(app, "partner").post("/export/consultatieverslag/all.pdf").status_code == 303
    result = runner.invoke(args=["consult", "build-exports"])
    assert result.exit_code == 0, result.output
    assert "Verslagen gemaakt: 1" in result.output
    assert jobs(app) == [(ExportStatus.DONE, "all")]
    download = login(app, "gemeente").get("/export/consultatieverslag/all.pdf")
    assert download.mimetype == "application/pdf"
    assert "Een zin over de wijk." in Pdf(download.get_data()).text
