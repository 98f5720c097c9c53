"""Bulk actions on a selection of the instructors' list: the confirmation names the files,
each file goes through the single-file service, refusals are reported, strangers' files are
refused before anything is written."""

import pytest
from django.core import mail
from django.urls import reverse

from ptce.calls.lists.bulk import ACTIONS, bulk_apply
from ptce.calls.models import ApplicationState, Message, Opinion
from ptce.core.confirm import FIELD, VALUE
from tests.calls.factories import PhaseFactory
from tests.calls.factories.instruction import application_in
from tests.poles.factories import PoleFactory

pytestmark = pytest.mark.django_db
LIST = reverse("calls:instruction_list")


def url(action):
    return reverse("calls:bulk_action", args=[action])


@pytest.fixture
def phase():
    return PhaseFactory(call__name="AMI PTCE 2022", number=1, name="Reconnaissance")


@pytest.fixture
def proposed(phase, region, coordinator, pole):
    """Two files of Occitanie proposed by the région, one laureate, one not retained."""
    first = application_in(
        pole, phase=phase, author=coordinator, proposal=ApplicationState.LAUREATE
    )
    second = application_in(
        PoleFactory(name="Pôle du Lauragais", region=region),
        phase=phase,
        proposal=ApplicationState.REJECTED,
    )
    return first, second


@pytest.fixture
def bare(phase, region):
    """A file in instruction the région has not proposed yet."""
    return application_in(PoleFactory(name="Pôle sans proposition", region=region), phase=phase)


@pytest.fixture
def elsewhere(phase, other_region):
    return application_in(PoleFactory(name="Pôle de l’Armor", region=other_region), phase=phase)


def ids(*applications):
    return [a.pk for a in applications]


def confirmed(data):
    return {**data, FIELD: VALUE}


