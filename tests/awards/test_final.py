import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from ptce.awards import services_final
from ptce.awards.models import FinalEvaluation
from tests.assessments.results_data import validated_evaluation
from tests.awards.factories import draft_agreement, running_agreement

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+?(/evaluation-finale/[\w-]+/)")


def test_the_third_party_writes_the_evaluation_through_the_link_of_their_email(
    pole, instructor, client, django_capture_on_commit_callbacks, strict_templates
):
    agreement = running_agreement(pole)
    with django_capture_on_commit_callbacks(execute=True):
        services_final.evaluation_request(
            agreement=agreement,
            evaluator_name="Dominique Tiers",
            evaluator_email="tiers@exemple.fr",
            by=instructor,
        )
    (message,) = mail.outbox
    path = LINK.search(message.body).group(1)

    page = client.get(path)
    empty = client.post(path, {"body": "  "})
    answered = client.post(path, {"body": "Le pôle a gagné en gouvernance."})

    assert page.status_code == 200
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert empty.status_code == 400
    assert answered.status_code == 302
    evaluation = FinalEvaluation.objects.get()
    assert evaluation.body == "Le pôle a gagné en gouvernance."
    assert path.split("/")[-2] not in evaluation.token_hash  # only the hash is kept
    assert client.post(path, {"body": "Autre"}).status_code == 200  # answered: read only
    evaluation.refresh_from_db()
    assert evaluation.body == "Le pôle a gagné en gouvernance."


def test_asking_again_replaces_the_link_and_a_draft_cannot_be_evaluated(pole, instructor):
    agreement = running_agreement(pole)
    first = services_final.evaluation_request(
        agreement=agreement, evaluator_name="A", evaluator_email="a@exemple.fr", by=instructor
    )
    old_hash = first.token_hash
    second = services_final.evaluation_request(
        agreement=agreement, evaluator_name="B", evaluator_email="b@exemple.fr", by=instructor
    )

    assert second.pk == first.pk
    assert second.token_hash != old_hash
    with pytest.raises(ValidationError, match="une fois le soutien en cours"):
        services_final.evaluation_request(
            agreement=draft_agreement(pole), evaluator_name="C", evaluator_email="c@exemple.fr",
            by=instructor,
        )  # fmt: skip


def test_the_closing_report_overlays_the_ecarts_profiles_before_and_after_the_support(
    pole, client_as, strict_templates
):
    agreement = running_agreement(pole)  # from 1 January 2025
    days_before = (datetime.date.today() - datetime.date(2024, 6, 1)).days
    validated_evaluation(pole, "222222222", days_ago=days_before, title="Avant")
    validated_evaluation(pole, "444444444", days_ago=1, title="Après")

    before, after = services_final.before_and_after(agreement)
    page = client_as("coordinator").get(reverse("awards:closing_report", args=[agreement.pk]))

    assert before["notes"]["A"] == 2
    assert after["notes"]["A"] == 4
    content = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in content
    assert "Avant le soutien (01/06/2024)" in content
    assert "Après le soutien" in content
