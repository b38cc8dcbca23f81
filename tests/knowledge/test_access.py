"""Every route of the knowledge platform and the helpdesk, for every kind of actor, with the
machinery and expectations of tests/core/test_access_matrix.py and test_every_page.py."""

from tests.amendments.test_journeys_web import login
from tests.core.test_access_matrix import ACTORS, PHASES, make_world, request_as, routes, set_phase
from tests.core.test_every_page import ACTORS as PAGE_ACTORS
from tests.helpdesk.samples import helpdesk_samples
from tests.knowledge.access import FORMS, TABLE
from tests.knowledge.samples import knowledge_samples

BLUEPRINTS = ("knowledge", "helpdesk")


def new_routes(app):
    return [(rule, method) for rule, method in routes(app)
            if rule.endpoint.split(".")[0] in BLUEPRINTS]


def world_with_samples(app, api, token):
    world = make_world(app, api, token)
    world[2].update(knowledge_samples(app))
    world[2].update(helpdesk_samples(app))
    return world


def test_every_new_route_has_an_access_decision(app):
    assert {(rule.endpoint, method) for rule, method in new_routes(app)} == set(TABLE)


def test_reading_every_new_route_as_every_actor_in_every_phase(app, api, token):
    world = world_with_samples(app, api, token)
    unexpected = []
    for phase in PHASES:
        set_phase(app, phase)
        for rule, method in new_routes(app):
            if method != "GET":
                continue
            for actor in ACTORS:
                expected = TABLE[(rule.endpoint, method)](actor, phase)
                status = request_as(world, actor, rule, method).status_code
                if status not in expected:
                    unexpected.append((rule.rule, actor, phase, status, expected))
    assert unexpected == []


def test_writing_every_new_route_as_every_actor(app, api, token):
    unexpected = []
    for rule, method in new_routes(app):
        if method == "GET":
            continue
        expect = TABLE[(rule.endpoint, method)]
        world = world_with_samples(app, api, token)
        ordered = sorted(ACTORS, key=lambda a: 200 in expect(a, "open") or
                         302 in expect(a, "open") or 201 in expect(a, "open"))
        for actor in ordered:
            response = request_as(world, actor, rule, method, None, FORMS.get(rule.endpoint))
            if response.status_code not in expect(actor, "open"):
                unexpected.append((rule.rule, method, actor, response.status_code,
                                   expect(actor, "open")))
    assert unexpected == []


def test_every_new_page_answers_every_actor_without_a_server_error(app):
    samples = {**knowledge_samples(app), **helpdesk_samples(app)}
    for who in PAGE_ACTORS:
        client = login(app, who) if who else app.test_client()
        for rule, method in new_routes(app):
            if method != "GET":
                continue
            url = rule.build({k: samples[k] for k in rule.arguments})[1]
            response = client.get(url)
            assert response.status_code in (200, 302, 403, 404), (who, url, response.status_code)
            if response.status_code == 200 and response.mimetype == "text/html":
                page = response.get_data(as_text=True)
                assert '<html lang="nl">' in page
                assert page.count("<h1") == 1, url
