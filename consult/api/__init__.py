"""The JSON API under /api/v1: token authentication, the error format, pagination."""

from __future__ import annotations

import hashlib
from typing import TypeVar

from flask import Blueprint, current_app, g, request
from pydantic import BaseModel, ConfigDict
from pydantic import ValidationError as PydanticValidationError
from sqlalchemy.exc import OperationalError

from consult.accounts.operations import note_token_use, token_use
from consult.core.errors import BadRequest, Unauthorized, ValidationFailed
from consult.extensions import db, limiter
from consult.speerpunten.queries import Along

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def _write_limit() -> str:
    return current_app.config["CONSULT_RATELIMIT_API_WRITE"]


def _token_key() -> str:
    # Per token (hashed, never the secret itself), so one busy system does not slow others.
    header = request.headers.get("Authorization", "")
    return "token:" + hashlib.sha256(header.encode()).hexdigest()


limiter.limit(_write_limit, key_func=_token_key, methods=["POST", "PUT", "PATCH", "DELETE"])(bp)

PUBLIC_ENDPOINTS = {"api.openapi"}


@bp.before_request
def authenticate():
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    header = request.headers.get("Authorization", "")
    scheme, _sep, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise Unauthorized()
    use = token_use(secret.strip(), Along.for_request())
    if use is None:
        raise Unauthorized("Het API-token is onbekend of ingetrokken.")
    user = use.user
    try:
        # The note of its last use is kept even on a read. It is a note, not what the request
        # is for: when the database refuses the write at this moment (on SQLite, a request
        # with the same token that wrote it since this one began reading), the request goes
        # on without it and a later one notes it.
        if note_token_use(use):
            db.session.commit()
    except OperationalError:
        db.session.rollback()
    g.api_user = user
    return None


def api_actor():
    return g.api_user


class Body(BaseModel):
    """A JSON request body: exact types, and no fields beyond those named."""

    model_config = ConfigDict(extra="forbid", strict=True)


BodyT = TypeVar("BodyT", bound=Body)

_PYDANTIC_MESSAGES = {
    "missing": "Dit veld is verplicht.",
    "extra_forbidden": "Dit veld is niet toegestaan.",
    "string_type": "Moet tekst zijn.",
    "int_type": "Moet een geheel getal zijn.",
    "bool_type": "Moet true of false zijn.",
    "literal_error": "Deze waarde is niet toegestaan.",
    "enum": "Deze waarde is niet toegestaan.",
    "datetime_type": "Moet een tijdstip zijn (ISO 8601).",
    "datetime_parsing": "Moet een tijdstip zijn (ISO 8601).",
    "string_too_long": "Deze tekst is te lang.",
    "int_from_float": "Moet een geheel getal zijn.",
    "greater_than_equal": "Deze waarde is te klein.",
    "less_than_equal": "Deze waarde is te groot.",
}


def parse_body(model: type[BodyT], *, allow_empty: bool = False) -> BodyT:
    """Read the request body as JSON into `model`, or refuse it in the contract's format."""
    raw = request.get_data(cache=True)
    if allow_empty and not raw.strip():
        payload: object = {}
    else:
        if request.mimetype != "application/json":
            raise BadRequest("Stuur een JSON-object met Content-Type application/json.")
        payload = request.get_json(silent=True)
        if not isinstance(payload, dict):
            raise BadRequest("De inhoud van het verzoek is geen JSON-object.")
    try:
        return model.model_validate(payload)
    except PydanticValidationError as exc:
        fields: dict[str, str] = {}
        for error in exc.errors():
            name = ".".join(str(part) for part in error["loc"]) or "body"
            fields.setdefault(name, _PYDANTIC_MESSAGES.get(error["type"], "Ongeldige waarde."))
        raise ValidationFailed(fields=fields) from None


def pagination(max_per_page: int = 100) -> tuple[int, int]:
    """Read ?page= and ?per_page=, refusing anything that is not a sensible number."""
    fields: dict[str, str] = {}
    values: dict[str, int] = {}
    for name, default, maximum in (("page", 1, 1_000_000), ("per_page", 50, max_per_page)):
        raw = request.args.get(name)
        if raw is None or raw == "":
            values[name] = default
            continue
        if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
            fields[name] = "Moet een positief geheel getal zijn."
            continue
        value = int(raw)
        if value < 1 or value > maximum:
            fields[name] = f"Moet tussen 1 en {maximum} liggen."
            continue
        values[name] = value
    if fields:
        raise ValidationFailed(fields=fields)
    return values["page"], values["per_page"]


def list_response(items: list, page: int, per_page: int, total: int) -> dict:
    return {"items": items, "page": page, "per_page": per_page, "total": total}


def paginate_list(all_items: list, serialize) -> dict:
    page, per_page = pagination()
    start = (page - 1) * per_page
    return list_response(
        [serialize(item) for item in all_items[start : start + per_page]],
        page, per_page, len(all_items),
    )


from consult.amendments import api as amendments_api  # noqa: E402,F401
from consult.api import openapi, serializers  # noqa: E402,F401
from consult.audit import api as audit_api  # noqa: E402,F401
from consult.comments import api as comments_api  # noqa: E402,F401
from consult.speerpunten import api as speerpunten_api  # noqa: E402,F401
from consult.search import api as search_api  # noqa: E402,F401
