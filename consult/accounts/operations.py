"""Rules for accounts: creating people, signing in, passwords and API tokens."""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import NamedTuple

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from email_validator import EmailNotValidError, validate_email
from flask import current_app, has_app_context
from flask_babel import gettext
from sqlalchemy import bindparam, select, update

from consult.accounts.models import ApiToken, Role, User
from consult.audit.operations import record
from consult.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from consult.core.loading import Columns
from consult.core.types import utcnow
from consult.extensions import db
from consult.organisations.models import Organisation

_default_hasher = PasswordHasher()
# Tests may set PASSWORD_HASH_FAST: argon2 at its cheapest, still a real argon2 hash.
_fast_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
_dummy_hashes: dict[int, str] = {}


def _hasher() -> PasswordHasher:
    if has_app_context() and current_app.config.get("PASSWORD_HASH_FAST"):
        return _fast_hasher
    return _default_hasher


def _dummy_hash() -> str:
    """A hash to verify against when the email is unknown, so that a wrong email costs as
    much time as a wrong password and does not reveal which addresses exist."""
    hasher = _hasher()
    if id(hasher) not in _dummy_hashes:
        _dummy_hashes[id(hasher)] = hasher.hash(secrets.token_hex(16))
    return _dummy_hashes[id(hasher)]

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024
TOKEN_PREFIX = "gia_"
# Writing last_used_at on every request would turn each API read into a write.
TOKEN_TOUCH_INTERVAL = timedelta(minutes=10)


def hash_password(password: str) -> str:
    return _hasher().hash(password)


@functools.cache
def _common_passwords() -> frozenset[str]:
    # zxcvbn's word lists take tens of megabytes; a process loads them when it first checks
    # a password, not when it starts.
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def check_password_policy(password: str, *, user_inputs: list[str] | None = None) -> str | None:
    """Return why a password is not acceptable, or None when it is: at least 12 characters,
    not a commonly used password, and not easy to guess (zxcvbn score 2 or more)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return gettext("Kies een wachtwoord van minstens %(minimum)s tekens.",
                       minimum=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        return gettext("Dit wachtwoord is te lang.")
    if password.lower() in _common_passwords():
        return gettext("Dit wachtwoord komt voor in lijsten van veelgebruikte wachtwoorden.")
    # zxcvbn only looks at the first 100 characters; long passphrases are fine anyway.
    # Words from the person's own email and name make a password easy to guess.
    words = [part for value in user_inputs or [] for part in re.split(r"[@.\s_-]+", value)
             if len(part) >= 3]
    from zxcvbn import zxcvbn

    if zxcvbn(password[:100], user_inputs=[*(user_inputs or []), *words])["score"] < 2:
        return gettext("Dit wachtwoord is te makkelijk te raden. Gebruik bijvoorbeeld een zin "
                       "van een paar ongewone woorden.")
    return None


def normalise_email(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise ValidationFailed(fields={"email": gettext("Geen geldig e-mailadres.")}) from exc


def create_user(
    *,
    email: str,
    name: str,
    organisation: Organisation,
    role: Role,
    password: str,
    function: str = "",
) -> User:
    """Create an account; the email must be new and the password meet the policy."""
    fields: dict[str, str] = {}
    try:
        email = normalise_email(email)
    except ValidationFailed as exc:
        fields.update(exc.fields or {})
    name = name.strip()
    if not name:
        fields["name"] = gettext("Vul een naam in.")
    elif len(name) > 200:
        fields["name"] = gettext("Een naam is hooguit 200 tekens.")
    if len(function.strip()) > 120:
        fields["function"] = gettext("Een functie is hooguit 120 tekens.")
    problem = check_password_policy(password, user_inputs=[email, name])
    if problem:
        fields["password"] = problem
    if fields:
        raise ValidationFailed(fields=fields)
    if db.session.execute(User.by_email(email)).first() is not None:
        raise Conflict(gettext("Er is al een account met dit e-mailadres."),
                       fields={"email": gettext("Bestaat al.")})
    user = User(
        email=email,
        name=name,
        function=function.strip(),
        organisation=organisation,
        role=role,
        password_hash=hash_password(password),
        session_token=secrets.token_hex(16),
    )
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """Return the active user with this email and password, or None."""
    user = db.session.execute(User.by_email(email)).scalar_one_or_none()
    if user is None:
        _verify(_dummy_hash(), password)
        return None
    if not _verify(user.password_hash, password) or not user.active:
        return None
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password[:MAX_PASSWORD_LENGTH])
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Change a password after checking the current one; ends the user's other sessions."""
    if not _verify(user.password_hash, current_password):
        raise ValidationFailed(
            fields={"current_password": gettext("Het huidige wachtwoord klopt niet.")})
    problem = check_password_policy(new_password, user_inputs=[user.email, user.name])
    if problem:
        raise ValidationFailed(fields={"new_password": problem})
    user.password_hash = hash_password(new_password)
    end_sessions(user)


