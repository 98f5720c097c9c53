"""What a list of poles writes (pre-2016 régions, « St », typos, homonyms, free text) resolves
to the row it most likely meant, or to a ranked list of candidates."""

import pytest

from ptce.territories.models import Region
from ptce.territories.resolve import (
    resolve_commune,
    resolve_departement,
    resolve_epci,
    resolve_region,
    territory_suggestions,
)
from ptce.territories.selectors import region_by_name, region_search
from tests.territories.factories import (
    CommuneFactory,
    DepartementFactory,
    EpciFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def occitanie():
    occitanie = RegionFactory(
        code="76",
        name="Occitanie",
        other_names="Midi-Pyrénées|Languedoc-Roussillon",
        search_other_names="|midi pyrenees|languedoc roussillon|",
    )
    RegionFactory(code="24", name="Centre-Val de Loire", search_other_names="|centre|")
    RegionFactory(code="32", name="Hauts-de-France", search_other_names="|nord pas de calais|")
    RegionFactory(code="93", name="Provence-Alpes-Côte d'Azur", search_other_names="|region sud|")
    return occitanie


@pytest.fixture
def places(occitanie):
    ariege = DepartementFactory(code="09", name="Ariège", region=occitanie)
    haute_garonne = DepartementFactory(code="31", name="Haute-Garonne", region=occitanie)
    normandie = RegionFactory(code="28", name="Normandie")
    manche = DepartementFactory(code="50", name="Manche", region=normandie)
    couserans = EpciFactory(code="200067940", name="CC Couserans-Pyrénées", population=29000)
    EpciFactory(code="243100518", name="Toulouse Métropole", population=800000)
    return {
        "saint_girons": CommuneFactory(
            code="09261", name="Saint-Girons", departement=ariege, epci=couserans
        ),
        "toulouse": CommuneFactory(code="31555", name="Toulouse", departement=haute_garonne),
        "tourtouse": CommuneFactory(code="09313", name="Tourtouse", departement=ariege),
        "beaumont_31": CommuneFactory(
            code="31056", name="Beaumont", departement=haute_garonne, population=200
        ),
        "beaumont_50": CommuneFactory(
            code="50041", name="Beaumont", departement=manche, population=900
        ),
        "beaumont_lomagne": CommuneFactory(
            code="31057", name="Beaumont-sur-Lèze", departement=haute_garonne, population=1500
        ),
        "le_vernet": CommuneFactory(code="09329", name="Le Vernet", departement=ariege),
        "ariege": ariege,
        "haute_garonne": haute_garonne,
        "manche": manche,
        "couserans": couserans,
    }


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Midi-Pyrénées (ancienne région)", "76"),
        ("Midi-Pyrénées", "76"),
        ("ex-Midi-Pyrénées", "76"),
        ("Region Centre", "24"),
        ("Nord-Pas-de-Calais", "32"),
        ("Région Sud", "93"),
        ("OCCITANIE", "76"),
    ],
)
def test_a_region_written_as_lists_write_it_resolves_to_todays(occitanie, written, code):
    assert resolve_region(written).match.code == code
    assert region_by_name(written).code == code
    assert code in [region.code for region in region_search(written)]


def test_a_region_code_resolves(occitanie):
    assert resolve_region("76").match == occitanie


def test_a_misspelt_region_is_suggested_not_applied(occitanie):
    resolution = resolve_region("Ocitanie")
    assert resolution.match is None
    assert [region.name for region in resolution.candidates] == ["Occitanie"]


def test_abbreviations_hyphens_and_case_resolve_a_commune(places):
    assert resolve_commune("St Girons").match == places["saint_girons"]
    assert resolve_commune("saint girons").match == places["saint_girons"]
    assert resolve_commune("ST-GIRONS").match == places["saint_girons"]


def test_an_article_written_before_after_or_not_at_all_resolves_a_commune(places):
    for written in ("Le Vernet", "Vernet (Le)", "Vernet"):
        assert resolve_commune(written).match == places["le_vernet"], written


def test_a_misspelt_commune_gets_close_spellings_within_its_region_first(places, occitanie):
    resolution = resolve_commune("Toulose", region=occitanie)
    assert resolution.match is None
    assert resolution.candidates[0] == places["toulouse"]
    assert resolve_commune("Toulose").candidates[0] == places["toulouse"]


