"""The SVG charts: well-formed, accessible, readable without colour, numbers in the right place."""

import math
import xml.etree.ElementTree as ET

import pytest

from ptce.assessments.charts import (
    STYLES,
    Axis,
    DotRow,
    Series,
    dot_plot_svg,
    evolution_svg,
    radar_point,
    radar_svg,
)
from ptce.assessments.charts.radar import RADAR_CX, RADAR_CY, RADAR_R

NS = {"svg": "http://www.w3.org/2000/svg"}
LETTERS = "ABCDEFGHI"
GROUPS = [
    (title, [Axis(letter, f"Énoncé {letter}") for letter in letters])
    for title, letters in [
        ("Cultiver et servir le territoire", "ABC"),
        ("Élaborer et conduire un projet global", "DEF"),
        ("Développer une économie intégrée", "GHI"),
    ]
]


def scores(text):
    return {letter: None if c == "-" else int(c) for letter, c in zip(LETTERS, text, strict=True)}


def parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))  # noqa: S314 — our own output, parsed to check it


def find(root, xpath):
    return root.findall(xpath.replace("//", ".//svg:").replace("/svg:svg:", "/svg:"), NS)


def series_group(root, kind):
    (group,) = [g for g in find(root, "//g") if g.get("data-series") == kind]
    return group


def points_of(group):
    return {g.get("data-letter"): g for g in find(group, "//g") if g.get("data-letter")}


@pytest.fixture
def three_series():
    return [
        Series("current", "Cette évaluation", scores("543423435")),
        Series("previous", "Évaluation précédente", scores("332322324")),
        Series("cohort", "Médiane nationale (7 pôles)", {**scores("333333333"), "B": 2.5}),
    ]


def test_the_radar_is_well_formed_xml_with_nine_axes_and_three_overlays(three_series):
    root = parse(radar_svg(GROUPS, three_series))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    axes = [line for line in find(root, "//line") if line.get("class") == "ptce-radar__axis"]
    assert [axis.get("data-letter") for axis in axes] == list(LETTERS)
    rings = [p for p in find(root, "//polygon") if p.get("class") == "ptce-radar__ring"]
    assert len(rings) == 5
    for kind in ("current", "previous", "cohort"):
        assert len(points_of(series_group(root, kind))) == 9


def test_a_score_of_5_on_axis_a_sits_at_the_top_of_the_outer_ring(three_series):
    assert radar_point(0, 9, 5) == pytest.approx((RADAR_CX, RADAR_CY - RADAR_R))
    assert radar_point(0, 9, 1) == pytest.approx((RADAR_CX, RADAR_CY - RADAR_R / 5))
    # Axis D is a third of the way round, clockwise.
    assert radar_point(3, 9, 5) == pytest.approx(
        (RADAR_CX + RADAR_R * math.cos(math.pi / 6), RADAR_CY + RADAR_R * math.sin(math.pi / 6))
    )
    root = parse(radar_svg(GROUPS, three_series))
    marker_a = points_of(series_group(root, "current"))["A"].find("svg:circle", NS)
    assert (float(marker_a.get("cx")), float(marker_a.get("cy"))) == (300, 80)
    assert points_of(series_group(root, "cohort"))["B"].get("data-value") == "2.5"


def test_overlays_differ_by_line_style_and_marker_shape_not_only_by_colour(three_series):
    root = parse(radar_svg(GROUPS, three_series))
    looks = set()
    for kind in ("current", "previous", "cohort"):
        group = series_group(root, kind)
        (line,) = [p for p in find(group, "//path") if p.get("class") == "ptce-radar__line"]
        shape = next(iter(points_of(group).values()))[1].tag.split("}")[1]
        looks.add((line.get("stroke"), line.get("stroke-dasharray"), shape))
    assert len({look[0] for look in looks}) == 3
    assert len({look[1] for look in looks}) == 3
    assert len({look[2] for look in looks}) == 3
    assert len({style.marker for style in STYLES.values()}) == len(STYLES)