def end_sessions(user: User) -> None:
    """Invalidate every session cookie issued to this user so far."""
    user.session_token = secrets.token_hex(16)


def _hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(user: User, name: str = "") -> tuple[ApiToken, str]:
    """Create an API token; returns it with its secret, which is shown once and not stored."""
    name = name.strip()
    if len(name) > 100:
        raise ValidationFailed(fields={"name": gettext("Een naam is hooguit 100 tekens.")})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, token_hash=_hash_token(secret), prefix=secret[:10])
    db.session.add(token)
    db.session.flush()
    return token, secret


def revoke_token(user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound(gettext("Dit token bestaat niet."))
    if token.revoked_at is None:
        token.revoked_at = utcnow()
    return token


class TokenUse(NamedTuple):
    """Whose a valid token is, and what is needed to note its use."""

    user: User
    token_id: int
    last_used_at: datetime | None


@functools.cache
def _person_columns() -> tuple[Columns, Columns]:
    return Columns(User), Columns(Organisation)


def person_statement(*more):
    """A Core statement that reads a person and their organisation (read_person reads its
    rows), and `more` after them: what every request asks first, without the ORM's cost of
    row processing (core.loading)."""
    person, organisation = _person_columns()
    users = User.__table__
    return (select(*person.columns, *organisation.columns, *more)
            .select_from(users.join(Organisation.__table__,
                                    Organisation.__table__.c.id == users.c.organisation_id)))


def read_person(statement, params: dict, along=None) -> tuple[User, Sequence] | None:
    """The person (with their organisation) of the first row of a person_statement, put in
    the session, and the row's values after them; None if there is no row.

    `along` (speerpunten.queries.Along) is read in the same statement and kept for the
    request."""
    if along is not None:
        statement, params = _with_speerpunt_along(statement), params | along.params()
    row = db.session.connection().execute(statement, params).first()
    if row is None:
        return None
    person, organisation = _person_columns()
    middle = len(person)
    end = middle + len(organisation)
    user = person.load(db.session, row[:middle],
                       organisation=organisation.load(db.session, row[middle:end]))
    if along is not None:
        along.keep(user.id, row)
        row = row[:-along.width()]
    return user, row[end:]


@functools.cache
def _with_speerpunt_along(statement):
    from consult.speerpunten.queries import with_speerpunt_along

    return with_speerpunt_along(statement, User.__table__.c.id)


# The person of an unrevoked token, in one statement built once: every API request asks it
# first, and a statement built once also keeps its cache key.
@functools.cache
def _token_use():
    tokens = ApiToken.__table__
    return (person_statement(tokens.c.id, tokens.c.last_used_at)
            .join(tokens, tokens.c.user_id == User.__table__.c.id)
            .where(tokens.c.token_hash == bindparam("token_hash"),
                   tokens.c.revoked_at.is_(None), User.__table__.c.active.is_(True)))


def token_use(secret: str, along=None) -> TokenUse | None:
    """The active person of a valid, unrevoked token; None for any other secret.

    `along` (speerpunten.queries.Along) is read in the same statement and kept for the
    request."""
    if not secret or len(secret) > 200:
        return None
    found = read_person(_token_use(), {"token_hash": _hash_token(secret)}, along)
    if found is None:
        return None
    user, (token_id, last_used_at) = found
    return TokenUse(user, token_id, last_used_at)


def note_token_use(use: TokenUse) -> bool:
    """Note when the token was last used, at most every few minutes; True if it wrote.

    One UPDATE statement: reads write nothing else, and the request decides whether it
    commits."""
    now = utcnow()
    if use.last_used_at is not None and now - use.last_used_at <= TOKEN_TOUCH_INTERVAL:
        return False
    db.session.execute(update(ApiToken).where(ApiToken.id == use.token_id)
                       .values(last_used_at=now)
                       .execution_options(synchronize_session=False))
    return True


def update_user(
    actor: User, user: User, *, function: str, organisation: Organisation, role: Role,
    active: bool,
    may_endorse: bool | None = None,
) -> User:
    """An admin changes someone's function, organisation, role or active state; role and
    membership changes are audited, and deactivating ends the person's sessions."""
    if actor is None or not actor.is_admin:
        raise Forbidden(gettext("Alleen beheerders wijzigen accounts."))
    changes: dict[str, list] = {}
    if user.role != role:
        changes["role"] = [user.role.value, role.value]
    if user.organisation_id != organisation.id:
        changes["organisation"] = [user.organisation.slug, organisation.slug]
    if user.active != active:
        changes["active"] = [user.active, active]
    if may_endorse is not None and user.may_endorse != may_endorse:
        changes["may_endorse"] = [user.may_endorse, may_endorse]
        user.may_endorse = may_endorse
    user.function = function.strip()[:120]
    user.organisation = organisation
    user.role = role
    if user.active and not active:
        end_sessions(user)
    user.active = active
    if changes:
        record(actor, "user.update", f"user:{user.id}", **changes)
    return user
