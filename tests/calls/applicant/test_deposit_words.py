"""Words of issue 15 the pages got wrong: « Candidature de Pôle… », « selon le ECARTS »,
« LAURÉAT AMI PTCE 2021 (2021) », « Connecté·e en tant que instruction@… », and a SIRET field
marked « (Optionnel) » whose help said « Obligatoire »."""

import html
import re

import pytest
from django.urls import reverse

from ptce.calls.lists.pdf import application_pdf
from ptce.calls.models import ApplicationState
from ptce.calls.models.calls import call_title
from tests import poppler
from tests.assessments.results_data import validated_evaluation
from tests.calls.factories import ApplicationFactory, PhaseFactory
from tests.calls.factories.applicant import phase_with_form
from tests.calls.factories.lists import filed
from tests.core.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("strict_templates")]


def _text(response) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


def test_the_applicant_pages_quote_the_pole_s_name(client_as, pole, coordinator):
    phase, sections, _ = phase_with_form()
    application = ApplicationFactory(pole=pole, phase=phase, created_by=coordinator)
    client = client_as("coordinator")
    for url in (
        f"/candidatures/{application.pk}/",
        f"/candidatures/{application.pk}/modifier/?section={sections['project'].pk}",
        f"/candidatures/{application.pk}/deposer/",
    ):
        text = _text(client.get(url))
        assert "Candidature de « Pôle des Coteaux »" in text, url
        assert "Candidature de Pôle" not in text, url


def test_a_call_s_year_is_not_repeated_when_its_name_says_it():
    assert call_title("AMI PTCE 2021", 2021) == "AMI PTCE 2021"
    assert call_title("AMI PTCE", 2021) == "AMI PTCE (2021)"


def test_the_application_pdf_names_the_call_once(pole):
    phase = PhaseFactory(call__name="AMI PTCE 2022", call__year=2022, name="Reconnaissance")
    application = filed(phase, pole=pole, state=ApplicationState.SUBMITTED)
    text = " ".join(poppler.pdftotext(application_pdf(application, for_instruction=False)).split())
    assert "AMI PTCE 2022 — phase 1 : Reconnaissance" in text
    assert "(2022)" not in text


def test_the_evolution_and_public_radar_say_selon_le_referentiel(client, client_as, pole):
    evaluation = validated_evaluation(pole, "543423435", is_public=True)
    name = evaluation.referentiel.name
    text = _text(client.get(reverse("assessments:public_radar", args=[pole.slug])))
    assert f"selon le référentiel « {name} »" in text
    member_page = client_as("member").get(reverse("assessments:evolution", args=[pole.slug]))
    assert f"selon le référentiel « {name} »" in _text(member_page)
    assert not re.search(r"selon le (?!référentiel)", _text(member_page))


def test_my_space_names_the_person_signed_in(client):
    user = UserFactory(
        email="instruction@exemple.fr", first_name="Claire", last_name="Dumas", is_instructor=True
    )
    client.force_login(user)
    text = _text(client.get(reverse("core:dashboard")))
    assert "Connecté·e : Claire Dumas (instruction@exemple.fr)." in text
    assert "en tant que" not in text


def test_the_siret_label_and_help_say_the_same_rule(client_as, pole, coordinator):
    html = client_as("coordinator").get(reverse("poles:member_add", args=[pole.slug]))
    text = _text(html)
    assert "SIRET (selon la catégorie)" in text
    assert "SIRET (Optionnel)" not in text
    assert "Obligatoire pour une entreprise" in text
    assert "Obligatoire, sauf" not in text
