# ruff: noqa: F811
"""Saving a search of the directory, « Mes recherches » (run, alert on or off, delete) and the
email's « ne plus recevoir » link, which works without logging in."""

import re

import pytest
from django.urls import reverse

from ptce.cooperation.models import MAX_SAVED_SEARCHES, SavedSearch
from ptce.cooperation.searches.services import saved_search_create, unsubscribe_token
from tests.core.factories import UserFactory
from tests.public.test_map_near import geography  # noqa: F401  (fixture)
from tests.public.test_map_near import text as page_text

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("poles:directory")
LIST = reverse("cooperation:saved_searches")
CREATE = reverse("cooperation:saved_search_create")


def _saved_query(client, **params) -> str:
    html = client.get(DIRECTORY, params).content.decode()
    return re.search(r'name="query" value="([^"]*)"', html).group(1).replace("&amp;", "&")


def test_the_directory_offers_to_save_the_search_to_a_signed_in_person_only(client, outsider):
    assert "Enregistrer cette recherche" not in client.get(DIRECTORY).content.decode()
    client.force_login(outsider)
    assert "Enregistrer cette recherche" in client.get(DIRECTORY).content.decode()


def test_the_search_is_saved_in_one_canonical_form_with_its_alert(client, outsider):
    client.force_login(outsider)
    query = _saved_query(client, etape="", filiere="energie", page="2", q="  bois  local ")

    response = client.post(CREATE, {"query": query, "alert": "1"}, follow=True)

    [search] = SavedSearch.objects.filter(owner=outsider)
    assert search.query == "filiere=energie&q=bois+local"
    assert search.name == "«\xa0bois local\xa0» · Filière\u00a0: Énergie"
    assert search.alert
    assert search.alert_from is not None
    assert (
        "La recherche «\xa0«\xa0bois local\xa0» · Filière\u00a0: Énergie\xa0» est enregistrée."
        in (page_text(response))
    )


def test_a_double_click_saves_the_search_once(client, outsider):
    client.force_login(outsider)
    for _ in range(2):
        response = client.post(CREATE, {"query": "filiere=energie"}, follow=True)
    assert SavedSearch.objects.filter(owner=outsider).count() == 1
    assert "Cette recherche est déjà enregistrée sous le nom «\xa0Filière\u00a0: Énergie\xa0»." in (
        page_text(response)
    )


def test_the_same_search_written_otherwise_is_the_same_search(outsider, geography):
    first = saved_search_create(owner=outsider, querystring="near=Toulouse&q=", alert=False)
    with pytest.raises(Exception, match="déjà enregistrée"):
        saved_search_create(owner=outsider, querystring="radius=25&near= Toulouse", alert=True)
    assert SavedSearch.objects.get() == first


def test_a_place_that_cannot_be_found_is_refused_in_french(client, outsider):
    client.force_login(outsider)
    response = client.post(CREATE, {"query": "near=Trifouillis-les-Oies"}, follow=True)
    assert not SavedSearch.objects.exists()
    assert "Nous ne trouvons pas «\xa0Trifouillis-les-Oies\xa0»" in page_text(response)


def test_a_person_keeps_at_most_twenty_searches(client, outsider):
    for index in range(MAX_SAVED_SEARCHES):
        SavedSearch.objects.create(owner=outsider, name=f"n° {index}", query=f"q=mot{index}")
    client.force_login(outsider)
    response = client.post(CREATE, {"query": "filiere=energie"}, follow=True)
    assert SavedSearch.objects.filter(owner=outsider).count() == MAX_SAVED_SEARCHES
    assert "Vous avez déjà 20 recherches enregistrées\xa0: supprimez-en une d’abord." in (
        page_text(response)
    )


@pytest.mark.parametrize("count", [2, 12])
def test_my_searches_lists_them_with_a_constant_number_of_queries(
    client, outsider, count, django_assert_num_queries
):
    for index in range(count):
        SavedSearch.objects.create(owner=outsider, name=f"Recherche {index}", query=f"q=m{index}")
    SavedSearch.objects.create(owner=UserFactory(), name="Celle d’un autre", query="q=x")
    client.force_login(outsider)

    # The session, the user, the searches, and the request's savepoint and its release.
    with django_assert_num_queries(5):
        response = client.get(LIST)

    text = page_text(response)
    assert f"Vos {count} recherches enregistrées" in text
    assert "Celle d’un autre" not in text
    assert f'href="{DIRECTORY}?q=m0"' in response.content.decode()


