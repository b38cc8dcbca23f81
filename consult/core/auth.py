"""Who is acting: the signed-in user of a page, or None for an anonymous visitor."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from consult.accounts.models import User


def current_actor() -> User | None:
    if current_user.is_authenticated:
        return current_user._get_current_object()  # type: ignore[attr-defined]
    return None


def admin_required(view):
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def moderator_required(view):
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_moderator:
            abort(403)
        return view(*args, **kwargs)

    return wrapped
