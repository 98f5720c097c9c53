"""Step 3: cooperation actions, their participants, outcomes and funding."""

from decimal import Decimal

import pytest
from django.urls import reverse

from ptce.cooperation.models import ActionFunding, CooperationAction, EssStatute
from tests.cooperation.factories import (
    ActionFundingFactory,
    CooperationActionFactory,
    StrategicObjectiveFactory,
    TerritoryNeedFactory,
    TopicFactory,
)
from tests.poles.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def url(name, pole, *args):
    return reverse(f"cooperation:{name}", args=[pole.slug, *args])


def funding_management(rows=2, initial=0):
    return {
        "financements-TOTAL_FORMS": str(rows),
        "financements-INITIAL_FORMS": str(initial),
        "financements-MIN_NUM_FORMS": "0",
        "financements-MAX_NUM_FORMS": "20",
    }


@pytest.fixture
def members(pole):
    return [MembershipFactory(pole=pole, organisation__name=f"Membre {n}") for n in (1, 2, 3)]


def action_data(members, **overrides):
    data = {
        "title": "Achats groupés d’énergie",
        "description": "Un contrat commun pour les membres.",
        "action_type": "achats_commercialisation",
        "status": "en_cours",
        "in_action_plan": "on",
        "lead": members[0].pk,
        "participants": [members[0].pk, members[1].pk],
        "partners": "Syndicat d’énergie",
        "ess_statute": "scic",
        "start_date": "2025-01-01",
        "end_date": "2025-12-31",
        "budget": "25000",
        "jobs_created_etp": "1.5",
        "jobs_kept_etp": "3",
        "activities_created": "2",
        "turnover": "120000",
        "is_public": "on",
        **funding_management(),
        "financements-0-source": "region",
        "financements-0-amount": "10000",
        "financements-1-source": "",
        "financements-1-amount": "",
    }
    data.update(overrides)
    return data


def test_a_coordinator_records_an_action_with_its_outcomes_and_funding(
    client_as, pole, coordinator, members
):
    objective = StrategicObjectiveFactory(pole=pole)
    need = TerritoryNeedFactory(pole=pole)
    data = action_data(members, objective=objective.pk, needs=[need.pk])
    response = client_as("coordinator").post(url("action_add", pole), data)
    action = CooperationAction.objects.get()
    assert response.status_code == 302
    assert response.url == url("action_detail", pole, action.pk)
    assert action.pole == pole
    assert action.objective == objective
    assert set(action.participants.all()) == {members[0], members[1]}
    assert list(action.needs.all()) == [need]
    assert action.ess_statute == EssStatute.SCIC
    assert action.jobs_created_etp == Decimal("1.5")
    assert list(action.fundings.values_list("source", "amount")) == [("region", Decimal("10000"))]


def test_the_lead_counts_among_the_participants(client_as, pole, coordinator, members):
    data = action_data(members, lead=members[2].pk, participants=[members[0].pk])
    assert client_as("coordinator").post(url("action_add", pole), data).status_code == 302
    assert CooperationAction.objects.get().participants.count() == 2


def test_an_action_with_one_participant_is_refused_in_french(client_as, pole, coordinator, members):
    data = action_data(members, lead="", participants=[members[0].pk])
    response = client_as("coordinator").post(url("action_add", pole), data)
    assert response.status_code == 200
    assert "au moins deux organisations membres" in response.text
    assert not CooperationAction.objects.exists()
    assert not ActionFunding.objects.exists()


def test_an_action_without_participants_is_refused(client_as, pole, coordinator, members):
    data = action_data(members, lead="", participants=[])
    response = client_as("coordinator").post(url("action_add", pole), data)
    assert "au moins deux organisations membres" in response.text
    assert not CooperationAction.objects.exists()


def test_dates_in_the_wrong_order_are_refused_in_french(client_as, pole, coordinator, members):
    data = action_data(members, start_date="2025-06-01", end_date="2025-05-31")
    response = client_as("coordinator").post(url("action_add", pole), data)
    assert response.status_code == 200
    assert "La date de fin doit être postérieure ou égale à la date de début" in response.text
    assert not CooperationAction.objects.exists()


@pytest.mark.parametrize("field", ["jobs_created_etp", "jobs_kept_etp"])
def test_a_negative_number_of_jobs_is_refused_in_french(
    client_as, pole, coordinator, members, field
):
    response = client_as("coordinator").post(
        url("action_add", pole), action_data(members, **{field: "-1"})
    )
    assert response.status_code == 200
    assert "(ETP) ne peut pas être négatif" in response.text
    assert not CooperationAction.objects.exists()


def test_a_negative_funding_is_refused(client_as, pole, coordinator, members):
    data = action_data(members, **{"financements-0-amount": "-5"})
    response = client_as("coordinator").post(url("action_add", pole), data)
    assert response.status_code == 200
    assert not CooperationAction.objects.exists()


def test_an_organisation_that_left_the_pole_cannot_join_a_new_action(
    client_as, pole, coordinator, members
):
    members[1].left_on = members[1].joined_on or "2025-01-01"
    members[1].save()
    response = client_as("coordinator").post(url("action_add", pole), action_data(members))
    assert response.status_code == 200
    assert not CooperationAction.objects.exists()


