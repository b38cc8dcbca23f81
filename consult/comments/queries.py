"""Lookups of comments that respect who may see them."""

from __future__ import annotations

from flask_babel import gettext
from sqlalchemy.orm import joinedload

from consult.accounts.models import User
from consult.comments.models import Comment
from consult.core.errors import NotFound
from consult.core.paging import page_of
from consult.extensions import db
from consult.speerpunten.models import Speerpunt
from consult.speerpunten.permissions import can_view_speerpunt


def comments_page(speerpunt: Speerpunt, section: str | None, page: int, per_page: int):
    return page_of(Comment.of_speerpunt(speerpunt.id, section), page, per_page,
                   joinedload(Comment.author), joinedload(Comment.organisation),
                   joinedload(Comment.hidden_by))


def comments_of(speerpunt: Speerpunt) -> list[Comment]:
    return list(db.session.execute(
        Comment.of_speerpunt(speerpunt.id).options(
            joinedload(Comment.author), joinedload(Comment.organisation), joinedload(Comment.hidden_by)
        )
    ).scalars())


def get_visible_comment(user: User | None, comment_id: int) -> tuple[Comment, Speerpunt]:
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        raise NotFound(gettext("Deze reactie bestaat niet."))
    speerpunt = db.session.get(Speerpunt, comment.speerpunt_id)
    if not can_view_speerpunt(user, speerpunt):
        raise NotFound(gettext("Deze reactie bestaat niet."))
    return comment, speerpunt
