"""Pages for reading the agenda: the home page, a speerpunt, its versions."""

from __future__ import annotations

from flask import Blueprint, render_template

from consult.core.auth import current_actor
from consult.speerpunten import queries

bp = Blueprint("speerpunten", __name__)


@bp.route("/")
def home():
    actor = current_actor()
    return render_template("speerpunten/home.html", speerpunten=queries.visible_speerpunten(actor))


@bp.route("/speerpunten/<slug>")
def detail(slug: str):
    speerpunt = queries.get_visible_speerpunt(current_actor(), slug)
    version = queries.current_version(speerpunt)
    return render_template("speerpunten/detail.html", speerpunt=speerpunt, version=version)


@bp.route("/speerpunten/<slug>/versies")
def history(slug: str):
    speerpunt = queries.get_visible_speerpunt(current_actor(), slug)
    return render_template(
        "speerpunten/history.html", speerpunt=speerpunt, versions=queries.version_history(speerpunt)
    )


@bp.route("/speerpunten/<slug>/versies/<int(signed=True):number>")
def version(slug: str, number: int):
    speerpunt = queries.get_visible_speerpunt(current_actor(), slug)
    version = queries.get_version(speerpunt, number)
    return render_template("speerpunten/version.html", speerpunt=speerpunt, version=version)
