"""Static pages about the platform; public, as the law requires of the accessibility statement."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, render_template

bp = Blueprint("pages", __name__)

# The date of the last evaluation the statement reports on; update it with the statement.
STATEMENT_DATE = date(2026, 11, 29)


@bp.route("/toegankelijkheid")
def accessibility():
    return render_template("pages/accessibility.html", statement_date=STATEMENT_DATE)
