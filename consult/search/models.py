"""The search index: one row per searchable passage, written in the transaction that writes it.

The text engines differ per database. On SQLite an FTS5 table (`search_fts`) mirrors `title`
and `body` through triggers on this table; on PostgreSQL a GIN index over the weighted Dutch
`tsvector` of the same two columns serves the query. Both are created by migration 0011, as
neither can be described as an ordinary table of the metadata.

Visibility is not decided here: the columns hold what the query needs to filter on (the
speerpunt, whose phase may change later; whether a comment is hidden), so that a change of
phase needs no reindexing.
"""

from __future__ import annotations

import enum

from flask_babel import gettext
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import db


class Kind(enum.StrEnum):
    SPEERPUNT = "speerpunt"
    COMMENT = "comment"
    AMENDMENT = "amendment"
    RESPONSE = "response"
    EXAMPLE = "example"
    QUESTION = "question"

    @property
    def label(self) -> str:
        return {"speerpunt": gettext("Tekst van het speerpunt"), "comment": gettext("Reactie"),
                "amendment": gettext("Amendement"), "response": gettext("Reactie van het rijk"),
                "example": gettext("Praktijkvoorbeeld"),
                "question": gettext("Vraag")}[self.value]


# Kinds that live on the knowledge platform, which is for signed-in participants only.
KNOWLEDGE_KINDS = (Kind.EXAMPLE, Kind.QUESTION)


class SearchEntry(db.Model):
    __tablename__ = "search_entries"
    __table_args__ = (
        # A speerpunt has one passage per section; every other object has exactly one.
        UniqueConstraint("kind", "object_id", "section", name="uq_search_entries_object"),
        CheckConstraint(
            "kind IN ('speerpunt', 'comment', 'amendment', 'response', 'example', 'question')",
            name="kind",
        ),
        Index("ix_search_entries_speerpunt_kind", "speerpunt_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    object_id: Mapped[int]
    # The section for speerpunt passages, comments and amendments; '' where there is none.
    section: Mapped[str] = mapped_column(String(20), default="")
    # The page the hit lives on: the amendment of a response, the amendment a comment is on.
    parent_id: Mapped[int | None]
    speerpunt_id: Mapped[int] = mapped_column(ForeignKey("speerpunten.id"))
    tier: Mapped[str | None] = mapped_column(String(9))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    status: Mapped[str] = mapped_column(String(20), default="")
    hidden: Mapped[bool] = mapped_column(default=False)
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")


# The text-engine objects migration 0011 makes outside the metadata: SQLite's FTS5 table (and
# the shadow tables FTS5 keeps) and PostgreSQL's generated tsvector column with its index.
ENGINE_TABLE_PREFIX = "search_fts"
ENGINE_COLUMN = "document"
ENGINE_INDEX = "ix_search_entries_document"


def include_in_schema_comparison(obj, name, type_, reflected, compare_to) -> bool:
    """For Alembic: leave the text-engine objects out when comparing models and database."""
    if type_ == "table" and name and name.startswith(ENGINE_TABLE_PREFIX):
        return False
    if type_ == "column" and name == ENGINE_COLUMN and obj.table.name == SearchEntry.__tablename__:
        return False
    if type_ == "index" and name == ENGINE_INDEX:
        return False
    return True
