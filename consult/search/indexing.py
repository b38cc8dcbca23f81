"""Keeps the search index current in the same transaction as the write that changes it.

Every flush that adds, changes or deletes a searchable object rewrites that object's rows in
`search_entries` before the transaction commits, so a search never sees text that a rolled-back
request wrote and never misses text that a committed one did. No operation has to remember to
index: the session does it for all of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import and_, delete, event, insert, inspect, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.util import identity_key

from consult.amendments.models import Amendment, Response
from consult.comments.models import Comment, CommentStatus
from consult.knowledge.models import KnowledgeQuestion, PracticeExample
from consult.organisations.models import Organisation
from consult.search.models import Kind, SearchEntry
from consult.speerpunten.models import SECTIONS, Speerpunt, Version
from consult.speerpunten.textdiff import diff_words

_TABLE = SearchEntry.__table__


def _speerpunt_rows(conn: Connection, ids: Iterable[int]) -> list[dict]:
    """The current version's four sections, each one passage titled by the speerpunt."""
    rows = conn.execute(
        select(Speerpunt.id, Speerpunt.title, Version.kernprobleem, Version.ambitie,
               Version.rijk, Version.gemeente)
        .join(Version, and_(Version.speerpunt_id == Speerpunt.id,
                            Version.number == Speerpunt.current_version))
        .where(Speerpunt.id.in_(list(ids)))
    ).mappings()
    return [
        {"kind": Kind.SPEERPUNT.value, "object_id": row["id"], "section": section,
         "parent_id": None, "speerpunt_id": row["id"], "tier": None, "region_id": None,
         "status": "", "hidden": False, "title": row["title"], "body": row[section]}
        for row in rows for section in SECTIONS
    ]


def _comment_rows(conn: Connection, ids: Iterable[int]) -> list[dict]:
    rows = conn.execute(
        select(Comment.id, Comment.section, Comment.amendment_id, Comment.speerpunt_id,
               Comment.status, Comment.body, Organisation.tier, Organisation.region_id)
        .join(Organisation, Organisation.id == Comment.organisation_id)
        .where(Comment.id.in_(list(ids)))
    ).mappings()
    return [_comment_entry(row) for row in rows]


def _comment_entry(row) -> dict:
    return {"kind": Kind.COMMENT.value, "object_id": row["id"], "section": row["section"],
            "parent_id": row["amendment_id"], "speerpunt_id": row["speerpunt_id"],
            "tier": _value(row["tier"]), "region_id": row["region_id"],
            "status": _value(row["status"]),
            "hidden": _value(row["status"]) == CommentStatus.HIDDEN.value,
            "title": "", "body": row["body"]}


_COMMENT_FIELDS = ("id", "section", "amendment_id", "speerpunt_id", "status", "body",
                   "organisation_id")


def _new_comment_entry(session: Session, comment: Comment) -> dict | None:
    """The index row of a comment just inserted, from the object and its organisation as
    the session holds them (the author's, loaded with them); None when either is not at
    hand, and the row is then read back from the database."""
    values = comment.__dict__
    if any(field not in values for field in _COMMENT_FIELDS):
        return None
    organisation = session.identity_map.get(
        identity_key(Organisation, values["organisation_id"]))
    if organisation is None or "tier" not in organisation.__dict__ \
            or "region_id" not in organisation.__dict__:
        return None
    return _comment_entry({**{field: values[field] for field in _COMMENT_FIELDS},
                           "tier": organisation.tier, "region_id": organisation.region_id})


def _amendment_rows(conn: Connection, ids: Iterable[int]) -> list[dict]:
    """An amendment is found by its rationale and by the words it adds, not by the whole
    section it carries: otherwise every amendment would match every word of its section."""
    base = aliased(Version)
    rows = conn.execute(
        select(Amendment.id, Amendment.section, Amendment.speerpunt_id, Amendment.status,
               Amendment.text, Amendment.rationale, Organisation.tier, Organisation.region_id,
               base.kernprobleem, base.ambitie, base.rijk, base.gemeente)
        .join(Organisation, Organisation.id == Amendment.organisation_id)
        .outerjoin(base, and_(base.speerpunt_id == Amendment.speerpunt_id,
                              base.number == Amendment.base_version))
        .where(Amendment.id.in_(list(ids)))
    ).mappings()
    result = []
    for row in rows:
        before = row[row["section"]] or ""
        added = " … ".join(
            text.strip() for op, text in diff_words(before, row["text"])
            if op == "insert" and text.strip()
        )
        result.append(
            {"kind": Kind.AMENDMENT.value, "object_id": row["id"], "section": row["section"],
             "parent_id": None, "speerpunt_id": row["speerpunt_id"],
             "tier": _value(row["tier"]), "region_id": row["region_id"],
             "status": _value(row["status"]), "hidden": False, "title": "",
             "body": f"{added}\n\n{row['rationale']}" if added else row["rationale"]}
        )
    return result


