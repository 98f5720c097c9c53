"""Renaming a saved search from « Mes recherches »: a versioned form (a stale save shows the
conflict and loses nothing), French messages, the owner's alone."""

import pytest
from django.urls import reverse

from ptce.cooperation.models import SavedSearch
from ptce.cooperation.searches.services import saved_search_create
from tests.public.test_map_near import text as page_text

pytestmark = pytest.mark.django_db

LIST = reverse("cooperation:saved_searches")


@pytest.fixture
def search(outsider):
    return saved_search_create(owner=outsider, querystring="filiere=energie", alert=True)


def rename_url(search) -> str:
    return reverse("cooperation:saved_search_rename", args=[search.pk])


def test_my_searches_links_each_search_to_its_rename_form(client, outsider, search):
    client.force_login(outsider)
    assert f'href="{rename_url(search)}"' in client.get(LIST).content.decode()
    form = client.get(rename_url(search)).content.decode()
    assert 'value="Filière\u00a0: Énergie"' in form
    assert 'name="version" value="1"' in form


def test_the_owner_renames_the_search_with_its_spaces_trimmed(client, outsider, search):
    client.force_login(outsider)
    response = client.post(
        rename_url(search), {"name": "  Énergie   en Occitanie ", "version": "1"}, follow=True
    )
    assert response.redirect_chain == [(LIST, 302)]
    assert "La recherche s’appelle désormais «\xa0Énergie en Occitanie\xa0»." in (
        page_text(response)
    )
    search.refresh_from_db()
    assert (search.name, search.version, search.query) == (
        "Énergie en Occitanie",
        2,
        "filiere=energie",
    )
    assert search.alert  # the rest of the search is kept


def test_a_stale_rename_shows_the_conflict_and_loses_nothing(client, outsider, search):
    client.force_login(outsider)
    client.post(rename_url(search), {"name": "Nom de l’autre onglet", "version": "1"})

    response = client.post(rename_url(search), {"name": "Mon nom", "version": "1"})

    assert response.status_code == 409
    text = page_text(response)
    assert "Quelqu’un a modifié ces informations pendant que vous les modifiiez" in text
    assert "Nom de l’autre onglet" in text
    assert 'value="Mon nom"' in response.content.decode()  # yours, ready to send again
    search.refresh_from_db()
    assert search.name == "Nom de l’autre onglet"

    # Sending the conflict page's form again (it carries the new version) applies yours.
    client.post(rename_url(search), {"name": "Mon nom", "version": "2"})
    search.refresh_from_db()
    assert (search.name, search.version) == ("Mon nom", 3)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("   ", "Donnez un nom à cette recherche."),
        ("x" * 201, "Le nom tient en 200 caractères au plus."),
    ],
)
def test_a_bad_name_is_refused_in_french(client, outsider, search, name, message):
    client.force_login(outsider)
    response = client.post(rename_url(search), {"name": name, "version": "1"})
    assert response.status_code == 400
    assert message in page_text(response)
    search.refresh_from_db()
    assert (search.name, search.version) == ("Filière\u00a0: Énergie", 1)


def test_two_searches_may_share_a_name(client, outsider, search):
    other = saved_search_create(owner=outsider, querystring="q=bois", alert=False)
    client.force_login(outsider)
    client.post(rename_url(other), {"name": search.name, "version": "1"})
    assert SavedSearch.objects.filter(owner=outsider, name=search.name).count() == 2


def test_someone_else_cannot_rename_the_search(client, member, search):
    client.force_login(member)
    assert client.get(rename_url(search)).status_code == 404
    assert client.post(rename_url(search), {"name": "Piraté", "version": "1"}).status_code == 404
    search.refresh_from_db()
    assert search.name == "Filière\u00a0: Énergie"


def test_renaming_asks_to_log_in(client, search):
    response = client.get(rename_url(search))
    assert response.status_code == 302
    assert reverse("core:login") in response.url
