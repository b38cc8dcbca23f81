"""One page of a query, with the total it was taken from."""

from __future__ import annotations

from sqlalchemy import Select, func, select

from consult.extensions import db


def page_of(statement: Select, page: int, per_page: int, *options) -> tuple[list, int]:
    """Count the rows a statement selects and load only the requested page of them."""
    total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    items = db.session.execute(
        statement.options(*options).limit(per_page).offset((page - 1) * per_page)
    ).scalars().all()
    return list(items), total


def page_with_total(statement: Select, page: int, per_page: int, *options) -> tuple[list, int]:
    """As page_of, in one query instead of two: the page's rows are picked, and all of them
    counted with a window, in a subquery of ids; only those rows are then loaded, with what
    the options join to them. With the joins at the level of the count, every row counted was
    joined (1,280 pending amendments with their authors and organisations: 10 ms for a page of
    25). Only a page past the end, with no row to carry the total, counts separately.

    The statement selects one entity, ordered by its own columns, and carries no loader
    options of its own (they go in `options`)."""
    entity = statement.column_descriptions[0]["entity"]
    picked = (statement.with_only_columns(entity.id, func.count().over().label("total"))
              .limit(per_page).offset((page - 1) * per_page).subquery())
    rows = db.session.execute(
        select(entity, picked.c.total).join(picked, picked.c.id == entity.id)
        .order_by(*statement._order_by_clauses).options(*options)
    ).all()
    if rows:
        return [row[0] for row in rows], rows[0][-1]
    if page == 1:
        return [], 0
    return [], db.session.scalar(
        select(func.count()).select_from(statement.order_by(None).subquery()))


def parse_page(raw: str | None) -> int | None:
    """The page number of a `pagina` parameter (1 when absent), or None when it is not one."""
    if raw is None or raw == "":
        return 1
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6 or not 1 <= int(raw) <= 100_000:
        return None
    return int(raw)


def page_count(total: int, per_page: int) -> int:
    return max(1, -(-total // per_page))
