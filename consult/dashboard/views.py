"""The alignment dashboard page and a CSV download of each of its tables."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, abort, render_template
from flask_login import login_required

from consult.dashboard import queries, tables
from consult.dashboard.charts import charts_of

bp = Blueprint("dashboard", __name__, url_prefix="/afstemmingsmonitor")

# Spreadsheets run a cell that starts with one of these as a formula; organisation names
# and titles come from people, so such a cell is written as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@bp.route("")
@login_required
def index():
    figures = queries.load_figures()
    built = tables.build(figures, page_only=True)
    return render_template("dashboard/index.html", totals=queries.totals(figures),
                           sections=[(table, charts_of(table)) for table in built])


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
