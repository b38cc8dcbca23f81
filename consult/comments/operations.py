"""Rules for comments: posting, replying, flagging, hiding and restoring."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext, lazy_gettext

from consult.accounts.models import User
from consult.audit.operations import record
from consult.comments.models import AUTO_HIDDEN_REASON, Comment, CommentStatus, Flag, FlagReason
from consult.comments.permissions import can_comment, can_flag, can_moderate_comments
from consult.core.errors import Conflict, Forbidden, PhaseClosed, ValidationFailed
from consult.core.text import check_length, normalise_text
from consult.core.links import path_for
from consult.core.types import utcnow
from consult.extensions import db
from consult.notifications.operations import follow, notify
from consult.speerpunten.models import SECTIONS, Speerpunt

MAX_BODY = 10_000
MAX_REASON = 1_000
# The automatic reason, as the author reads it (the stored one stays Dutch, see the model).
AUTO_HIDDEN_REASON_TEXT = lazy_gettext("Automatisch verborgen na meldingen van deelnemers.")


def post_comment(
    actor: User,
    speerpunt: Speerpunt,
    *,
    section: str,
    body: str,
    parent_id: int | None = None,
    amendment_id: int | None = None,
    meeting=None,
) -> Comment:
    """Comment on a section of the current version while the speerpunt is open; a reply
    stays in its parent's section, and a comment about an amendment in the amendment's."""
    from consult.amendments.models import Amendment

    fields: dict[str, str] = {}
    if section not in SECTIONS:
        fields["section"] = gettext("Onbekende sectie; kies uit %(sections)s.",
                                    sections=", ".join(SECTIONS))
    body = normalise_text(body)
    check_length(body, "body", minimum=1, maximum=MAX_BODY, fields=fields)
    parent = None
    if parent_id is not None:
        parent = db.session.get(Comment, parent_id)
        if parent is None or parent.speerpunt_id != speerpunt.id:
            fields["parent_id"] = gettext("Deze reactie bestaat niet bij dit speerpunt.")
        elif section in SECTIONS and parent.section != section:
            fields["section"] = gettext("Een antwoord hoort bij dezelfde sectie als de reactie.")
    if amendment_id is not None:
        amendment = db.session.get(Amendment, amendment_id)
        if amendment is None or amendment.speerpunt_id != speerpunt.id:
            fields["amendment_id"] = gettext("Dit amendement bestaat niet bij dit speerpunt.")
        elif section in SECTIONS and amendment.section != section:
            fields["section"] = gettext("Een reactie op een amendement hoort bij de sectie ervan.")
    if fields:
        raise ValidationFailed(fields=fields)
    if not can_comment(actor, speerpunt):
        raise PhaseClosed(gettext(
            "Reageren kan alleen zolang het speerpunt open staat voor inbreng."))
    if meeting is not None:
        from consult.meetings.operations import check_on_behalf

        check_on_behalf(actor, meeting, speerpunt)
    comment = Comment(
        meeting_id=meeting.id if meeting is not None else None,
        speerpunt_id=speerpunt.id,
        section=section,
        version_number=speerpunt.current_version,
        parent_id=parent.id if parent else None,
        amendment_id=amendment_id,
        author=actor,
        organisation_id=actor.organisation_id,
        body=body,
    )
    db.session.add(comment)
    db.session.flush()
    follow(actor.id, "speerpunt", speerpunt.id)  # one follows what one takes part in
    if parent is not None and parent.author_id != actor.id:
        notify(parent.author_id, "comment.reply",
               lazy_gettext("%(name)s (%(organisation)s) antwoordde op uw reactie bij "
                            "%(speerpunt)s.", name=actor.name,
                            organisation=actor.organisation.name, speerpunt=speerpunt.title),
               comment_link(comment, speerpunt.slug))
    return comment


def comment_link(comment: Comment, slug: str) -> str:
    if comment.amendment_id:
        return path_for("amendments.detail", amendment_id=comment.amendment_id) + (
            f"#reactie-{comment.id}")
    # Stored with the notification: the comment's own address stays right as newer threads
    # push it from the speerpunt page into the pages of the section's discussion.
    return path_for("comments.show", comment_id=comment.id)


def _tell_author_hidden(comment: Comment, reason: str, by_moderator: bool) -> None:
    from consult.speerpunten.models import Speerpunt

    slug = db.session.get(Speerpunt, comment.speerpunt_id).slug
    if by_moderator:
        message = lazy_gettext("Uw reactie is verborgen door een moderator. Reden: %(reason)s",
                               reason=reason)
    else:
        message = lazy_gettext(
            "Uw reactie is verborgen na meldingen van deelnemers, tot een moderator ernaar "
            "heeft gekeken. Reden: %(reason)s", reason=AUTO_HIDDEN_REASON_TEXT)
    notify(comment.author_id, "comment.hidden", message, comment_link(comment, slug))


def parse_flag_reason(reason: str, explanation: str = "") -> tuple[FlagReason, str]:
    """Accept a category (spam, offensive, off_topic, other) or free text, which counts as other."""
    reason = normalise_text(reason)
    explanation = normalise_text(explanation)
    try:
        return FlagReason(reason), explanation
    except ValueError:
        return FlagReason.OTHER, (reason + ("\n\n" + explanation if explanation else "")).strip()


def flag_comment(actor: User, comment: Comment, reason: str, explanation: str = "") -> bool:
    """Flag a comment once per person; enough flags from different people hide it until a
    moderator reviews it. Returns False when this person had flagged it already."""
    category, explanation = parse_flag_reason(reason, explanation)
    fields: dict[str, str] = {}
    if not reason.strip():
        fields["reason"] = gettext("Geef aan waarom u deze reactie meldt.")
    if category == FlagReason.OTHER and not explanation:
        fields["reason"] = gettext("Licht toe waarom u deze reactie meldt.")
    if len(explanation) > MAX_REASON:
        fields["reason"] = gettext("Hooguit %(maximum)s tekens.", maximum=MAX_REASON)
    if fields:
        raise ValidationFailed(fields=fields)
    if not can_flag(actor, comment):
        raise Conflict(gettext("U kunt uw eigen reactie niet melden."))
    already = db.session.execute(
        db.select(Flag).where(Flag.comment_id == comment.id, Flag.user_id == actor.id)
    ).scalar_one_or_none()
    if already is not None:
        return False
    db.session.add(Flag(comment_id=comment.id, user_id=actor.id, reason=category,
                        explanation=explanation))
    db.session.flush()
    threshold = current_app.config.get("CONSULT_FLAG_THRESHOLD", 3)
    active_flags = db.session.scalar(
        db.select(db.func.count(db.distinct(Flag.user_id))).where(
            Flag.comment_id == comment.id, Flag.dismissed_at.is_(None)
        )
    )
    if comment.status == CommentStatus.VISIBLE and active_flags >= threshold:
        comment.status = CommentStatus.HIDDEN
        comment.auto_hidden = True
        comment.hidden_at = utcnow()
        comment.hidden_reason = AUTO_HIDDEN_REASON
        comment.reviewed_at = None
        record(None, "comment.auto_hide", f"comment:{comment.id}", flags=active_flags)
        _tell_author_hidden(comment, comment.hidden_reason, by_moderator=False)
    return True


def _moderation_reason(reason: str) -> str:
    reason = normalise_text(reason or "")
    fields: dict[str, str] = {}
    check_length(reason, "reason", minimum=1, maximum=MAX_REASON, fields=fields)
    if fields:
        raise ValidationFailed(fields=fields)
    return reason


def hide_comment(actor: User, comment: Comment, reason: str) -> Comment:
    """A moderator hides a comment with a reason; it stays in the thread, marked as hidden."""
    if not can_moderate_comments(actor):
        raise Forbidden(gettext("Alleen moderatoren verbergen reacties."))
    reason = _moderation_reason(reason)
    if comment.is_hidden and comment.hidden_by_id is not None:
        raise Conflict(gettext("Deze reactie is al verborgen door een moderator."))
    now = utcnow()
    comment.status = CommentStatus.HIDDEN
    comment.hidden_at = comment.hidden_at or now
    comment.hidden_by_id = actor.id
    comment.hidden_reason = reason
    comment.reviewed_at = now
    record(actor, "comment.hide", f"comment:{comment.id}", reason=reason)
    _tell_author_hidden(comment, reason, by_moderator=True)
    db.session.flush()
    return comment


def restore_comment(actor: User, comment: Comment, reason: str) -> Comment:
    """A moderator restores a hidden comment; the flags that hid it are dismissed."""
    if not can_moderate_comments(actor):
        raise Forbidden(gettext("Alleen moderatoren herstellen reacties."))
    reason = _moderation_reason(reason)
    if not comment.is_hidden:
        raise Conflict(gettext("Deze reactie is niet verborgen."))
    now = utcnow()
    comment.status = CommentStatus.VISIBLE
    comment.hidden_at = None
    comment.hidden_by_id = None
    comment.auto_hidden = False
    comment.hidden_reason = ""
    comment.reviewed_at = now
    for flag in comment.flags:
        if flag.dismissed_at is None:
            flag.dismissed_at = now
    record(actor, "comment.restore", f"comment:{comment.id}", reason=reason)
    db.session.flush()
    return comment


def dismiss_flags(actor: User, comment: Comment, reason: str) -> Comment:
    """A moderator finds the flags on a visible comment unfounded; they stop counting."""
    if not can_moderate_comments(actor):
        raise Forbidden(gettext("Alleen moderatoren handelen meldingen af."))
    reason = _moderation_reason(reason)
    open_flags = [flag for flag in comment.flags if flag.dismissed_at is None]
    if not open_flags:
        raise Conflict(gettext("Er zijn geen openstaande meldingen bij deze reactie."))
    if comment.is_hidden:
        # A hidden comment is restored, which dismisses its flags too.
        return restore_comment(actor, comment, reason)
    now = utcnow()
    for flag in open_flags:
        flag.dismissed_at = now
    comment.reviewed_at = now
    record(actor, "comment.dismiss_flags", f"comment:{comment.id}", reason=reason,
           flags=len(open_flags))
    db.session.flush()
    return comment


BULK_ACTIONS = {"hide": hide_comment, "restore": restore_comment, "dismiss": dismiss_flags}


def moderate_many(actor: User, comments: list[Comment], action: str, reason: str) -> int:
    """Apply one moderation action with one reason to several comments, all or nothing."""
    if action not in BULK_ACTIONS:
        raise ValidationFailed(
            fields={"action": gettext("Kies verbergen, herstellen of afhandelen.")})
    if not comments:
        raise ValidationFailed(fields={"comment_ids": gettext("Kies een of meer reacties.")})
    for comment in comments:
        BULK_ACTIONS[action](actor, comment, reason)
    return len(comments)
