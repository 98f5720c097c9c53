"""An evaluation is created once, whatever the clicks (issue 12)."""

import pytest
from django.urls import reverse

from ptce.assessments.models import Evaluation
from tests.concurrency import sent_twice

pytestmark = pytest.mark.django_db


def test_an_evaluation_created_twice_is_created_once_and_the_second_click_opens_it(
    client_as, pole, coordinator, referentiel
):
    response = sent_twice(
        client_as("coordinator"),
        reverse("assessments:evaluation_create", args=[pole.slug]),
        {"title": "Auto-évaluation 2025", "mode": "auto", "referentiel": referentiel.pk},
    )
    evaluation = Evaluation.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "assessments:evaluation_detail", args=[pole.slug, evaluation.pk]
    )
