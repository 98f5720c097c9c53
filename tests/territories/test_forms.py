import pytest
from django import forms

from ptce.territories.forms import CommuneField
from tests.territories.factories import CommuneFactory, DepartementFactory, RegionFactory


class PlaceForm(forms.Form):
    commune = CommuneField(label="Commune")


class OptionalPlaceForm(forms.Form):
    commune = CommuneField(label="Commune", required=False)


@pytest.fixture
def homonyms(db):
    idf = RegionFactory(code="11", name="Île-de-France")
    reunion = RegionFactory(code="04", name="La Réunion")
    seine_saint_denis = DepartementFactory(code="93", name="Seine-Saint-Denis", region=idf)
    departement_974 = DepartementFactory(code="974", name="La Réunion", region=reunion)
    return {
        "93": CommuneFactory(
            code="93066",
            name="Saint-Denis",
            departement=seine_saint_denis,
            postal_codes="93200 93210",
        ),
        "974": CommuneFactory(
            code="97411", name="Saint-Denis", departement=departement_974, postal_codes="97400"
        ),
        "toulouse": CommuneFactory(code="31555", name="Toulouse", postal_codes="31000 31100"),
        "blagnac": CommuneFactory(code="31069", name="Blagnac", postal_codes="31700"),
        "cornebarrieu": CommuneFactory(code="31150", name="Cornebarrieu", postal_codes="31700"),
    }


def clean(value, form_class=PlaceForm):
    form = form_class({"commune": value})
    return form.is_valid(), form.cleaned_data.get("commune"), form.errors.get("commune", [])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("31555", "toulouse"),
        (" 97411 ", "974"),
        ("Saint-Denis (93)", "93"),
        ("Saint-Denis (974)", "974"),
        ("saint denis 974", "974"),
        ("St-Denis (dép. 93)", "93"),
        ("toulouse", "toulouse"),
        ("TOULOUSE (31)", "toulouse"),
        ("31000", "toulouse"),
        ("Blagnac 31700", "blagnac"),
    ],
)
def test_it_accepts_a_code_the_suggested_label_or_an_unambiguous_name(homonyms, value, expected):
    valid, commune, _errors = clean(value)
    assert valid
    assert commune == homonyms[expected]


def test_an_ambiguous_name_lists_the_candidates_and_asks_for_the_departement(homonyms):
    valid, _commune, errors = clean("Saint-Denis")
    assert not valid
    assert errors == [
        "Plusieurs communes portent ce nom ou un nom qui commence ainsi\xa0: Saint-Denis (93), "
        "Saint-Denis (974)\xa0; précisez le département, par exemple «\xa0Saint-Denis (93)\xa0»."
    ]


def test_an_ambiguous_name_suggests_the_most_populous_first_and_the_longer_names(homonyms):
    homonyms["974"].population, homonyms["93"].population = 155_000, 149_000
    homonyms["974"].save()
    homonyms["93"].save()
    loiret = DepartementFactory(code="45", name="Loiret", region=RegionFactory(code="24"))
    CommuneFactory(code="45194", name="Saint-Denis-de-l’Hôtel", departement=loiret)

    errors = clean("Saint-Denis")[2]

    assert errors == [
        "Plusieurs communes portent ce nom ou un nom qui commence ainsi\xa0: Saint-Denis (974), "
        "Saint-Denis (93), Saint-Denis-de-l’Hôtel (45)\xa0; précisez le département, par exemple "
        "«\xa0Saint-Denis (974)\xa0»."
    ]


def test_a_misspelt_name_suggests_the_close_official_name(homonyms):
    assert clean("Toulose")[2] == ["Commune introuvable. Vouliez-vous dire\xa0: Toulouse (31)\xa0?"]


def test_a_postal_code_shared_by_several_communes_lists_them(homonyms):
    valid, _commune, errors = clean("31700")
    assert not valid
    assert (
        "Plusieurs communes ont le code postal 31700\xa0: Blagnac (31), Cornebarrieu (31)"
        in errors[0]
    )


def test_an_unknown_name_suggests_close_communes(homonyms):
    valid, _commune, errors = clean("Toulou")
    assert not valid
    assert errors == ["Commune introuvable. Vouliez-vous dire\xa0: Toulouse (31)\xa0?"]


def test_an_unknown_name_or_code_is_refused_with_a_french_message(homonyms):
    assert clean("Atlantis")[2] == [
        "Commune introuvable\xa0: saisissez son nom (par exemple «\xa0Saint-Denis (93)\xa0») "
        "ou son code "
        "INSEE."
    ]
    assert clean("2A999")[2] == ["Aucune commune n’a le code INSEE «\xa02A999\xa0»."]
    assert clean("Saint-Denis (31)")[0] is False


def test_overlong_input_is_refused(homonyms):
    assert clean("x" * 101)[2] == ["Saisie trop longue (100 caractères au plus)."]


def test_empty_input_is_none_when_optional_and_an_error_when_required(homonyms):
    assert clean("", OptionalPlaceForm)[:2] == (True, None)
    assert clean("   ", PlaceForm)[0] is False


def test_a_commune_is_shown_back_as_its_label_and_round_trips(homonyms):
    form = PlaceForm(initial={"commune": homonyms["974"]})
    assert 'value="Saint-Denis (974)"' in str(form["commune"])
    bound = PlaceForm({"commune": "Saint-Denis (974)"}, initial={"commune": homonyms["974"]})
    assert bound.is_valid()
    assert not bound.has_changed()


def test_the_widget_is_an_htmx_combobox_with_a_listbox(homonyms):
    html = str(PlaceForm()["commune"])
    assert 'hx-get="/territoires/communes/suggestions/?champ=commune"' in html
    assert 'hx-trigger="keyup changed delay:300ms"' in html
    assert 'hx-target="#id_commune-suggestions"' in html
    assert 'role="combobox"' in html
    assert 'aria-controls="id_commune-suggestions"' in html
    assert 'aria-expanded="false"' in html
    assert 'autocomplete="off"' in html
    assert '<ul class="ptce-autocomplete__list" id="id_commune-suggestions" role="listbox"' in html
    assert "<script>" not in html  # only an external file, CSP-friendly
    assert "territories/autocomplete.js" in html


def test_in_a_dsfr_form_the_field_is_a_labelled_dsfr_input(homonyms):
    from ptce.core.forms import DsfrForm

    class DsfrPlaceForm(DsfrForm):
        commune = CommuneField(label="Commune", help_text="Nom ou code INSEE.")

    html = str(DsfrPlaceForm({"commune": "Saint-Denis"}))
    assert 'class="fr-input-group fr-input-group--error"' in html
    assert '<label for="id_commune" class="fr-label">' in html
    assert 'class="fr-input"' in html
    assert 'aria-describedby="id_commune-desc-error"' in html
    assert "Plusieurs communes portent ce nom" in html