def _response_rows(conn: Connection, ids: Iterable[int]) -> list[dict]:
    rows = conn.execute(
        select(Response.id, Response.amendment_id, Response.body, Response.position,
               Amendment.speerpunt_id, Amendment.section, Organisation.tier,
               Organisation.region_id)
        .join(Amendment, Amendment.id == Response.amendment_id)
        .join(Organisation, Organisation.id == Response.organisation_id)
        .where(Response.id.in_(list(ids)))
    ).mappings()
    return [
        {"kind": Kind.RESPONSE.value, "object_id": row["id"], "section": row["section"],
         "parent_id": row["amendment_id"], "speerpunt_id": row["speerpunt_id"],
         "tier": _value(row["tier"]), "region_id": row["region_id"],
         "status": _value(row["position"]), "hidden": False, "title": "", "body": row["body"]}
        for row in rows
    ]


def _example_rows(conn: Connection, ids: Iterable[int]) -> list[dict]:
    rows = conn.execute(
        select(PracticeExample.id, PracticeExample.speerpunt_id, PracticeExample.region_id,
               PracticeExample.title, PracticeExample.summary, PracticeExample.body,
               PracticeExample.tags, Organisation.tier)
        .join(Organisation, Organisation.id == PracticeExample.organisation_id)
        .where(PracticeExample.id.in_(list(ids)))
    ).mappings()
    return [
        {"kind": Kind.EXAMPLE.value, "object_id": row["id"], "section": "", "parent_id": None,
         "speerpunt_id": row["speerpunt_id"], "tier": _value(row["tier"]),
         "region_id": row["region_id"], "status": "", "hidden": False,
         "title": row["title"],
         "body": "\n\n".join(part for part in (row["summary"], row["body"], row["tags"]) if part)}
        for row in rows
    ]


def _question_rows(conn: Connection, ids: Iterable[int]) -> list[dict]:
    rows = conn.execute(
        select(KnowledgeQuestion.id, KnowledgeQuestion.speerpunt_id, KnowledgeQuestion.region_id,
               KnowledgeQuestion.title, KnowledgeQuestion.body,
               KnowledgeQuestion.accepted_answer_id, Organisation.tier)
        .join(Organisation, Organisation.id == KnowledgeQuestion.organisation_id)
        .where(KnowledgeQuestion.id.in_(list(ids)))
    ).mappings()
    return [
        {"kind": Kind.QUESTION.value, "object_id": row["id"], "section": "", "parent_id": None,
         "speerpunt_id": row["speerpunt_id"], "tier": _value(row["tier"]),
         "region_id": row["region_id"],
         "status": "answered" if row["accepted_answer_id"] else "open", "hidden": False,
         "title": row["title"], "body": row["body"]}
        for row in rows
    ]


_SOURCES = {
    Kind.SPEERPUNT: _speerpunt_rows,
    Kind.COMMENT: _comment_rows,
    Kind.AMENDMENT: _amendment_rows,
    Kind.RESPONSE: _response_rows,
    Kind.EXAMPLE: _example_rows,
    Kind.QUESTION: _question_rows,
}
_KIND_OF = {Comment: Kind.COMMENT, Amendment: Kind.AMENDMENT, Response: Kind.RESPONSE,
            PracticeExample: Kind.EXAMPLE, KnowledgeQuestion: Kind.QUESTION,
            Speerpunt: Kind.SPEERPUNT}


def _text_changed(obj) -> bool:
    """Whether anything the passage is built from, other than the status, changed."""
    state = inspect(obj)
    return any(attr.history.has_changes() for name, attr in state.attrs.items()
               if name in _INDEXED_COLUMNS)


# Columns a comment's or an amendment's passage is built from, besides its status.
_INDEXED_COLUMNS = frozenset({"text", "rationale", "body", "section", "speerpunt_id",
                              "organisation_id", "base_version", "amendment_id"})


def _value(value) -> str | None:
    return getattr(value, "value", value)


