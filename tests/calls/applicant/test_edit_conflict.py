"""Issue 12, finding 1: the author and a co-editor saving the same application at once.

Different sections never overwrite each other; the same section saved from a stale page gives
the conflict page and nothing is lost."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from ptce.calls.applicant import services
from ptce.calls.models import Application
from ptce.core.versioning import EditConflict
from tests.calls.factories import ApplicationFactory
from tests.calls.factories.applicant import COMPLETE_PARTNERS, COMPLETE_PROJECT, phase_with_form
from tests.poles.factories import PolePersonFactory
from tests.races import ON_POSTGRESQL, run_at_once

pytestmark = pytest.mark.usefixtures("strict_templates")

VERSION = "version.section"


@pytest.fixture
def form_phase(db):
    return phase_with_form()


@pytest.fixture
def sections(form_phase):
    return form_phase[1]


@pytest.fixture
def application(pole, coordinator, form_phase):
    return ApplicationFactory(pole=pole, phase=form_phase[0], created_by=coordinator)


@pytest.fixture
def co_editor(pole, application):
    from ptce.poles.models import PersonRole

    user = PolePersonFactory(pole=pole, role=PersonRole.COORDINATOR).user
    application.co_editors.add(user)
    return user


def edit_url(application, section):
    return f"{reverse('calls:application_edit', args=[application.pk])}?section={section.pk}"


def save(application, section, data, by):
    return services.application_save_answers(
        application=application, section=section, data=data, files={}, by=by
    )


def test_a_section_saved_from_an_old_copy_of_the_application_keeps_the_other_sections(
    application, sections, coordinator, co_editor
):
    """The lost update, without threads: the co-editor's copy was read before the author saved
    another section."""
    stale = Application.objects.get(pk=application.pk)
    save(
        application, sections["project"], {"projet": "Écrit par l’auteur", VERSION: 1}, coordinator
    )

    save(
        stale,
        sections["partners"],
        {"partenaires__0__nom": "Mairie de Muret", VERSION: 1},
        co_editor,
    )

    application.refresh_from_db()
    assert application.answers["projet"] == "Écrit par l’auteur"
    assert application.answers["partenaires"] == [{"nom": "Mairie de Muret", "montant": None}]


def test_the_edit_page_carries_the_version_of_its_section(
    client, application, sections, coordinator
):
    client.force_login(coordinator)
    save(application, sections["project"], {"projet": "Premier jet", VERSION: 1}, coordinator)

    project = client.get(edit_url(application, sections["project"]))
    partners = client.get(edit_url(application, sections["partners"]))

    assertContains(project, f'name="{VERSION}" value="2"')
    assertContains(partners, f'name="{VERSION}" value="1"')


def test_a_stale_section_is_refused_with_the_conflict_page_and_the_other_save_is_kept(
    client, application, sections, coordinator, co_editor
):
    url = edit_url(application, sections["project"])
    client.force_login(coordinator)
    assert client.post(url, {"projet": "Version de l’auteur", VERSION: 1}).status_code == 302

    client.force_login(co_editor)
    response = client.post(url, {"projet": "Version du co-rédacteur", VERSION: 1})

    assert response.status_code == 409
    assertContains(response, "Quelqu’un a modifié ces informations", status_code=409)
    assertContains(response, "Version de l’auteur", status_code=409)
    assertContains(response, "Version du co-rédacteur", status_code=409)
    assertContains(response, f'name="{VERSION}" value="2"', status_code=409)
    application.refresh_from_db()
    assert application.answers["projet"] == "Version de l’auteur"


def test_the_conflict_page_reapplies_the_section_knowingly(
    client, application, sections, coordinator, co_editor
):
    url = edit_url(application, sections["project"])
    client.force_login(coordinator)
    client.post(url, {"projet": "Version de l’auteur", VERSION: 1})
    client.force_login(co_editor)
    conflict = client.post(url, {"projet": "Version du co-rédacteur", VERSION: 1})

    retry = conflict.context["form"].data.copy()
    assert int(retry[VERSION]) == 2
    assert client.post(url, retry).status_code == 302

    application.refresh_from_db()
    assert application.answers["projet"] == "Version du co-rédacteur"
    assert application.versions[str(sections["project"].pk)] == 3


def test_a_stale_section_writes_nothing_not_even_its_files(
    application, sections, coordinator, co_editor
):
    save(
        application, sections["project"], {"projet": "Version de l’auteur", VERSION: 1}, coordinator
    )

    with pytest.raises(EditConflict):
        save(application, sections["project"], {"projet": "Autre", VERSION: 1}, co_editor)

    assert not application.files.exists()
    application.refresh_from_db()
    assert application.answers["projet"] == "Version de l’auteur"


def test_a_form_without_a_version_is_saved_as_before(application, sections, coordinator):
    save(application, sections["project"], {"projet": "Premier"}, coordinator)
    save(application, sections["project"], {"projet": "Second"}, coordinator)

    application.refresh_from_db()
    assert application.answers["projet"] == "Second"


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("trial", range(3))
def test_two_sections_saved_at_the_same_moment_are_both_kept(
    pole, coordinator, co_editor, application, sections, trial
):
    author_copy = Application.objects.get(pk=application.pk)
    co_editor_copy = Application.objects.get(pk=application.pk)

    errors = run_at_once(
        lambda: save(
            author_copy, sections["project"], {"projet": "Projet", VERSION: 1}, coordinator
        ),
        lambda: save(
            co_editor_copy,
            sections["partners"],
            {"partenaires__0__nom": "Mairie", VERSION: 1},
            co_editor,
        ),
    )

    assert errors == [None, None]
    application.refresh_from_db()
    assert application.answers["projet"] == "Projet"
    assert application.answers["partenaires"][0]["nom"] == "Mairie"


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_the_same_section_saved_at_the_same_moment_keeps_one_and_refuses_the_other(
    pole, coordinator, co_editor, application, sections
):
    errors = run_at_once(
        lambda: save(application, sections["project"], {"projet": "A", VERSION: 1}, coordinator),
        lambda: save(application, sections["project"], {"projet": "B", VERSION: 1}, co_editor),
    )

    assert sorted(type(e).__name__ for e in errors) == ["EditConflict", "NoneType"]
    application.refresh_from_db()
    kept = "A" if errors[0] is None else "B"
    assert application.answers["projet"] == kept


def test_a_submission_from_an_old_page_includes_what_a_co_editor_saved_just_before(
    client, application, sections, coordinator, co_editor
):
    save(application, sections["project"], COMPLETE_PROJECT, coordinator)
    stale = Application.objects.get(pk=application.pk)
    save(application, sections["partners"], COMPLETE_PARTNERS, co_editor)

    services.application_submit(application=stale, by=coordinator)

    application.refresh_from_db()
    assert application.snapshot["answers"]["partenaires"][0]["nom"] == "Mairie de Muret"
