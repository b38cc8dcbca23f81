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
