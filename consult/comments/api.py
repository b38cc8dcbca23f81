"""API endpoints for comments."""

from __future__ import annotations

from flask import current_app, request

from consult.api import Body, api_actor, bp, list_response, pagination, parse_body
from consult.api.serializers import author, timestamp
from consult.comments import operations, queries
from consult.comments.models import Comment
from consult.comments.permissions import can_moderate_comments, can_read_hidden_body
from consult.core import fragments
from consult.core.errors import ValidationFailed
from consult.speerpunten import queries as speerpunt_queries
from consult.speerpunten.models import SECTIONS


def comment_json(comment: Comment, viewer) -> dict:
    return {
        "id": comment.id,
        "section": comment.section,
        "body": comment.body if can_read_hidden_body(viewer, comment) else None,
        "author": author(comment.author),
        "parent_id": comment.parent_id,
        "amendment_id": comment.amendment_id,
        "created_at": timestamp(comment.created_at),
        "status": comment.status.value,
    }


class CommentBody(Body):
    section: str
    body: str
    parent_id: int | None = None
    amendment_id: int | None = None


class ReasonBody(Body):
    reason: str


@bp.post("/speerpunten/<slug>/comments")
def post_comment(slug: str):
    actor = api_actor()
    speerpunt = speerpunt_queries.get_visible_speerpunt(actor, slug)
    data = parse_body(CommentBody)
    comment = operations.post_comment(
        actor, speerpunt, section=data.section, body=data.body, parent_id=data.parent_id,
        amendment_id=data.amendment_id,
    )
    return comment_json(comment, actor), 201


@bp.get("/speerpunten/<slug>/comments")
def list_comments(slug: str):
    actor = api_actor()
    speerpunt = speerpunt_queries.get_visible_speerpunt(actor, slug)
    section = request.args.get("section")
    if section is not None and section not in SECTIONS:
        raise ValidationFailed(fields={"section": "Onbekende sectie."})
    page, per_page = pagination()
    # One page of the list is the same for every reader of one kind (moderators read hidden
    # texts): kept per revision of the speerpunt, which every new, hidden or restored
    # comment moves in its own transaction.
    key = ("api-comments", speerpunt.id, speerpunt.revision, section, page, per_page,
           can_moderate_comments(actor))

    def render() -> bytes:
        items, total = queries.comments_page(speerpunt, section, page, per_page)
        return current_app.json.response(list_response(
            [comment_json(c, actor) for c in items], page, per_page, total)).get_data()

    return current_app.response_class(fragments.cached(key, render),
                                      mimetype=current_app.json.mimetype)


@bp.post("/comments/<id:comment_id>/flag")
def flag_comment(comment_id: int):
    actor = api_actor()
    comment, _speerpunt = queries.get_visible_comment(actor, comment_id)
    data = parse_body(ReasonBody)
    created = operations.flag_comment(actor, comment, data.reason)
    return comment_json(comment, actor), 201 if created else 200


@bp.post("/comments/<id:comment_id>/hide")
def hide_comment(comment_id: int):
    actor = api_actor()
    comment, _speerpunt = queries.get_visible_comment(actor, comment_id)
    data = parse_body(ReasonBody)
    return comment_json(operations.hide_comment(actor, comment, data.reason), actor)


@bp.post("/comments/<id:comment_id>/restore")
def restore_comment(comment_id: int):
    actor = api_actor()
    comment, _speerpunt = queries.get_visible_comment(actor, comment_id)
    data = parse_body(ReasonBody)
    return comment_json(operations.restore_comment(actor, comment, data.reason), actor)
