"""SVG building blocks shared by the charts: escaped elements, markers, the accessible root."""

from dataclasses import dataclass
from html import escape

from django.utils.safestring import mark_safe

SCALE = (1, 2, 3, 4, 5)
MISSING = "non renseigné"


@dataclass(frozen=True)
class Axis:
    letter: str
    label: str


@dataclass(frozen=True)
class Series:
    kind: str  # a key of STYLES
    label: str
    values: dict[str, float | None]


@dataclass(frozen=True)
class Style:
    colour: str
    dash: str | None
    marker: str  # circle, square or triangle
    fill_opacity: str | None = None


STYLES = {
    "current": Style("#000091", None, "circle", ".12"),
    "previous": Style("#b34000", "7 4", "square"),
    "cohort": Style("#18753c", "2 4", "triangle"),
}


def number(value: float | None) -> str:
    """3.0 → « 3 », 3.5 → « 3,5 », None → « non renseigné » (French decimal comma)."""
    if value is None:
        return MISSING
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def coord(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def points_attr(points) -> str:
    return " ".join(f"{coord(x)},{coord(y)}" for x, y in points)


def _attrs(attrs: dict) -> str:
    return "".join(
        f' {key.rstrip("_").replace("_", "-")}="{escape(str(value))}"'
        for key, value in attrs.items()
        if value is not None
    )


def el(tag: str, content: str = "", **attrs) -> str:
    """One SVG element; `content` is markup already built here (text goes through `text`)."""
    return f"<{tag}{_attrs(attrs)}>{content}</{tag}>" if content else f"<{tag}{_attrs(attrs)}/>"


# Font sizes by class, as presentation attributes: the PDF renderer needs no stylesheet.
TEXT_SIZES = {
    "ptce-chart__tick": "11",
    "ptce-chart__label": "15",
    "ptce-chart__group": "14",
    "ptce-chart__count": "11",
}


def text(x: float, y: float, value: str, **attrs) -> str:
    attrs.setdefault("font_size", TEXT_SIZES.get(attrs.get("class_"), "13"))
    return el("text", escape(value), x=coord(x), y=coord(y), **attrs)


def svg(content: str, *, width: int, height: int, id_prefix: str, title: str, desc: str):
    """The accessible SVG root: `role="img"`, labelled by its title and description."""
    head = el("title", escape(title), id=f"{id_prefix}-titre") + el(
        "desc", escape(desc), id=f"{id_prefix}-desc"
    )
    root = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="ptce-chart" id="{escape(id_prefix)}" '
        f'font-family="Marianne, arial, sans-serif" '
        f'aria-labelledby="{escape(id_prefix)}-titre {escape(id_prefix)}-desc">'
        f"{head}{content}</svg>"
    )
    return mark_safe(root)  # noqa: S308 — every text and attribute above is escaped


def marker(shape: str, x: float, y: float, colour: str, size: float = 5, **attrs) -> str:
    common = {"fill": colour, "stroke": "#ffffff", "stroke_width": "1.5", **attrs}
    if shape == "square":
        side = size * 1.8
        return el(
            "rect",
            x=coord(x - side / 2),
            y=coord(y - side / 2),
            width=coord(side),
            height=coord(side),
            **common,
        )
    if shape == "triangle":
        h = size * 2.2
        corners = [(x, y - h * 0.6), (x + h / 2, y + h * 0.4), (x - h / 2, y + h * 0.4)]
        return el("polygon", points=points_attr(corners), **common)
    if shape == "diamond":
        corners = [(x, y - size * 1.4), (x + size, y), (x, y + size * 1.4), (x - size, y)]
        return el("polygon", points=points_attr(corners), **common)
    return el("circle", cx=coord(x), cy=coord(y), r=coord(size), **common)


def broken_path(points: list[tuple[float, float] | None], *, closed: bool) -> str:
    """Path data joining consecutive known points; a missing point breaks the line."""
    count = len(points)
    pairs = range(count if closed else count - 1)
    segments = []
    for i in pairs:
        start, end = points[i], points[(i + 1) % count]
        if start is not None and end is not None:
            segments.append(f"M{coord(start[0])},{coord(start[1])}L{coord(end[0])},{coord(end[1])}")
    return "".join(segments)


def summary(label: str, axes: list[Axis], values: dict[str, float | None]) -> str:
    listed = ", ".join(f"{axis.letter} : {number(values.get(axis.letter))}" for axis in axes)
    return f"{label} — {listed}."
