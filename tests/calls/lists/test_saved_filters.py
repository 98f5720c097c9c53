"""An instructor's saved filters of the list: saving, renaming, deleting, and who may."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ptce.calls.lists.saved_filters import saved_filter_create
from ptce.calls.models import MAX_SAVED_FILTERS, ApplicationState, SavedFilter
from ptce.core.confirm import FIELD, VALUE
from tests.calls.factories import PhaseFactory
from tests.calls.factories.lists import at, filed
from tests.concurrency import sent_twice
from tests.poles.factories import PoleFactory

pytestmark = pytest.mark.django_db
LIST = reverse("calls:instruction_list")
CREATE = reverse("calls:saved_filter_create")


@pytest.fixture
def phase():
    return PhaseFactory(call__name="AMI PTCE 2022", call__slug="ami-2022")


@pytest.fixture
def files(phase, region):
    return [
        filed(
            phase, pole=PoleFactory(name=name, region=region), state=state, submitted=at(2022, 3, 1)
        )
        for name, state in [
            ("Pôle déposé", ApplicationState.SUBMITTED),
            ("Pôle lauréat", ApplicationState.LAUREATE),
        ]
    ]


def save(client, name, querystring):
    return client.post(CREATE, {"filtre-name": name, "filtre-querystring": querystring})


def test_an_instructor_saves_the_current_filters_and_finds_them_above_the_list(
    client_as, instructor, files
):
    client = client_as("instructor")
    response = save(client, "Lauréats", "onglet=tous&state=laureate&page=3")
    saved = SavedFilter.objects.get(user=instructor)
    assert saved.querystring == "onglet=tous&state=laureate"  # the page is not kept
    assert response.status_code == 302
    assert response.url == f"{LIST}?onglet=tous&state=laureate"
    page = client.get(response.url)
    html = page.content.decode()
    assert "Le filtre «\xa0Lauréats\xa0» est enregistré." in html
    assert f'href="{LIST}?onglet=tous&amp;state=laureate" aria-current="true">Lauréats</a>' in html
    assert [a.pole.name for a in page.context["rows"]] == ["Pôle lauréat"]


def test_the_saved_filters_are_the_owners_only(client_as, instructor, other_instructor, files):
    SavedFilter.objects.create(user=other_instructor, name="Ailleurs", querystring="onglet=tous")
    html = client_as("instructor").get(LIST).content.decode()
    assert "Ailleurs" not in html
    assert "Aucun filtre enregistré" in html


def test_a_name_taken_whatever_its_case_is_refused_with_a_link(client_as, instructor, files):
    SavedFilter.objects.create(user=instructor, name="Lauréats", querystring="onglet=tous")
    response = save(client_as("instructor"), "  lauréats ", "onglet=traites")
    assert response.status_code == 400
    assert "Vous avez déjà un filtre nommé « lauréats »." in response.content.decode()
    assert SavedFilter.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "querystring", "message"),
    [
        ("", "onglet=tous", "Ce champ est obligatoire."),
        ("Mauvais", "state=nimporte", "Ces filtres ne sont pas valides"),
        ("Mauvais", "phase=999999", "Ces filtres ne sont pas valides"),
    ],
)
def test_bad_input_is_refused_in_french_and_nothing_is_saved(
    client_as, files, name, querystring, message
):
    response = save(client_as("instructor"), name, querystring)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SavedFilter.objects.exists()


def test_saving_twice_the_same_form_saves_once(client_as, instructor, files):
    sent_twice(
        client_as("instructor"),
        CREATE,
        {"filtre-name": "Tous", "filtre-querystring": "onglet=tous"},
        form_page=LIST,
        field="filtre-once",
    )
    assert SavedFilter.objects.count() == 1


def test_a_person_keeps_at_most_the_cap_of_saved_filters(instructor):
    SavedFilter.objects.bulk_create(
        SavedFilter(user=instructor, name=f"Filtre {n}") for n in range(MAX_SAVED_FILTERS)
    )
    with pytest.raises(ValidationError) as refused:
        saved_filter_create(user=instructor, name="Un de trop", querystring="onglet=tous")
    assert f"Vous avez déjà {MAX_SAVED_FILTERS} filtres enregistrés" in str(refused.value)
    assert SavedFilter.objects.count() == MAX_SAVED_FILTERS


def test_the_owner_renames_a_filter(client_as, instructor):
    saved = SavedFilter.objects.create(user=instructor, name="Avant", querystring="state=laureate")
    client = client_as("instructor")
    url = reverse("calls:saved_filter_edit", args=[saved.pk])
    assert "État : Lauréate" in client.get(url).content.decode()
    response = client.post(url, {"name": "Après", "version": saved.version})
    assert response.status_code == 302
    saved.refresh_from_db()
    assert saved.name == "Après"
    assert saved.version == 2


def test_a_rename_from_a_stale_page_shows_the_conflict(client_as, instructor):
    saved = SavedFilter.objects.create(user=instructor, name="Avant")
    client = client_as("instructor")
    url = reverse("calls:saved_filter_edit", args=[saved.pk])
    client.post(url, {"name": "Dans un autre onglet", "version": 1})
    response = client.post(url, {"name": "Ici", "version": 1})
    assert response.status_code == 409
    saved.refresh_from_db()
    assert saved.name == "Dans un autre onglet"


def test_deleting_a_filter_asks_for_confirmation_first(client_as, instructor):
    saved = SavedFilter.objects.create(user=instructor, name="À jeter")
    client = client_as("instructor")
    url = reverse("calls:saved_filter_delete", args=[saved.pk])
    page = client.post(url)
    assert "Supprimer le filtre&nbsp;?" in page.content.decode()
    assert "Le filtre enregistré «\xa0À jeter\xa0»" in page.content.decode()
    assert SavedFilter.objects.filter(pk=saved.pk).exists()
    response = client.post(url, {FIELD: VALUE})
    assert response.status_code == 302
    assert response.url == LIST
    assert not SavedFilter.objects.filter(pk=saved.pk).exists()


@pytest.mark.parametrize("url_name", ["calls:saved_filter_edit", "calls:saved_filter_delete"])
def test_another_instructors_filter_is_not_found_and_stays(client_as, other_instructor, url_name):
    saved = SavedFilter.objects.create(user=other_instructor, name="Le sien")
    url = reverse(url_name, args=[saved.pk])
    client = client_as("national_instructor")
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "Pris", FIELD: VALUE}).status_code == 404
    saved.refresh_from_db()
    assert saved.name == "Le sien"


def test_people_outside_the_instruction_save_nothing(client_as, files):
    assert save(client_as("coordinator"), "Moi", "onglet=tous").status_code == 403
    assert not SavedFilter.objects.exists()


def test_the_list_with_saved_filters_costs_the_same_queries_for_one_or_twenty(
    client_as, instructor, files, django_assert_num_queries
):
    client = client_as("instructor")
    SavedFilter.objects.create(user=instructor, name="Un", querystring="onglet=tous")
    client.get(LIST)  # warm the session and the user's scope
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    SavedFilter.objects.bulk_create(
        SavedFilter(user=instructor, name=f"Filtre {n}", querystring=f"onglet=tous&sort=pole&n={n}")
        for n in range(19)
    )
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(LIST)
    assert len(response.context["saved_filters"]) == 20
