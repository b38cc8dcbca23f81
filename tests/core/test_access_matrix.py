"""Every route of the application, for every kind of actor and every phase.

The table below says what each actor must get on each route; a route that is not in the
table fails the suite, so no page or endpoint can appear without an access decision.
"""

import pytest
import sqlalchemy as sa

from consult.extensions import db
from consult.speerpunten.models import Phase, Speerpunt
from tests.conftest import ACTORS as EMAILS
from tests.conftest import DEMO_PASSWORD

# anonymous; a gemeente; a province; the responsible ministry (VROM for inburgering);
# a ministry that is not responsible (OCW); a moderator; an admin.
ACTORS = ["anonymous", "gemeente", "provincie", "ministry", "other_ministry", "moderator",
          "admin"]
PHASES = ["concept", "open", "processing", "adopted"]
MODERATORS = {"moderator", "admin"}
MINISTRIES = {"ministry", "other_ministry"}


def visible(actor, phase):
    if phase == "adopted":
        return True
    if phase == "concept":
        return actor in MODERATORS
    return actor != "anonymous"


# --- expectations: (actor, phase) -> the status codes that are right -----------------------

def public(actor, phase):
    return {200}


def login_page(actor, phase):
    return {200} if actor == "anonymous" else {302}


def signed_in(actor, phase, ok=(200,)):
    return {302} if actor == "anonymous" else set(ok)


def speerpunt_page(actor, phase):
    return {200} if visible(actor, phase) else {404}


def speerpunt_page_signed_in(actor, phase):
    if actor == "anonymous":
        return {302}
    return {200} if visible(actor, phase) else {404}


def moderators_only(actor, phase, ok=(200,)):
    if actor == "anonymous":
        return {302}
    return set(ok) if actor in MODERATORS else {403}


def moderators_on_speerpunt(actor, phase, ok=(200,)):
    return moderators_only(actor, phase, ok)


def admins_only(actor, phase, ok=(200,)):
    if actor == "anonymous":
        return {302}
    return set(ok) if actor == "admin" else {403}


def ministries_only(actor, phase):
    if actor == "anonymous":
        return {302}
    return {200} if actor in MINISTRIES else {403}


def api_any(actor, phase):
    return {401} if actor == "anonymous" else {200}


def api_speerpunt(actor, phase, ok=(200,)):
    if actor == "anonymous":
        return {401}
    return set(ok) if visible(actor, phase) else {404}


def api_moderators(actor, phase, ok=(200,)):
    if actor == "anonymous":
        return {401}
    return set(ok) if actor in MODERATORS else {403}


def writes(ok, refused=None, who=None, anonymous=302):
    """A write route in phase open: `who` (None: anyone signed in) gets `ok`, others
    `refused`; anonymous visitors are sent to sign in (pages) or refused (API)."""
    def expect(actor, phase):
        if actor == "anonymous":
            return {anonymous}
        if who is None or actor in who:
            return set(ok)
        return {refused}
    return expect