def reindex(conn: Connection, kind: Kind, ids: Iterable[int], *, new: bool = False) -> None:
    """Replace the rows of these objects by what the database holds for them now; `new`
    objects (inserted in this transaction) have no rows to replace yet."""
    ids = sorted(set(ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        if kind is Kind.SPEERPUNT and not new:
            _refresh_speerpunten(conn, chunk)
            continue
        if not new:
            conn.execute(delete(_TABLE).where(_TABLE.c.kind == kind.value,
                                              _TABLE.c.object_id.in_(chunk)))
        rows = _SOURCES[kind](conn, chunk)
        if rows:
            conn.execute(insert(_TABLE), rows)


def _refresh_speerpunten(conn: Connection, ids: list[int]) -> None:
    """Rewrite only the passages whose text changed. A new version changes one section, and
    PostgreSQL parses every passage written into its text index again: for a 5,000-word
    section that is most of what accepting an amendment costs the database."""
    wanted = {(row["object_id"], row["section"]): row for row in _speerpunt_rows(conn, ids)}
    stale = []
    for entry in conn.execute(
        select(_TABLE.c.id, _TABLE.c.object_id, _TABLE.c.section, _TABLE.c.title,
               _TABLE.c.body)
        .where(_TABLE.c.kind == Kind.SPEERPUNT.value, _TABLE.c.object_id.in_(ids))
    ):
        row = wanted.get((entry.object_id, entry.section))
        if row is not None and (row["title"], row["body"]) == (entry.title, entry.body):
            del wanted[(entry.object_id, entry.section)]
        else:
            stale.append(entry.id)
    if stale:
        conn.execute(delete(_TABLE).where(_TABLE.c.id.in_(stale)))
    if wanted:
        conn.execute(insert(_TABLE), list(wanted.values()))


def rebuild(conn: Connection) -> None:
    """Index everything from scratch: for a database that predates the index."""
    conn.execute(delete(_TABLE))
    sources = {
        Kind.SPEERPUNT: Speerpunt.id, Kind.COMMENT: Comment.id, Kind.AMENDMENT: Amendment.id,
        Kind.RESPONSE: Response.id, Kind.EXAMPLE: PracticeExample.id,
        Kind.QUESTION: KnowledgeQuestion.id,
    }
    for kind, column in sources.items():
        reindex(conn, kind, conn.execute(select(column)).scalars().all())


@event.listens_for(Session, "after_flush")
def _index_flushed(session: Session, _flush_context) -> None:
    changed: dict[Kind, set[int]] = defaultdict(set)
    created: dict[Kind, set[int]] = defaultdict(set)
    known: list[dict] = []  # rows of new comments, built from the session
    removed: dict[Kind, set[int]] = defaultdict(set)
    for obj in session.new:
        kind = _KIND_OF.get(type(obj))
        entry = _new_comment_entry(session, obj) if kind is Kind.COMMENT else None
        if entry is not None:
            known.append(entry)
        elif kind is not None:
            created[kind].add(obj.id)
        elif isinstance(obj, Version):
            changed[Kind.SPEERPUNT].add(obj.speerpunt_id)
    statuses: dict[Kind, dict[int, str]] = defaultdict(dict)
    for obj in session.dirty:
        kind = _KIND_OF.get(type(obj))
        # A changed collection (a new support) marks an object dirty without changing it.
        if kind is None or not session.is_modified(obj, include_collections=False):
            continue
        if kind in (Kind.AMENDMENT, Kind.COMMENT) and not _text_changed(obj):
            # A decision or a moderator's hiding changes the status only; rebuilding the
            # passage would diff the whole section again.
            statuses[kind][obj.id] = _value(obj.status)
        else:
            changed[kind].add(obj.id)
    for obj in session.deleted:
        kind = _KIND_OF.get(type(obj))
        if kind is not None:
            removed[kind].add(obj.id)
    if not (changed or created or known or removed or statuses):
        return
    conn = session.connection()
    for kind, by_id in statuses.items():
        for object_id, status in by_id.items():
            conn.execute(update(_TABLE).where(
                _TABLE.c.kind == kind.value, _TABLE.c.object_id == object_id
            ).values(status=status, hidden=status == CommentStatus.HIDDEN.value))
    for kind, ids in removed.items():
        conn.execute(delete(_TABLE).where(_TABLE.c.kind == kind.value,
                                          _TABLE.c.object_id.in_(sorted(ids))))
    for kind, ids in changed.items():
        reindex(conn, kind, ids - removed.get(kind, set()))
    if known:
        conn.execute(insert(_TABLE), known)
    for kind, ids in created.items():
        reindex(conn, kind, ids, new=True)
