"""The directory and the map's list propose the nearest poles with one callout
(`partials/nearest_poles.html`): the same words and links on both."""
# ruff: noqa: F811

import re

from django.urls import reverse

from tests.public.test_map_near import geography, poles  # noqa: F401  (fixtures)

PARAMS = {"near": "Saint-Girons", "radius": "10"}


def callout(client, url) -> str:
    """The callout's markup, its « Élargir » link made relative to the page's own address."""
    html = client.get(url, PARAMS).content.decode()
    found = re.search(r'<div class="fr-callout[^"]*" id="plus-proches".*?</div>', html, re.S)
    return " ".join(found.group(0).split()).replace(f'href="{url}?', 'href="?')


def test_the_directory_and_the_map_show_the_same_nearest_poles_callout(client, poles):
    directory = callout(client, reverse("poles:directory"))
    assert directory == callout(client, reverse("public:map"))
    assert "Les pôles les plus proches de Saint-Girons (09)&nbsp;:" in directory
    assert f'href="{reverse("poles:detail", args=[poles["foix"].slug])}"' in directory
    assert 'href="?near=Saint-Girons&amp;radius=25">Élargir la recherche' in directory
