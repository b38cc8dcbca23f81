"""People, their roles and their API tokens."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import gettext
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.core.types import UTCDateTime, enum_column_type, utcnow
from consult.extensions import db
from consult.organisations.models import Organisation, Tier


class Role(enum.StrEnum):
    PARTICIPANT = "participant"
    MODERATOR = "moderator"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return {"participant": gettext("Deelnemer"), "moderator": gettext("Moderator"),
                "admin": gettext("Beheerder")}[self.value]


class EmailFrequency(enum.StrEnum):
    IMMEDIATE = "immediate"
    DAILY = "daily"
    OFF = "off"

    @property
    def label(self) -> str:
        return {"immediate": gettext("Direct, per gebeurtenis"),
                "daily": gettext("Eén keer per dag, gebundeld"),
                "off": gettext("Geen e-mail")}[self.value]


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("email = lower(email) AND email LIKE '%_@_%'", name="email_format"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        CheckConstraint("length(session_token) >= 16", name="session_token_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    function: Mapped[str] = mapped_column(String(120), default="")
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    role: Mapped[Role] = mapped_column(enum_column_type(Role, "role"), default=Role.PARTICIPANT)
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    # Rotated on password change and sign-out: a session cookie carries it, so old
    # cookies stop working on the server side.
    session_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Two-factor sign-in with an authenticator app (TOTP). The secret only counts once
    # confirmed with a code; the last used time step prevents replaying a code.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    totp_last_step: Mapped[int | None]
    # Designated by an admin to endorse adopted speerpunten on behalf of the organisation.
    may_endorse: Mapped[bool] = mapped_column(default=False, server_default="0")
    email_frequency: Mapped[EmailFrequency] = mapped_column(
        enum_column_type(EmailFrequency, "email_frequency"), default=EmailFrequency.IMMEDIATE,
        server_default="immediate",
    )
    # The language the person chose (nl, en): notifications and email are written in it.
    locale: Mapped[str] = mapped_column(String(5), default="nl", server_default="nl")

    organisation: Mapped[Organisation] = relationship(lazy="joined")
    tokens: Mapped[list[ApiToken]] = relationship(
        back_populates="user", order_by="ApiToken.created_at.desc()"
    )

    # Flask-Login: the id in the session includes the session token.
    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def has_two_factor(self) -> bool:
        return self.totp_secret is not None and self.totp_confirmed_at is not None

    @property
    def is_moderator(self) -> bool:
        return self.role in (Role.MODERATOR, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def tier(self) -> Tier:
        return self.organisation.tier

    @staticmethod
    def by_email(email: str):
        return select(User).where(User.email == email.strip().lower())

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class ApiToken(db.Model):
    """A bearer token for the API. Only a SHA-256 hash of the secret is stored."""

    __tablename__ = "api_tokens"
    __table_args__ = (CheckConstraint("length(token_hash) = 64", name="hash_length"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The first characters of the secret, so a person can tell tokens apart.
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(back_populates="tokens")

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class RecoveryCode(db.Model):
    """A single-use code to sign in without the authenticator app; only its hash is kept."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