def test_homonyms_are_settled_by_the_departement_given(places):
    manche = resolve_commune("Beaumont", departements=[places["manche"]])
    assert manche.match == places["beaumont_50"]
    haute_garonne = resolve_commune("Beaumont", departements=[places["haute_garonne"]])
    assert haute_garonne.match == places["beaumont_31"]


def test_homonyms_without_scope_are_listed_with_the_longer_names_starting_so(places):
    resolution = resolve_commune("Beaumont")
    assert resolution.match is None
    assert set(resolution.candidates) == {
        places["beaumont_31"],
        places["beaumont_50"],
        places["beaumont_lomagne"],
    }
    # Exact homonyms first, the longer official name after them.
    assert resolution.candidates[-1] == places["beaumont_lomagne"]


def test_homonyms_in_the_region_given_come_first(places, occitanie):
    resolution = resolve_commune("Beaumont", region=RegionFactory(code="28"))
    assert resolution.match == places["beaumont_50"]
    resolution = resolve_commune("Beaumont", region=occitanie)
    assert resolution.match == places["beaumont_31"]


def test_a_name_that_only_starts_longer_official_names_suggests_them(places):
    resolution = resolve_commune("Beaumont-sur")
    assert resolution.match is None
    CommuneFactory(code="31999", name="Lèze")
    resolution = resolve_commune("Beaumont sur Leze")
    assert resolution.match == places["beaumont_lomagne"]


def test_x_suggests_x_sur_y_when_x_is_not_a_commune(places):
    CommuneFactory(code="31998", name="Montesquieu-Volvestre", departement=places["haute_garonne"])
    resolution = resolve_commune("Montesquieu")
    assert resolution.match is None
    assert [c.name for c in resolution.candidates] == ["Montesquieu-Volvestre"]


def test_a_unique_commune_outside_the_region_given_is_flagged(places, occitanie):
    # None in Ariège: the one of its région (Haute-Garonne) rather than the Manche's.
    resolution = resolve_commune("Beaumont", departements=[places["ariege"]])
    assert resolution.match == places["beaumont_31"]
    assert not resolution.outside_scope
    resolution = resolve_commune("Saint-Girons", region=RegionFactory(code="28"))
    assert resolution.match == places["saint_girons"]
    assert resolution.outside_scope


def test_codes_still_resolve(places):
    assert resolve_commune("31555").match == places["toulouse"]
    assert resolve_commune("Beaumont (50)").match == places["beaumont_50"]
    assert resolve_departement("9").match == places["ariege"]
    assert resolve_departement("Haute Garonne").match == places["haute_garonne"]
    assert resolve_departement("Ariège (09)").match == places["ariege"]
    assert resolve_departement("Haute-Garone").candidates == [places["haute_garonne"]]


def test_an_epci_resolves_by_siren_or_name_spelled_out(places):
    couserans = places["couserans"]
    assert resolve_epci("200067940").match == couserans
    assert resolve_epci("Communauté de communes Couserans-Pyrénées").match == couserans
    assert resolve_epci("CC Couserans Pyrenees").match == couserans
    assert resolve_epci("Couserans").candidates == [couserans]
    assert resolve_epci("CC Couseran-Pyrénées").candidates == [couserans]


def test_free_text_naming_an_epci_and_a_town_offers_both(places, occitanie):
    text = "Pôle implanté dans la communauté de communes du Couserans, à St-Girons"
    suggestions = territory_suggestions(text, region=occitanie)
    assert suggestions[:2] == [places["couserans"], places["saint_girons"]]
    assert places["toulouse"] not in suggestions


def test_on_real_names_evry_in_ile_de_france_suggests_evry_courcouronnes(geo):
    resolution = resolve_commune("Evry", region=Region.objects.get(code="11"))
    assert resolution.match is None
    assert [c.code for c in resolution.candidates] == ["91228", "89162"]
    # Without a région, the one commune named so.
    assert resolve_commune("Évry").match.code == "89162"
    assert resolve_commune("St Etienne du Rouvray").match.code == "76575"
    assert resolve_region("Haute-Normandie (ancienne région)").match.code == "28"
