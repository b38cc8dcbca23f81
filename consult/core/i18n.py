"""The reader's language: Dutch unless they chose English, and texts looked up in it.

The message ids are the Dutch texts themselves, so Dutch needs no catalogue: a missing
translation shows the Dutch text. English lives in consult/translations/en.

Which language a page is in: the visitor's own choice, kept in a long-lived cookie set by
the language switch in the page header (and, for a signed-in person, with the account);
without a choice, Dutch. The browser's Accept-Language is deliberately not consulted: the
platform is Dutch-first, and a browser's setting says little about the language someone
wants to work on a Dutch policy text in.

The JSON API always answers in Dutch: its contract (docs and clients) is written against
the Dutch messages, and a browser's language cookie must not change what an integration
receives.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import timedelta
from types import SimpleNamespace
from typing import TypeVar

from babel import numbers
from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    g,
    has_request_context,
    redirect,
    request,
    url_for,
)
from flask_babel import get_locale, get_translations
from flask_login import current_user

from consult.core.links import safe_local_path

DEFAULT_LOCALE = "nl"
# Each language named in itself: the switch is read by someone who wants that language.
LOCALES: dict[str, str] = {"nl": "Nederlands", "en": "English"}
LANGUAGE_COOKIE = "consult_lang"
LANGUAGE_COOKIE_MAX_AGE = timedelta(days=365)

K = TypeVar("K")


def supported(locale: str | None) -> str | None:
    """The locale if the application speaks it, else None."""
    return locale if locale in LOCALES else None


def select_locale() -> str:
    """Flask-Babel's locale selector: the stored choice of the visitor, else Dutch."""
    if not has_request_context():
        return DEFAULT_LOCALE
    if request.path.startswith("/api/"):
        return DEFAULT_LOCALE
    return supported(request.cookies.get(LANGUAGE_COOKIE)) or DEFAULT_LOCALE


def current_locale() -> str:
    """The language of the text being produced now, as a language tag (nl, en)."""
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT_LOCALE


def format_number(value: int | float, format: str | None = None) -> str:
    """A number as the reader writes it (10.000 in Dutch, 10,000 in English), also outside
    a request; `format` is a Unicode number pattern such as "#,##0.0"."""
    return numbers.format_decimal(value, format=format, locale=current_locale())


def user_locale(user) -> str:
    """The language a person reads notifications and email in."""
    return supported(getattr(user, "locale", None)) or DEFAULT_LOCALE


class LabelMap(Mapping[K, str]):
    """Fixed labels (section headings, tiers, phases) that read in the reader's language.

    Built from lazy strings so that the labels are found by the message extractor, but each
    lookup returns a plain str in the language of that moment: code that stores, joins,
    sorts or serialises a label never meets a lazy object.
    """

    def __init__(self, labels: Mapping[K, object]):
        self._labels = dict(labels)

    def __getitem__(self, key: K) -> str:
        return str(self._labels[key])

    def __iter__(self) -> Iterator[K]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)

    def __repr__(self) -> str:
        return f"LabelMap({dict(self)!r})"


def set_language_cookie(response: Response, locale: str) -> None:
    config = current_app.config
    response.set_cookie(
        LANGUAGE_COOKIE, locale, max_age=int(LANGUAGE_COOKIE_MAX_AGE.total_seconds()),
        path="/", httponly=True, samesite="Lax",
        # Same rule as the session cookie: Secure behind HTTPS.
        secure=bool(config.get("SESSION_COOKIE_SECURE")),
    )


def remember_language_on_sign_in(user, response: Response) -> str:
    """Keep the person's language and this browser's choice the same after signing in, and
    return that language.

    A choice made in this browser (on the sign-in page, say) is the newest and is kept for
    the person; without one, the language the person chose elsewhere follows them here.
    """
    chosen_here = supported(request.cookies.get(LANGUAGE_COOKIE))
    if chosen_here is not None:
        user.locale = chosen_here
        return chosen_here
    if user_locale(user) != DEFAULT_LOCALE:
        set_language_cookie(response, user_locale(user))
    return user_locale(user)


bp = Blueprint("language", __name__)


@bp.route("/taal", methods=["POST"])
def switch():
    """Remember the chosen language and go back to the page the visitor came from."""
    locale = supported(request.form.get("lang"))
    if locale is None:
        abort(400)
    if current_user.is_authenticated:
        # Notifications and email are written in it too, also when they are not online.
        current_user.locale = locale
    target = safe_local_path(request.form.get("next")) or url_for("speerpunten.home")
    response = redirect(target)
    set_language_cookie(response, locale)
    return response


def _translations():
    """This request's translations, as Flask-Babel finds them, kept with the locale object
    they belong to: a page looks up dozens of texts, and Flask-Babel walks the request context
    and formats the locale's name on each. force_locale (mail in the recipient's language)
    puts another locale object in place, so its texts are looked up anew."""
    state = g.get("_flask_babel")
    locale = getattr(state, "babel_locale", None)
    kept = getattr(state, "consult_translations", None)
    if kept is not None and locale is not None and kept[0] is locale:
        return kept[1]
    translations = get_translations()  # sets the locale on Flask-Babel's state
    state = g.get("_flask_babel")
    if getattr(state, "babel_locale", None) is not None:
        state.consult_translations = (state.babel_locale, translations)
    return translations


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
        newstyle=True,
    )

    @app.url_value_preprocessor
    def choose_locale_per_request(endpoint, values):
        # Flask-Babel keeps the locale in `g`; a request made inside an application context
        # that is already active (tests, scripts) shares that `g`, and must not inherit the
        # previous request's language. This runs before every before_request function.
        if hasattr(g, "_flask_babel"):
            g._flask_babel = SimpleNamespace()

    @app.context_processor
    def language_globals():
        locale = current_locale()
        return {
            "current_locale": locale,
            "other_languages": [(code, name) for code, name in LOCALES.items()
                                if code != locale],
        }
