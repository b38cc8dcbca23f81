"""The request cycle: one commit per request, errors as pages or JSON, template helpers."""

from __future__ import annotations

import hmac
import logging
import sqlite3
import time

from flask import (
    Flask,
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user, logout_user
from flask_babel import format_date, format_datetime, format_decimal, gettext, lazy_gettext
from sqlalchemy.exc import IntegrityError, OperationalError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from consult.core.database import answer_without_writing, transient
from consult.core.errors import HTTP_ERROR_CODES, Conflict, DomainError
from consult.extensions import db, login_manager

log = logging.getLogger(__name__)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def is_api_request() -> bool:
    return request.path.startswith("/api/")


def api_error_response(error: DomainError) -> Response:
    response = jsonify(error.to_dict())
    response.status_code = error.status
    return response


def _error_page(status: int, title: str, message: str) -> tuple[str, int]:
    return render_template("errors/error.html", status=status, title=title, message=message), status


ERROR_PAGE_TEXT = {
    400: (lazy_gettext("Ongeldig verzoek"),
          lazy_gettext("Het verzoek kon niet worden verwerkt. Controleer wat u invulde.")),
    403: (lazy_gettext("Geen toegang"), lazy_gettext("U hebt geen toegang tot deze pagina.")),
    404: (lazy_gettext("Pagina niet gevonden"),
          lazy_gettext("Deze pagina bestaat niet of is niet voor u zichtbaar.")),
    405: (lazy_gettext("Niet toegestaan"), lazy_gettext("Deze handeling is hier niet mogelijk.")),
    409: (lazy_gettext("Niet mogelijk"),
          lazy_gettext("De huidige toestand staat deze handeling niet toe.")),
    413: (lazy_gettext("Te groot"), lazy_gettext("Wat u verstuurde is te groot.")),
    429: (lazy_gettext("Te veel verzoeken"),
          lazy_gettext("U deed te veel verzoeken achter elkaar. Wacht even.")),
    500: (lazy_gettext("Er ging iets mis"),
          lazy_gettext("Er ging aan onze kant iets mis. Probeer het later opnieuw.")),
}


class IdConverter(IntegerConverter):
    """A positive id that fits a database integer; anything else does not match (404)."""

    def __init__(self, url_map):
        super().__init__(url_map, min=1, max=2**31 - 1)


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed session cookie, renewed at most once a minute while nothing in it
    changes (Flask renews it on every request). The renewal is what keeps a session alive
    (PERMANENT_SESSION_LIFETIME ends an idle one), so an hour's idle limit now ends the
    session 59 to 60 minutes after the last request; in return a page view no longer signs
    and sends a new cookie."""

    RENEW_AFTER_SECONDS = 60
    RENEWED = "_renewed"

    def should_set_cookie(self, app: Flask, session) -> bool:
        now = int(time.time())
        if not session.modified:
            if not (session.permanent and app.config["SESSION_REFRESH_EACH_REQUEST"]):
                return False
            if now - session.get(self.RENEWED, 0) < self.RENEW_AFTER_SECONDS:
                return False
        session[self.RENEWED] = now
        return True


def init_web(app: Flask) -> None:
    app.session_interface = SessionInterface()
    @login_manager.user_loader
    def load_user(session_id: str):
        from consult.notifications.operations import load_user_with_unread
        from consult.speerpunten.queries import Along

        user_id, _sep, token = session_id.partition(":")
        if not user_id.isdigit() or not token:
            return None
        user = load_user_with_unread(int(user_id), Along.for_request())
        if user is None or not user.active:
            return None
        if not hmac.compare_digest(user.session_token, token):
            return None
        return user

    login_manager.login_view = "accounts.login"
    login_manager.login_message = lazy_gettext("Meld u aan om deze pagina te zien.")
    # Flask-Login flashes the message through this: plain text in the reader's language
    # (a lazy string cannot be stored in the session).
    login_manager.localize_callback = str
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"

    @app.before_request
    def expire_old_sessions():
        # The cookie's lifetime handles idleness; a session also ends at its maximum age,
        # however active it is.
        started = session.get("signed_in_at")
        if started is None or not current_user.is_authenticated:
            return None
        max_age = current_app.config["CONSULT_SESSION_MAX_AGE"].total_seconds()
        if time.time() - started > max_age:
            logout_user()
            session.clear()
            flash(gettext("Uw sessie is verlopen. Meld u opnieuw aan."), "info")
            if not is_api_request():
                return redirect(url_for("accounts.login", next=request.full_path))
        return None

    two_factor_free = {"accounts.two_factor_setup", "accounts.logout", "static",
                       "accounts.login", "accounts.second_factor"}

    @app.before_request
    def require_two_factor():
        # Moderators and admins set up two-factor sign-in before they do anything else.
        if (not current_app.config["CONSULT_REQUIRE_2FA"] or is_api_request()
                or not current_user.is_authenticated or request.endpoint in two_factor_free):
            return None
        if current_user.is_moderator and not current_user.has_two_factor:
            flash(gettext("Stel eerst tweestapsverificatie in: voor uw rol is die verplicht."),
                  "info")
            return redirect(url_for("accounts.two_factor_setup"))
        return None

    if not app.config["CONSULT_REQUIRE_2FA"]:
        log.warning("CONSULT_REQUIRE_2FA=0: moderators and admins may sign in without a "
                    "second factor. Only for a demo or a test setup.")

    @app.before_request
    def refuse_nul_characters():
        # No text in this application contains NUL, and PostgreSQL cannot store it: refuse
        # it at the door rather than deep inside a query.
        values = [request.path, *request.args.keys(), *request.args.values()]
        if request.method not in SAFE_METHODS and request.mimetype in (
            "application/x-www-form-urlencoded", "multipart/form-data"
        ):
            values += [*request.form.keys(), *request.form.values()]
        if any("\x00" in value for value in values):
            abort(400)

    # after_request functions run last registered first: the security headers go on
    # whatever response finish_transaction ends up giving, its 409 and 500 too.
    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if current_app.config.get("CONSULT_HSTS"):
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if request.path.startswith("/api/") or response.mimetype == "text/html":
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.after_request
    def finish_transaction(response: Response) -> Response:
        # One commit per request: a write request that ended well is committed, and
        # everything else (reads, refusals, errors) is rolled back, so a rejected
        # request never leaves a half-written change behind.
        from consult.notifications.operations import ANNOUNCED, tell_after_request

        announced = db.session.info.pop(ANNOUNCED, False)
        if request.method in SAFE_METHODS:
            # A read has nothing to undo: closing hands the connection back (the pool ends
            # what it began) without first marking every loaded object as stale.
            db.session.close()
            return response
        if response.status_code >= 400:
            db.session.rollback()
            return response
        try:
            db.session.commit()
            if announced:
                # The followers are told once the response is on its way: whoever caused
                # the event does not wait for them (the mail worker tells what is left).
                app = current_app._get_current_object()
                response.call_on_close(lambda: tell_after_request(app))
        except (IntegrityError, OperationalError) as exc:
            db.session.rollback()
            if isinstance(exc, OperationalError) and not transient(exc):
                # Not another writer: the connection broke or the disk is full, and whether
                # the commit happened is not known. Not a reason to try again.
                log.exception("commit failed")
                return make_response(_unexpected())
            log.warning("commit refused: %s", exc)
            return _collided()
        return response

    def _collided() -> Response:
        answer_without_writing()
        error = Conflict(gettext(
            "De wijziging botste met een gelijktijdige wijziging; probeer opnieuw."))
        if is_api_request():
            response = api_error_response(error)
        else:
            body, status = _error_page(409, ERROR_PAGE_TEXT[409][0], error.message)
            response = Response(body, status=status, mimetype="text/html")
        # Trying again in a moment is what helps.
        response.headers["Retry-After"] = "1"
        return response

    @app.errorhandler(OperationalError)
    @app.errorhandler(sqlite3.OperationalError)
    def handle_busy_database(error: Exception):
        # The database refused for the moment, not for good: a writer waited longer than
        # SQLITE_WRITE_WAIT_SECONDS for SQLite's lock, or PostgreSQL ended a deadlock or a
        # serialisation failure. Nothing was written; the request may simply be made again.
        if not transient(error):
            return handle_unexpected(error)
        db.session.rollback()
        log.warning("database busy: %s", error)
        return _collided()

    @app.errorhandler(DomainError)
    def handle_domain_error(error: DomainError):
        db.session.rollback()
        if is_api_request():
            return api_error_response(error)
        return _error_page(error.status,
                           ERROR_PAGE_TEXT.get(error.status, (gettext("Fout"), ""))[0],
                           error.message)

    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException):
        db.session.rollback()
        status = error.code or 500
        if is_api_request():
            code, message = HTTP_ERROR_CODES.get(status, ("error", error.description or ""))
            response = jsonify({"error": {"code": code, "message": str(message)}})
            response.status_code = status
            if status == 405 and hasattr(error, "valid_methods") and error.valid_methods:
                response.headers["Allow"] = ", ".join(error.valid_methods)
        else:
            title, message = ERROR_PAGE_TEXT.get(status, (error.name, error.description or ""))
            response = make_response(_error_page(status, title, message))
        if status == 429:
            _retry_after(response)
        return response

    def _retry_after(response: Response) -> None:
        # Only a refused request says when to try again: the limit's counters are read for
        # it here, not on every request that passes (Flask-Limiter's X-RateLimit headers
        # would cost every limited request a second round trip to Redis).
        from consult.extensions import limiter

        current = limiter.current_limit
        if current is not None:
            response.headers["Retry-After"] = str(max(1, int(current.reset_at - time.time())))

    def _unexpected():
        if is_api_request():
            response = jsonify({"error": {"code": "internal_error",
                                          "message": str(ERROR_PAGE_TEXT[500][1])}})
            response.status_code = 500
            return response
        return _error_page(500, *ERROR_PAGE_TEXT[500])

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):
        db.session.rollback()
        log.exception("unhandled error")
        return _unexpected()

    # Dates and numbers are written in the reader's language (month names, separators);
    # the patterns are explicit so that English reads the British way (26 November 2008).
    @app.template_filter("datetime")
    def datetime_filter(value, format: str = "d MMMM yyyy, HH:mm") -> str:
        if value is None:
            return ""
        return format_datetime(value, format)

    from consult.core.markdown import render_markdown

    app.add_template_filter(render_markdown, "markdown")

    @app.template_filter("date")
    def date_filter(value, format: str = "d MMMM yyyy") -> str:
        return format_date(value, format) if value else ""

    # The filter's first name, from when every page was Dutch; it follows the reader too.
    app.add_template_filter(date_filter, "date_nl")

    @app.template_filter("number")
    def number_filter(value) -> str:
        return "" if value is None else format_decimal(value)

    @app.template_filter("paragraphs")
    def paragraphs_filter(text: str) -> list[str]:
        return [p for p in (text or "").split("\n\n") if p.strip()]

    from consult.core.chrome import site_chrome

    app.jinja_env.globals["site_chrome"] = site_chrome

    @app.context_processor
    def template_globals():
        from consult.speerpunten.models import SECTIONS

        from datetime import timedelta

        return {"SECTIONS": SECTIONS, "timedelta": timedelta}
