"""Pages for signing in and out and for one's own profile and API tokens."""

from __future__ import annotations

import hashlib
import time

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import force_locale, gettext
from flask_login import current_user, login_required, login_user, logout_user

from consult.accounts import operations, twofactor
from consult.accounts.forms import (
    ChangePasswordForm,
    CreateTokenForm,
    EmptyForm,
    LoginForm,
    EmailPreferenceForm,
    SecondFactorForm,
)
from consult.accounts.models import EmailFrequency, User
from consult.audit.operations import record
from consult.core.errors import DomainError, ValidationFailed
from consult.core.forms import apply_errors
from consult.core.i18n import remember_language_on_sign_in
from consult.core.links import safe_local_path
from consult.extensions import db, limiter

bp = Blueprint("accounts", __name__)


# Only local paths are followed after sign-in, never another site.
safe_next = safe_local_path


def _signin_limit() -> str:
    return current_app.config["CONSULT_RATELIMIT_SIGNIN"]


def _signin_account_limit() -> str:
    return current_app.config["CONSULT_RATELIMIT_SIGNIN_ACCOUNT"]


def _signin_account_key() -> str:
    # Guessing one account's password from many addresses is limited too.
    email = (request.form.get("email") or "").strip().lower()[:254]
    return "account:" + hashlib.sha256(email.encode()).hexdigest()


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_signin_limit, methods=["POST"])
@limiter.limit(_signin_account_limit, key_func=_signin_account_key, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("speerpunten.home"))
    form = LoginForm()
    failed = False
    if form.validate_on_submit():
        user = operations.authenticate(form.email.data, form.password.data)
        if user is not None:
            next_url = safe_next(request.args.get("next"))
            session.clear()  # a new session on sign-in prevents session fixation
            if user.has_two_factor:
                # The password was right; the session counts once the second factor is.
                session["pending_2fa"] = {"user": user.id, "token": user.session_token,
                                          "at": time.time(), "next": next_url}
                return redirect(url_for("accounts.second_factor"))
            return _complete_sign_in(user, next_url)
        failed = True
        # Kept even though the response rolls back: failures are what the log is for.
        db.session.rollback()
        record(None, "auth.sign_in_failed", f"email:{(form.email.data or '').strip()[:100]}",
               result="refused")
        db.session.commit()
    status = 400 if request.method == "POST" else 200
    return render_template("accounts/login.html", form=form, failed=failed), status


def _complete_sign_in(user, next_url):
    session.clear()
    login_user(user)
    session.permanent = True
    session["signed_in_at"] = time.time()
    record(user, "auth.sign_in", f"user:{user.id}")
    response = redirect(next_url or url_for("speerpunten.home"))
    # The welcome reads in the language of the pages that follow.
    with force_locale(remember_language_on_sign_in(user, response)):
        flash(gettext("Welkom, %(name)s.", name=user.name), "success")
    return response


PENDING_2FA_SECONDS = 300


@bp.route("/login/tweestaps", methods=["GET", "POST"])
@limiter.limit(_signin_limit, methods=["POST"])
def second_factor():
    pending = session.get("pending_2fa")
    user = db.session.get(User, pending["user"]) if pending else None
    if (user is None or not user.active or user.session_token != pending.get("token")
            or time.time() - pending.get("at", 0) > PENDING_2FA_SECONDS):
        session.pop("pending_2fa", None)
        flash(gettext("Meld u opnieuw aan."), "info")
        return redirect(url_for("accounts.login"))
    form = SecondFactorForm()
    failed = False
    if form.validate_on_submit():
        if twofactor.verify_second_factor(user, form.code.data):
            return _complete_sign_in(user, pending.get("next"))
        failed = True
        db.session.rollback()
        record(None, "auth.2fa_failed", f"user:{user.id}", result="refused")
        db.session.commit()
    status = 400 if request.method == "POST" else 200
    return render_template("accounts/second_factor.html", form=form, failed=failed), status


