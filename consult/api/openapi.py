"""The OpenAPI 3.1 document describing the API as built."""

from __future__ import annotations

from consult.api import bp
from consult.speerpunten.models import SECTIONS

ERROR_RESPONSES = {
    "400": "Het verzoek is ongeldig (`bad_request` of `validation_failed`).",
    "401": "Geen geldig token (`unauthorized`).",
    "403": "Aangemeld, maar niet toegestaan (`forbidden`).",
    "404": "Bestaat niet of is niet zichtbaar (`not_found`).",
    "409": "De toestand staat dit niet toe (`conflict`, `phase_closed`, `stale_version`, "
    "`merge_conflict`).",
    "413": "Verzoek te groot (`payload_too_large`).",
    "429": "Te veel verzoeken (`rate_limited`).",
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _errors(*statuses: str) -> dict:
    return {
        status: {
            "description": ERROR_RESPONSES[status],
            "content": {"application/json": {"schema": _ref("Error")}},
        }
        for status in statuses
    }


def _ok(schema: dict, description: str = "OK", status: str = "200") -> dict:
    return {status: {"description": description, "content": {"application/json": {"schema": schema}}}}


def _list_of(name: str) -> dict:
    return {
        "type": "object",
        "required": ["items", "page", "per_page", "total"],
        "properties": {
            "items": {"type": "array", "items": _ref(name)},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": 100},
            "total": {"type": "integer", "minimum": 0},
        },
    }


SLUG_PARAM = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"},
              "description": "Slug van het speerpunt, bijvoorbeeld `inburgering`."}
PAGE_PARAMS = [
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
    {"name": "per_page", "in": "query",
     "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 50}},
]
SECTIONS_SCHEMA = {
    "type": "object",
    "required": list(SECTIONS),
    "properties": {key: {"type": "string", "description": title} for key, title in SECTIONS.items()},
    "additionalProperties": False,
}

SCHEMAS: dict[str, dict] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "string", "enum": [
                        "bad_request", "validation_failed", "unauthorized", "forbidden",
                        "not_found", "method_not_allowed", "phase_closed", "conflict",
                        "stale_version", "merge_conflict", "payload_too_large", "rate_limited",
                    ]},
                    "message": {"type": "string"},
                    "fields": {"type": "object", "additionalProperties": {"type": "string"}},
                },
            }
        },
    },
    "Organisation": {
        "type": "object",
        "required": ["slug", "name", "tier"],
        "properties": {
            "slug": {"type": "string"},
            "name": {"type": "string"},
            "tier": {"type": "string", "enum": ["rijk", "provincie", "gemeente", "partner"]},
        },
    },
    "Author": {
        "type": "object",
        "required": ["id", "name", "organisation"],
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "organisation": _ref("Organisation"),
        },
    },
    "SpeerpuntSummary": {
        "type": "object",
        "required": ["slug", "title", "phase", "current_version"],
        "properties": {
            "slug": {"type": "string"},
            "title": {"type": "string"},
            "phase": {"type": "string", "enum": ["concept", "open", "processing", "adopted"]},
            "current_version": {"type": "integer", "minimum": 1},
        },
    },
    "Speerpunt": {
        "allOf": [
            _ref("SpeerpuntSummary"),
            {
                "type": "object",
                "required": ["responsible", "response_term_days", "sections"],
                "properties": {
                    "responsible": {"type": "array", "items": {"type": "string"},
                                    "description": "Slugs van de verantwoordelijke ministeries."},
                    "response_term_days": {
                        "type": "integer", "minimum": 1, "maximum": 365,
                        "description": "Reactietermijn van de ministeries in dagen."},
                    "sections": SECTIONS_SCHEMA,
                },
            },
        ]
    },
    "VersionSummary": {
        "type": "object",
        "required": ["number", "created_at", "author", "amendment_id", "summary"],
        "properties": {
            "number": {"type": "integer", "minimum": 1},
            "created_at": {"type": "string", "format": "date-time"},
            "author": {"oneOf": [_ref("Author"), {"type": "null"}]},
            "amendment_id": {"type": ["integer", "null"]},
            "summary": {"type": "string"},
        },
    },
    "Version": {
        "allOf": [
            _ref("VersionSummary"),
            {"type": "object", "required": ["sections"], "properties": {"sections": SECTIONS_SCHEMA}},
        ]
    },
}

