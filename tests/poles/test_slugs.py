import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ptce.poles.services import pole_create
from ptce.poles.slugs import RESERVED_SLUGS

pytestmark = pytest.mark.django_db


def _routes(resolver=None, prefix=""):
    """Every URL pattern of the project as its full route text and its converters."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route


def test_a_pole_named_like_a_page_beside_the_poles_gets_a_page_of_its_own(client, outsider):
    pole = pole_create(name="Émergents", summary="", form="grappe", sectors=[], created_by=outsider)
    assert pole.slug not in RESERVED_SLUGS
    client.force_login(outsider)
    response = client.get(reverse("poles:detail", args=[pole.slug]))
    assert response.status_code == 200
    assert "Émergents" in response.content.decode()


def test_the_emerging_poles_page_keeps_its_address(client):
    response = client.get("/poles/emergents/")
    assert response.status_code == 200
    assert response.resolver_match.view_name == "cooperation:emerging_poles"


def test_a_pole_address_is_never_read_as_a_reserved_word(client, outsider):
    client.force_login(outsider)
    assert client.get("/poles/creer/").resolver_match.view_name == "poles:create"


def test_every_page_beside_the_poles_reserves_its_word():
    words = set()
    for route in _routes():
        if route.startswith("poles/") and not route.startswith("poles/<"):
            word = route.removeprefix("poles/").split("/", 1)[0]
            if word:
                words.add(word)
    assert words == RESERVED_SLUGS


def test_every_pole_page_reads_its_slug_with_the_pole_converter():
    loose = [route for route in _routes() if route.startswith("poles/<slug:")]
    assert loose == []
