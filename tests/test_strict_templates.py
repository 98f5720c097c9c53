"""The `strict_templates` fixture (tests/conftest.py) really catches undefined variables."""

from django.template import engines


def test_an_undefined_variable_is_shown_and_recorded(strict_templates):
    template = engines["django"].from_string("<p>{{ pole.name }} {{ defined }}</p>")

    html = template.render({"defined": "oui"})

    assert html == "<p>VARIABLE-INDEFINIE[pole.name] oui</p>"
    assert strict_templates.names == ["pole.name"]
    strict_templates.names.clear()  # else the fixture fails this test at teardown


def test_a_page_without_undefined_variables_records_nothing(strict_templates):
    engines["django"].from_string("{% if missing %}x{% endif %}{{ ok }}").render({"ok": 1})

    assert strict_templates.names == []