PATHS: dict[str, dict] = {
    "/speerpunten": {
        "get": {
            "summary": "De speerpunten in agendavolgorde, voor zover zichtbaar.",
            "operationId": "listSpeerpunten",
            "parameters": PAGE_PARAMS,
            "responses": {**_ok(_list_of("SpeerpuntSummary")), **_errors("400", "401")},
        }
    },
    "/speerpunten/{slug}": {
        "get": {
            "summary": "Een speerpunt met de tekst van zijn huidige versie.",
            "operationId": "getSpeerpunt",
            "parameters": [SLUG_PARAM],
            "responses": {**_ok(_ref("Speerpunt")), **_errors("401", "404")},
        }
    },
    "/speerpunten/{slug}/versions": {
        "get": {
            "summary": "Alle versies van een speerpunt, oudste eerst.",
            "operationId": "listVersions",
            "parameters": [SLUG_PARAM, *PAGE_PARAMS],
            "responses": {**_ok(_list_of("VersionSummary")), **_errors("400", "401", "404")},
        }
    },
    "/speerpunten/{slug}/versions/{number}": {
        "get": {
            "summary": "Eén versie van een speerpunt met de tekst van alle vier secties.",
            "operationId": "getVersion",
            "parameters": [
                SLUG_PARAM,
                {"name": "number", "in": "path", "required": True,
                 "schema": {"type": "integer", "minimum": 1}},
            ],
            "responses": {**_ok(_ref("Version")), **_errors("401", "404")},
        }
    },
}


def _body(model) -> dict:
    schema = model.model_json_schema()
    schema.pop("title", None)
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _id_param(name: str) -> dict:
    return {"name": name, "in": "path", "required": True,
            "schema": {"type": "integer", "minimum": 1}}


COMMENT_SCHEMA = {
    "type": "object",
    "required": ["id", "section", "body", "author", "parent_id", "amendment_id", "created_at",
                 "status"],
    "properties": {
        "id": {"type": "integer"},
        "section": {"type": "string", "enum": list(SECTIONS)},
        "body": {"type": ["string", "null"],
                 "description": "null voor een verborgen reactie, behalve voor moderatoren."},
        "author": _ref("Author"),
        "parent_id": {"type": ["integer", "null"]},
        "amendment_id": {"type": ["integer", "null"]},
        "created_at": {"type": "string", "format": "date-time"},
        "status": {"type": "string", "enum": ["visible", "hidden"]},
    },
}
RESPONSE_SCHEMA = {
    "type": "object",
    "required": ["id", "position", "body", "author", "created_at"],
    "properties": {
        "id": {"type": "integer"},
        "position": {"type": "string", "enum": ["support", "partial", "oppose"]},
        "body": {"type": "string"},
        "author": _ref("Author"),
        "created_at": {"type": "string", "format": "date-time"},
    },
}
AMENDMENT_SCHEMA = {
    "type": "object",
    "required": ["id", "speerpunt", "section", "base_version", "text", "rationale", "status",
                 "author", "created_at", "supports", "responses", "decision",
                 "response_due_at", "overdue"],
    "properties": {
        "id": {"type": "integer"},
        "speerpunt": {"type": "string"},
        "section": {"type": "string", "enum": list(SECTIONS)},
        "base_version": {"type": "integer", "minimum": 1},
        "text": {"type": "string"},
        "rationale": {"type": "string"},
        "status": {"type": "string", "enum": ["pending", "accepted", "rejected", "withdrawn"]},
        "author": _ref("Author"),
        "created_at": {"type": "string", "format": "date-time"},
        "supports": {"type": "array", "items": {
            "type": "object", "required": ["author", "created_at"],
            "properties": {"author": _ref("Author"),
                           "created_at": {"type": "string", "format": "date-time"}}}},
        "responses": {"type": "array", "items": _ref("Response")},
        "response_due_at": {"type": ["string", "null"], "format": "date-time",
                            "description": "Wanneer de formele reactie van het rijk uiterlijk "
                                           "komt; null na het besluit."},
        "overdue": {"type": "boolean",
                    "description": "In behandeling, zonder formele reactie, termijn verstreken."},
        "decision": {"oneOf": [{"type": "null"}, {
            "type": "object",
            "required": ["decision", "reason", "by", "at", "version", "modified"],
            "properties": {
                "decision": {"type": "string", "enum": ["accept", "reject"]},
                "reason": {"type": "string"},
                "by": _ref("Author"),
                "at": {"type": "string", "format": "date-time"},
                "version": {"type": ["integer", "null"]},
                "modified": {"type": "boolean"},
            }}]},
    },
}
DIFF_OPS = {"type": "array", "items": {
    "type": "array", "prefixItems": [
        {"type": "string", "enum": ["equal", "insert", "delete"]}, {"type": "string"}],
    "minItems": 2, "maxItems": 2}}
