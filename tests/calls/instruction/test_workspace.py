"""The instruction page as a workspace: the grid criterion by criterion with its errors at the
top, following the file and the « dossier suivant » link."""

import re

import pytest
from django.urls import reverse

from ptce.calls.models import ApplicationState, Score
from tests.calls.factories import PhaseFactory
from tests.calls.factories.instruction import application_in, grid
from tests.poles.factories import PoleFactory

pytestmark = pytest.mark.usefixtures("strict_templates")
S = ApplicationState


@pytest.fixture
def application(pole, coordinator):
    return application_in(pole, S.INSTRUCTION, author=coordinator, phase=PhaseFactory())


def page(application):
    return reverse("calls:instruction", args=[application.pk])


def fieldset_of(html, criterion):
    match = re.search(
        rf'<fieldset[^>]*id="critere-{criterion.pk}".*?</fieldset>', html, flags=re.DOTALL
    )
    assert match, f"no fieldset for {criterion.label}"
    return match.group(0)


def test_each_comment_box_sits_in_its_own_criterion(client_as, application):
    first, second = grid(application.phase, (2, 5), (1, 5))
    html = client_as("instructor").get(page(application)).content.decode()
    for criterion, other in ((first, second), (second, first)):
        block = fieldset_of(html, criterion)
        assert criterion.label in block
        assert f'name="notes-criterion_{criterion.pk}"' in block
        assert f'name="notes-comment_{criterion.pk}"' in block
        assert f'name="notes-comment_{other.pk}"' not in block


def test_a_score_above_the_maximum_is_reported_at_the_top_with_a_link_to_the_field(
    client_as, application
):
    first, second = grid(application.phase, (2, 5), (1, 5))
    response = client_as("instructor").post(
        reverse("calls:instruction_scores", args=[application.pk]),
        {f"notes-criterion_{first.pk}": "4", f"notes-criterion_{second.pk}": "9"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert not Score.objects.exists()
    alert = html.index('id="grille-erreurs"')
    assert alert < html.index('<h2 id="titre-notes"')
    assert alert < html.index("Proposition de la région")
    summary = html[alert : html.index("</div>", alert)]
    assert f'href="#id_notes-criterion_{second.pk}"' in summary
    assert "1 erreur à corriger" in summary
    assert "inférieure ou égale à 5" in summary


def test_no_error_alert_on_a_clean_page(client_as, application):
    grid(application.phase, (1, 5))
    assert (
        'id="grille-erreurs"' not in client_as("instructor").get(page(application)).content.decode()
    )


def test_the_page_offers_to_follow_then_to_unfollow(client_as, application):
    client = client_as("instructor")
    follow = reverse("calls:instruction_follow", args=[application.pk])
    assert f'action="{follow}"' in client.get(page(application)).content.decode()
    client.post(follow)
    html = client.get(page(application)).content.decode()
    assert f'action="{reverse("calls:instruction_unfollow", args=[application.pk])}"' in html
    assert "Ne plus suivre" in html


def test_the_next_file_link_leads_to_the_next_file_to_process(client_as, application, region):
    waiting = application_in(PoleFactory(region=region), S.SUBMITTED, phase=application.phase)
    html = client_as("instructor").get(page(application)).content.decode()
    assert re.search(rf'rel="next"[^>]*href="{page(waiting)}"', html)
    assert "Dossier suivant" in html


def test_no_next_file_link_when_nothing_else_waits(client_as, application):
    assert 'rel="next"' not in client_as("instructor").get(page(application)).content.decode()