API_OK = (200, 201, 204)
TABLE = {
    ("static", "GET"): public,
    ("speerpunten.home", "GET"): public,
    ("accounts.login", "GET"): login_page,
    ("accounts.login", "POST"): lambda a, p: {302} if a == "anonymous" else {302},
    ("accounts.second_factor", "GET"): lambda a, p: {302},
    ("accounts.second_factor", "POST"): lambda a, p: {302},
    ("accounts.logout", "POST"): writes((302,)),
    # Anyone may choose a language, signed in or not; it changes nobody else's data.
    ("language.switch", "POST"): lambda a, p: {302},
    ("accounts.profile", "GET"): signed_in,
    ("accounts.change_password", "POST"): writes((400,)),
    ("accounts.create_token", "POST"): writes((200,)),
    ("accounts.revoke_token", "POST"): writes((302, 404)),
    ("accounts.two_factor_setup", "GET"): signed_in,
    ("accounts.two_factor_setup", "POST"): writes((200, 400)),
    ("accounts.two_factor_disable", "POST"): writes((302, 303)),
    ("speerpunten.detail", "GET"): speerpunt_page,
    ("speerpunten.history", "GET"): speerpunt_page,
    ("speerpunten.version", "GET"): speerpunt_page,
    ("speerpunten.provenance", "GET"): speerpunt_page,
    ("speerpunten.diff", "GET"): speerpunt_page,
    ("speerpunten.edit_section", "GET"): moderators_on_speerpunt,
    ("speerpunten.edit_section", "POST"): writes((302, 409), 403, MODERATORS),
    ("speerpunten.follow", "POST"): lambda a, p: {302} if visible(a, p) or a == "anonymous"
    else {404},
    ("accounts.email_preference", "POST"): writes((303, 302)),
    # Only designated members endorse, and only adopted speerpunten: refused with a message.
    ("speerpunten.endorse", "POST"): writes((303,)),
    ("speerpunten.response_term", "POST"): writes((302,), 403, MODERATORS),
    ("speerpunten.change_phase", "POST"): writes((302, 303), 403, MODERATORS),
    ("amendments.index", "GET"): speerpunt_page,
    ("amendments.detail", "GET"): speerpunt_page,
    ("amendments.propose", "GET"): speerpunt_page_signed_in,
    ("amendments.propose", "POST"): writes((302,)),
    ("amendments.support", "POST"): writes((302, 303)),
    ("amendments.unsupport", "POST"): writes((302, 303)),
    # Nobody but the author (a partner here) withdraws: refused with a message.
    ("amendments.withdraw", "POST"): writes((303,)),
    ("amendments.respond", "POST"): writes((302,), 403, {"ministry"}),
    ("amendments.decide", "POST"): writes((302, 409), 403, MODERATORS),
    ("amendments.ministry", "GET"): ministries_only,
    ("comments.post", "POST"): writes((302,)),
    # A section's discussion is read like the speerpunt page; a comment's own address sends
    # whoever may read it to the page that holds it.
    ("comments.discussion", "GET"): speerpunt_page,
    ("comments.show", "GET"): lambda a, p: {302} if visible(a, p) else {404},
    ("comments.flag", "GET"): speerpunt_page_signed_in,
    ("comments.flag", "POST"): writes((302,)),
    ("comments.hide", "GET"): moderators_on_speerpunt,
    ("comments.hide", "POST"): writes((302, 409), 403, MODERATORS),
    ("comments.restore", "GET"): moderators_on_speerpunt,
    ("comments.restore", "POST"): writes((302, 409), 403, MODERATORS),
    ("moderation.queue", "GET"): moderators_only,
    ("moderation.moderate_comments", "POST"): writes((302, 303), 403, MODERATORS),
    ("audit.index", "GET"): moderators_only,
    ("notifications.index", "GET"): signed_in,
    # Exports hold what the reader may see: the agenda and the whole-agenda report answer
    # anyone (anonymous visitors get the adopted part), one speerpunt's report is read like
    # its page.
    ("exports.agenda_pdf", "GET"): public,
    ("exports.agenda_docx", "GET"): public,
    ("exports.report_pdf", "GET"): speerpunt_page,
    ("exports.report_csv", "GET"): speerpunt_page,
    ("exports.report_progress", "GET"): speerpunt_page,
    # Asking for a report to be made in the background: small reports are made at once, so
    # here every actor who sees the speerpunt is sent back to the download.
    ("exports.request_report_pdf", "POST"): lambda a, p: {303} if visible(a, p) else {404},
    ("dashboard.index", "GET"): signed_in,
    ("dashboard.download", "GET"): signed_in,
    ("search.index", "GET"): public,
    ("pages.accessibility", "GET"): public,
    ("api.search", "GET"): api_any,
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
    ("meetings.index", "GET"): signed_in,
    ("meetings.new", "GET"): moderators_only,
    ("meetings.new", "POST"): writes((400,), 403, MODERATORS),
    ("meetings.detail", "GET"): signed_in,
    ("meetings.ics", "GET"): signed_in,
    ("meetings.feed", "GET"): lambda a, p: {404},
    ("meetings.register", "POST"): writes((302, 303)),
    ("meetings.cancel", "POST"): writes((302, 303)),
    ("meetings.minutes", "POST"): writes((302,), 403, MODERATORS),
    ("meetings.on_behalf", "POST"): writes((302,), 403, MODERATORS),
    ("meetings.timeline", "GET"): moderators_only,
    ("meetings.timeline", "POST"): writes((302,), 403, MODERATORS),
    ("meetings.update_milestone", "POST"): writes((302,), 403, MODERATORS),
    ("notifications.mark_read", "POST"): writes((302,)),
    ("admin.index", "GET"): lambda a, p: admins_only(a, p, (302,)),
    ("admin.organisations", "GET"): admins_only,
    ("admin.organisations", "POST"): writes((302,), 403, {"admin"}),
    ("admin.users", "GET"): admins_only,
    ("admin.users", "POST"): writes((302,), 403, {"admin"}),
    ("admin.edit_user", "GET"): admins_only,
    ("admin.edit_user", "POST"): writes((302,), 403, {"admin"}),
    ("admin.responsibilities", "GET"): admins_only,
    ("admin.responsibilities", "POST"): writes((302,), 403, {"admin"}),
    ("admin.remove_responsibility", "POST"): writes((302,), 403, {"admin"}),
    ("api.openapi", "GET"): public,
    ("api.list_speerpunten", "GET"): api_any,
    ("api.get_speerpunt", "GET"): api_speerpunt,
    ("api.list_versions", "GET"): api_speerpunt,
    ("api.get_version", "GET"): api_speerpunt,
    ("api.provenance", "GET"): api_speerpunt,
    ("api.diff", "GET"): api_speerpunt,
    ("api.list_comments", "GET"): api_speerpunt,
    ("api.list_amendments", "GET"): api_speerpunt,
    ("api.get_amendment", "GET"): api_speerpunt,
    ("api.audit_log", "GET"): api_moderators,
    ("api.post_comment", "POST"): writes(API_OK, anonymous=401),
    ("api.propose", "POST"): writes(API_OK, anonymous=401),
    ("api.support", "POST"): writes(API_OK, anonymous=401),
    ("api.withdraw_support", "DELETE"): writes(API_OK, anonymous=401),
    ("api.flag_comment", "POST"): writes(API_OK, anonymous=401),
    ("api.withdraw", "POST"): writes(API_OK, 403, set(), anonymous=401),
    ("api.respond", "POST"): writes(API_OK, 403, {"ministry"}, anonymous=401),
    ("api.decide", "POST"): writes((200, 409), 403, MODERATORS, anonymous=401),
    ("api.hide_comment", "POST"): writes((200, 409), 403, MODERATORS, anonymous=401),
    ("api.restore_comment", "POST"): writes((200, 409), 403, MODERATORS, anonymous=401),
    ("api.change_phase", "POST"): writes((200, 409), 403, MODERATORS, anonymous=401),
    ("api.edit_section", "PUT"): writes((200, 409), 403, MODERATORS, anonymous=401),
}


