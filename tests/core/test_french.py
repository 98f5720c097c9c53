"""The French plural of the templates: singular below 2."""

import pytest
from django.template import Context, Template


@pytest.mark.parametrize(
    ("count", "forms", "expected"),
    [
        (0, "s", ""),
        (1, "s", ""),
        (1.5, "s", ""),
        (2, "s", "s"),
        ("12", "s", "s"),
        (0, "al,aux", "al"),
        (3, "al,aux", "aux"),
        ([1, 2], "s", "s"),
        (None, "s", ""),
    ],
)
def test_the_french_plural_starts_at_two(count, forms, expected):
    rendered = Template("{{ count|pluriel:forms }}").render(
        Context({"count": count, "forms": forms})
    )
    assert rendered == expected