def test_the_alert_is_switched_off_and_on_from_my_searches(client, outsider):
    search = saved_search_create(owner=outsider, querystring="q=bois", alert=True)
    client.force_login(outsider)
    url = reverse("cooperation:saved_search_alert", args=[search.pk])

    assert "Alerte arrêtée pour «\xa0«\xa0bois\xa0»\xa0»." in page_text(
        client.post(url, {"alert": "0"}, follow=True)
    )
    search.refresh_from_db()
    assert not search.alert
    assert search.alert_from is None

    client.post(url, {"alert": "1"})
    search.refresh_from_db()
    assert search.alert
    assert search.alert_from is not None


def test_deleting_a_search_asks_for_confirmation_first(client, outsider):
    search = saved_search_create(owner=outsider, querystring="q=bois", alert=True)
    client.force_login(outsider)
    url = reverse("cooperation:saved_search_delete", args=[search.pk])

    assert "Supprimer la recherche\xa0?" in page_text(client.post(url))
    assert SavedSearch.objects.exists()

    response = client.post(url, {"confirmation": "oui"}, follow=True)
    assert not SavedSearch.objects.exists()
    assert "La recherche «\xa0«\xa0bois\xa0»\xa0» est supprimée." in page_text(response)


def test_someone_elses_search_is_not_found(client, outsider, member):
    search = saved_search_create(owner=outsider, querystring="q=bois", alert=True)
    client.force_login(member)
    for name, data in [
        ("cooperation:saved_search_alert", {"alert": "0"}),
        ("cooperation:saved_search_delete", {"confirmation": "oui"}),
    ]:
        assert client.post(reverse(name, args=[search.pk]), data).status_code == 404
    search.refresh_from_db()
    assert search.alert


def test_the_unsubscribe_link_works_without_login_and_a_get_changes_nothing(client, outsider):
    search = saved_search_create(owner=outsider, querystring="q=bois", alert=True)
    url = reverse("cooperation:saved_search_unsubscribe", args=[unsubscribe_token(search)])

    assert "Ne plus recevoir ce courriel" in page_text(client.get(url))
    search.refresh_from_db()
    assert search.alert

    response = client.post(url)
    assert "Vous ne recevrez plus de courriel pour cette recherche." in page_text(response)
    search.refresh_from_db()
    assert not search.alert


def test_an_altered_unsubscribe_token_is_not_found(client, outsider):
    search = saved_search_create(owner=outsider, querystring="q=bois", alert=True)
    token = unsubscribe_token(search)
    forged = token.replace(token[0], "9" if token[0] != "9" else "8", 1)
    url = reverse("cooperation:saved_search_unsubscribe", args=[forged])
    assert client.post(url).status_code == 404
    search.refresh_from_db()
    assert search.alert


def test_my_data_holds_my_saved_searches_and_erasing_me_deletes_them(outsider):
    from ptce.privacy.selectors import person_data
    from ptce.privacy.services import person_erase

    saved_search_create(owner=outsider, querystring="q=bois", alert=True)

    [row] = person_data(outsider)["recherches_enregistrees"]
    assert (row["nom"], row["recherche"], row["alerte_hebdomadaire"]) == (
        "«\xa0bois\xa0»",
        "q=bois",
        True,
    )

    person_erase(user=outsider)
    assert not SavedSearch.objects.exists()


def test_the_map_offers_to_save_its_search_as_the_directorys(client, outsider, geography):
    map_url = reverse("public:map")
    params = {"sector": "energie", "near": "Toulouse", "radius": "50", "form": ""}
    assert "Enregistrer cette recherche" not in client.get(map_url, params).content.decode()

    client.force_login(outsider)
    html = client.get(map_url, params).content.decode()
    assert 'name="query" value="filiere=energie&amp;near=Toulouse&amp;radius=50"' in html
    # A filter the directory does not have: the search cannot be saved as the directory's.
    charter = client.get(map_url, {**params, "charter": "oui"}).content.decode()
    assert "Enregistrer cette recherche" not in charter
