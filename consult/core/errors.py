"""Domain errors: raised by operations, turned into JSON by the API and messages by pages."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext
from flask_babel.speaklater import LazyString


class DomainError(Exception):
    status = 400
    code = "bad_request"
    default_message = lazy_gettext("Het verzoek is ongeldig.")

    def __init__(
        self,
        message: str | None = None,
        *,
        fields: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ):
        # Texts become plain str in the language of the moment the error is raised (Dutch
        # for the API), so that JSON, flash messages and logs never meet a lazy string.
        self.message = str(message or self.default_message)
        self.fields = ({name: str(text) if isinstance(text, LazyString) else text
                        for name, text in fields.items()} if fields else fields)
        self.extra = extra or {}
        super().__init__(self.message)

    def to_dict(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.fields:
            error["fields"] = self.fields
        error.update(self.extra)
        return {"error": error}


class BadRequest(DomainError):
    status, code = 400, "bad_request"


class ValidationFailed(DomainError):
    status, code = 400, "validation_failed"
    default_message = lazy_gettext("Een of meer velden zijn niet goed ingevuld.")


class Unauthorized(DomainError):
    status, code = 401, "unauthorized"
    default_message = lazy_gettext("Geen geldig API-token meegegeven.")


class Forbidden(DomainError):
    status, code = 403, "forbidden"
    default_message = lazy_gettext("U hebt geen toestemming voor deze handeling.")


class NotFound(DomainError):
    status, code = 404, "not_found"
    default_message = lazy_gettext("Niet gevonden.")


class PhaseClosed(DomainError):
    status, code = 409, "phase_closed"
    default_message = lazy_gettext("De fase van dit speerpunt staat dit niet toe.")


class Conflict(DomainError):
    status, code = 409, "conflict"
    default_message = lazy_gettext("De huidige toestand staat deze handeling niet toe.")


class StaleVersion(DomainError):
    status, code = 409, "stale_version"
    default_message = lazy_gettext("De tekst is intussen gewijzigd; u werkte op een oudere versie.")


class MergeConflict(DomainError):
    status, code = 409, "merge_conflict"
    default_message = lazy_gettext(
        "De wijziging overlapt met een latere wijziging van dezelfde tekst.")


class PayloadTooLarge(DomainError):
    status, code = 413, "payload_too_large"
    default_message = lazy_gettext("Het verzoek is te groot.")


class RateLimited(DomainError):
    status, code = 429, "rate_limited"
    default_message = lazy_gettext("Te veel verzoeken; probeer het later opnieuw.")


# HTTP status -> (code, message) for errors raised by Flask or Werkzeug themselves.
HTTP_ERROR_CODES: dict[int, tuple[str, str]] = {
    400: ("bad_request", BadRequest.default_message),
    401: ("unauthorized", Unauthorized.default_message),
    403: ("forbidden", Forbidden.default_message),
    404: ("not_found", NotFound.default_message),
    405: ("method_not_allowed", lazy_gettext("Deze methode is hier niet toegestaan.")),
    409: ("conflict", Conflict.default_message),
    413: ("payload_too_large", PayloadTooLarge.default_message),
    415: ("bad_request", lazy_gettext("Verkeerd inhoudstype; stuur application/json.")),
    429: ("rate_limited", RateLimited.default_message),
}
