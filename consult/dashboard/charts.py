"""Horizontal bar charts as SVG geometry, drawn by the template without any script.

Each chart shows one column of a table, one bar per row. The label of a bar sits on its
own line(s) above it and the number right after it, so nothing depends on colour, and the
text keeps its size however narrow the screen: the SVG has no viewBox that would shrink
it, only the bars stretch (their widths are percentages of the chart's width).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from flask_babel import gettext as _

from consult.dashboard.tables import Table

# Pixel geometry, matched to the 14px text of .chart in the stylesheet.
LINE_HEIGHT = 18
BAR_HEIGHT = 16
BAR_GAP = 14
# Labels wrap at this many characters so that a line fits a 288px wide chart (a 320px
# screen minus the page's margins).
WRAP_AT = 32
# The longest bar leaves room for its number.
MAX_BAR_PERCENT = 78.0


@dataclass(frozen=True)
class Bar:
    label_lines: list[tuple[str, int]]  # (text, baseline y)
    y: int
    width_percent: float
    value_text: str
    value_y: int
    tone: str


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    height: int
    bars: list[Bar]
    bar_height: int = BAR_HEIGHT


def bar_chart(table: Table, column: int) -> BarChart:
    """The chart of one column of a table: one bar per row, scaled to the largest value."""
    title = table.chart_titles.get(column) or _(
        "%(measure)s per %(group)s", measure=table.columns[column],
        group=table.columns[0].lower())
    values = [row.cells[column - 1] for row in table.rows]
    largest = max((cell.value or 0 for cell in values), default=0)
    bars = []
    y = 0
    for row, cell in zip(table.rows, values, strict=True):
        lines = textwrap.wrap(row.header, WRAP_AT) or [""]
        label_lines = []
        for line in lines:
            y += LINE_HEIGHT
            label_lines.append((line, y - 4))
        y += 4
        width = MAX_BAR_PERCENT * (cell.value or 0) / largest if largest else 0.0
        bars.append(Bar(label_lines, y, round(width, 2), cell.text,
                        y + BAR_HEIGHT - 3, row.tier.value if row.tier else "default"))
        y += BAR_HEIGHT + BAR_GAP
    description = "; ".join(f"{row.header}: {cell.text}"
                            for row, cell in zip(table.rows, values, strict=True))
    return BarChart(f"grafiek-{table.slug}-{column}", title,
                    _("Staafdiagram. %(data)s.", data=description), max(y - BAR_GAP + 2, 1),
                    bars)


def charts_of(table: Table) -> list[BarChart]:
    return [bar_chart(table, column) for column in table.charted]
