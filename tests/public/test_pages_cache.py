"""Anonymous public pages from the shared cache (issue #18): the directory and a pole's page
served without the database on a hit, renewed by the services that change what they show,
never to a visitor with a session."""

import pytest
from django.urls import reverse

from ptce.poles.services import pole_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(pole):
    return [reverse("poles:directory"), reverse("poles:detail", args=[pole.slug])]


def test_an_anonymous_hit_reads_neither_the_database_nor_the_session(
    client, pages, django_assert_num_queries
):
    for url in pages:
        first = client.get(url)
        with django_assert_num_queries(0):
            again = client.get(url)
        assert again.status_code == 200
        assert again.content == first.content
        assert again["Content-Type"] == first["Content-Type"]
        assert "sessionid" not in again.cookies


def test_a_pole_renamed_through_its_service_shows_at_once_on_both_pages(client, pole, pages):
    for url in pages:
        client.get(url)

    pole_update(pole=pole, name="Pôle des Vignes")

    for url in pages:
        assert "Pôle des Vignes" in client.get(url).content.decode()


def test_the_query_string_is_part_of_the_key(client, pole):
    client.get(reverse("poles:directory"))
    html = client.get(reverse("poles:directory"), {"q": "introuvable"}).content.decode()
    assert "Pôle des Coteaux" not in html


def test_a_signed_in_visitor_never_gets_the_anonymous_copy(client_as, pole, pages):
    anonymous = client_as("anonymous").get(pages[1]).content
    signed_in = client_as("coordinator").get(pages[1]).content
    assert signed_in != anonymous
    assert "logout" in signed_in.decode() or "Se déconnecter" in signed_in.decode()


def test_an_unpublished_pole_is_not_served_from_the_cache(client, pole, pages):
    client.get(pages[1])
    pole_update(pole=pole, is_published=False)
    assert client.get(pages[1]).status_code == 404


def test_the_home_page_is_served_from_the_cache_too(client, django_assert_num_queries):
    first = client.get(reverse("public:home"))
    with django_assert_num_queries(0):
        assert client.get(reverse("public:home")).content == first.content