@bp.route("/profiel/tweestaps", methods=["GET", "POST"])
@login_required
def two_factor_setup():
    user = current_user._get_current_object()
    form = SecondFactorForm()
    codes = None
    status = 200
    if not user.has_two_factor:
        secret = session.get("totp_setup_secret") or twofactor.new_secret()
        session["totp_setup_secret"] = secret
        if form.validate_on_submit():
            try:
                codes = twofactor.enable(user, secret, form.code.data)
            except DomainError as exc:
                apply_errors(form, exc)
                status = exc.status
            else:
                session.pop("totp_setup_secret", None)
        elif form.is_submitted():
            status = 400
    else:
        secret = None
    required = twofactor.required_for(user, current_app.config["CONSULT_REQUIRE_2FA"])
    return render_template(
        "accounts/two_factor.html", form=form, secret=secret, codes=codes, required=required,
        qr=twofactor.provisioning_qr_svg(user, secret) if secret and not codes else None,
        remaining=twofactor.unused_recovery_codes(user), disable_form=EmptyForm(),
    ), status


@bp.route("/profiel/tweestaps/uitzetten", methods=["POST"])
@login_required
def two_factor_disable():
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("accounts.two_factor_setup")), 303
    try:
        twofactor.disable(current_user, current_user, current_app.config["CONSULT_REQUIRE_2FA"])
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(url_for("accounts.two_factor_setup")), 303
    flash(gettext("Tweestapsverificatie staat uit."), "success")
    return redirect(url_for("accounts.two_factor_setup"))


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    form = EmptyForm()
    if form.validate_on_submit():
        operations.end_sessions(current_user)
        logout_user()
        session.clear()
        flash(gettext("U bent afgemeld."), "success")
    return redirect(url_for("speerpunten.home"))


def _email_form() -> EmailPreferenceForm:
    form = EmailPreferenceForm(formdata=None)
    form.frequency.data = current_user.email_frequency.value
    return form


@bp.route("/profiel", methods=["GET"])
@login_required
def profile():
    return render_template(
        "accounts/profile.html",
        email_form=_email_form(),
        password_form=ChangePasswordForm(),
        token_form=CreateTokenForm(),
        revoke_form=EmptyForm(),
        new_token=None,
    )


@bp.route("/profiel/email", methods=["POST"])
@login_required
def email_preference():
    form = EmailPreferenceForm()
    if not form.validate_on_submit():
        flash(gettext("Kies hoe u e-mail wilt ontvangen."), "error")
        return redirect(url_for("accounts.profile")), 303
    current_user.email_frequency = EmailFrequency(form.frequency.data)
    flash(gettext("Uw voorkeur voor e-mail is opgeslagen."), "success")
    return redirect(url_for("accounts.profile"))


@bp.route("/profiel/wachtwoord", methods=["POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            operations.change_password(
                current_user, form.current_password.data, form.new_password.data
            )
        except ValidationFailed as exc:
            for name, message in (exc.fields or {}).items():
                getattr(form, name).errors = [*getattr(form, name).errors, message]
        else:
            # Keep this session going with the new session token; the others end.
            login_user(current_user._get_current_object())
            flash(gettext("Uw wachtwoord is gewijzigd. Andere sessies zijn beëindigd."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template(
        "accounts/profile.html",
        email_form=_email_form(),
        password_form=form,
        token_form=CreateTokenForm(formdata=None),
        revoke_form=EmptyForm(),
        new_token=None,
    ), 400


@bp.route("/profiel/tokens", methods=["POST"])
@login_required
def create_token():
    form = CreateTokenForm()
    if form.validate_on_submit():
        _token, secret = operations.create_token(current_user, form.name.data or "")
        # Shown in this response only; the secret is never stored or put in a cookie.
        return render_template(
            "accounts/profile.html",
            email_form=_email_form(),
            password_form=ChangePasswordForm(formdata=None),
            token_form=CreateTokenForm(formdata=None),
            revoke_form=EmptyForm(),
            new_token=secret,
        )
    return render_template(
        "accounts/profile.html",
        email_form=_email_form(),
        password_form=ChangePasswordForm(formdata=None),
        token_form=form,
        revoke_form=EmptyForm(),
        new_token=None,
    ), 400


@bp.route("/profiel/tokens/<id:token_id>/intrekken", methods=["POST"])
@login_required
def revoke_token(token_id: int):
    form = EmptyForm()
    if not form.validate_on_submit():
        return redirect(url_for("accounts.profile")), 303
    operations.revoke_token(current_user, token_id)
    flash(gettext("Het token is ingetrokken."), "success")
    return redirect(url_for("accounts.profile"))
