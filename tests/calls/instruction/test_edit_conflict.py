"""Issue 12, findings 2 and 4: two instructors scoring or proposing on the same application.

A blank score never deletes a score (only the « effacer » box does), and a grid loaded before
another instructor changed a score is refused with the conflict page; so is a proposal form
loaded before a colleague's proposal. (Annotations are only ever added, never edited: nothing
of them can be lost.)"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains

from ptce.calls.instruction import services
from ptce.calls.models import ApplicationState, Score
from ptce.core.versioning import EditConflict
from tests.calls.factories.instruction import application_in, grid
from tests.core.factories import UserFactory
from tests.races import ON_POSTGRESQL, run_at_once

pytestmark = pytest.mark.usefixtures("strict_templates")


@pytest.fixture
def application(pole, coordinator):
    return application_in(pole, ApplicationState.INSTRUCTION, author=coordinator)


@pytest.fixture
def criteria(application):
    return grid(application.phase, (2, 5), (1, 10))


@pytest.fixture
def colleague(region):
    user = UserFactory(is_instructor=True, email="collegue@exemple.fr")
    user.instructor_regions.add(region)
    return user


def url(application):
    return reverse("calls:instruction_scores", args=[application.pk])


def grid_post(criteria, version, **fields):
    """The scoring form as the page sends it: every field, blank unless given."""
    data = {"notes-version": version}
    for criterion in criteria:
        data[f"notes-criterion_{criterion.pk}"] = fields.get(f"criterion_{criterion.pk}", "")
        data[f"notes-comment_{criterion.pk}"] = fields.get(f"comment_{criterion.pk}", "")
    return data


def test_the_page_carries_the_grid_version_and_an_effacer_box_per_score(
    client, application, criteria, instructor
):
    first, second = criteria
    services.scores_save(application=application, by=instructor, values={first.pk: 3})
    client.force_login(instructor)

    response = client.get(reverse("calls:instruction", args=[application.pk]))

    assertContains(response, 'name="notes-version" value="2"')
    assertContains(response, f'name="notes-clear_{first.pk}"')
    assert f'name="notes-clear_{second.pk}"' not in response.content.decode()


def test_a_blank_field_of_a_stale_grid_does_not_delete_a_colleagues_score(
    client, application, criteria, instructor, colleague
):
    """The finding: the grid loaded before the colleague scored sends the field blank."""
    first, second = criteria
    services.scores_save(application=application, by=colleague, values={first.pk: 4})
    client.force_login(instructor)

    response = client.post(
        url(application), grid_post(criteria, "", **{f"criterion_{second.pk}": "7"})
    )

    assert response.status_code == 302
    assert dict(Score.objects.values_list("criterion_id", "value")) == {first.pk: 4, second.pk: 7}


def test_a_stale_grid_is_refused_with_the_conflict_page(
    client, application, criteria, instructor, colleague
):
    first, _ = criteria
    services.scores_save(application=application, by=instructor, values={first.pk: 2})
    loaded = 2  # the version the instructor's page was loaded from
    services.scores_save(application=application, by=colleague, values={first.pk: 5}, version=2)
    client.force_login(instructor)

    response = client.post(
        url(application), grid_post(criteria, loaded, **{f"criterion_{first.pk}": "1"})
    )

    assert response.status_code == 409
    assertContains(response, "Quelqu’un a modifié ces informations", status_code=409)
    assert Score.objects.get(criterion=first).value == 5
    assertContains(response, 'name="notes-version" value="3"', status_code=409)
    retry = response.context["form"].data.copy()
    assert int(retry["notes-version"]) == 3
    assert client.post(url(application), retry).status_code == 302
    assert Score.objects.get(criterion=first).value == 1


def test_deleting_a_score_is_the_explicit_effacer_box_and_stays_in_the_history(
    client, application, criteria, instructor
):
    first, _ = criteria
    services.scores_save(application=application, by=instructor, values={first.pk: 3})
    client.force_login(instructor)

    data = grid_post(criteria, 2, **{f"criterion_{first.pk}": ""})
    response = client.post(url(application), {**data, f"notes-clear_{first.pk}": "on"})

    assert response.status_code == 302
    assert not Score.objects.exists()
    assert Score.history.filter(criterion_id=first.pk, history_type="-").count() == 1


def test_a_score_both_given_and_cleared_is_refused_in_french(application, criteria, instructor):
    first, _ = criteria
    services.scores_save(application=application, by=instructor, values={first.pk: 3})

    with pytest.raises(ValidationError, match="effacez la note ou saisissez-en une"):
        services.scores_save(
            application=application, by=instructor, values={first.pk: 4}, clear={first.pk}
        )
    assert Score.objects.get(criterion=first).value == 3


def test_saving_an_unchanged_grid_does_not_make_the_colleagues_page_stale(
    application, criteria, instructor, colleague
):
    first, _ = criteria
    services.scores_save(application=application, by=instructor, values={first.pk: 3}, version=1)
    services.scores_save(application=application, by=instructor, values={first.pk: 3}, version=2)

    services.scores_save(application=application, by=colleague, values={first.pk: 4}, version=2)

    assert Score.objects.get(criterion=first).value == 4


def test_a_proposal_form_loaded_before_a_colleagues_proposal_is_refused(
    client, application, instructor, colleague
):
    url = reverse("calls:instruction_proposal", args=[application.pk])
    form = {"proposition-proposal": "laureate", "proposition-version": 1}
    client.force_login(colleague)
    assert (
        client.post(url, {**form, "proposition-motivation": "Dossier solide."}).status_code == 302
    )

    client.force_login(instructor)
    response = client.post(
        url, {**form, "proposition-proposal": "non_retenue", "proposition-motivation": "Fragile."}
    )

    assert response.status_code == 409
    assertContains(response, "Dossier solide.", status_code=409)
    application.refresh_from_db()
    assert (application.proposal, application.proposal_motivation) == (
        "laureate",
        "Dossier solide.",
    )


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_two_grids_saved_at_the_same_moment_keep_one_and_refuse_the_other(
    pole, coordinator, instructor, colleague
):
    application = application_in(pole, ApplicationState.INSTRUCTION, author=coordinator)
    first, _ = grid(application.phase, (2, 5), (1, 10))

    outcomes = run_at_once(
        lambda: services.scores_save(
            application=application, by=instructor, values={first.pk: 1}, version=1
        ),
        lambda: services.scores_save(
            application=application, by=colleague, values={first.pk: 5}, version=1
        ),
    )

    assert sorted(type(o).__name__ for o in outcomes) == ["EditConflict", "NoneType"]
    kept = 1 if outcomes[0] is None else 5
    assert Score.objects.get(criterion=first).value == kept
    assert isinstance(next(o for o in outcomes if o), EditConflict)
