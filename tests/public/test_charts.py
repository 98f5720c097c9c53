"""The figures' SVG charts: accessible images, bars and columns proportional to the numbers,
no inline style, every text escaped."""

import xml.etree.ElementTree as ET

from ptce.public.charts import BarRow, bar_chart_svg, column_chart_svg, fr_number

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))  # noqa: S314 — our own output


def bars(root):
    return [el for el in root.iter(f"{SVG}rect") if el.get("class") == "ptce-bar"]


def test_numbers_are_written_the_french_way():
    assert fr_number(12) == "12"
    assert fr_number(1234) == "1\u202f234"
    assert fr_number(1234, grouping=False) == "1234"
    assert fr_number(2.5) == "2,5"
    assert fr_number(3.0) == "3"
    assert fr_number(33.33) == "33,33"
    assert fr_number(None) == "–"


def test_a_bar_chart_is_an_image_named_by_its_title_and_numbers():
    root = parse(
        bar_chart_svg(
            [BarRow("Occitanie", (2,)), BarRow("Bretagne", (1,))],
            chart_id="graphique-regions",
            title="Pôles par région",
        )
    )

    assert root.get("role") == "img"
    assert root.get("id") == "graphique-regions"
    assert root.get("aria-label") == "Pôles par région. Occitanie : 2 ; Bretagne : 1."
    assert root.find(f"{SVG}title") is None


def test_bars_are_proportional_to_their_values_and_labelled():
    root = parse(
        bar_chart_svg(
            [BarRow("A", (4,)), BarRow("B", (2,)), BarRow("C", (0,))],
            chart_id="c",
            title="T",
        )
    )
    widths = [float(bar.get("width")) for bar in bars(root)]
    texts = [el.text for el in root.iter(f"{SVG}text")]

    assert widths[0] == 2 * widths[1]
    assert widths[2] == 0
    assert [bar.get("data-value") for bar in bars(root)] == ["4", "2", "0"]
    assert texts == ["A", "4", "B", "2", "C", "0"]


def test_a_bar_chart_with_two_series_has_a_legend_and_two_colours():
    svg = bar_chart_svg(
        [BarRow("Phase 1", (4, 3))],
        chart_id="c",
        title="Appels",
        series=("Candidatures", "Lauréats"),
    )
    root = parse(svg)

    assert len({bar.get("fill") for bar in bars(root)}) == 2
    assert "Candidatures" in [el.text for el in root.iter(f"{SVG}text")]
    assert root.get("aria-label") == "Appels. Phase 1 : Candidatures 4, Lauréats 3."


def test_units_follow_the_values():
    root = parse(
        bar_chart_svg([BarRow("Occitanie", (3.5,))], chart_id="c", title="Emplois", unit=" ETP")
    )

    assert "3,5 ETP" in [el.text for el in root.iter(f"{SVG}text")]


def test_a_column_chart_draws_one_column_per_year_in_order():
    root = parse(
        column_chart_svg([("2015", 2), ("2016", 0), ("2017", 1)], chart_id="c", title="Créations")
    )
    columns = [el for el in root.iter(f"{SVG}rect") if el.get("class") == "ptce-column"]

    assert [column.get("data-value") for column in columns] == ["2", "0", "1"]
    heights = [float(column.get("height")) for column in columns]
    assert heights[0] == 2 * heights[2]
    assert heights[1] == 0
    assert root.get("aria-label") == "Créations. 2015 : 2 ; 2016 : 0 ; 2017 : 1."
    xs = [float(column.get("x")) for column in columns]
    assert xs == sorted(xs)


def test_many_years_keep_only_some_labels():
    points = [(str(year), 1) for year in range(1990, 2030)]
    root = parse(column_chart_svg(points, chart_id="c", title="T"))
    labels = [el.text for el in root.iter(f"{SVG}text") if el.text and el.text.startswith("19")]

    assert "1990" in labels
    assert len(labels) < 20


def test_charts_have_no_inline_style_and_escape_their_texts():
    svg = str(bar_chart_svg([BarRow('<script>"x"</script>', (1,))], chart_id="c", title="A & B"))

    assert "style=" not in svg
    assert "<script>" not in svg
    assert parse(svg).get("aria-label").startswith("A & B.")


def test_an_empty_chart_says_so():
    assert parse(bar_chart_svg([], chart_id="c", title="T")).get("aria-label") == (
        "T. Aucune donnée."
    )
    assert parse(column_chart_svg([], chart_id="c", title="T")).get("aria-label") == (
        "T. Aucune donnée."
    )
