"""The revision of a speerpunt: bumped in the transaction of every change to what its page
and its API document show, so that copies of them can be kept and reused until it moves.

A flush hook rather than a call in each operation, so no operation can forget it (the search
index is kept current the same way). The revision is read with the speerpunt itself, which
every page and API request loads anyway: whether a cached copy is still valid is decided by
the database, and a change made through one process is seen at once through all others.
"""

from __future__ import annotations

from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import Session

from consult.accounts.models import User
from consult.amendments.models import Amendment, Response, Support
from consult.comments.models import Comment
from consult.endorsements.models import Endorsement
from consult.organisations.models import Organisation, Region
from consult.speerpunten.models import Responsibility, Speerpunt, Version

# Objects that belong to one speerpunt and show on its page or in its documents.
_OF_SPEERPUNT = (Comment, Amendment, Version, Endorsement, Responsibility)
# Objects that belong to one amendment of a speerpunt.
_OF_AMENDMENT = (Support, Response)
# Attributes that show wherever a person or an organisation is named (bylines, lists of
# ministries), or that every count per tier, region or size class reads (the dashboard): a
# change to one of them changes the pages of every speerpunt.
_NAMED = {User: ("name", "function", "organisation_id"),
          Organisation: ("name", "tier", "region_id", "size_class"),
          Region: ("name", "position")}

_EXPIRE_KEY = "consult_revised_speerpunten"


def _changed(obj, attributes) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in attributes)


@event.listens_for(Session, "after_flush")
def _bump_revisions(session: Session, _flush_context) -> None:
    speerpunt_ids: set[int] = set()
    amendment_ids: set[int] = set()
    everything = False
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, _OF_SPEERPUNT):
            if obj in session.dirty and not session.is_modified(obj, include_collections=False):
                continue  # a changed collection only, such as a new support
            speerpunt_ids.add(obj.speerpunt_id)
        elif isinstance(obj, _OF_AMENDMENT):
            amendment_ids.add(obj.amendment_id)
        elif isinstance(obj, Speerpunt):
            if obj in session.dirty and session.is_modified(obj, include_collections=False):
                speerpunt_ids.add(obj.id)
        elif type(obj) in _NAMED and obj in session.dirty:
            everything = everything or _changed(obj, _NAMED[type(obj)])
        elif isinstance(obj, (Organisation, Region)):
            # A new or removed organisation changes how many there are of its kind; a
            # new or removed region, which regions the counts are grouped by.
            everything = True
    speerpunt_ids.discard(None)
    amendment_ids.discard(None)
    if not (speerpunt_ids or amendment_ids or everything):
        return
    table = Speerpunt.__table__
    statement = update(table).values(revision=table.c.revision + 1)
    if not everything:
        condition = table.c.id.in_(sorted(speerpunt_ids))
        if amendment_ids:
            condition = condition | table.c.id.in_(
                select(Amendment.speerpunt_id).where(Amendment.id.in_(sorted(amendment_ids)))
                .scalar_subquery())
        statement = statement.where(condition)
    session.connection().execute(statement)
    session.info[_EXPIRE_KEY] = True


@event.listens_for(Session, "after_flush_postexec")
def _forget_old_revisions(session: Session, _flush_context) -> None:
    # The loaded speerpunten still hold the revision from before the UPDATE above.
    if session.info.pop(_EXPIRE_KEY, False):
        for obj in list(session.identity_map.values()):
            if isinstance(obj, Speerpunt):
                session.expire(obj, ["revision"])


def revise(session: Session, speerpunt_id: int) -> None:
    """Bump a speerpunt's revision for a change the flush hook does not see: one written
    with an INSERT or DELETE statement instead of through the ORM."""
    table = Speerpunt.__table__
    session.execute(update(table).where(table.c.id == speerpunt_id)
                    .values(revision=table.c.revision + 1))
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Speerpunt) and obj.id == speerpunt_id:
            session.expire(obj, ["revision"])
