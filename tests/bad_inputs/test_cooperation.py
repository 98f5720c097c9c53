"""Bad inputs on a pole's life: joining, needs and topics, the plan and its actions, resources,
meetings and their minutes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.bad_inputs.catalog import Case, check
from tests.poles.factories import MembershipFactory

FUNDING = {"financements-TOTAL_FORMS": "0", "financements-INITIAL_FORMS": "0"}


def _pole_url(name):
    return lambda w: reverse(name, args=[w.pole.slug])


def _meeting_url(name):
    return lambda w: reverse(name, args=[w.pole.slug, w.meeting.pk])


def _join(**bad):
    return {
        "organisation_name": "Recyclerie du Lauragais",
        "legal_category": "association",
        "contact_name": "Camille Martin",
        "contact_email": "camille@exemple.fr",
        "contribution": "Un atelier de réparation.",
        **bad,
    }


def _need(**bad):
    return {"title": "Mobilité des saisonniers", "theme": "mobilite", **bad}


def _action(**bad):
    return lambda w: {
        "title": "Garage solidaire",
        "action_type": "mutualisation_ressources",
        "status": "en_cours",
        "lead": w.membership.pk,
        "participants": [w.membership.pk, w.second_membership.pk],
        "jobs_created_etp": "0",
        "jobs_kept_etp": "0",
        "activities_created": "0",
        **FUNDING,
        **bad,
    }


def _second_member(w):
    """An action gathers at least two members of the pole."""
    w.second_membership = MembershipFactory(pole=w.pole)


def _resource(**bad):
    return lambda w: {
        "membership": w.membership.pk,
        "kind": "offre",
        "category": "locaux",
        "title": "Salle de réunion",
        **bad,
    }


def _meeting(**bad):
    return {"kind": "copil", "title": "Comité de pilotage", "starts_at": "2026-12-10T14:00", **bad}


def _upload(name, content, content_type="application/pdf"):
    return lambda w: {"file": SimpleUploadedFile(name, content, content_type=content_type)}


JOIN = _pole_url("cooperation:join")
NEED = _pole_url("cooperation:need_add")
TOPIC = _pole_url("cooperation:topic_add")
OBJECTIVE = _pole_url("cooperation:objective_add")
ACTION = _pole_url("cooperation:action_add")
RESOURCE = _pole_url("cooperation:resource_create")
MEETING = _pole_url("cooperation:meeting_create")
UPLOAD = _meeting_url("cooperation:attachment_upload")


def _decline(w):
    return reverse("cooperation:join_request_decline", args=[w.pole.slug, w.join_request.pk])


def _accept(w):
    return reverse("cooperation:join_request", args=[w.pole.slug, w.join_request.pk])


CASES = [
    Case(
        "adhésion publique: courriel invalide",
        "anonyme",
        JOIN,
        _join(contact_email="camille@"),
        "Saisissez une adresse de courriel valide",
    ),
    Case(
        "adhésion publique: sans nom d’organisation",
        "anonyme",
        JOIN,
        _join(organisation_name=""),
        "Ce champ est obligatoire",
    ),
    Case(
        "adhésion publique: SIRET de 5 chiffres",
        "anonyme",
        JOIN,
        _join(siret="12345"),
        "14 chiffres",
    ),
    Case(
        "adhésion publique: SIRET à la clé fausse",
        "anonyme",
        JOIN,
        _join(siret="12345678901234"),
        "SIRET",
    ),
    Case("adhésion publique: RNA mal formé", "anonyme", JOIN, _join(rna="X1"), "RNA"),
    Case(
        "adhésion publique: commune inconnue",
        "anonyme",
        JOIN,
        _join(commune="Atlantide"),
        "Atlantide",
    ),
    Case(
        "adhésion publique: catégorie inventée",
        "anonyme",
        JOIN,
        _join(legal_category="secte"),
        "Sélectionnez un choix valide",
    ),
    Case(
        "adhésion publique: contribution de 20 000 caractères",
        "anonyme",
        JOIN,
        _join(contribution="a" * 20000),
        "au plus",
    ),
    Case(
        "demande: refus sans motif",
        "coordination",
        _decline,
        {"reason": ""},
        "Indiquez le motif du refus",
    ),
    Case(
        "demande: acceptation avec un rôle inventé",
        "coordination",
        _accept,
        {"role": "chef"},
        "Sélectionnez un choix valide",
    ),
    Case("besoin: sans titre", "coordination", NEED, _need(title=""), "Ce champ est obligatoire"),
    Case(
        "besoin: titre de 201 caractères",
        "coordination",
        NEED,
        _need(title="b" * 201),
        "au plus 200 caractères",
    ),
    Case(
        "besoin: titre fait d’espaces",
        "coordination",
        NEED,
        _need(title="   "),
        "Ce champ est obligatoire",
    ),
    Case(
        "besoin: publics concernés en 301 caractères",
        "coordination",
        NEED,
        _need(affected="a" * 301),
        "au plus 300 caractères",
    ),
    Case("sujet: sans titre", "coordination", TOPIC, {"title": ""}, "Ce champ est obligatoire"),
    Case(
        "objectif: sans titre",
        "coordination",
        OBJECTIVE,
        {"title": "", "position": 1},
        "Ce champ est obligatoire",
    ),
    Case(
        "objectif: position négative",
        "coordination",
        lambda w: reverse("cooperation:objective_edit", args=[w.pole.slug, w.objective.pk]),
        {"title": "Mobilité", "position": -3},
        "supérieure ou égale à 0",
    ),
    Case(
        "action: sans titre",
        "coordination",
        ACTION,
        _action(title=""),
        "Ce champ est obligatoire",
        setup=_second_member,
    ),
    Case(
        "action: début en l’an 1",
        "coordination",
        ACTION,
        _action(start_date="0001-01-01"),
        "entre 1900 et 2100",
        setup=_second_member,
    ),
    Case(
        "action: fin en 9999",
        "coordination",
        ACTION,
        _action(end_date="9999-12-31"),
        "entre 1900 et 2100",
        setup=_second_member,
    ),
    Case(
        "action: fin avant le début",
        "coordination",
        ACTION,
        _action(start_date="2026-06-01", end_date="2026-01-01"),
        "fin",
        setup=_second_member,
    ),
    Case(
        "action: budget négatif",
        "coordination",
        ACTION,
        _action(budget="-5"),
        "ne peut pas être négatif",
        setup=_second_member,
    ),
    Case(
        "action: 2⁴⁰ activités",
        "coordination",
        ACTION,
        _action(activities_created=2**40),
        "Indiquez au plus 10\u202f000 activités",
        setup=_second_member,
    ),
    Case(
        "action: emplois négatifs",
        "coordination",
        ACTION,
        _action(jobs_created_etp="-1"),
        "ne peut pas être négatif",
        setup=_second_member,
    ),
    Case(
        "action: type inventé",
        "coordination",
        ACTION,
        _action(action_type="magie"),
        "Sélectionnez un choix valide",
        setup=_second_member,
    ),
    Case(
        "action: financement négatif",
        "coordination",
        ACTION,
        _action(
            **{
                "financements-TOTAL_FORMS": "1",
                "financements-0-source": "etat",
                "financements-0-amount": "-100",
            }
        ),
        "supérieure ou égale à 0",
        setup=_second_member,
    ),
    Case(
        "ressource: sans titre",
        "coordination",
        RESOURCE,
        _resource(title=""),
        "Ce champ est obligatoire",
    ),
    Case(
        "ressource: disponible en l’an 1",
        "coordination",
        RESOURCE,
        _resource(available_from="0001-01-01"),
        "entre 1900 et 2100",
    ),
    Case(
        "ressource: nature inventée",
        "coordination",
        RESOURCE,
        _resource(kind="troc"),
        "Sélectionnez un choix valide",
    ),
    Case(
        "ressource: membre d’un autre pôle",
        "coordination",
        RESOURCE,
        _resource(membership=999999),
        "Sélectionnez un choix valide",
    ),
    Case(
        "réunion: en l’an 1",
        "coordination",
        MEETING,
        _meeting(starts_at="0001-01-01T10:00"),
        "entre 1900 et 2100",
    ),
    Case(
        "réunion: dans 24 ans",
        "coordination",
        MEETING,
        _meeting(starts_at="2050-01-01T10:00"),
        "dix ans",
    ),
    Case(
        "réunion: date illisible",
        "coordination",
        MEETING,
        _meeting(starts_at="demain"),
        "Saisissez une date et une heure valides",
    ),
    Case(
        "réunion: sans titre",
        "coordination",
        MEETING,
        _meeting(title=""),
        "Ce champ est obligatoire",
    ),
    Case(
        "réunion: type inventé",
        "coordination",
        MEETING,
        _meeting(kind="fete"),
        "Sélectionnez un choix valide",
    ),
    Case(
        "compte rendu: aucun fichier",
        "coordination",
        UPLOAD,
        {},
        "Ce champ est obligatoire",
        status=400,
    ),
    Case(
        "compte rendu: exécutable",
        "coordination",
        UPLOAD,
        {},
        files=_upload("virus.exe", b"MZ\x90\x00", "application/octet-stream"),
        message="Format",
        status=400,
    ),
    Case(
        "compte rendu: fichier vide",
        "coordination",
        UPLOAD,
        {},
        files=_upload("vide.pdf", b""),
        message="vide",
        status=400,
    ),
    Case(
        "compte rendu: PDF qui n’en est pas un",
        "coordination",
        UPLOAD,
        {},
        files=_upload("faux.pdf", b"<html>pas un pdf</html>"),
        message="PDF",
        status=400,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_bad_input_is_refused_in_french_and_writes_nothing(world, db, case):
    check(world, case)
