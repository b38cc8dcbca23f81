"""The knowledge platform (kennisplatform): per region and speerpunt, practice examples and
questions that regions ask and answer each other ("brengen en halen")."""

from __future__ import annotations

from flask import Flask

from consult.knowledge import models  # noqa: F401  (the tables known to the metadata)


def init_app(app: Flask) -> None:
    """Attach the knowledge platform's pages to the application."""
    from consult.knowledge.views import bp

    if bp.name not in app.blueprints:  # safe to call twice (tests call it too)
        app.register_blueprint(bp)
