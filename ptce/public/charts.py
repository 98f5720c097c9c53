"""The figures' charts, drawn on the server as SVG: horizontal bars and yearly columns.

Pure functions of plain data (no database). Each chart is an image (`role="img"`) whose
`aria-label` states its title and every number; the page always shows the same numbers in a
table next to it. No inline styles (CSP): colours are SVG presentation attributes, sizes come
from `static/assessments/charts.css` and `static/public/figures.css`. No `<title>` element
either: one inside the page's body would read as the page's title to simple HTML readers.
"""

import math
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from ptce.assessments.charts.svg import coord, el, text

WIDTH = 640
# DSFR colours with at least 3:1 contrast on white (WCAG 1.4.11, graphical objects).
COLOURS = ("#000091", "#18753c", "#b34000")
GRID = "#dddddd"


@dataclass(frozen=True)
class BarRow:
    label: str
    values: tuple[float, ...]  # one per series


def fr_number(value, *, grouping: bool = True) -> str:
    """12 → « 12 », 1234 → « 1 234 », 2.5 → « 2,5 », None → « – » (French style)."""
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        whole = f"{value:,.2f}".rstrip("0").rstrip(".")
    else:
        whole = f"{int(value):,}"
    if not grouping:
        whole = whole.replace(",", "")
    return whole.replace(",", "\u202f").replace(".", ",")


def chart_root(content: str, *, width: int, height: int, chart_id: str, label: str) -> SafeString:
    """The accessible SVG root: an image named by `label`."""
    root = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="ptce-chart ptce-figure-chart" '
        f'id="{escape(chart_id)}" aria-label="{escape(label)}" '
        f'font-family="Marianne, arial, sans-serif">{content}</svg>'
    )
    return mark_safe(root)  # noqa: S308 — every text and attribute above is escaped


def _legend(series: tuple[str, ...], y: float) -> str:
    parts, x = [], 0.0
    for index, name in enumerate(series):
        parts.append(
            el(
                "rect",
                x=coord(x),
                y=coord(y - 11),
                width="14",
                height="14",
                fill=COLOURS[index % len(COLOURS)],
            )
        )
        parts.append(text(x + 20, y, name, class_="ptce-chart__legend"))
        x += 40 + 8 * len(name)
    return el("g", "".join(parts), class_="ptce-chart__legend-box")


def bar_chart_svg(
    rows: list[BarRow],
    *,
    chart_id: str,
    title: str,
    series: tuple[str, ...] = ("Nombre",),
    unit: str = "",
) -> SafeString:
    """Horizontal bars, one group per row (one bar per series), the label above the bars and
    the value at the end of each bar. With several series, a legend on top."""
    bar_h, gap, label_h = 16, 4, 20
    top = 28 if len(series) > 1 else 0
    row_h = label_h + len(series) * (bar_h + gap) + 12
    scale_w = WIDTH - 110
    largest = max((value for row in rows for value in row.values), default=0) or 1
    parts = [_legend(series, 14)] if len(series) > 1 else []
    for index, row in enumerate(rows):
        y = top + index * row_h
        group = [text(0, y + 15, row.label, class_="ptce-chart__label-bar")]
        for number, value in enumerate(row.values):
            bar_y = y + label_h + number * (bar_h + gap)
            width = scale_w * (value or 0) / largest
            group.append(
                el(
                    "rect",
                    x="0",
                    y=coord(bar_y),
                    width=coord(max(width, 1 if value else 0)),
                    height=str(bar_h),
                    fill=COLOURS[number % len(COLOURS)],
                    class_="ptce-bar",
                    data_value=coord(value or 0),
                )
            )
            group.append(
                text(
                    width + 6,
                    bar_y + bar_h - 3,
                    fr_number(value) + unit,
                    class_="ptce-chart__value",
                )
            )
        parts.append(el("g", "".join(group), class_="ptce-bar-row"))
    height = top + max(len(rows), 1) * row_h
    return chart_root(
        "".join(parts),
        width=WIDTH,
        height=height,
        chart_id=chart_id,
        label=_summary(title, rows, series, unit),
    )


def _summary(title: str, rows: list[BarRow], series: tuple[str, ...], unit: str) -> str:
    def values(row: BarRow) -> str:
        if len(series) == 1:
            return fr_number(row.values[0]) + unit
        return ", ".join(
            f"{name} {fr_number(value)}{unit}"
            for name, value in zip(series, row.values, strict=True)
        )

    listed = " ; ".join(f"{row.label} : {values(row)}" for row in rows)
    return f"{title}. {listed or 'Aucune donnée'}."


def _nice_step(largest: float) -> float:
    """A round step giving at most five gridlines up to `largest`."""
    raw = max(largest, 1) / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return max(factor * magnitude, 1)
    return 10 * magnitude


def column_chart_svg(
    points: list[tuple[str, float]], *, chart_id: str, title: str, unit: str = ""
) -> SafeString:
    """Vertical columns in order (years), with gridlines, the value on each non-empty column
    and the labels below (every n-th one when they are many)."""
    left, top, plot_h, bottom = 40, 16, 200, 34
    plot_w = WIDTH - left - 10
    count = max(len(points), 1)
    slot = plot_w / count
    column_w = max(min(slot * 0.7, 48), 2)
    largest = max((value for _, value in points), default=0)
    step = _nice_step(largest)
    ceiling = step * max(math.ceil(largest / step), 1)
    parts = []
    level = 0.0
    while level <= ceiling:
        y = top + plot_h * (1 - level / ceiling)
        parts.append(
            el("line", x1=str(left), y1=coord(y), x2=str(WIDTH - 10), y2=coord(y), stroke=GRID)
        )
        parts.append(
            text(left - 6, y + 4, fr_number(level), text_anchor="end", class_="ptce-chart__tick")
        )
        level += step
    every = math.ceil(count / 12)
    for index, (label, value) in enumerate(points):
        x = left + slot * index + (slot - column_w) / 2
        height = plot_h * value / ceiling
        column = [
            el(
                "rect",
                x=coord(x),
                y=coord(top + plot_h - height),
                width=coord(column_w),
                height=coord(height),
                fill=COLOURS[0],
                class_="ptce-column",
                data_value=coord(value),
            )
        ]
        if value and count <= 24:
            column.append(
                text(
                    x + column_w / 2,
                    top + plot_h - height - 4,
                    fr_number(value) + unit,
                    text_anchor="middle",
                    class_="ptce-chart__value",
                )
            )
        if index % every == 0:
            column.append(
                text(
                    x + column_w / 2,
                    top + plot_h + 18,
                    label,
                    text_anchor="middle",
                    class_="ptce-chart__tick",
                )
            )
        parts.append(el("g", "".join(column), class_="ptce-column-group", data_label=label))
    listed = " ; ".join(f"{label} : {fr_number(value)}{unit}" for label, value in points)
    return chart_root(
        "".join(parts),
        width=WIDTH,
        height=top + plot_h + bottom,
        chart_id=chart_id,
        label=f"{title}. {listed or 'Aucune donnée'}.",
    )