SEARCH_HIT_SCHEMA = {
    "type": "object",
    "required": ["kind", "id", "title", "snippet", "url"],
    "properties": {
        "kind": {"type": "string", "enum": [
            "speerpunt", "comment", "amendment", "response", "example", "question"]},
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "snippet": {"type": "string", "description": "Platte tekst rond de gevonden woorden."},
        "url": {"type": "string", "description": "Pad van de pagina met de treffer."},
    },
}
AUDIT_SCHEMA = {
    "type": "object",
    "required": ["at", "actor", "action", "object", "detail"],
    "properties": {
        "at": {"type": "string", "format": "date-time"},
        "actor": {"oneOf": [_ref("Author"), {"type": "null"}]},
        "action": {"type": "string", "examples": ["amendment.accept", "comment.hide"]},
        "object": {"type": "string", "examples": ["amendment:12", "speerpunt:wonen"]},
        "detail": {"type": "object"},
    },
}
PROVENANCE_SCHEMA = {
    "type": "object",
    "required": ["number", "sections"],
    "properties": {
        "number": {"type": "integer"},
        "sections": {"type": "object", "additionalProperties": {"type": "array", "items": {
            "type": "object", "required": ["text", "version", "amendment_id", "organisation"],
            "properties": {
                "text": {"type": "string"},
                "version": {"type": "integer"},
                "amendment_id": {"type": ["integer", "null"]},
                "organisation": {"oneOf": [_ref("Organisation"), {"type": "null"}]},
            }}}},
    },
}


