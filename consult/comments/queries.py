"""Lookups of comments that respect who may see them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from flask_babel import gettext
from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import joinedload

from consult.accounts.models import User
from consult.comments.models import Comment
from consult.core.errors import NotFound
from consult.core.paging import page_count, page_of
from consult.extensions import db
from consult.speerpunten.models import SECTIONS, Speerpunt
from consult.speerpunten.permissions import can_view_speerpunt

# A section's discussion is read in threads (a top-level comment with all replies below it),
# newest thread first: the speerpunt page shows the first few of each section, the
# section's discussion page all of them, a page at a time. A national consultation has
# thousands of comments per speerpunt; rendering them all made the page megabytes long.
THREADS_ON_SPEERPUNT = 10
THREADS_PER_PAGE = 25
NEWEST_FIRST = (Comment.created_at.desc(), Comment.id.desc())


def comments_page(speerpunt: Speerpunt, section: str | None, page: int, per_page: int):
    return page_of(Comment.of_speerpunt(speerpunt.id, section), page, per_page,
                   joinedload(Comment.author), joinedload(Comment.organisation))


def comments_on_amendment(amendment_id: int) -> list[Comment]:
    """The discussion about one amendment, oldest first, without reading the rest of the
    speerpunt's comments."""
    return list(db.session.execute(
        select(Comment).where(Comment.amendment_id == amendment_id)
        .order_by(Comment.created_at, Comment.id)
        .options(joinedload(Comment.author), joinedload(Comment.organisation),
                 joinedload(Comment.hidden_by))
    ).scalars())


def get_visible_comment(user: User | None, comment_id: int) -> tuple[Comment, Speerpunt]:
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        raise NotFound(gettext("Deze reactie bestaat niet."))
    speerpunt = db.session.get(Speerpunt, comment.speerpunt_id)
    if not can_view_speerpunt(user, speerpunt):
        raise NotFound(gettext("Deze reactie bestaat niet."))
    return comment, speerpunt


@dataclass(frozen=True)
class SectionCount:
    threads: int
    comments: int

    def pages(self, per_page: int = THREADS_PER_PAGE) -> int:
        return page_count(self.threads, per_page)


def _roots(speerpunt_id: int, section: str | None = None) -> Select:
    """The top-level comments on a speerpunt's text; comments about an amendment are read
    on the amendment's page."""
    statement = select(Comment.id).where(
        Comment.speerpunt_id == speerpunt_id, Comment.parent_id.is_(None),
        Comment.amendment_id.is_(None))
    if section is not None:
        statement = statement.where(Comment.section == section)
    return statement


def section_counts(speerpunt: Speerpunt) -> dict[str, SectionCount]:
    """Per section, its threads and all its comments (replies included), in one query."""
    rows = db.session.execute(
        select(Comment.section, func.count(case((Comment.parent_id.is_(None), 1))), func.count())
        .where(Comment.speerpunt_id == speerpunt.id, Comment.amendment_id.is_(None))
        .group_by(Comment.section)
    ).all()
    counts = {key: SectionCount(0, 0) for key in SECTIONS}
    counts.update({section: SectionCount(threads, total) for section, threads, total in rows})
    return counts


def _threads(root_ids: Select) -> list[Comment]:
    """The threads whose top-level comments `root_ids` selects: those comments and every
    reply below them, at any depth, in one query, oldest first."""
    tree = select(Comment.id).where(Comment.id.in_(root_ids)).cte("thread", recursive=True)
    tree = tree.union_all(select(Comment.id).where(
        Comment.parent_id == tree.c.id, Comment.amendment_id.is_(None)))
    return list(db.session.execute(
        select(Comment).where(Comment.id.in_(select(tree.c.id)))
        .order_by(Comment.created_at, Comment.id)
        .options(joinedload(Comment.author), joinedload(Comment.organisation),
                 joinedload(Comment.hidden_by))
    ).scalars())


def recent_threads(speerpunt: Speerpunt, per_section: int = THREADS_ON_SPEERPUNT
                   ) -> list[Comment]:
    """The newest `per_section` threads of every section, with their replies."""
    rank = func.row_number().over(partition_by=Comment.section, order_by=NEWEST_FIRST)
    ranked = (_roots(speerpunt.id).add_columns(Comment.section, rank.label("rank"))
              .subquery())
    return _threads(select(ranked.c.id).where(ranked.c.rank <= per_section))


def threads_page(speerpunt: Speerpunt, section: str, page: int,
                 per_page: int = THREADS_PER_PAGE) -> list[Comment]:
    """One page of a section's threads, newest thread first, with their replies."""
    return _threads(_roots(speerpunt.id, section).order_by(*NEWEST_FIRST)
                    .limit(per_page).offset((page - 1) * per_page))


def thread_tree(comments: list[Comment]
                ) -> tuple[dict[str, list[Comment]], dict[int, list[Comment]]]:
    """Top-level comments per section, newest first, and the replies to each comment,
    oldest first (a conversation reads down)."""
    roots: dict[str, list[Comment]] = defaultdict(list)
    children: dict[int, list[Comment]] = defaultdict(list)
    for comment in comments:
        if comment.parent_id is None:
            roots[comment.section].append(comment)
        else:
            children[comment.parent_id].append(comment)
    for threads in roots.values():
        threads.reverse()
    return roots, children


def thread_root(comment: Comment) -> Comment:
    """The top-level comment of the thread a comment is in."""
    if comment.parent_id is None:
        return comment
    up = (select(Comment.id, Comment.parent_id).where(Comment.id == comment.parent_id)
          .cte("ancestors", recursive=True))
    up = up.union_all(select(Comment.id, Comment.parent_id).where(Comment.id == up.c.parent_id))
    root_id = db.session.scalar(select(up.c.id).where(up.c.parent_id.is_(None)))
    return db.session.get(Comment, root_id)


def thread_position(root: Comment) -> int:
    """How many threads of the section are newer than this one: 0 for the newest."""
    return db.session.scalar(
        select(func.count()).select_from(
            _roots(root.speerpunt_id, root.section).where(
                (Comment.created_at > root.created_at)
                | ((Comment.created_at == root.created_at) & (Comment.id > root.id))
            ).subquery()))
