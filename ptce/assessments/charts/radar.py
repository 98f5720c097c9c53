"""The ECARTS radar: one axis per criterion, grouped by general objective, rings 1–5."""

import math
from html import escape

from django.utils.safestring import SafeString

from .svg import (
    SCALE,
    STYLES,
    Axis,
    Series,
    broken_path,
    coord,
    el,
    marker,
    number,
    points_attr,
    summary,
    svg,
    text,
)

RADAR_WIDTH = 600
RADAR_CX, RADAR_CY, RADAR_R = 300, 250, 170
LEGEND_ROW = 22


def radar_point(index: int, count: int, value: float) -> tuple[float, float]:
    """Where `value` (0–5) sits on axis `index` of `count`: axis 0 points up, then clockwise."""
    angle = -math.pi / 2 + 2 * math.pi * index / count
    radius = RADAR_R * value / SCALE[-1]
    return RADAR_CX + radius * math.cos(angle), RADAR_CY + radius * math.sin(angle)


def _angle(index: float, count: int) -> float:
    return -math.pi / 2 + 2 * math.pi * index / count


def _arc(start: float, end: float, radius: float) -> str:
    x1, y1 = RADAR_CX + radius * math.cos(start), RADAR_CY + radius * math.sin(start)
    x2, y2 = RADAR_CX + radius * math.cos(end), RADAR_CY + radius * math.sin(end)
    large = 1 if end - start > math.pi else 0
    r = coord(radius)
    return f"M{points_attr([(x1, y1)])}A{r},{r} 0 {large} 1 {points_attr([(x2, y2)])}"


def _anchor(x: float) -> str:
    if abs(x - RADAR_CX) < 8:
        return "middle"
    return "start" if x > RADAR_CX else "end"


def radar_svg(
    groups: list[tuple[str, list[Axis]]],
    series: list[Series],
    *,
    id_prefix: str = "radar",
    title: str = "Profil ECARTS",
) -> SafeString:
    """Radar of the criteria (axes grouped by general objective), one outline per series."""
    axes = [axis for _, group in groups for axis in group]
    count = len(axes)
    parts = []
    # Rings 1–5 and their labels along the first axis.
    for level in SCALE:
        ring = points_attr(radar_point(i, count, level) for i in range(count))
        parts.append(
            el("polygon", points=ring, fill="none", stroke="#cecece", class_="ptce-radar__ring")
        )
        x, y = radar_point(0, count, level)
        parts.append(
            text(
                x - 5,
                y + 12,
                str(level),
                text_anchor="end",
                class_="ptce-chart__tick",
                fill="#666666",
            )
        )
    # Axes and their letters.
    for i, axis in enumerate(axes):
        x, y = radar_point(i, count, SCALE[-1])
        parts.append(
            el(
                "line",
                el("title", escape(f"{axis.letter}. {axis.label}")),
                x1=RADAR_CX,
                y1=RADAR_CY,
                x2=coord(x),
                y2=coord(y),
                stroke="#929292",
                class_="ptce-radar__axis",
                data_letter=axis.letter,
            )
        )
        lx, ly = radar_point(i, count, SCALE[-1] + 0.75)
        parts.append(
            text(
                lx,
                ly + 5,
                axis.letter,
                text_anchor=_anchor(lx),
                class_="ptce-chart__label",
                font_weight="bold",
            )
        )
    # One arc per general objective, numbered like the legend below.
    start = 0
    for number_, (_, group) in enumerate(groups, start=1):
        if not group:
            continue
        begin, end = _angle(start - 0.42, count), _angle(start + len(group) - 0.58, count)
        parts.append(
            el(
                "path",
                d=_arc(begin, end, RADAR_R + 42),
                fill="none",
                stroke="#6a6af4",
                stroke_width="3",
                class_="ptce-radar__group",
                data_group=number_,
            )
        )
        middle = _angle(start + (len(group) - 1) / 2, count)
        gx = RADAR_CX + (RADAR_R + 60) * math.cos(middle)
        gy = RADAR_CY + (RADAR_R + 60) * math.sin(middle)
        parts.append(
            text(
                gx,
                gy + 5,
                str(number_),
                text_anchor="middle",
                class_="ptce-chart__group",
                fill="#6a6af4",
                font_weight="bold",
            )
        )
        start += len(group)
    # The series, the first one on top.
    for item in reversed(series):
        parts.append(_radar_series(item, axes))
    legend, height = _radar_legend(groups, series)
    parts.append(legend)
    desc = " ".join(summary(item.label, axes, item.values) for item in series)
    return svg(
        "".join(parts),
        width=RADAR_WIDTH,
        height=height,
        id_prefix=id_prefix,
        title=title,
        desc=desc or "Aucune note à afficher.",
    )


def _radar_series(item: Series, axes: list[Axis]) -> str:
    style = STYLES[item.kind]
    count = len(axes)
    points = [
        None
        if item.values.get(axis.letter) is None
        else radar_point(i, count, item.values[axis.letter])
        for i, axis in enumerate(axes)
    ]
    parts = []
    if style.fill_opacity and all(points):
        parts.append(
            el(
                "polygon",
                points=points_attr(points),
                fill=style.colour,
                fill_opacity=style.fill_opacity,
            )
        )
    line = broken_path(points, closed=True)
    if line:
        parts.append(
            el(
                "path",
                d=line,
                fill="none",
                stroke=style.colour,
                stroke_width="2.5",
                stroke_dasharray=style.dash,
                class_="ptce-radar__line",
            )
        )
    for axis, point in zip(axes, points, strict=True):
        if point is not None:
            value = item.values[axis.letter]
            parts.append(
                el(
                    "g",
                    el("title", escape(f"{item.label} — {axis.letter} : {number(value)}"))
                    + marker(style.marker, *point, style.colour),
                    class_="ptce-radar__point",
                    data_letter=axis.letter,
                    data_value=coord(value),
                )
            )
    return el("g", "".join(parts), class_="ptce-radar__series", data_series=item.kind)


def _legend_sample(kind: str, x: float, y: float) -> str:
    style = STYLES[kind]
    line = el(
        "line",
        x1=coord(x),
        y1=coord(y),
        x2=coord(x + 36),
        y2=coord(y),
        stroke=style.colour,
        stroke_width="2.5",
        stroke_dasharray=style.dash,
    )
    return line + marker(style.marker, x + 18, y, style.colour)


def _radar_legend(groups, series) -> tuple[str, int]:
    """The legend under the chart, and the height of the whole chart."""
    y = RADAR_CY + RADAR_R + 90
    parts = []
    for item in series:
        parts.append(_legend_sample(item.kind, 20, y - 5))
        parts.append(text(66, y, item.label, class_="ptce-chart__legend"))
        y += LEGEND_ROW
    y += LEGEND_ROW / 2
    parts.append(
        text(20, y, "Objectifs généraux :", class_="ptce-chart__legend", font_weight="bold")
    )
    for number_, (title, group) in enumerate(groups, start=1):
        y += LEGEND_ROW
        letters = "–".join([group[0].letter, group[-1].letter]) if group else ""
        parts.append(text(20, y, f"{number_}. {title} ({letters})", class_="ptce-chart__legend"))
    return el("g", "".join(parts), class_="ptce-chart__legend-box"), int(y + 14)
