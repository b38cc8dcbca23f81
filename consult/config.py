"""Configuration read from the environment, with defaults that run on a laptop."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path


def _instance_secret_key(instance_path: Path) -> str:
    """Return the secret key kept in instance/, generating it on first use."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # Create with 0600 so the key is not world-readable.
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _database_url(instance_path: Path) -> str:
    url = os.environ.get("CONSULT_DATABASE_URL")
    if url:
        # Accept the common postgres:// and postgresql:// spellings; use psycopg 3.
        if url.startswith("postgres://"):
            url = "postgresql://" + url[len("postgres://") :]
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://") :]
        return url
    return f"sqlite:///{instance_path / 'consult.sqlite3'}"


def from_environment(instance_path: Path) -> dict:
    """Build the configuration mapping from CONSULT_* environment variables."""
    secure = _env_bool("CONSULT_SECURE_COOKIES", False)
    return {
        "SECRET_KEY": os.environ.get("CONSULT_SECRET_KEY") or _instance_secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        # Pooled connections are tested after they sat idle (consult/core/database.py).
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        # Request bodies above this are refused with 413.
        "MAX_CONTENT_LENGTH": int(os.environ.get("CONSULT_MAX_CONTENT_LENGTH", 1024 * 1024)),
        # Practice examples carry up to five attachments of 10 MB each.
        "CONSULT_MAX_UPLOAD_LENGTH": int(
            os.environ.get("CONSULT_MAX_UPLOAD_LENGTH", 52 * 1024 * 1024)),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Behind HTTPS: Secure cookies with the __Host- prefix (no Domain, path /) and HSTS.
        "SESSION_COOKIE_SECURE": secure,
        "SESSION_COOKIE_NAME": "__Host-session" if secure else "session",
        "CONSULT_HSTS": secure,
        "REMEMBER_COOKIE_HTTPONLY": True,
        # A session ends after this long without a request...
        "PERMANENT_SESSION_LIFETIME": timedelta(
            minutes=int(os.environ.get("CONSULT_SESSION_IDLE_MINUTES", 60))
        ),
        # ...and after this long in any case.
        "CONSULT_SESSION_MAX_AGE": timedelta(
            minutes=int(os.environ.get("CONSULT_SESSION_MINUTES", 8 * 60))
        ),
        "CONSULT_REQUIRE_2FA": _env_bool("CONSULT_REQUIRE_2FA", True),
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Amsterdam",
        # Email: every message goes through the outbox and `consult deliver-mail`.
        "CONSULT_SMTP_HOST": os.environ.get("CONSULT_SMTP_HOST", "localhost"),
        "CONSULT_SMTP_PORT": int(os.environ.get("CONSULT_SMTP_PORT", 25)),
        "CONSULT_SMTP_USER": os.environ.get("CONSULT_SMTP_USER", ""),
        "CONSULT_SMTP_PASSWORD": os.environ.get("CONSULT_SMTP_PASSWORD", ""),
        "CONSULT_SMTP_STARTTLS": _env_bool("CONSULT_SMTP_STARTTLS", False),
        "CONSULT_MAIL_FROM": os.environ.get("CONSULT_MAIL_FROM", "GIA Consultatieplatform <noreply@gia.example.nl>"),
        "CONSULT_BASE_URL": os.environ.get("CONSULT_BASE_URL", "http://127.0.0.1:5000"),
        "CONSULT_FLAG_THRESHOLD": int(os.environ.get("CONSULT_FLAG_THRESHOLD", 3)),
        # Reports on more amendments are typeset in the background, in parts of this many
        # amendments; `external` when `consult build-exports --loop` runs elsewhere.
        "CONSULT_EXPORT_INLINE_AMENDMENTS": int(
            os.environ.get("CONSULT_EXPORT_INLINE_AMENDMENTS", 40)),
        "CONSULT_EXPORT_PART_AMENDMENTS": int(os.environ.get("CONSULT_EXPORT_PART_AMENDMENTS", 40)),
        "CONSULT_EXPORT_WORKER": os.environ.get("CONSULT_EXPORT_WORKER", "spawn"),
        # Rate limits; with several processes they must share Redis to mean anything.
        "RATELIMIT_STORAGE_URI": os.environ.get("CONSULT_RATELIMIT_STORAGE_URL") or "memory://",
        # Retry-After on a refused request only (consult/core/web.py).
        "RATELIMIT_HEADERS_ENABLED": False,
        "RATELIMIT_KEY_PREFIX": "consult",
        "CONSULT_RATELIMIT_SIGNIN": os.environ.get(
            "CONSULT_RATELIMIT_SIGNIN", "10 per minute;60 per hour"),
        "CONSULT_RATELIMIT_SIGNIN_ACCOUNT": os.environ.get(
            "CONSULT_RATELIMIT_SIGNIN_ACCOUNT", "20 per hour"),
        "CONSULT_RATELIMIT_API_WRITE": os.environ.get(
            "CONSULT_RATELIMIT_API_WRITE", "120 per minute"),
        "CONSULT_API_MAX_PER_PAGE": 100,
        "WTF_CSRF_TIME_LIMIT": None,
        # Memory per process for rendered parts of speerpunt pages and API documents
        # (consult/core/fragments.py); 0 renders everything every time.
        "CONSULT_FRAGMENT_CACHE_BYTES": int(
            os.environ.get("CONSULT_FRAGMENT_CACHE_BYTES", 24 * 1024 * 1024)),
        # Up to this many followers are told of an event in its own transaction; more get
        # one announcement, told after the commit in chunks of CONSULT_NOTIFY_CHUNK.
        "CONSULT_NOTIFY_INLINE_FOLLOWERS": int(
            os.environ.get("CONSULT_NOTIFY_INLINE_FOLLOWERS", 100)),
        "CONSULT_NOTIFY_CHUNK": int(os.environ.get("CONSULT_NOTIFY_CHUNK", 500)),
    }
