"""The `app` fixture with the knowledge platform and the helpdesk attached.

Until create_app calls consult.knowledge.init_app and consult.helpdesk.init_app itself, the
tests in tests/knowledge and tests/helpdesk use this copy of the `app` fixture of
tests/conftest.py. Afterwards it still works: init_app is safe to call twice.
"""

import pytest

import consult.helpdesk
import consult.knowledge
from consult import create_app
from consult.extensions import db
from tests.conftest import base_config


@pytest.fixture
def app(template, database_url):
    app = create_app(base_config(database_url))
    consult.knowledge.init_app(app)
    consult.helpdesk.init_app(app)
    with app.app_context():
        template.reset(app)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
