"""Writing email to the outbox, and delivering it over SMTP with retries.

A message is written in the same transaction as the event it is about, so an event without
its email (or an email without its event) cannot happen. Delivery is a separate pass
(`consult deliver-mail`): a message that the SMTP server refuses or cannot take is tried
again later with growing intervals; one that was accepted is marked sent and never sent again.
"""

from __future__ import annotations

import logging
import smtplib
import socket
import uuid
from collections import defaultdict
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from flask import current_app, render_template
from flask_babel import force_locale, gettext, ngettext
from sqlalchemy import insert, select

from consult.accounts.models import EmailFrequency, User
from consult.core.i18n import current_locale, user_locale
from consult.core.types import utcnow
from consult.extensions import db
from consult.mail.models import OutboxMessage
from consult.notifications.models import Notification

log = logging.getLogger(__name__)

# Waiting time before attempt n+1 after n failures: 1, 2, 4, ... minutes, at most 1 hour.
MAX_BACKOFF = timedelta(hours=1)


def backoff(attempts: int) -> timedelta:
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def absolute_url(path: str) -> str:
    return current_app.config["CONSULT_BASE_URL"].rstrip("/") + path


def queue(user: User | None, to_address: str, subject: str, body_text: str,
          body_html: str = "") -> OutboxMessage:
    """Put a message in the outbox, in the caller's transaction; it is written in the
    language of the moment (see force_locale)."""
    address = parseaddr(current_app.config["CONSULT_MAIL_FROM"])[1]
    domain = address.rpartition("@")[2] or "consult.local"
    message = OutboxMessage(
        user_id=user.id if user else None, to_address=to_address, subject=subject[:300],
        body_text=body_text, body_html=body_html, locale=current_locale(),
        message_id=f"<{uuid.uuid4().hex}@{domain}>",
    )
    db.session.add(message)
    return message


def email_notification(user: User, notification: Notification) -> OutboxMessage | None:
    """The immediate email for one notification, if the person wants email right away."""
    if user.email_frequency != EmailFrequency.IMMEDIATE or not user.active:
        return None
    link = absolute_url(notification.url) if notification.url else absolute_url("/meldingen")
    context = {"user": user, "items": [(notification, link)],
               "settings_url": absolute_url("/profiel")}
    with force_locale(user_locale(user)):
        message = queue(user, user.email, _subject(notification.message),
                        render_template("mail/notification.txt", **context),
                        render_template("mail/notification.html", **context))
    notification.emailed_at = utcnow()
    return message


# Stands for the recipient's name while a fan-out email is rendered once for everyone.
_NAME = "\ue002"


def queue_notification_emails(users: list, messages: dict[str, str], url: str) -> int:
    """The immediate emails of one event for many people at once (everyone following a
    speerpunt): rendered once per language, with each person's name put in afterwards, and
    written in one statement. Returns the number queued."""
    from types import SimpleNamespace

    from markupsafe import escape

    wanting = [u for u in users if u.email_frequency == EmailFrequency.IMMEDIATE and u.active]
    link = absolute_url(url) if url else absolute_url("/meldingen")
    address = parseaddr(current_app.config["CONSULT_MAIL_FROM"])[1]
    domain = address.rpartition("@")[2] or "consult.local"
    rendered: dict[str, tuple[str, str, str]] = {}
    rows = []
    for user in wanting:
        locale = user_locale(user)
        if locale not in rendered:
            context = {"user": SimpleNamespace(name=_NAME),
                       "items": [(SimpleNamespace(message=messages[locale]), link)],
                       "settings_url": absolute_url("/profiel")}
            with force_locale(locale):
                rendered[locale] = (_subject(messages[locale]),
                                    render_template("mail/notification.txt", **context),
                                    render_template("mail/notification.html", **context))
        subject, text, html = rendered[locale]
        rows.append({
            "user_id": user.id, "to_address": user.email, "subject": subject[:300],
            "body_text": text.replace(_NAME, user.name),
            "body_html": html.replace(_NAME, str(escape(user.name))),
            "locale": locale, "message_id": f"<{uuid.uuid4().hex}@{domain}>",
        })
    if rows:
        db.session.execute(insert(OutboxMessage.__table__), rows)
    return len(rows)


def _subject(message: str) -> str:
    first = message.split(". ")[0].rstrip(".")
    return gettext("GIA: %(subject)s", subject=first)[:200]


