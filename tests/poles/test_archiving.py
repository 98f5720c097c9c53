"""A pole the State keeps records about is archived, never deleted: it leaves every public
output and « Mon espace », its team reads it without changing it, instructors keep its files;
the national cell or an admin archives it (with a reason, logged) and may bring it back."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict
from django.urls import reverse

from ptce.calls import perms as call_perms
from ptce.cooperation.life import matching
from ptce.cooperation.models import ResourceCategory, ResourceKind
from ptce.poles.archiving import pole_archive, pole_unarchive
from ptce.poles.forms import PoleAdminForm
from ptce.poles.models import ArchiveState, Pole, PoleArchiveTransition
from ptce.poles.selectors import directory_poles
from ptce.poles.services_members import invitation_create
from ptce.public.filters import published_poles
from tests.calls.factories import ApplicationFactory
from tests.cooperation.factories import SharedResourceFactory
from tests.cooperation.life.helpers import member_of
from tests.poles.factories import PoleFactory

pytestmark = pytest.mark.django_db

REASON = "Le pôle a cessé son activité (courrier du 2 mars)."


def archive_url(pole):
    return reverse("poles:archive", args=[pole.slug])


@pytest.fixture
def archived(pole, national_instructor):
    return pole_archive(pole=pole, by=national_instructor, reason=REASON)


def test_the_national_cell_confirms_then_archives_a_pole_with_a_reason(
    client_as, pole, national_instructor
):
    client = client_as("national_instructor")
    page = client.get(archive_url(pole))
    assert page.status_code == 200
    assert "Confirmer l’archivage" in page.content.decode()
    assert Pole.objects.get(pk=pole.pk).archived_at is None  # a GET changes nothing

    response = client.post(archive_url(pole), {"reason": REASON})

    assert response.status_code == 302
    pole.refresh_from_db()
    assert pole.is_archived
    assert not pole.is_published
    [log] = PoleArchiveTransition.objects.filter(pole=pole)
    assert (log.from_state, log.to_state, log.by, log.reason) == (
        ArchiveState.ACTIVE,
        ArchiveState.ARCHIVED,
        national_instructor,
        REASON,
    )


def test_archiving_without_a_reason_writes_nothing(client_as, pole, national_instructor):
    response = client_as("national_instructor").post(archive_url(pole), {"reason": "  "})
    assert response.status_code == 200
    assert "Ce champ est obligatoire" in response.content.decode()
    pole.refresh_from_db()
    assert not pole.is_archived
    assert not PoleArchiveTransition.objects.exists()


@pytest.mark.parametrize("role", ["coordinator", "instructor"])
def test_neither_the_team_nor_a_regions_instructor_archives_a_pole(
    client_as, pole, coordinator, instructor, role
):
    assert client_as(role).post(archive_url(pole), {"reason": REASON}).status_code == 403
    with pytest.raises(PermissionDenied):
        pole_archive(
            pole=pole, by=coordinator if role == "coordinator" else instructor, reason=REASON
        )
    pole.refresh_from_db()
    assert not pole.is_archived


def test_an_archived_pole_leaves_every_public_output(client, archived):
    assert client.get(reverse("poles:detail", args=[archived.slug])).status_code == 404
    assert client.get(f"/api/v1/poles/{archived.slug}").status_code == 404
    assert archived not in directory_poles()
    assert archived not in published_poles()[0]
    assert archived not in Pole.objects.published()


def test_the_database_refuses_an_archived_pole_that_is_published(archived):
    archived.is_published = True
    with pytest.raises(IntegrityError), transaction.atomic():
        archived.save()


def test_its_team_reads_an_archived_pole_but_changes_nothing(client_as, archived, member):
    coordination = client_as("coordinator")
    internal = coordination.get(reverse("poles:internal", args=[archived.slug]))
    assert internal.status_code == 200
    assert "Ce pôle est archivé" in internal.content.decode()
    assert coordination.get(reverse("poles:edit", args=[archived.slug])).status_code == 403
    assert (
        coordination.get(reverse("cooperation:need_add", args=[archived.slug])).status_code == 403
    )
    assert not call_perms.can_apply(member, archived)


def test_a_member_adds_no_need_to_an_archived_pole(client_as, archived, member):
    response = client_as("member").get(reverse("cooperation:need_add", args=[archived.slug]))
    assert response.status_code == 403


def test_instructors_keep_an_archived_poles_files(client_as, pole, instructor, national_instructor):
    application = ApplicationFactory(pole=pole)
    pole_archive(pole=pole, by=national_instructor, reason=REASON)
    client = client_as("instructor")
    assert client.get(reverse("poles:detail", args=[pole.slug])).status_code == 200
    assert client.get(reverse("calls:pole_applications", args=[pole.slug])).status_code == 200
    assert application.pole_id == pole.pk


def test_an_archived_pole_leaves_the_lists_of_my_space(client_as, archived, instructor):
    assert (
        archived.name not in client_as("instructor").get(reverse("core:dashboard")).content.decode()
    )


def test_an_archived_pole_leaves_its_coordinators_space(client_as, archived, coordinator):
    dashboard = client_as("coordinator").get(reverse("core:dashboard")).content.decode()
    assert reverse("poles:manage", args=[archived.slug]) not in dashboard


def test_an_archived_pole_is_brought_back_unpublished_and_editable(
    client_as, archived, coordinator, national_instructor
):
    refused = client_as("national_instructor").post(archive_url(archived), {"reason": ""})
    assert refused.status_code == 200
    response = client_as("national_instructor").post(
        archive_url(archived), {"reason": "Reprise d’activité."}
    )
    assert response.status_code == 302
    archived.refresh_from_db()
    assert not archived.is_archived
    assert not archived.is_published
    assert [row.to_state for row in archived.archive_log.all()] == [
        ArchiveState.ARCHIVED,
        ArchiveState.ACTIVE,
    ]
    assert (
        client_as("coordinator").get(reverse("poles:edit", args=[archived.slug])).status_code == 200
    )


def test_a_pole_is_not_archived_twice(archived, admin_user):
    with pytest.raises(ValidationError):
        pole_archive(pole=archived, by=admin_user, reason=REASON)
    pole_unarchive(pole=archived, by=admin_user, reason="Erreur.")
    with pytest.raises(ValidationError):
        pole_unarchive(pole=archived, by=admin_user, reason="Erreur.")


def test_the_admin_refuses_to_delete_a_pole_with_state_records_and_points_to_archiving(
    client_as, pole, admin_user
):
    ApplicationFactory(pole=pole)
    client = client_as("admin_user")
    delete_url = reverse("admin:poles_pole_delete", args=[pole.pk])

    for method in (client.get, client.post):
        response = method(delete_url, {"post": "yes"}, follow=True)
        assert "Archivez-le plutôt" in response.content.decode()
    assert Pole.objects.filter(pk=pole.pk).exists()


def test_the_admin_still_deletes_a_pole_without_state_records(client_as, admin_user, region):
    empty = PoleFactory(region=region, is_published=False)
    client_as("admin_user").post(
        reverse("admin:poles_pole_delete", args=[empty.pk]), {"post": "yes"}
    )
    assert not Pole.objects.filter(pk=empty.pk).exists()


def test_an_archived_neighbours_resources_are_no_longer_suggested(pole, region, admin_user):
    neighbour = PoleFactory(region=region)
    for owner, kind in [(pole, ResourceKind.REQUEST), (neighbour, ResourceKind.OFFER)]:
        SharedResourceFactory(
            pole=owner, membership=member_of(owner), kind=kind, category=ResourceCategory.SKILLS
        )
    assert len(matching.suggest_matches(pole)) == 1

    pole_archive(pole=neighbour, by=admin_user, reason=REASON)

    assert matching.suggest_matches(pole) == []


def test_an_invitation_to_an_archived_pole_is_no_longer_accepted(
    client, pole, coordinator, admin_user
):
    _invitation, token = invitation_create(
        pole=pole, email="nouveau@exemple.fr", role="membre", invited_by=coordinator
    )
    pole_archive(pole=pole, by=admin_user, reason=REASON)

    response = client.get(reverse("poles:invitation", args=[token]))

    assert response.status_code == 410
    assert "Ce pôle est archivé" in response.content.decode()


def test_an_archived_pole_leaves_the_instructors_animation_summary(client_as, archived, instructor):
    page = client_as("instructor").get(reverse("cooperation:animation_summary"))
    assert page.status_code == 200
    assert archived.name not in page.content.decode()


def test_the_admin_lists_the_archived_poles(client_as, archived, other_pole, admin_user):
    changelist = reverse("admin:poles_pole_changelist")
    page = client_as("admin_user").get(changelist, {"archived_at__isempty": "0"})
    assert page.status_code == 200
    content = page.content.decode()
    assert archived.name in content
    assert other_pole.name not in content


@pytest.mark.parametrize("is_archived", [True, False], ids=["archived", "declared"])
def test_the_admin_form_refuses_to_publish_an_archived_or_declared_pole_in_french(
    pole, admin_user, is_archived
):
    if is_archived:
        pole_archive(pole=pole, by=admin_user, reason=REASON)
    else:
        pole.verification, pole.is_published = "declare", False
        pole.save()
    data = {**model_to_dict(pole), "is_published": True}
    form = PoleAdminForm(data=data, instance=pole)
    assert not form.is_valid()
    expected = "désarchivez-le" if is_archived else "vérifié"
    assert expected in str(form.errors["is_published"])


def test_the_verification_of_an_archived_pole_does_not_move(client_as, archived, instructor):
    response = client_as("instructor").post(
        reverse("poles:verification", args=[archived.slug]), {"reason": "Plus d’activité."}
    )
    assert response.status_code == 200
    assert "désarchivez-le avant" in response.content.decode()
    archived.refresh_from_db()
    assert archived.verification == "verifie"
    assert not archived.verification_log.exists()