def routes(app):
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def test_every_write_route_is_exercised(app):
    assert len(write_routes(app)) <= 80, "add to the range of test_writing_every_route"


def test_every_route_has_an_access_decision(app):
    in_app = {(rule.endpoint, method) for rule, method in routes(app)}
    assert in_app - set(TABLE) == set(), "routes without an entry in the access table"
    assert set(TABLE) - in_app == set(), "entries for routes that no longer exist"


@pytest.fixture
def world(app, api, token):
    return make_world(app, api, token)


def make_world(app, api, token):
    """A comment and an amendment by a partner on inburgering, and a client per actor."""
    set_phase(app, "open")
    partner = api("partner")
    text = partner.get("/speerpunten/inburgering").json["sections"]["ambitie"]
    amendment = partner.post("/speerpunten/inburgering/amendments", json={
        "section": "ambitie", "base_version": 1, "text": text + " Extra.",
        "rationale": "Omdat."}).json["id"]
    comment = partner.post("/speerpunten/inburgering/comments", json={
        "section": "ambitie", "body": "Reactie"}).json["id"]
    clients, headers = {}, {}
    for actor in ACTORS:
        client = app.test_client()
        if actor != "anonymous":
            client.post("/login", data={"email": EMAILS[actor], "password": DEMO_PASSWORD})
            headers[actor] = token(actor)
        clients[actor] = client
    from datetime import timedelta

    from consult.accounts.models import User
    from consult.core.types import utcnow
    from consult.meetings import operations as meetings
    from consult.meetings.models import Milestone
    from consult.organisations.models import Organisation, Region

    with app.app_context():
        from consult.core.database import write_transaction

        with write_transaction():
            def one(model, **where):
                return db.session.execute(sa.select(model).filter_by(**where)).scalar_one()

            start = utcnow() + timedelta(days=3)
            meeting = meetings.schedule(
                one(User, email=EMAILS["moderator"]), title="Bijeenkomst",
                region=one(Region, slug="oost"), speerpunt=one(Speerpunt, slug="inburgering"),
                starts_at=start, ends_at=start + timedelta(hours=2), place="Arnhem",
                organiser=one(Organisation, slug="forum"), programme="", capacity=10,
                audience="all", ministries=[])
            meeting_id = meeting.id
            db.session.commit()
        milestone_id = db.session.execute(sa.select(Milestone.id)).scalars().first()
    values = {"meeting_id": meeting_id, "milestone_id": milestone_id,
              "slug": "inburgering", "section": "ambitie", "number": 1, "amendment_id": amendment,
              "comment_id": comment, "user_id": 1, "token_id": 1, "org_slug": "justitie",
              "filename": "css/consult.css",
              "table": "deelname-per-bestuurslaag"}
    from tests.helpdesk.samples import helpdesk_samples
    from tests.knowledge.samples import knowledge_samples

    values.update({**knowledge_samples(app), **helpdesk_samples(app)})
    return clients, headers, values


