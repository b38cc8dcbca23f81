"""The search page: for everyone, showing only what the visitor may see."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import gettext

from consult.core.auth import current_actor
from consult.extensions import db
from consult.organisations.models import Region, Tier
from consult.search import queries
from consult.search.models import KNOWLEDGE_KINDS, Kind
from consult.speerpunten.queries import visible_speerpunten

bp = Blueprint("search", __name__)

PER_PAGE = 20
MAX_PAGE = 500


@bp.route("/zoeken")
def index():
    actor = current_actor()
    query = request.args.get("q", "")
    filters, errors = queries.parse_filters(request.args, actor)
    raw_page = request.args.get("pagina", "1")
    if raw_page.isascii() and raw_page.isdigit() and 1 <= int(raw_page) <= MAX_PAGE:
        page = int(raw_page)
    else:
        errors["pagina"] = gettext("Kies een pagina tussen 1 en 500.")
        page = 1
    hits, total = ([], 0) if errors else queries.search(actor, query, filters, page, PER_PAGE)
    kinds = [kind for kind in Kind if actor is not None or kind not in KNOWLEDGE_KINDS]
    status = 400 if errors else 200
    return render_template(
        "search/index.html", query=query, filters=filters, errors=errors, hits=hits,
        total=total, more=total > queries.MAX_TOTAL, max_total=queries.MAX_TOTAL,
        pages=max(1, -(-min(total, queries.MAX_TOTAL) // PER_PAGE)), page=page, kinds=kinds,
        tiers=list(Tier), statuses=queries.STATUSES,
        regions=db.session.execute(Region.ordered()).scalars().all(),
        speerpunten=visible_speerpunten(actor), searched=bool(query.strip()),
        words=queries.words_of(query),
    ), status