def build_digests(now: datetime | None = None) -> int:
    """One message per person who chose a daily digest, with every notification of the days
    before today (Amsterdam time) that did not go out yet. Returns the number of digests."""
    from zoneinfo import ZoneInfo

    now = now or utcnow()
    zone = ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE", "Europe/Amsterdam"))
    start_of_today = now.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)
    pending = db.session.execute(
        select(Notification, User)
        .join(User, User.id == Notification.user_id)
        .where(User.email_frequency == EmailFrequency.DAILY, User.active,
               Notification.emailed_at.is_(None),
               Notification.created_at < start_of_today)
        .order_by(Notification.user_id, Notification.created_at, Notification.id)
    ).all()
    by_user: dict[int, list[Notification]] = defaultdict(list)
    users: dict[int, User] = {}
    for notification, user in pending:
        by_user[user.id].append(notification)
        users[user.id] = user
    for user_id, notifications in by_user.items():
        user = users[user_id]
        items = [(n, absolute_url(n.url) if n.url else absolute_url("/meldingen"))
                 for n in notifications]
        context = {"user": user, "items": items, "settings_url": absolute_url("/profiel")}
        count = len(items)
        with force_locale(user_locale(user)):
            queue(user, user.email,
                  ngettext("GIA: uw dagoverzicht (%(num)d melding)",
                           "GIA: uw dagoverzicht (%(num)d meldingen)", count),
                  render_template("mail/digest.txt", **context),
                  render_template("mail/digest.html", **context))
        for notification in notifications:
            notification.emailed_at = now
    return len(by_user)


def _as_email(message: OutboxMessage) -> EmailMessage:
    email = EmailMessage()
    email["From"] = current_app.config["CONSULT_MAIL_FROM"]
    email["To"] = message.to_address
    email["Subject"] = message.subject
    # The same Message-ID on every attempt, so a receiving server can drop a duplicate.
    email["Message-ID"] = message.message_id
    email["Date"] = format_datetime(message.created_at)
    email["Content-Language"] = message.locale
    email.set_content(message.body_text)
    if message.body_html:
        email.add_alternative(message.body_html, subtype="html")
    return email


def _connect() -> smtplib.SMTP:
    config = current_app.config
    smtp = smtplib.SMTP(config["CONSULT_SMTP_HOST"], config["CONSULT_SMTP_PORT"],
                        timeout=config.get("CONSULT_SMTP_TIMEOUT", 10))
    if config.get("CONSULT_SMTP_STARTTLS"):
        smtp.starttls()
    if config.get("CONSULT_SMTP_USER"):
        smtp.login(config["CONSULT_SMTP_USER"], config.get("CONSULT_SMTP_PASSWORD", ""))
    return smtp


def deliver(*, flush: bool = False, now: datetime | None = None, limit: int = 500) -> dict:
    """One pass over the outbox: send what is due (with `flush`, everything unsent).

    Each message is claimed under a row lock (PostgreSQL: FOR UPDATE SKIP LOCKED), sent,
    and marked sent in its own transaction, so two delivery processes never send the same
    message and a crash between sending and marking loses nothing.
    """
    now = now or utcnow()
    result = {"sent": 0, "failed": 0}
    smtp: smtplib.SMTP | None = None
    tried: set[int] = set()
    try:
        for _ in range(limit):
            statement = OutboxMessage.due(now, ignore_schedule=flush)
            if tried:
                statement = statement.where(OutboxMessage.id.not_in(tried))
            statement = statement.limit(1)
            if db.session.get_bind().dialect.name == "postgresql":
                statement = statement.with_for_update(skip_locked=True)
            message = db.session.execute(statement).scalar_one_or_none()
            if message is None:
                db.session.rollback()
                break
            tried.add(message.id)
            try:
                if smtp is None:
                    smtp = _connect()
                smtp.send_message(_as_email(message))
            except (smtplib.SMTPException, OSError, socket.timeout) as exc:
                message.attempts += 1
                message.last_error = f"{type(exc).__name__}: {exc}"[:1000]
                message.due_at = utcnow() + backoff(message.attempts)
                db.session.commit()
                result["failed"] += 1
                log.warning("mail %s not delivered (attempt %s): %s", message.id,
                            message.attempts, exc)
                if smtp is not None:
                    try:
                        smtp.close()
                    except Exception:  # noqa: BLE001 - closing a broken connection
                        pass
                smtp = None
                if not flush:
                    # The server is down: try the rest on the next pass.
                    break
                continue
            message.attempts += 1
            message.sent_at = utcnow()
            message.last_error = ""
            db.session.commit()
            result["sent"] += 1
    finally:
        if smtp is not None:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                pass
    return result
