"""A pole's agreed scores across its validated evaluations: one small chart per criterion."""

import math
from html import escape

from django.utils.safestring import SafeString

from .svg import SCALE, Axis, broken_path, coord, el, marker, number, summary, svg, text

PANEL_W, PANEL_H, PANEL_GAP, PANEL_COLUMNS = 180, 120, 24, 3


def evolution_svg(
    axes: list[Axis],
    steps: list[tuple[str, dict[str, float | None]]],
    *,
    id_prefix: str = "evolution",
) -> SafeString:
    """One small chart per criterion; x: the evaluations in order (numbered like the table),
    y: the agreed score 1–5. A missing score breaks the line."""
    rows = math.ceil(len(axes) / PANEL_COLUMNS)
    width = PANEL_COLUMNS * (PANEL_W + PANEL_GAP)
    height = rows * (PANEL_H + 50) + 10
    parts = [
        _panel(axis, steps, (i % PANEL_COLUMNS) * (PANEL_W + PANEL_GAP) + 12, (i // 3) * 170)
        for i, axis in enumerate(axes)
    ]
    desc = " ".join(
        summary(f"n° {i} ({label})", axes, values) for i, (label, values) in enumerate(steps, 1)
    )
    return svg(
        "".join(parts),
        width=width,
        height=height,
        id_prefix=id_prefix,
        title="Évolution des notes retenues par critère",
        desc=desc or "Aucune évaluation validée.",
    )


def _panel(axis: Axis, steps, left: float, top: float) -> str:
    plot_left, plot_top = left + 24, top + 28
    plot_w, plot_h = PANEL_W - 30, PANEL_H - 40

    def y_of(value: float) -> float:
        return plot_top + plot_h * (SCALE[-1] - value) / (SCALE[-1] - SCALE[0])

    def x_of(index: int) -> float:
        if len(steps) == 1:
            return plot_left + plot_w / 2
        return plot_left + 10 + (plot_w - 20) * index / (len(steps) - 1)

    parts = [
        el("title", escape(f"{axis.letter}. {axis.label}")),
        text(left, top + 16, axis.letter, class_="ptce-chart__label", font_weight="bold"),
    ]
    for level in SCALE:
        parts.append(
            el(
                "line",
                x1=coord(plot_left),
                y1=coord(y_of(level)),
                x2=coord(plot_left + plot_w),
                y2=coord(y_of(level)),
                stroke="#e5e5e5",
            )
        )
        parts.append(
            text(
                plot_left - 6,
                y_of(level) + 4,
                str(level),
                text_anchor="end",
                class_="ptce-chart__tick",
                fill="#666666",
            )
        )
    points = [
        None if values.get(axis.letter) is None else (x_of(i), y_of(values[axis.letter]))
        for i, (_, values) in enumerate(steps)
    ]
    line = broken_path(points, closed=False)
    if line:
        parts.append(el("path", d=line, fill="none", stroke="#000091", stroke_width="2"))
    for i, point in enumerate(points):
        parts.append(
            text(
                x_of(i),
                plot_top + plot_h + 18,
                str(i + 1),
                text_anchor="middle",
                class_="ptce-chart__tick",
            )
        )
        if point is not None:
            parts.append(
                el(
                    "g",
                    el(
                        "title",
                        escape(f"n° {i + 1} — {axis.letter} : {number(steps[i][1][axis.letter])}"),
                    )
                    + marker("circle", *point, "#000091", 4),
                    class_="ptce-evolution__point",
                    data_value=coord(steps[i][1][axis.letter]),
                )
            )
    return el("g", "".join(parts), class_="ptce-evolution__panel", data_letter=axis.letter)
