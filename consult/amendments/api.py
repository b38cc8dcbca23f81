"""API endpoints for amendments, supports, responses and decisions."""

from __future__ import annotations

from typing import Literal

from flask import request

from consult.amendments import operations, permissions, queries
from consult.amendments.models import Amendment
from consult.api import Body, api_actor, bp, list_response, pagination, parse_body
from consult.api.serializers import author, timestamp
from consult.core.errors import Forbidden
from consult.speerpunten import queries as speerpunt_queries
from consult.speerpunten.models import Speerpunt


def amendment_json(amendment: Amendment, speerpunt: Speerpunt) -> dict:
    decision = None
    if amendment.status.value in ("accepted", "rejected"):
        decision = {
            "decision": "accept" if amendment.status.value == "accepted" else "reject",
            "reason": amendment.decision_reason,
            "by": author(amendment.decided_by),
            "at": timestamp(amendment.decided_at),
            "version": amendment.result_version,
            "modified": amendment.decision_modified,
        }
    return {
        "id": amendment.id,
        "speerpunt": speerpunt.slug,
        "section": amendment.section,
        "base_version": amendment.base_version,
        "text": amendment.text,
        "rationale": amendment.rationale,
        "status": amendment.status.value,
        "author": author(amendment.author),
        "created_at": timestamp(amendment.created_at),
        "supports": [
            {"author": author(s.user), "created_at": timestamp(s.created_at)}
            for s in amendment.supports
        ],
        "responses": [
            {"id": r.id, "position": r.position.value, "body": r.body, "author": author(r.author),
             "created_at": timestamp(r.created_at)}
            for r in amendment.responses
        ],
        "decision": decision,
        # When the responsible ministries' formal response is due; null once decided.
        "response_due_at": timestamp(queries.response_due(amendment, speerpunt))
        if amendment.is_pending else None,
        "overdue": queries.is_overdue(amendment, speerpunt),
    }


class AmendmentBody(Body):
    section: str
    base_version: int
    text: str
    rationale: str


class ResponseBody(Body):
    position: str
    body: str


class DecisionBody(Body):
    decision: Literal["accept", "reject"]
    reason: str = ""
    text: str | None = None


class EmptyBody(Body):
    pass


@bp.post("/speerpunten/<slug>/amendments")
def propose(slug: str):
    actor = api_actor()
    speerpunt = speerpunt_queries.get_visible_speerpunt(actor, slug)
    data = parse_body(AmendmentBody)
    amendment = operations.propose_amendment(
        actor, speerpunt, section=data.section, base_version=data.base_version, text=data.text,
        rationale=data.rationale,
    )
    return amendment_json(amendment, speerpunt), 201


@bp.get("/speerpunten/<slug>/amendments")
def list_amendments(slug: str):
    actor = api_actor()
    speerpunt = speerpunt_queries.get_visible_speerpunt(actor, slug)
    status = queries.parse_status(request.args.get("status"))
    page, per_page = pagination()
    items, total = queries.amendments_page(speerpunt, status, page, per_page)
    return list_response([amendment_json(a, speerpunt) for a in items], page, per_page, total)


@bp.get("/amendments/<id:amendment_id>")
def get_amendment(amendment_id: int):
    amendment, speerpunt = queries.get_visible_amendment(api_actor(), amendment_id)
    return amendment_json(amendment, speerpunt)


@bp.post("/amendments/<id:amendment_id>/support")
def support(amendment_id: int):
    actor = api_actor()
    amendment, speerpunt = queries.get_visible_amendment(actor, amendment_id)
    parse_body(EmptyBody, allow_empty=True)
    created = operations.support(actor, amendment, speerpunt)
    return amendment_json(amendment, speerpunt), 201 if created else 200


@bp.delete("/amendments/<id:amendment_id>/support")
def withdraw_support(amendment_id: int):
    actor = api_actor()
    amendment, speerpunt = queries.get_visible_amendment(actor, amendment_id)
    operations.withdraw_support(actor, amendment, speerpunt)
    return "", 204


@bp.post("/amendments/<id:amendment_id>/withdraw")
def withdraw(amendment_id: int):
    actor = api_actor()
    amendment, speerpunt = queries.get_visible_amendment(actor, amendment_id)
    parse_body(EmptyBody, allow_empty=True)
    operations.withdraw(actor, amendment)
    return amendment_json(amendment, speerpunt)


@bp.post("/amendments/<id:amendment_id>/responses")
def respond(amendment_id: int):
    actor = api_actor()
    amendment, speerpunt = queries.get_visible_amendment(actor, amendment_id)
    if not permissions.is_responsible_ministry_member(actor, speerpunt):
        raise Forbidden("Alleen een verantwoordelijk ministerie reageert formeel op dit speerpunt.")
    data = parse_body(ResponseBody)
    response = operations.respond(actor, amendment, speerpunt, position=data.position,
                                  body=data.body)
    return {"id": response.id, "position": response.position.value, "body": response.body,
            "author": author(response.author), "created_at": timestamp(response.created_at)}, 201


@bp.post("/amendments/<id:amendment_id>/decision")
def decide(amendment_id: int):
    actor = api_actor()
    amendment, speerpunt = queries.get_visible_amendment(actor, amendment_id)
    if not actor.is_moderator:
        raise Forbidden("Alleen moderatoren besluiten over amendementen.")
    data = parse_body(DecisionBody)
    amendment = operations.decide(actor, amendment, speerpunt, decision=data.decision,
                                  reason=data.reason, text=data.text)
    body = amendment_json(amendment, speerpunt)
    body["version"] = amendment.result_version
    return body
