import pytest

from ptce.territories.selectors import (
    commune_by_code,
    commune_search,
    communes_by_postal_code,
    departement_by_code,
    departement_search,
    epci_search,
    parse_commune_query,
    region_by_name,
    region_search,
)


def labels(communes):
    return [str(c) for c in communes]


def test_a_commune_is_found_by_its_insee_code(geo):
    assert commune_by_code("31555").name == "Toulouse"
    assert commune_by_code(" 42218 ").name == "Saint-Étienne"
    assert commune_by_code("99999") is None
    assert commune_by_code("Toulouse") is None


def test_an_arrondissement_code_gives_its_commune(geo):
    assert commune_by_code("75108").name == "Paris"
    assert labels(commune_search("75108")) == ["Paris (75)"]


def test_a_postal_code_gives_its_communes(geo):
    assert labels(commune_search("31000")) == ["Toulouse (31)"]
    assert labels(communes_by_postal_code("31000")) == ["Toulouse (31)"]
    assert communes_by_postal_code("31") == []


def test_an_insee_code_comes_before_a_postal_code_that_looks_the_same(geo):
    results = commune_search("31555")
    assert labels(results)[0] == "Toulouse (31)"


def test_a_code_prefix_lists_the_biggest_communes_first(geo):
    assert labels(commune_search("31", limit=2)) == ["Toulouse (31)", "Colomiers (31)"]


@pytest.mark.parametrize("query", ["Orleans", "orléans", "ORLÉANS", "Orl"])
def test_names_match_whatever_the_case_and_accents(geo, query):
    assert labels(commune_search(query))[0] == "Orléans (45)"


def test_capitals_with_accents_match_too(geo):
    results = labels(commune_search("ÉVRY"))
    assert results[0] == "Évry (89)"  # the exact name first, however small
    assert "Évry-Courcouronnes (91)" in results


@pytest.mark.parametrize("query", ["St Etienne", "st-étienne", "Saint Etienne", "saint-etienne"])
def test_st_and_saint_are_the_same_and_the_exact_name_comes_first(geo, query):
    results = commune_search(query)
    assert (results[0].code, results[0].name) == ("42218", "Saint-Étienne")
    assert "Saint-Étienne-du-Rouvray (76)" in labels(results)


def test_a_word_inside_a_name_matches_after_the_names_that_start_with_it(geo):
    results = labels(commune_search("denis", limit=50))
    assert "L'Île-Saint-Denis (93)" in results
    assert "Saint-Denis (93)" in results


def test_homonyms_are_ranked_by_population_and_show_their_departement(geo):
    results = labels(commune_search("Saint-Denis", limit=4))
    assert results == [
        "Saint-Denis (974)",
        "Saint-Denis (93)",
        "Saint-Denis (11)",
        "Saint-Denis (30)",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Saint-Denis 974", ["Saint-Denis (974)"]),
        ("Saint-Denis (974)", ["Saint-Denis (974)"]),
        ("saint denis (dép. 93)", ["Saint-Denis (93)", "L'Île-Saint-Denis (93)"]),
        ("St Denis 93200", ["Saint-Denis (93)"]),
    ],
)
def test_a_departement_or_postal_code_after_the_name_narrows_the_results(geo, query, expected):
    assert labels(commune_search(query)) == expected


def test_results_are_bounded(geo):
    assert len(commune_search("saint", limit=7)) == 7


@pytest.mark.parametrize("query", ["", "   ", "%", "_%_", "'; drop table x; --", "\x00", "é" * 500])
def test_odd_queries_return_nothing_rather_than_failing(geo, query):
    assert commune_search(query) == []


def test_query_parsing_separates_the_name_from_the_departement():
    query = parse_commune_query("Saint-Denis (dép. 93)")
    assert (query.name_forms, query.departement) == (["saint denis"], "93")
    assert parse_commune_query("2a004").code == "2A004"
    assert parse_commune_query("Toulouse 31000").postal_code == "31000"


@pytest.mark.parametrize(
    ("old_name", "region"),
    [
        ("Midi-Pyrénées", "Occitanie"),
        ("Languedoc-Roussillon", "Occitanie"),
        ("Basse-Normandie", "Normandie"),
        ("Haute-Normandie", "Normandie"),
        ("Rhône-Alpes", "Auvergne-Rhône-Alpes"),
        ("Auvergne", "Auvergne-Rhône-Alpes"),
        ("Nord-Pas-de-Calais", "Hauts-de-France"),
        ("Picardie", "Hauts-de-France"),
        ("Alsace", "Grand Est"),
        ("Lorraine", "Grand Est"),
        ("Champagne-Ardenne", "Grand Est"),
        ("Aquitaine", "Nouvelle-Aquitaine"),
        ("Limousin", "Nouvelle-Aquitaine"),
        ("Poitou-Charentes", "Nouvelle-Aquitaine"),
        ("Bourgogne", "Bourgogne-Franche-Comté"),
        ("Franche-Comté", "Bourgogne-Franche-Comté"),
    ],
)
def test_a_former_region_name_gives_todays_region(geo, old_name, region):
    assert region_by_name(old_name).name == region
    assert region in [r.name for r in region_search(old_name)]


def test_regions_are_found_by_todays_name_start_or_code(geo):
    assert [r.name for r in region_search("occ")] == ["Occitanie"]
    assert [r.name for r in region_search("76")] == ["Occitanie"]
    assert region_by_name("occitanie").code == "76"
    assert region_by_name("Atlantide") is None
    assert region_search("") == []


def test_departements_are_found_by_code_or_name(geo):
    assert departement_by_code("2a").name == "Corse-du-Sud"
    assert departement_by_code("974").name == "La Réunion"
    assert departement_by_code("20") is None
    assert [d.code for d in departement_search("31")] == ["31"]
    assert [d.code for d in departement_search("97")] == ["971", "972", "973", "974", "976"]
    assert departement_search("haute garonne")[0].code == "31"
    assert departement_search("cotes d armor")[0].code == "22"


def test_epci_are_found_by_siren_or_name(geo):
    assert [e.name for e in epci_search("243100518")] == ["Toulouse Métropole"]
    assert epci_search("toulouse")[0].name == "Toulouse Métropole"
    assert epci_search("Communauté de communes du Perche")[0].name == "CC du Perche"
    assert epci_search("grand montauban")[0].code == epci_search("CA Grand Montauban")[0].code