def _add_write_paths() -> None:
    from consult.amendments.api import AmendmentBody, DecisionBody, ResponseBody
    from consult.comments.api import CommentBody, ReasonBody
    from consult.speerpunten.api import PhaseBody, SectionEditBody

    SCHEMAS.update({"SearchHit": SEARCH_HIT_SCHEMA})
    SCHEMAS.update({"Comment": COMMENT_SCHEMA, "Amendment": AMENDMENT_SCHEMA,
                    "Response": RESPONSE_SCHEMA, "AuditEntry": AUDIT_SCHEMA,
                    "Provenance": PROVENANCE_SCHEMA})
    amendment_id = _id_param("id")
    comment_id = _id_param("id")
    PATHS.update({
        "/speerpunten/{slug}/sections/{section}": {"put": {
            "summary": "Directe bewerking van een sectie (moderator); maakt een nieuwe versie.",
            "operationId": "editSection",
            "parameters": [SLUG_PARAM, {"name": "section", "in": "path", "required": True,
                                        "schema": {"type": "string", "enum": list(SECTIONS)}}],
            "requestBody": _body(SectionEditBody),
            "responses": {**_ok(_ref("Speerpunt")),
                          **_errors("400", "401", "403", "404", "409", "413")},
        }},
        "/speerpunten/{slug}/phase": {"post": {
            "summary": "Fase wijzigen (moderator): concept→open, open→processing, "
                       "processing→open, processing→adopted. Een open fase mag een sluitdatum "
                       "(closes_at) krijgen.",
            "operationId": "changePhase",
            "parameters": [SLUG_PARAM],
            "requestBody": _body(PhaseBody),
            "responses": {**_ok(_ref("Speerpunt")), **_errors("400", "401", "403", "404", "409")},
        }},
        "/speerpunten/{slug}/diff": {"get": {
            "summary": "Woordverschil tussen twee versies, per sectie.",
            "operationId": "diffVersions",
            "parameters": [SLUG_PARAM,
                           {"name": "from", "in": "query", "required": True,
                            "schema": {"type": "integer", "minimum": 1}},
                           {"name": "to", "in": "query", "required": True,
                            "schema": {"type": "integer", "minimum": 1}}],
            "responses": {**_ok({"type": "object", "required": ["from", "to", "sections"],
                                 "properties": {"from": {"type": "integer"},
                                                "to": {"type": "integer"},
                                                "sections": {"type": "object",
                                                             "additionalProperties": DIFF_OPS}}}),
                          **_errors("400", "401", "404")},
        }},
        "/speerpunten/{slug}/versions/{number}/provenance": {"get": {
            "summary": "Herkomst van elke passage van een versie: de versie, het amendement en "
                       "de organisatie die haar schreef.",
            "operationId": "getProvenance",
            "parameters": [SLUG_PARAM, {"name": "number", "in": "path", "required": True,
                                        "schema": {"type": "integer", "minimum": 1}}],
            "responses": {**_ok(_ref("Provenance")), **_errors("401", "404")},
        }},
        "/speerpunten/{slug}/comments": {
            "get": {
                "summary": "Reacties op een speerpunt, oudste eerst.",
                "operationId": "listComments",
                "parameters": [SLUG_PARAM, *PAGE_PARAMS,
                               {"name": "section", "in": "query",
                                "schema": {"type": "string", "enum": list(SECTIONS)}}],
                "responses": {**_ok(_list_of("Comment")), **_errors("400", "401", "404")},
            },
            "post": {
                "summary": "Reageren op een sectie (alleen in fase open).",
                "operationId": "postComment",
                "parameters": [SLUG_PARAM],
                "requestBody": _body(CommentBody),
                "responses": {**_ok(_ref("Comment"), "Aangemaakt", "201"),
                              **_errors("400", "401", "404", "409", "413", "429")},
            },
        },
        "/comments/{id}/flag": {"post": {
            "summary": "Een reactie melden; eenmaal per persoon (opnieuw: 200).",
            "operationId": "flagComment",
            "parameters": [comment_id],
            "requestBody": _body(ReasonBody),
            "responses": {**_ok(_ref("Comment"), "Gemeld", "201"),
                          **_ok(_ref("Comment"), "Al eerder gemeld"),
                          **_errors("400", "401", "404", "409")},
        }},
        "/comments/{id}/hide": {"post": {
            "summary": "Een reactie verbergen (moderator).",
            "operationId": "hideComment",
            "parameters": [comment_id],
            "requestBody": _body(ReasonBody),
            "responses": {**_ok(_ref("Comment")), **_errors("400", "401", "403", "404", "409")},
        }},
        "/comments/{id}/restore": {"post": {
            "summary": "Een verborgen reactie herstellen (moderator).",
            "operationId": "restoreComment",
            "parameters": [comment_id],
            "requestBody": _body(ReasonBody),
            "responses": {**_ok(_ref("Comment")), **_errors("400", "401", "403", "404", "409")},
        }},
        "/speerpunten/{slug}/amendments": {
            "get": {
                "summary": "Amendementen op een speerpunt, oudste eerst.",
                "operationId": "listAmendments",
                "parameters": [SLUG_PARAM, *PAGE_PARAMS,
                               {"name": "status", "in": "query", "schema": {
                                   "type": "string",
                                   "enum": ["pending", "accepted", "rejected", "withdrawn"]}}],
                "responses": {**_ok(_list_of("Amendment")), **_errors("400", "401", "404")},
            },
            "post": {
                "summary": "Een amendement indienen (alleen in fase open).",
                "operationId": "proposeAmendment",
                "parameters": [SLUG_PARAM],
                "requestBody": _body(AmendmentBody),
                "responses": {**_ok(_ref("Amendment"), "Aangemaakt", "201"),
                              **_errors("400", "401", "404", "409", "413", "429")},
            },
        },
        "/amendments/{id}": {"get": {
            "summary": "Eén amendement met steun, reacties en besluit.",
            "operationId": "getAmendment",
            "parameters": [amendment_id],
            "responses": {**_ok(_ref("Amendment")), **_errors("401", "404")},
        }},
        "/amendments/{id}/support": {
            "post": {
                "summary": "Een amendement van een ander steunen (opnieuw: 200, één steun).",
                "operationId": "supportAmendment",
                "parameters": [amendment_id],
                "responses": {**_ok(_ref("Amendment"), "Gesteund", "201"),
                              **_ok(_ref("Amendment"), "Al gesteund"),
                              **_errors("400", "401", "404", "409")},
            },
            "delete": {
                "summary": "Steun intrekken.",
                "operationId": "unsupportAmendment",
                "parameters": [amendment_id],
                "responses": {"204": {"description": "Steun ingetrokken"},
                              **_errors("401", "404", "409")},
            },
        },
        "/amendments/{id}/withdraw": {"post": {
            "summary": "Eigen amendement intrekken zolang het in behandeling is.",
            "operationId": "withdrawAmendment",
            "parameters": [amendment_id],
            "responses": {**_ok(_ref("Amendment")), **_errors("400", "401", "403", "404", "409")},
        }},
        "/amendments/{id}/responses": {"post": {
            "summary": "Formele reactie van een verantwoordelijk ministerie.",
            "operationId": "respondToAmendment",
            "parameters": [amendment_id],
            "requestBody": _body(ResponseBody),
            "responses": {**_ok(_ref("Response"), "Aangemaakt", "201"),
                          **_errors("400", "401", "403", "404", "409")},
        }},
        "/amendments/{id}/decision": {"post": {
            "summary": "Besluit van een moderator: accept (met optionele eigen tekst) of reject "
                       "(met reden). Bij overlappende wijzigingen: 409 merge_conflict met de "
                       "conflicterende stukken in error.conflicts.",
            "operationId": "decideAmendment",
            "parameters": [amendment_id],
            "requestBody": _body(DecisionBody),
            "responses": {**_ok({"allOf": [_ref("Amendment"), {
                "type": "object", "properties": {"version": {"type": ["integer", "null"]}}}]}),
                **_errors("400", "401", "403", "404", "409")},
        }},
        "/search": {"get": {
            "summary": "Zoeken in speerpuntteksten, reacties, amendementen, reacties van het rijk "
                       "en het kennisplatform; beste treffers eerst. Alle woorden moeten "
                       "voorkomen; alleen wat de tokenhouder mag zien.",
            "operationId": "search",
            "parameters": [
                {"name": "q", "in": "query", "schema": {"type": "string"},
                 "description": "Zoekwoorden; leestekens en operatoren tellen niet."},
                {"name": "kind", "in": "query", "schema": {"type": "string", "enum": [
                    "speerpunt", "comment", "amendment", "response", "example", "question"]}},
                {"name": "speerpunt", "in": "query", "schema": {"type": "string"}},
                {"name": "tier", "in": "query", "schema": {
                    "type": "string", "enum": ["rijk", "provincie", "gemeente", "partner"]}},
                {"name": "region", "in": "query", "schema": {"type": "string"},
                 "description": "Slug van een regio, bijvoorbeeld `oost`."},
                {"name": "status", "in": "query", "schema": {"type": "string"}},
                *PAGE_PARAMS,
            ],
            "description": "`total` telt tot 1000 treffers; bij meer is het 1000 en staan "
                           "de beste treffers op de eerste pagina's.",
            "responses": {**_ok(_list_of("SearchHit")), **_errors("400", "401")},
        }},
        "/audit": {"get": {
            "summary": "Het auditlog, nieuwste eerst (moderator, beheerder).",
            "operationId": "listAudit",
            "parameters": PAGE_PARAMS,
            "responses": {**_ok(_list_of("AuditEntry")), **_errors("400", "401", "403")},
        }},
        "/openapi.json": {"get": {
            "summary": "Dit document.",
            "operationId": "openapi",
            "security": [],
            "responses": {"200": {"description": "OpenAPI 3.1", "content": {
                "application/json": {"schema": {"type": "object"}}}}},
        }},
    })


def document() -> dict:
    if "/audit" not in PATHS:
        _add_write_paths()
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Consult API",
            "version": "1.0.0",
            "description": "De API van het consultatieplatform voor de Gemeenschappelijke "
            "Integratieagenda. Elk verzoek draagt `Authorization: Bearer <token>`; een token "
            "maakt u op uw profielpagina of met `flask --app wsgi consult create-token`.",
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearerAuth": []}],
        "paths": PATHS,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        },
    }


@bp.get("/openapi.json")
def openapi():
    return document()