def test_the_radar_is_an_accessible_image_that_states_its_values(three_series):
    root = parse(radar_svg(GROUPS, three_series, id_prefix="radar-7", title="Profil du pôle"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "radar-7-titre radar-7-desc"
    assert root.find("svg:title", NS).text == "Profil du pôle"
    desc = root.find("svg:desc", NS).text
    assert "Cette évaluation — A : 5, B : 4, C : 3" in desc
    assert "Médiane nationale (7 pôles) — A : 3, B : 2,5" in desc


def test_the_legend_names_each_overlay_and_each_general_objective(three_series):
    root = parse(radar_svg(GROUPS, three_series))
    texts = [t.text for t in find(root, "//text")]
    assert {"Cette évaluation", "Évaluation précédente", "Médiane nationale (7 pôles)"} <= set(
        texts
    )
    assert "1. Cultiver et servir le territoire (A–C)" in texts
    assert "3. Développer une économie intégrée (G–I)" in texts
    arcs = [p for p in find(root, "//path") if p.get("class") == "ptce-radar__group"]
    assert len(arcs) == 3


def test_a_missing_score_leaves_a_gap_instead_of_a_point_at_the_centre():
    root = parse(radar_svg(GROUPS, [Series("current", "Cette évaluation", scores("54-423435"))]))
    group = series_group(root, "current")
    assert "C" not in points_of(group)
    (line,) = [p for p in find(group, "//path") if p.get("class") == "ptce-radar__line"]
    # Nine sides on a closed outline, minus the two that touch C.
    assert line.get("d").count("M") == 7
    assert f"{RADAR_CX},{RADAR_CY}" not in line.get("d")
    # No filled area when the outline is broken.
    assert not find(group, "//polygon")
    assert "C : non renseigné" in root.find("svg:desc", NS).text


def test_charts_have_no_inline_style_and_escape_their_texts():
    groups = [("<b>Objectif</b> & co", [Axis("A", "<script>alert(1)</script>")])]
    svg = str(radar_svg(groups, [Series("current", "« Mon » <évaluation>", {"A": 3})]))
    root = parse(svg)
    assert "style=" not in svg
    assert "<script>" not in svg
    assert any(t.text == "1. <b>Objectif</b> & co (A–A)" for t in find(root, "//text"))


def test_the_dot_plot_shows_how_many_raters_gave_each_score_and_the_median():
    rows = [
        DotRow("A", "Énoncé A", {3: 3, 5: 1}, no_opinion=1, median=3.0),
        DotRow("B", "Énoncé B", {}, no_opinion=2, median=None),
    ]
    root = parse(dot_plot_svg(rows))
    assert root.get("role") == "img"
    row_a, row_b = [g for g in find(root, "//g") if g.get("class") == "ptce-dots__row"]
    dots = [g for g in find(row_a, "//g") if g.get("class") == "ptce-dots__score"]
    assert [(d.get("data-score"), d.get("data-count")) for d in dots] == [("3", "3"), ("5", "1")]
    assert "×3" in [t.text for t in find(row_a, "//text")]
    (median,) = [g for g in find(row_a, "//g") if g.get("class") == "ptce-dots__median"]
    assert median.get("data-value") == "3"
    assert not [g for g in find(row_b, "//g") if g.get("class") == "ptce-dots__median"]
    desc = root.find("svg:desc", NS).text
    assert "A : 3 × 3, 1 × 5, médiane 3, 1 ne se prononce pas." in desc
    assert "B : aucune note, médiane non renseigné, 2 ne se prononce pas." in desc


def test_the_evolution_draws_one_panel_per_criterion_with_a_point_per_evaluation():
    axes = [axis for _, group in GROUPS for axis in group]
    steps = [
        ("2022", scores("333333333")),
        ("2023", scores("4-4444444")),
        ("2024", scores("5" * 9)),
    ]
    root = parse(evolution_svg(axes, steps))
    panels = [g for g in find(root, "//g") if g.get("class") == "ptce-evolution__panel"]
    assert [panel.get("data-letter") for panel in panels] == list(LETTERS)
    points = {
        panel.get("data-letter"): [
            g.get("data-value")
            for g in find(panel, "//g")
            if g.get("class") == "ptce-evolution__point"
        ]
        for panel in panels
    }
    assert points["A"] == ["3", "4", "5"]
    assert points["B"] == ["3", "5"]  # the missing score breaks the line
    (line_a,) = find(panels[0], "//path")
    assert line_a.get("d").count("M") == 2
    assert not find(panels[1], "//path")  # both segments of B touch the gap
