"""Consult: the consultation platform for the Gemeenschappelijke Integratieagenda."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application; a mapping passed in overrides every other setting."""
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    from consult import config

    app.config.from_mapping(config.from_environment(Path(app.instance_path)))
    # An optional instance/config.py for settings kept out of the environment.
    app.config.from_pyfile("config.py", silent=True)
    if test_config is not None:
        app.config.from_mapping(test_config)

    from consult.core import database  # registers the engine hooks
    from consult.core.web import IdConverter, init_web

    app.url_map.converters["id"] = IdConverter
    from consult.extensions import babel, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "consult" / "migrations"))
    csrf.init_app(app)
    from consult.core import i18n

    babel.init_app(app, locale_selector=i18n.select_locale)
    login_manager.init_app(app)
    limiter.init_app(app)

    from consult import models  # noqa: F401  (every table known to the metadata)
    from consult.search import indexing  # noqa: F401  (keeps the search index current)
    from consult.speerpunten import revisions  # noqa: F401  (keeps the page revisions current)

    init_web(app)
    from consult.core import fragments

    fragments.init_app(app)
    i18n.init_app(app)

    from consult.accounts.views import bp as accounts_bp
    from consult.admin.views import bp as admin_bp
    from consult.amendments.views import bp as amendments_bp
    from consult.api import bp as api_bp
    from consult.audit.views import bp as audit_bp
    from consult.comments.views import bp as comments_bp
    from consult.meetings.views import bp as meetings_bp
    from consult.moderation.views import bp as moderation_bp
    from consult.notifications.views import bp as notifications_bp
    from consult.pages.views import bp as pages_bp
    from consult.search.views import bp as search_bp
    from consult.speerpunten.views import bp as speerpunten_bp

    for blueprint in (accounts_bp, speerpunten_bp, comments_bp, amendments_bp, moderation_bp, notifications_bp, meetings_bp, audit_bp,
                      admin_bp, search_bp, pages_bp, api_bp):
        app.register_blueprint(blueprint)

    from consult.exports.views import bp as exports_bp

    app.register_blueprint(exports_bp)

    from consult.dashboard.views import bp as dashboard_bp

    app.register_blueprint(dashboard_bp)

    from consult import helpdesk, knowledge

    knowledge.init_app(app)
    helpdesk.init_app(app)

    from flask import request

    @app.url_value_preprocessor
    def upload_limit(endpoint, values):
        # Uploads may be larger than other requests; this runs before anything reads the
        # body (the NUL check and the CSRF check do, in before_request).
        if endpoint == "knowledge.share_example":
            request.max_content_length = app.config["CONSULT_MAX_UPLOAD_LENGTH"]
    csrf.exempt(api_bp)

    from consult.cli import consult_cli

    app.cli.add_command(consult_cli)
    return app
