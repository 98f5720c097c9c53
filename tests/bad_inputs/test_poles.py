"""Bad inputs on a pole's pages and the organisation registry."""

import pytest
from django.urls import reverse

from tests.bad_inputs.catalog import Case, check


def _pole_url(name):
    return lambda w: reverse(name, args=[w.pole.slug])


def _profile(**bad):
    def data(w):
        return {
            "name": w.pole.name,
            "stage": w.pole.stage,
            "sectors": [],
            "form": w.pole.form,
            "summary": w.pole.summary,
            "is_published": "on",
            **bad,
        }

    return data


def _territory(**bad):
    return {"scale": "departement", "area_type": "mixte", "departements": "31", **bad}


def _place(**bad):
    return lambda w: {"name": "Atelier", "address": "1 rue Haute", "commune": w.commune.code, **bad}


def _org(**bad):
    return lambda w: {
        "name": w.organisation.name,
        "legal_category": w.organisation.legal_category,
        "siret": w.organisation.siret,
        "commune": w.commune.code,
        **bad,
    }


def _new_member(**bad):
    return {
        "action": "creer",
        "adhesion-role": "membre",
        "org-name": "Régie de quartier",
        "org-legal_category": "association",
        **bad,
    }


EDIT = _pole_url("poles:edit")
TERRITORY = _pole_url("poles:territory")
PLACE_ADD = _pole_url("poles:place_add")
INVITE = _pole_url("poles:people")
MEMBER_ADD = _pole_url("poles:member_add")


def _org_edit(w):
    return reverse("organisations:edit", args=[w.organisation.pk])


def _membership_edit(w):
    return reverse("poles:membership_edit", args=[w.pole.slug, w.membership.pk])