def test_members_of_another_pole_cannot_take_part(
    client_as, pole, other_pole, coordinator, members
):
    stranger = MembershipFactory(pole=other_pole)
    data = action_data(members, lead="", participants=[members[0].pk, stranger.pk])
    response = client_as("coordinator").post(url("action_add", pole), data)
    assert response.status_code == 200
    assert not CooperationAction.objects.exists()


def test_an_action_born_in_the_matrix_is_pre_filled(client_as, pole, coordinator):
    topic = TopicFactory(pole=pole, title="Garage solidaire")
    need = TerritoryNeedFactory(pole=pole, title="Mobilité")
    response = client_as("coordinator").get(
        url("action_add", pole), {"sujet": topic.pk, "besoin": need.pk}
    )
    form = response.context["form"]
    assert form.initial["topic"] == topic
    assert form.initial["title"] == "Garage solidaire"
    assert form.initial["needs"] == [need]


def test_unknown_matrix_ids_are_ignored(client_as, pole, other_pole, coordinator):
    foreign = TopicFactory(pole=other_pole)
    response = client_as("coordinator").get(
        url("action_add", pole), {"sujet": foreign.pk, "besoin": "abc"}
    )
    assert response.status_code == 200
    assert response.context["form"].initial == {}


def test_editing_an_action_replaces_its_funding(client_as, pole, coordinator, members):
    action = CooperationActionFactory(pole=pole, participants=members[:2])
    ActionFundingFactory(action=action, source="etat", amount=1000)
    data = action_data(
        members,
        title="Titre revu",
        **funding_management(rows=2),
        **{
            "financements-0-source": "europe",
            "financements-0-amount": "700",
            "financements-1-source": "fondation",
            "financements-1-amount": "300",
        },
    )
    response = client_as("coordinator").post(url("action_edit", pole, action.pk), data)
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Titre revu"
    assert sorted(action.fundings.values_list("source", flat=True)) == ["europe", "fondation"]


def test_the_edit_form_shows_the_recorded_funding(client_as, pole, coordinator, members):
    action = CooperationActionFactory(pole=pole, participants=members[:2])
    ActionFundingFactory(action=action, source="europe", amount=700)
    formset = client_as("coordinator").get(url("action_edit", pole, action.pk)).context["formset"]
    assert formset.initial == [{"source": "europe", "amount": Decimal("700.00")}]


def test_a_coordinator_deletes_an_action(client_as, pole, coordinator, members):
    action = CooperationActionFactory(pole=pole, participants=members[:2])
    response = client_as("coordinator").post(url("action_delete", pole, action.pk))
    assert response.status_code == 302
    assert not CooperationAction.objects.exists()


@pytest.mark.parametrize("role", ["member", "instructor"])
def test_members_and_instructors_read_actions_but_do_not_change_them(
    client_as, pole, members, role
):
    action = CooperationActionFactory(pole=pole, participants=members[:2], title="Lue")
    client = client_as(role)
    assert "Lue" in client.get(url("action_detail", pole, action.pk)).text
    assert client.get(url("action_add", pole)).status_code == 403
    assert client.post(url("action_edit", pole, action.pk), action_data(members)).status_code == 403
    assert client.post(url("action_delete", pole, action.pk)).status_code == 403
    assert CooperationAction.objects.get().title == "Lue"


def test_an_action_of_another_pole_is_not_found(client_as, pole, other_pole, coordinator):
    foreign = CooperationActionFactory(pole=other_pole)
    assert client_as("coordinator").get(url("action_detail", pole, foreign.pk)).status_code == 404


@pytest.mark.parametrize("count", [2, 20])
def test_the_actions_query_count_does_not_grow(
    client_as, pole, member, members, count, django_assert_num_queries
):
    needs = TerritoryNeedFactory.create_batch(2, pole=pole)
    for action in CooperationActionFactory.create_batch(
        count, pole=pole, participants=members, needs=needs, lead=members[0]
    ):
        ActionFundingFactory(action=action)
    client = client_as("member")
    with django_assert_num_queries(10):
        response = client.get(url("actions", pole))
    assert response.status_code == 200
    assert response.text.count("Membre 3") == count


def test_an_action_born_from_a_pooling_match_is_prefilled(client, coordinator, pole):
    from django.urls import reverse

    from tests.poles.factories import MembershipFactory

    first, second = MembershipFactory(pole=pole), MembershipFactory(pole=pole)
    foreign = MembershipFactory()
    client.force_login(coordinator)
    response = client.get(
        reverse("cooperation:action_add", args=[pole.slug]),
        {
            "titre": "Partager la camionnette",
            "type": "mutualisation_ressources",
            "participants": [first.pk, second.pk, foreign.pk, "x"],
        },
    )
    form = response.context["form"]
    assert form.initial["title"] == "Partager la camionnette"
    assert form.initial["action_type"] == "mutualisation_ressources"
    assert sorted(m.pk for m in form.initial["participants"]) == sorted([first.pk, second.pk])
