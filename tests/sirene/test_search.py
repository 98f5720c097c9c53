"""The SIRENE search: by the start of the name, by any of its words, by SIREN or SIRET."""

import pytest
from django.urls import reverse

from ptce.sirene.selectors import sirene_search
from tests.sirene.factories import load_units, unit

pytestmark = pytest.mark.django_db

RESSOURCERIE = unit("51234567", "RESSOURCERIE DU PAYS DE SAINT-ÉTIENNE", sigleUniteLegale="RPSE")
JARDINS = unit("51234568", "LES JARDINS DE COCAGNE")
COCAGNE = unit("51234569", "COCAGNE INSERTION")


@pytest.fixture
def units():
    load_units(RESSOURCERIE, JARDINS, COCAGNE)


def names(units):
    return [u.name for u in units]


def test_names_that_start_with_the_query_come_first_then_names_with_the_word(units):
    assert names(sirene_search("cocag")) == ["COCAGNE INSERTION", "LES JARDINS DE COCAGNE"]


def test_accents_case_and_abbreviations_are_ignored(units):
    assert names(sirene_search("st etienne")) == ["RESSOURCERIE DU PAYS DE SAINT-ÉTIENNE"]
    assert names(sirene_search("Ressourcerie du pays")) == ["RESSOURCERIE DU PAYS DE SAINT-ÉTIENNE"]


def test_every_word_must_match(units):
    assert names(sirene_search("jardins cocagne")) == ["LES JARDINS DE COCAGNE"]
    assert sirene_search("jardins insertion") == []


def test_the_acronym_finds_the_unit(units):
    assert names(sirene_search("rpse")) == ["RESSOURCERIE DU PAYS DE SAINT-ÉTIENNE"]


def test_a_siren_or_a_siret_typed_with_spaces_finds_the_unit(units):
    siren, siret = JARDINS["siren"], JARDINS["siret"]
    assert names(sirene_search(f"{siren[:3]} {siren[3:6]} {siren[6:]}")) == [
        JARDINS["denominationUniteLegale"]
    ]
    assert names(sirene_search(siret)) == ["LES JARDINS DE COCAGNE"]
    # Another establishment's SIRET still finds its legal unit.
    assert names(sirene_search(siren + "00099")) == ["LES JARDINS DE COCAGNE"]


def test_a_unit_not_diffusible_is_never_found(tmp_path):
    from django.core.management import call_command

    from ptce.demo.sirene import write_stock

    hidden = unit("51234570", "COCAGNE CACHEE", statutDiffusionUniteLegale="P")
    call_command("sirene_load", *map(str, write_stock(tmp_path, [JARDINS, hidden])))

    assert names(sirene_search("cocagne")) == ["LES JARDINS DE COCAGNE"]
    assert sirene_search(hidden["siren"]) == []
    assert sirene_search(hidden["siret"]) == []


def test_the_suggestions_list_the_units_with_a_link_that_prefills(client, outsider, units):
    client.force_login(outsider)

    response = client.get(
        reverse("sirene:search"),
        {"champ": "recherche", "recherche": "cocagne"},
        HTTP_HX_REQUEST="true",
    )

    content = response.content.decode()
    assert f'href="?sirene={COCAGNE["siren"]}#sirene-choisie"' in content
    assert "2 résultats dans le répertoire SIRENE." in content
    assert "<html" not in content


def test_without_javascript_the_search_page_lists_the_units_and_shows_one(client, outsider, units):
    client.force_login(outsider)

    listed = client.get(reverse("sirene:search"), {"q": "jardins"})
    shown = client.get(reverse("sirene:search"), {"sirene": JARDINS["siren"]})

    assert "LES JARDINS DE COCAGNE" in listed.content.decode()
    assert 'value="jardins"' in listed.content.decode()
    assert "d’après SIRENE, état au 2 novembre 2026" in shown.content.decode()


def test_the_search_page_asks_for_a_login(client):
    response = client.get(reverse("sirene:search"), {"q": "jardins"})

    assert response.status_code == 302
    assert "connexion" in response.url or "login" in response.url
