"""The spread of raters' scores per criterion: a dot plot that shows counts, never names."""

import math
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString

from .svg import SCALE, coord, el, marker, number, svg, text


@dataclass(frozen=True)
class DotRow:
    letter: str
    label: str
    counts: dict[int, int]  # score → how many raters gave it (never who)
    no_opinion: int
    median: float | None


DOT_LEFT, DOT_STEP, DOT_ROW = 70, 100, 40


def dot_x(score: float) -> float:
    return DOT_LEFT + DOT_STEP * (score - 1)


def dot_plot_svg(rows: list[DotRow], *, id_prefix: str = "dispersion") -> SafeString:
    """One row per criterion, one dot per score given (its size and label: how many raters
    gave it), a diamond at the median; « ne se prononce pas » counted at the end of the row."""
    width = DOT_LEFT + DOT_STEP * 4 + 140
    parts = []
    for score in SCALE:
        x = dot_x(score)
        parts.append(text(x, 20, str(score), text_anchor="middle", class_="ptce-chart__tick"))
        parts.append(
            el(
                "line",
                x1=coord(x),
                y1=28,
                x2=coord(x),
                y2=coord(30 + DOT_ROW * len(rows)),
                stroke="#e5e5e5",
            )
        )
    parts.append(text(dot_x(5) + 40, 20, "NSP", class_="ptce-chart__tick"))
    for i, row in enumerate(rows):
        y = 30 + DOT_ROW * i + DOT_ROW / 2
        parts.append(_dot_row(row, y))
    legend_y = 30 + DOT_ROW * len(rows) + 28
    parts.append(marker("circle", 20, legend_y - 5, "#000091", 6))
    parts.append(
        text(32, legend_y, "réponses (× nombre de personnes)", class_="ptce-chart__legend")
    )
    parts.append(marker("diamond", 330, legend_y - 5, "#ce0500", 5))
    parts.append(text(342, legend_y, "médiane", class_="ptce-chart__legend"))
    desc = " ".join(
        f"{row.letter} : "
        + (
            ", ".join(f"{count} × {score}" for score, count in sorted(row.counts.items()) if count)
            or "aucune note"
        )
        + f", médiane {number(row.median)}, {row.no_opinion} ne se prononce pas."
        for row in rows
    )
    return svg(
        "".join(parts),
        width=width,
        height=legend_y + 16,
        id_prefix=id_prefix,
        title="Dispersion des notes des évaluateurs par critère",
        desc=desc or "Aucune réponse.",
    )


def _dot_row(row: DotRow, y: float) -> str:
    parts = [
        el(
            "line",
            x1=coord(dot_x(1)),
            y1=coord(y),
            x2=coord(dot_x(5)),
            y2=coord(y),
            stroke="#929292",
        ),
        text(20, y + 5, row.letter, class_="ptce-chart__label", font_weight="bold"),
    ]
    if row.median is not None:
        x = dot_x(row.median)
        parts.append(
            el(
                "g",
                el("title", escape(f"{row.letter} : médiane {number(row.median)}"))
                + el(
                    "line",
                    x1=coord(x),
                    y1=coord(y - 14),
                    x2=coord(x),
                    y2=coord(y + 9),
                    stroke="#ce0500",
                    stroke_width="2",
                )
                + marker("diamond", x, y + 13, "#ce0500", 4),
                class_="ptce-dots__median",
                data_value=coord(row.median),
            )
        )
    for score, count in sorted(row.counts.items()):
        if not count:
            continue
        radius = min(5 + 2.2 * math.sqrt(count - 1), 13)
        dot = marker("circle", dot_x(score), y, "#000091", radius)
        label = ""
        if count > 1:
            label = text(dot_x(score) + radius + 3, y - 6, f"×{count}", class_="ptce-chart__count")
        parts.append(
            el(
                "g",
                el("title", escape(f"{row.letter} : {count} × note {score}")) + dot + label,
                class_="ptce-dots__score",
                data_score=score,
                data_count=count,
            )
        )
    parts.append(text(dot_x(5) + 40, y + 5, str(row.no_opinion), class_="ptce-chart__tick"))
    return el("g", "".join(parts), class_="ptce-dots__row", data_letter=row.letter)
