"""Objects read through a Core statement, put in the session as if a query had loaded them.

Every request reads the person making it first: their session's or API token's row, their
organisation, and on a read under /speerpunten/<slug> the speerpunt too. Through the ORM that
statement costs more than the round trip to the database: the ORM builds its row processors
for every entity anew on every execution (about 150 microseconds a request on PostgreSQL,
where an API read costs about twice hello). Read as plain columns and put in the session
here, the same objects cost a fraction of that.

What is put in the session is exactly what the ORM would have made of the row: the object of
that class with every column attribute loaded, persistent in the session's identity map (an
object already there is kept, as a query keeps it), its relationships loaded on first use.
Only for a statement whose columns come from the mapped table itself, or a subquery of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session, make_transient_to_detached


class Columns:
    """The column attributes of one mapped class, as selected from `source` (its table, or a
    subquery that selects the whole entity), and how one row's values become the object."""

    def __init__(self, model: type, source=None):
        self.mapper = inspect(model)
        source = source if source is not None else self.mapper.local_table
        attributes = [prop for prop in self.mapper.column_attrs if len(prop.columns) == 1]
        if len(attributes) != len(self.mapper.column_attrs):
            raise TypeError(f"{model.__name__} maps an attribute to several columns")
        self.keys = [prop.key for prop in attributes]
        self.columns = [source.c[prop.columns[0].key] for prop in attributes]
        primary_key = self.mapper.primary_key
        if len(primary_key) != 1:
            raise TypeError(f"{model.__name__} has a composite primary key")
        self.primary_key_index = [prop.columns[0] for prop in attributes].index(primary_key[0])

    def __len__(self) -> int:
        return len(self.columns)

    def load(self, session: Session, values: Sequence[Any],
             **related: object) -> Any | None:
        """The object with these column values (None when its primary key is None, as after
        an outer join that found nothing), with `related` as its loaded relationships."""
        identity = values[self.primary_key_index]
        if identity is None:
            return None
        key = self.mapper.identity_key_from_primary_key((identity,))
        present = session.identity_map.get(key)
        if present is not None:
            return present
        obj = self.mapper.class_manager.new_instance()
        # The loaded state of an instrumented object is its __dict__; committing it (below)
        # makes these its database values, so nothing is seen as changed.
        obj.__dict__.update(zip(self.keys, values))
        obj.__dict__.update(related)
        make_transient_to_detached(obj)
        session.add(obj)
        return obj
