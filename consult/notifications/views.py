"""The page with a person's notifications."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import login_required

from consult.accounts.forms import EmptyForm
from consult.core.auth import current_actor
from consult.extensions import db
from consult.notifications import operations
from consult.notifications.models import Notification

bp = Blueprint("notifications", __name__)


@bp.route("/meldingen")
@login_required
def index():
    actor = current_actor()
    items = db.session.execute(Notification.for_user(actor.id).limit(100)).scalars().all()
    return render_template("notifications/index.html", notifications=items, form=EmptyForm())


@bp.route("/meldingen/gelezen", methods=["POST"])
@login_required
def mark_read():
    if not EmptyForm().validate_on_submit():
        abort(400)
    operations.mark_all_read(current_actor().id)
    flash(gettext("Alle meldingen zijn als gelezen gemarkeerd."), "success")
    return redirect(url_for("notifications.index"))
