"""Charts drawn on the server as SVG: they print in the PDF report and need no JavaScript.

Pure functions of plain data (no database). Every chart is an accessible image
(`role="img"`, `<title>` and `<desc>` summarising the numbers) and is always shown next to a
table with the same numbers. No inline styles (CSP): colours and line styles are SVG
presentation attributes; fonts come from `static/assessments/charts.css` (`ptce-chart…`).

Series are told apart by colour AND by line style and marker shape: this evaluation is a
solid line with round markers, the previous one dashed with square markers, the cohort median
dotted with triangles.

Missing scores (« ne se prononce pas », criterion left without an agreed score, cohort too
small): the series has no marker on that axis and its outline is broken on both sides of it
(a gap). It is never drawn at the centre, which would read as a score.
"""

from .dots import DotRow, dot_plot_svg
from .evolution import evolution_svg
from .radar import radar_point, radar_svg
from .svg import MISSING, STYLES, Axis, Series, number

__all__ = [
    "MISSING",
    "STYLES",
    "Axis",
    "DotRow",
    "Series",
    "dot_plot_svg",
    "evolution_svg",
    "number",
    "radar_point",
    "radar_svg",
]
