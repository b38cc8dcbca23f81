"""Generated form posts to every write route of the knowledge platform and the helpdesk:
never a server error, and a refused post writes nothing."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.amendments.test_journeys_web import login
from tests.helpdesk.samples import helpdesk_samples
from tests.helpers import table_counts
from tests.knowledge.samples import knowledge_samples
from tests.security.test_fuzz_api import form_values

form_data = st.dictionaries(
    st.sampled_from(["title", "summary", "body", "contact_name", "contact_email", "tags",
                     "attachments", "subject", "answer", "faq_question", "faq_answer"]),
    form_values, max_size=7)


@pytest.mark.parametrize("who", ["gemeente", "provincie", "moderator"])
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_generated_form_posts_never_fail_and_refusals_write_nothing(app, who, data):
    if not hasattr(app, "_fuzz_new"):
        app._fuzz_new = {"values": {**knowledge_samples(app), **helpdesk_samples(app)},
                         "clients": {}}
    clients = app._fuzz_new["clients"]
    if who not in clients:
        clients[who] = login(app, who)
    rules = sorted((r for r in app.url_map.iter_rules() if "POST" in r.methods
                    and r.endpoint.split(".")[0] in ("knowledge", "helpdesk")),
                   key=lambda r: r.rule)
    rule = data.draw(st.sampled_from(rules))
    values = {**app._fuzz_new["values"],
              "region_slug": data.draw(st.sampled_from(["oost", "bestaat-niet"])),
              "speerpunt_slug": data.draw(st.sampled_from(["inburgering", "x"]))}
    url = rule.build({k: values[k] for k in rule.arguments})[1]
    before = table_counts(app)
    response = clients[who].post(url, data=data.draw(form_data))
    assert response.status_code < 500, (url, response.status_code)
    if response.status_code >= 400 or response.status_code == 303:
        assert table_counts(app) == before, url