def test_the_confirmation_names_every_chosen_file_and_changes_nothing(client_as, proposed):
    response = client_as("national_instructor").get(
        url("decider"), {"candidatures": ids(*proposed), "retour": "onglet=a-traiter"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Décider&nbsp;?" in html
    assert "Les 2 candidatures concernées" in html
    for application in proposed:
        assert f"{application.pole.name} (candidature n° {application.pk})" in html
        assert f'name="candidatures" value="{application.pk}"' in html
    assert "proposition de la région\xa0: lauréate" in html
    assert "Cette action ne pourra pas être annulée." in html
    for application in proposed:
        application.refresh_from_db()
        assert application.state == ApplicationState.INSTRUCTION


def test_the_national_cell_decides_both_files_as_the_regions_proposed(
    client_as, proposed, django_capture_on_commit_callbacks
):
    client = client_as("national_instructor")
    data = {
        "candidatures": ids(*proposed),
        "decision": "proposition",
        "motivation": "Conforme à la proposition régionale.",
        "retour": "onglet=a-traiter",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("decider"), confirmed(data))
    assert response.status_code == 302
    assert response.url == f"{LIST}?onglet=a-traiter"
    first, second = proposed
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == ApplicationState.LAUREATE
    assert second.state == ApplicationState.REJECTED
    assert first.decision_motivation == "Conforme à la proposition régionale."
    assert "2 dossiers traités." in client.get(response.url).content.decode()
    assert mail.outbox  # the coordination is told


def test_a_file_without_proposal_is_skipped_and_said_why(client_as, proposed, bare):
    client = client_as("national_instructor")
    data = {
        "candidatures": ids(*proposed, bare),
        "decision": "proposition",
        "motivation": "Conforme.",
    }
    response = client.post(url("decider"), confirmed(data), follow=True)
    html = response.content.decode()
    assert (
        f"2 dossiers traités, 1 ignoré (Pôle sans proposition, n° {bare.pk}\xa0: la région n’a pas "
        "encore fait de proposition)." in html
    )
    bare.refresh_from_db()
    assert bare.state == ApplicationState.INSTRUCTION


def test_a_decision_named_for_all_still_needs_each_regions_proposal(client_as, proposed, bare):
    data = {"candidatures": ids(bare), "decision": "decide_closed", "motivation": "Hors champ."}
    response = client_as("national_instructor").post(url("decider"), confirmed(data), follow=True)
    assert "0 dossier traité, 1 ignoré" in response.content.decode()
    assert "La région n’a pas encore fait de proposition" in response.content.decode()
    bare.refresh_from_db()
    assert bare.state == ApplicationState.INSTRUCTION


def test_a_proposal_changed_after_the_confirmation_page_is_not_decided(client_as, proposed):
    first, _ = proposed
    data = {
        "candidatures": ids(first),
        "decision": "proposition",
        "motivation": "Conforme.",
        f"proposition-{first.pk}": ApplicationState.REJECTED,  # what the page showed
    }
    response = client_as("national_instructor").post(url("decider"), confirmed(data), follow=True)
    assert "la proposition de la région a changé" in response.content.decode()
    first.refresh_from_db()
    assert first.state == ApplicationState.INSTRUCTION


def test_a_regional_instructor_may_not_decide(client_as, proposed):
    data = {"candidatures": ids(*proposed), "decision": "proposition", "motivation": "Oui."}
    assert client_as("instructor").post(url("decider"), confirmed(data)).status_code == 403
    for application in proposed:
        application.refresh_from_db()
        assert application.state == ApplicationState.INSTRUCTION


def test_a_forged_file_of_another_region_refuses_the_whole_selection(
    client_as, instructor, proposed, elsewhere
):
    data = {"candidatures": ids(*proposed, elsewhere), "body": "Bonjour."}
    response = client_as("instructor").post(url("message"), confirmed(data))
    assert response.status_code == 404
    assert not Message.objects.exists()


@pytest.mark.parametrize("values", [["abc"], [str(n) for n in range(1, 200)]])
def test_a_bad_selection_goes_back_to_the_list_with_a_message(client_as, proposed, values):
    response = client_as("instructor").get(url("message"), {"candidatures": values}, follow=True)
    html = response.content.decode()
    assert "cochez des candidatures" in html or "Choisissez au plus 100 candidatures" in html


def test_no_selection_goes_back_to_the_list_with_a_message(client_as, proposed):
    response = client_as("instructor").get(url("affecter"), follow=True)
    assert "Cochez au moins une candidature de la liste." in response.content.decode()


def test_an_unknown_action_is_not_found(client_as, proposed):
    response = client_as("instructor").get(url("supprimer"), {"candidatures": ids(*proposed)})
    assert response.status_code == 404


def test_a_message_to_several_files_needs_its_text_then_is_posted_on_each(client_as, proposed):
    client = client_as("instructor")
    response = client.post(url("message"), confirmed({"candidatures": ids(*proposed)}))
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in response.content.decode()
    assert not Message.objects.exists()
    client.post(url("message"), confirmed({"candidatures": ids(*proposed), "body": "Bonjour."}))
    assert sorted(Message.objects.values_list("application_id", flat=True)) == sorted(
        ids(*proposed)
    )


def test_sending_the_confirmed_page_twice_acts_once(client_as, proposed):
    client = client_as("instructor")
    data = confirmed({"candidatures": ids(*proposed), "body": "Bonjour.", "once": "jeton-lot-1"})
    first = client.post(url("message"), data)
    second = client.post(url("message"), data)
    assert second.status_code == 302
    assert second.url == first.url
    assert Message.objects.count() == 2


def test_an_assignment_to_a_colleague_of_the_region(client_as, instructor, proposed, region):
    from tests.core.factories import UserFactory

    colleague = UserFactory(email="collegue@exemple.fr", is_instructor=True, regions=[region])
    first, second = proposed
    first.assigned_to.add(colleague)
    data = {"candidatures": ids(*proposed), "instructor": colleague.pk}
    response = client_as("instructor").post(url("affecter"), confirmed(data), follow=True)
    assert "1 dossier traité, 1 ignoré" in response.content.decode()
    assert list(second.assigned_to.all()) == [colleague]


def test_an_instructor_of_another_region_cannot_be_assigned(client_as, proposed, other_instructor):
    data = {"candidatures": ids(*proposed), "instructor": other_instructor.pk}
    response = client_as("instructor").post(url("affecter"), confirmed(data))
    assert response.status_code == 400
    assert "Choisissez un instructeur de la liste." in response.content.decode()
    assert not proposed[0].assigned_to.exists()


def test_an_opinion_asked_on_two_files_sends_two_links(
    client_as, proposed, django_capture_on_commit_callbacks
):
    data = {
        "candidatures": ids(*proposed),
        "expert_name": "Dominique Expert",
        "expert_email": "dominique@exemple.fr",
        "question": "Le budget tient-il ?",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client_as("instructor").post(url("avis"), confirmed(data))
    assert Opinion.objects.filter(expert_email="dominique@exemple.fr").count() == 2
    assert [m.to for m in mail.outbox] == [["dominique@exemple.fr"]] * 2


def test_a_proposal_is_made_only_where_the_region_has_none(client_as, proposed, bare):
    data = {
        "candidatures": ids(*proposed, bare),
        "proposal": ApplicationState.CLOSED,
        "motivation": "Hors champ.",
    }
    response = client_as("instructor").post(url("proposer"), confirmed(data), follow=True)
    assert "1 dossier traité, 2 ignorés" in response.content.decode()
    bare.refresh_from_db()
    assert bare.proposal == ApplicationState.CLOSED
    proposed[0].refresh_from_db()
    assert proposed[0].proposal == ApplicationState.LAUREATE


def test_the_service_refuses_the_decision_to_a_region(instructor, proposed):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        bulk_apply(
            action=ACTIONS["decider"],
            applications=list(proposed),
            by=instructor,
            data={"decision": "proposition", "motivation": "Oui."},
        )


def test_the_list_offers_the_decision_to_the_national_cell_only(client_as, proposed):
    assert "Décider</button>" not in client_as("instructor").get(LIST).content.decode()
    html = client_as("national_instructor").get(LIST).content.decode()
    assert "Décider</button>" in html
    assert f'name="candidatures" value="{proposed[0].pk}"' in html
