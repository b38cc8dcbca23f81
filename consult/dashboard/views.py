"""The alignment dashboard page and a CSV download of each of its tables."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from flask import Blueprint, Response, abort, render_template
from flask_login import current_user, login_required

from consult.core import fragments
from consult.core.i18n import current_locale
from consult.core.types import utcnow
from consult.dashboard import queries, tables
from consult.dashboard.charts import charts_of

bp = Blueprint("dashboard", __name__, url_prefix="/afstemmingsmonitor")

# Spreadsheets run a cell that starts with one of these as a formula; organisation names
# and titles come from people, so such a cell is written as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@bp.route("")
@login_required
def index():
    # The same figures for everyone (see queries): kept per language while no speerpunt's
    # revision moves and no amendment becomes overdue. Reading and counting them took
    # 200-300 ms at national scale.
    now = utcnow()

    def make() -> tuple[fragments.Kept, datetime | None]:
        figures = queries.load_figures(now)
        built = tables.build(figures, page_only=True)
        content = render_template("dashboard/_content.html", totals=queries.totals(figures),
                                  sections=[(table, charts_of(table)) for table in built])
        return fragments.Kept(content), figures.next_change()

    content = fragments.cached_until(
        ("dashboard", current_locale(), queries.revisions()), now, make)
    return fragments.render_page("dashboard/index.html", {"content": content},
                                 current_user.id)


def _safe(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


@bp.route("/<table>.csv")
@login_required
def download(table: str):
    """One table of the dashboard as CSV: UTF-8 with a byte order mark (without it Excel
    reads the file as Windows-1252 and garbles names such as Súdwest-Fryslân),
    comma-separated, a header row."""
    found = next((t for t in tables.build(queries.load_figures()) if t.slug == table), None)
    if found is None:
        abort(404)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    for row in found.csv_rows():
        writer.writerow([_safe(value) for value in row])
    response = Response(buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{found.filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