def set_phase(app, phase):
    with app.app_context():
        speerpunt = db.session.execute(
            sa.select(Speerpunt).where(Speerpunt.slug == "inburgering")).scalar_one()
        speerpunt.phase = Phase(phase)
        db.session.commit()


def request_as(world, actor, rule, method, body=None, data=None):
    clients, headers, values = world
    url = rule.build({k: values[k] for k in rule.arguments})[1]
    url += QUERIES.get(rule.endpoint, "")
    kwargs = {}
    if rule.rule.startswith("/api/"):
        kwargs["headers"] = headers.get(actor, {})
        if method != "GET":
            kwargs["json"] = body or {}
    elif method != "GET":
        kwargs["data"] = data or {}
    return getattr(clients[actor], method.lower())(url, **kwargs)


@pytest.mark.parametrize("phase", PHASES)
def test_reading_every_route_as_every_actor_in_every_phase(app, world, phase):
    set_phase(app, phase)
    unexpected = []
    for rule, method in routes(app):
        if method != "GET":
            continue
        for actor in ACTORS:
            expected = TABLE[(rule.endpoint, method)](actor, phase)
            status = request_as(world, actor, rule, method).status_code
            if status not in expected:
                unexpected.append((rule.rule, actor, phase, status, expected))
    assert unexpected == []


QUERIES = {"api.diff": "?from=1&to=1"}