CASES = [
    Case("profil: nom vide", "coordination", EDIT, _profile(name=""), "Ce champ est obligatoire"),
    Case(
        "profil: nom de 201 caractères",
        "coordination",
        EDIT,
        _profile(name="x" * 201),
        "au plus 200 caractères",
    ),
    Case(
        "profil: étape 4 déclarée",
        "coordination",
        EDIT,
        _profile(stage=4),
        "Sélectionnez un choix valide",
    ),
    Case(
        "profil: étape inconnue",
        "coordination",
        EDIT,
        _profile(stage="abc"),
        "Sélectionnez un choix valide",
    ),
    Case(
        "profil: année de création 1200",
        "coordination",
        EDIT,
        _profile(creation_year=1200),
        "Indiquez une année de création plausible",
    ),
    Case(
        "profil: année de création en lettres",
        "coordination",
        EDIT,
        _profile(creation_year="deux mille"),
        "Saisissez un nombre entier",
    ),
    Case(
        "profil: site sans forme d’adresse",
        "coordination",
        EDIT,
        _profile(website="pas une adresse"),
        "Saisissez une URL valide",
    ),
    Case(
        "profil: courriel de contact invalide",
        "coordination",
        EDIT,
        _profile(contact_email="contact@"),
        "Saisissez une adresse de courriel valide",
    ),
    Case(
        "profil: téléphone fantaisiste",
        "coordination",
        EDIT,
        _profile(contact_phone="abc<>!!"),
        "numéro de téléphone",
    ),
    Case(
        "profil: charte signée en l’an 1",
        "coordination",
        EDIT,
        _profile(charter_signed_on="0001-01-01"),
        "entre 1900 et 2100",
    ),
    Case(
        "profil: charte signée en 9999",
        "coordination",
        EDIT,
        _profile(charter_signed_on="9999-12-31"),
        "entre 1900 et 2100",
    ),
    Case(
        "profil: date impossible",
        "coordination",
        EDIT,
        _profile(charter_signed_on="2020-02-31"),
        "Saisissez une date valide",
    ),
    Case(
        "profil: filière inconnue",
        "coordination",
        EDIT,
        _profile(sectors=["inconnue"]),
        "Sélectionnez un choix valide",
    ),
    Case(
        "territoire: département inconnu",
        "coordination",
        TERRITORY,
        _territory(departements="ZZ"),
        "ZZ",
    ),
    Case(
        "territoire: commune inconnue",
        "coordination",
        TERRITORY,
        _territory(departements="", communes="99999"),
        "99999",
    ),
    Case(
        "territoire: échelle inconnue",
        "coordination",
        TERRITORY,
        _territory(scale="monde"),
        "Sélectionnez un choix valide",
    ),
    Case(
        "territoire: rien",
        "coordination",
        TERRITORY,
        {"scale": "departement", "area_type": "mixte"},
        "Indiquez au moins",
    ),
    Case("lieu: nom vide", "coordination", PLACE_ADD, _place(name=""), "Ce champ est obligatoire"),
    Case(
        "lieu: latitude 91",
        "coordination",
        PLACE_ADD,
        _place(latitude="91", longitude="1"),
        "Coordonnées hors limites",
    ),
    Case(
        "lieu: longitude 200",
        "coordination",
        PLACE_ADD,
        _place(latitude="43", longitude="200"),
        "Coordonnées hors limites",
    ),
    Case(
        "lieu: latitude en lettres",
        "coordination",
        PLACE_ADD,
        _place(latitude="nord", longitude="1"),
        "Saisissez un nombre",
    ),
    Case("lieu: commune inconnue", "coordination", PLACE_ADD, _place(commune="99999"), "99999"),
    Case(
        "invitation: courriel invalide",
        "coordination",
        INVITE,
        {"email": "personne@", "role": "membre"},
        "Saisissez une adresse de courriel valide",
    ),
    Case(
        "invitation: rôle inventé",
        "coordination",
        INVITE,
        {"email": "nouvelle@exemple.fr", "role": "administrateur"},
        "Sélectionnez un choix valide",
    ),
    Case(
        "adhésion: rôle inventé",
        "coordination",
        _membership_edit,
        {"role": "patron", "joined_on": "2020-01-01"},
        "Sélectionnez un choix valide",
    ),
    Case(
        "adhésion: date en l’an 1",
        "coordination",
        _membership_edit,
        {"role": "membre", "joined_on": "0001-01-01"},
        "entre 1900 et 2100",
    ),
    Case(
        "nouveau membre: sans nom",
        "coordination",
        MEMBER_ADD,
        _new_member(**{"org-name": ""}),
        "Corrigez les erreurs de la fiche",
    ),
    Case(
        "nouveau membre: SIRET de 3 chiffres",
        "coordination",
        MEMBER_ADD,
        _new_member(**{"org-siret": "123"}),
        "14 chiffres",
    ),
    Case(
        "nouveau membre: SIRET à la clé fausse",
        "coordination",
        MEMBER_ADD,
        _new_member(**{"org-siret": "12345678901234"}),
        "SIRET",
    ),
    Case(
        "nouveau membre: RNA mal formé",
        "coordination",
        MEMBER_ADD,
        _new_member(**{"org-rna": "W12"}),
        "RNA",
    ),
    Case(
        "nouveau membre: organisation introuvable",
        "coordination",
        MEMBER_ADD,
        {"adhesion-role": "membre", "organisation": "999999"},
        "Organisation introuvable",
    ),
    Case(
        "nouveau membre: rôle inventé",
        "coordination",
        MEMBER_ADD,
        {"adhesion-role": "chef", "organisation": "1"},
        "Choisissez le rôle",
    ),
    Case(
        "création de pôle: nom vide",
        "sans rôle",
        lambda w: reverse("poles:create"),
        {"name": "", "form": "association"},
        "Ce champ est obligatoire",
    ),
    Case(
        "création de pôle: nom de 300 caractères",
        "sans rôle",
        lambda w: reverse("poles:create"),
        {"name": "p" * 300},
        "au plus 200 caractères",
    ),
    Case(
        "organisation: nom vide",
        "coordination",
        _org_edit,
        _org(name=""),
        "Ce champ est obligatoire",
    ),
    Case(
        "organisation: code NAF inventé", "coordination", _org_edit, _org(naf_code="99.99Z"), "NAF"
    ),
    Case(
        "organisation: site invalide",
        "coordination",
        _org_edit,
        _org(website="http://"),
        "Saisissez une URL valide",
    ),
    Case(
        "organisation: catégorie inventée",
        "coordination",
        _org_edit,
        _org(legal_category="club"),
        "Sélectionnez un choix valide",
    ),
    Case(
        "vérification: retrait sans motif",
        "instruction",
        _pole_url("poles:verification"),
        {"action": "unverify", "reason": ""},
        "Ce champ est obligatoire",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_bad_input_is_refused_in_french_and_writes_nothing(world, db, case):
    check(world, case)
