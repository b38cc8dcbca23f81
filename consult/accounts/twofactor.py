"""Two-factor sign-in: an authenticator app (TOTP) and single-use recovery codes."""

from __future__ import annotations

import hashlib
import secrets

import pyotp
import segno
from flask_babel import gettext
from sqlalchemy import select

from consult.accounts.models import RecoveryCode, User
from consult.audit.operations import record
from consult.core.errors import Conflict, ValidationFailed
from consult.core.types import utcnow
from consult.extensions import db

ISSUER = "GIA Consultatieplatform"
RECOVERY_CODE_COUNT = 10


def required_for(user: User, require_setting: bool) -> bool:
    """Moderators and admins must use two-factor sign-in, unless the installation says not."""
    return require_setting and user.is_moderator


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_qr_svg(user: User, secret: str) -> str:
    """The otpauth:// address as a QR code, an SVG data URI an <img> can show."""
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)
    return segno.make(uri, error="m").svg_data_uri(scale=4, dark="#000", light="#fff")


def _normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "") if ch.isalnum()).lower()


def _hash_code(code: str) -> str:
    return hashlib.sha256(_normalise_code(code).encode()).hexdigest()


def _verify_totp(user: User, secret: str, code: str) -> int | None:
    """The time step of a valid, unused code (one step of clock drift allowed), or None."""
    code = _normalise_code(code)
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now = utcnow()
    for drift in (0, -1, 1):
        step = totp.timecode(now) + drift
        if secrets.compare_digest(totp.generate_otp(step), code):
            if user.totp_last_step is not None and step <= user.totp_last_step:
                return None  # a code is valid once
            return step
    return None


def enable(user: User, secret: str, code: str) -> list[str]:
    """Turn on two-factor sign-in once the person proves their app shows the right code.
    Returns new recovery codes, shown once."""
    if user.has_two_factor:
        raise Conflict(gettext("Tweestapsverificatie staat al aan."))
    step = _verify_totp(user, secret, code)
    if step is None:
        raise ValidationFailed(
            fields={"code": gettext("Deze code klopt niet. Probeer de volgende code.")})
    user.totp_secret = secret
    user.totp_confirmed_at = utcnow()
    user.totp_last_step = step
    codes = _new_recovery_codes(user)
    record(user, "auth.2fa_enabled", f"user:{user.id}")
    return codes


def disable(user: User, actor: User, require_setting: bool) -> None:
    if required_for(user, require_setting):
        raise Conflict(gettext("Voor uw rol is tweestapsverificatie verplicht."))
    user.totp_secret = None
    user.totp_confirmed_at = None
    user.totp_last_step = None
    for code in db.session.execute(
        select(RecoveryCode).where(RecoveryCode.user_id == user.id)
    ).scalars():
        db.session.delete(code)
    record(actor, "auth.2fa_disabled", f"user:{user.id}")


def _new_recovery_codes(user: User) -> list[str]:
    for old in db.session.execute(
        select(RecoveryCode).where(RecoveryCode.user_id == user.id)
    ).scalars():
        db.session.delete(old)
    db.session.flush()
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = secrets.token_hex(5)
        code = f"{raw[:5]}-{raw[5:]}"
        codes.append(code)
        db.session.add(RecoveryCode(user_id=user.id, code_hash=_hash_code(code)))
    db.session.flush()
    return codes


def verify_second_factor(user: User, code: str) -> bool:
    """Check a code from the app, or use up a recovery code."""
    if not user.has_two_factor:
        return False
    step = _verify_totp(user, user.totp_secret, code)
    if step is not None:
        user.totp_last_step = step
        return True
    recovery = db.session.execute(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _hash_code(code),
            RecoveryCode.used_at.is_(None),
        )
    ).scalar_one_or_none()
    if recovery is None:
        return False
    recovery.used_at = utcnow()
    record(user, "auth.recovery_code_used", f"user:{user.id}")
    return True


def unused_recovery_codes(user: User) -> int:
    return len(db.session.execute(
        select(RecoveryCode.id).where(RecoveryCode.user_id == user.id,
                                      RecoveryCode.used_at.is_(None))
    ).all())