# Valid input for each write route, so that only the access rules decide the outcome.
BODIES = {
    "api.post_comment": {"section": "ambitie", "body": "Nog een reactie"},
    "api.propose": {"section": "ambitie", "base_version": 1, "text": "Iets heel anders.",
                    "rationale": "Omdat."},
    "api.flag_comment": {"reason": "spam"},
    "api.respond": {"position": "support", "body": "Eens."},
    "api.decide": {"decision": "reject", "reason": "Nee."},
    "api.hide_comment": {"reason": "Weg."},
    "api.restore_comment": {"reason": "Terug."},
    "api.change_phase": {"phase": "processing"},
    "api.edit_section": {"text": "Nieuwe tekst.", "base_version": 1, "summary": "Bewerking"},
}
FORMS = {
    "accounts.login": {"email": "beheer@demo.gia.nl", "password": DEMO_PASSWORD},
    "accounts.change_password": {"current_password": "fout", "new_password": "x",
                                 "confirm_password": "x"},
    "accounts.create_token": {"name": "Test"},
    "language.switch": {"lang": "en", "next": "/"},
    "accounts.two_factor_setup": {"code": "000000"},
    "speerpunten.edit_section": {"base_version": "1", "text": "Nieuw.", "summary": "Bewerkt"},
    "speerpunten.change_phase": {"phase": "processing"},
    "speerpunten.response_term": {"days": "21"},
    "amendments.propose": {"base_version": "1", "text": "Heel anders.", "rationale": "Omdat.",
                           "action": "submit"},
    "amendments.respond": {"position": "support", "body": "Eens."},
    "amendments.decide": {"decision": "reject", "reason": "Nee."},
    "comments.post": {"section": "ambitie", "body": "Reactie via formulier"},
    "comments.flag": {"reason": "spam"},
    "comments.hide": {"reason": "Weg."},
    "comments.restore": {"reason": "Terug."},
    "moderation.moderate_comments": {"comment_ids": ["1"], "action": "dismiss",
                                     "reason": "Afgehandeld."},
    "admin.organisations": {"name": "Gemeente Test", "slug": "gemeente-test",
                            "tier": "gemeente", "region": ""},
    "admin.users": {"name": "Test", "email": "nieuw@test.nl", "organisation": "vng",
                    "role": "participant", "password": "een lang wachtwoord"},
    "admin.edit_user": {"function": "wethouder", "organisation": "gemeente-nijmegen",
                        "role": "participant", "active": "y"},
    "admin.responsibilities": {"speerpunt": "werken", "organisation": "ocw"},
    "meetings.minutes": {"minutes": "Verslag"},
    "knowledge.share_example": {"title": "Taalmaatjes", "summary": "Kort samengevat.",
                                "body": "Zo deden wij het.", "contact_name": "Anouk de Vries",
                                "contact_email": "anouk@nijmegen.nl", "tags": "taal"},
    "knowledge.ask": {"title": "Wie weet hoe dit werkt?", "body": "Toelichting."},
    "knowledge.answer": {"body": "Zo deden wij het."},
    "helpdesk.index": {"subject": "Een vraag", "body": "Hoe werkt dit?"},
    "helpdesk.answer": {"answer": "Zo werkt het."},
    "helpdesk.publish": {"faq_question": "Hoe werkt dit?", "faq_answer": "Zo werkt het."},
    "meetings.on_behalf": {"kind": "comment", "section": "ambitie", "body": "Namens"},
    "meetings.timeline": {"title": "Mijlpaal", "due": "2009-01-01", "status": "planned"},
    "meetings.update_milestone": {"status": "done"},
}


def write_routes(app):
    return [(rule, method) for rule, method in routes(app) if method != "GET"]


@pytest.mark.parametrize("index", range(0, 80, 10))
def test_writing_every_route_as_every_actor(app, index, api, token):
    """Each write route in phase open, refused actors first so that an allowed actor's
    change cannot hide a refusal; logout last, since it ends the session."""
    selected = sorted(write_routes(app), key=lambda rm: (rm[0].endpoint == "accounts.logout",
                                                        rm[0].endpoint))[index:index + 10]
    unexpected = []
    for rule, method in selected:
        expect = TABLE[(rule.endpoint, method)]
        # A fresh world per route: new objects, the actors signed in anew.
        world_ = make_world(app, api, token)
        ordered = sorted(ACTORS, key=lambda a: 200 in expect(a, "open") or
                         302 in expect(a, "open") or 201 in expect(a, "open"))
        for actor in ordered:
            response = request_as(world_, actor, rule, method, BODIES.get(rule.endpoint),
                                  FORMS.get(rule.endpoint))
            if response.status_code not in expect(actor, "open"):
                unexpected.append((rule.rule, method, actor, response.status_code,
                                   expect(actor, "open")))
    assert unexpected == []
