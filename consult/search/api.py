"""GET /api/v1/search: the search page's results in the contract's list format."""

from __future__ import annotations

from flask import request

from consult.api import api_actor, bp, list_response, pagination
from consult.core.errors import ValidationFailed
from consult.search import queries


@bp.get("/search")
def search():
    actor = api_actor()
    filters, errors = queries.parse_filters(request.args, actor)
    if errors:
        raise ValidationFailed(fields=errors)
    page, per_page = pagination()
    hits, total = queries.search(actor, request.args.get("q", ""), filters, page, per_page)
    return list_response(
        [{"kind": hit.kind.value, "id": hit.id, "title": hit.title,
          "snippet": hit.plain_snippet, "url": hit.url} for hit in hits],
        # Counted up to MAX_TOTAL: past that the total says "at least this many".
        page, per_page, min(total, queries.MAX_TOTAL),
    )
