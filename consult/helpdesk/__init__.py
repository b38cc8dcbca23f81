"""The helpdesk of the service centre (FORUM): questions from participants, answers from
FORUM's staff, and the answered questions published as public FAQ."""

from __future__ import annotations

from flask import Flask

from consult.helpdesk import models  # noqa: F401  (the tables known to the metadata)


def init_app(app: Flask) -> None:
    """Attach the helpdesk's pages to the application."""
    from consult.helpdesk.views import bp

    if bp.name not in app.blueprints:  # safe to call twice (tests call it too)
        app.register_blueprint(bp)
