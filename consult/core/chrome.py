"""The header and footer around every page, rendered once per kind of visitor and kept.

Rendering them took a third of a speerpunt page's time (thirty texts, fifteen links). What
they show depends on the language, the place in the menu, the visitor's tier and rights and
whether they have unread notifications: those make the key. What belongs to one person (their
name and organisation, the number of unread notifications, the form token, the page to come
back to after switching language) is marked in the kept HTML and filled in per request.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

from flask import current_app, g, render_template, request
from flask_login import current_user
from markupsafe import Markup, escape

from consult.core import fragments
from consult.core.i18n import current_locale


class Viewer(NamedTuple):
    signed_in: bool
    tier: object | None  # the organisation's Tier
    is_moderator: bool
    is_admin: bool
    has_unread: bool
    two_factor_off_notice: bool


class _Marks(NamedTuple):
    name: Markup
    organisation: Markup
    unread: Markup
    next: Markup


MARKS = _Marks(*(Markup(f"<!--chrome:{field}-->") for field in _Marks._fields))


class _Unavailable:
    """Stands for current_user and request while the kept parts are rendered: using them
    there would keep one visitor's details for all."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attribute):
        raise RuntimeError(f"{self._name}.{attribute} used in the kept page header or footer")


# The menu item a page belongs to, for aria-current: by endpoint first, then by blueprint.
_ACTIVE_ENDPOINTS = {
    "speerpunten.home": "home",
    "helpdesk.index": "helpdesk", "helpdesk.detail": "helpdesk",
    "amendments.ministry": "ministry",
    "moderation.queue": "moderation", "meetings.timeline": "moderation",
    "audit.index": "moderation",
    "helpdesk.faq": "faq",
    "notifications.index": "notifications",
    "accounts.profile": "profile",
    "accounts.login": "login",
}
_ACTIVE_BLUEPRINTS = {"search": "search", "knowledge": "knowledge", "meetings": "meetings",
                      "dashboard": "dashboard", "admin": "admin"}


def active_item() -> str:
    endpoint = request.endpoint or ""
    if endpoint in _ACTIVE_ENDPOINTS:
        return _ACTIVE_ENDPOINTS[endpoint]
    return _ACTIVE_BLUEPRINTS.get(request.blueprint or "", "")


def _viewer(unread: int) -> Viewer:
    if not current_user.is_authenticated:
        return Viewer(False, None, False, False, False, False)
    return Viewer(True, current_user.organisation.tier, current_user.is_moderator,
                  current_user.is_admin, unread > 0,
                  current_user.is_moderator and not current_app.config["CONSULT_REQUIRE_2FA"])


def _render(part: str, viewer: Viewer, active: str) -> str:
    return render_template(
        "_site_chrome.html", part=part, viewer=viewer, active=active, marks=MARKS,
        csrf_token=lambda: Markup(fragments.CSRF_MARK),
        current_user=_Unavailable("current_user"), request=_Unavailable("request"))


def header_key() -> tuple:
    """What the page header depends on for this visitor (never who they are)."""
    from consult.notifications.operations import unread_count

    unread = unread_count(current_user.id) if current_user.is_authenticated else 0
    return current_locale(), _viewer(unread), active_item()


def own_details() -> dict[str, str]:
    """What of the visitor the header shows, escaped, by mark (MARKS)."""
    from consult.notifications.operations import unread_count

    details = {"next": escape(request.full_path.rstrip("?"))}
    if current_user.is_authenticated:
        details |= {"name": escape(current_user.name),
                    "organisation": escape(current_user.organisation.name),
                    "unread": str(unread_count(current_user.id))}
    return details


# Set while a whole page is rendered to be kept (fragments.kept_page): the header keeps its
# marks, and the page's own are filled in per request along with them.
_KEEPING = "consult_keeping_page"


@contextmanager
def keeping_page() -> Iterator[None]:
    """Marks the rendering of a page that is kept whole."""
    g.setdefault(_KEEPING, True)
    try:
        yield
    finally:
        g.pop(_KEEPING, None)


def site_chrome(part: str) -> Markup:
    """The page's header or footer as this visitor sees it."""
    if part == "footer":
        return Markup(fragments.cached(("chrome", "footer", current_locale()),
                                       lambda: _render("footer", _viewer(0), "")))
    locale, viewer, active = header_key()
    if g.get(_KEEPING):
        return Markup(_render("header", viewer, active))
    kept = fragments.cached(("chrome", "header", locale, viewer, active),
                            lambda: fragments.Kept(_render("header", viewer, active)))
    return fragments.personalise(kept, None, own_details())
