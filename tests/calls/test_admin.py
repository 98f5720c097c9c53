"""The admin builds calls: pages load for an admin, and the form builder refuses bad input in
French."""

import pytest
from django.urls import reverse

from ptce.calls.models import Call, Question, QuestionKind
from tests.calls.factories import (
    CallFactory,
    CriterionFactory,
    PhaseFactory,
    QuestionFactory,
    SectionFactory,
)
from tests.calls.factories.lists import filed

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(pole):
    phase = PhaseFactory()
    CriterionFactory(phase=phase)
    section = SectionFactory(phase=phase, title="Identité")
    QuestionFactory(section=section, key="nom", label="Nom")
    filed(phase, pole=pole)
    return section


def admin_urls(section):
    phase = section.phase
    application = phase.applications.get()
    return [
        reverse("admin:calls_call_changelist"),
        reverse("admin:calls_call_add"),
        reverse("admin:calls_call_change", args=[phase.call.pk]),
        reverse("admin:calls_phase_changelist"),
        reverse("admin:calls_phase_add"),
        reverse("admin:calls_phase_change", args=[phase.pk]),
        reverse("admin:calls_section_changelist"),
        reverse("admin:calls_section_change", args=[section.pk]),
        reverse("admin:calls_application_changelist"),
        reverse("admin:calls_application_change", args=[application.pk]),
        reverse("admin:calls_webhookdelivery_changelist"),
    ]


def test_the_admin_pages_of_the_calls_load_for_an_admin(client_as, section):
    client = client_as("admin_user")
    for url in admin_urls(section):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", ["coordinator", "instructor", "national_instructor"])
def test_the_admin_is_closed_to_everyone_else(client_as, section, role):
    response = client_as(role).get(reverse("admin:calls_call_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_applications_cannot_be_added_in_the_admin(client_as, section):
    response = client_as("admin_user").get(reverse("admin:calls_application_add"))
    assert response.status_code == 403


def question_data(section, questions):
    """POST data of the section's change page with `questions` (dicts) as new inline rows."""
    existing = list(section.questions.all())
    data = {
        "phase": section.phase.pk,
        "position": section.position,
        "title": section.title,
        "help_text": "",
        "questions-TOTAL_FORMS": len(existing) + len(questions),
        "questions-INITIAL_FORMS": len(existing),
        "questions-MIN_NUM_FORMS": 0,
        "questions-MAX_NUM_FORMS": 1000,
    }
    rows = [
        {"id": q.pk, "key": q.key, "label": q.label, "kind": q.kind, "position": q.position}
        for q in existing
    ] + questions
    for index, row in enumerate(rows):
        prefix = f"questions-{index}-"
        data |= {
            prefix + "section": section.pk,
            prefix + "position": row.get("position", index),
            prefix + "key": row["key"],
            prefix + "label": row["label"],
            prefix + "kind": row["kind"],
            prefix + "choices_text": row.get("choices_text", ""),
            prefix + "prefill": "",
            prefix + "parent": row.get("parent", ""),
            prefix + "max_repeats": 10,
            prefix + "help_text": "",
        }
        if row.get("id"):
            data[prefix + "id"] = row["id"]
    return data


def save_section(client, section, questions):
    return client.post(
        reverse("admin:calls_section_change", args=[section.pk]),
        question_data(section, questions),
    )


def test_a_choice_question_is_saved_with_its_choices_one_per_line(client_as, section):
    response = save_section(
        client_as("admin_user"),
        section,
        [{"key": "forme", "label": "Forme", "kind": "choix", "choices_text": "SCIC\nSCOP\n"}],
    )
    assert response.status_code == 302
    assert Question.objects.get(key="forme").choices == ["SCIC", "SCOP"]


@pytest.mark.parametrize("kind", [QuestionKind.CHOICE, QuestionKind.MULTIPLE_CHOICE])
def test_a_choice_question_needs_its_choices(client_as, section, kind):
    response = save_section(
        client_as("admin_user"), section, [{"key": "forme", "label": "Forme", "kind": kind}]
    )
    assert response.status_code == 200
    assert "Indiquez les choix possibles, un par ligne." in response.content.decode()
    assert not Question.objects.filter(key="forme").exists()


def test_only_choice_questions_have_choices(client_as, section):
    response = save_section(
        client_as("admin_user"),
        section,
        [{"key": "nb", "label": "Nombre", "kind": "nombre", "choices_text": "1\n2"}],
    )
    assert "Seules les questions à choix unique ou multiple ont des choix." in (
        response.content.decode()
    )


def test_question_keys_are_unique_within_the_phase(client_as, section):
    other = SectionFactory(phase=section.phase, title="Projet")
    response = save_section(
        client_as("admin_user"), other, [{"key": "nom", "label": "Nom", "kind": "texte_court"}]
    )
    assert response.status_code == 200
    assert (
        "L’identifiant «\xa0nom\xa0» est déjà utilisé dans la phase." in response.content.decode()
    )


def test_question_keys_are_unique_within_the_section_form(client_as, section):
    response = save_section(
        client_as("admin_user"),
        section,
        [
            {"key": "projet", "label": "Projet", "kind": "texte_court"},
            {"key": "projet", "label": "Projet bis", "kind": "texte_court"},
        ],
    )
    assert (
        "L’identifiant «\xa0projet\xa0» est en double dans la section." in response.content.decode()
    )


def test_the_same_key_may_be_used_in_another_phase(client_as, section):
    elsewhere = SectionFactory(phase=PhaseFactory(call=CallFactory()))
    response = save_section(
        client_as("admin_user"), elsewhere, [{"key": "nom", "label": "Nom", "kind": "texte_court"}]
    )
    assert response.status_code == 302


def test_a_repeated_block_child_points_to_a_repeated_block_of_its_section(client_as, section):
    block = QuestionFactory(section=section, key="membres", kind=QuestionKind.REPEATED)
    response = save_section(
        client_as("admin_user"),
        section,
        [
            {
                "key": "membre-nom",
                "label": "Nom du membre",
                "kind": "texte_court",
                "parent": block.pk,
            }
        ],
    )
    assert response.status_code == 302
    assert Question.objects.get(key="membre-nom").parent == block


def test_a_child_of_a_question_that_is_not_a_repeated_block_is_refused(client_as, section):
    plain = section.questions.get(key="nom")
    response = save_section(
        client_as("admin_user"),
        section,
        [{"key": "sous", "label": "Sous-question", "kind": "texte_court", "parent": plain.pk}],
    )
    assert response.status_code == 200
    assert not Question.objects.filter(key="sous").exists()


def test_a_child_of_a_block_of_another_section_is_refused(client_as, section):
    other = SectionFactory(phase=section.phase, title="Projet")
    block = QuestionFactory(section=other, key="actions", kind=QuestionKind.REPEATED)
    response = save_section(
        client_as("admin_user"),
        section,
        [{"key": "action", "label": "Action", "kind": "texte_court", "parent": block.pk}],
    )
    assert response.status_code == 200
    assert not Question.objects.filter(key="action").exists()


def test_the_question_form_explains_a_wrong_parent_in_french(section):
    from ptce.calls.admin import QuestionForm

    plain = section.questions.get(key="nom")
    other_block = QuestionFactory(
        section=SectionFactory(phase=section.phase), key="bloc", kind=QuestionKind.REPEATED
    )
    for parent, message in [
        (plain, "Le parent doit être une question «\xa0Bloc répété\xa0»."),
        (other_block, "Le bloc répété parent doit être dans la même section."),
    ]:
        form = QuestionForm(
            {
                "key": "x",
                "label": "X",
                "kind": "texte_court",
                "parent": parent.pk,
                "position": 0,
                "max_repeats": 10,
            },
            instance=Question(section=section),
        )
        assert not form.is_valid()
        assert form.errors["parent"] == [message]


def phase_data(call, **changes):
    data = {
        "call": call.pk,
        "number": 3,
        "name": "Phase d’essai",
        "description": "",
        "support_type": "services",
        "support_description": "",
        "amount_per_laureate": "",
        "total_budget": "",
        "opens_on": "2022-01-01",
        "closes_on": "2022-06-30",
        "requires_compliance": "on",
        "minimum_stage": "",
        "requirement_mode": "laureat",
        "requires_phase": "",
        "sections-TOTAL_FORMS": 0,
        "sections-INITIAL_FORMS": 0,
        "criteria-TOTAL_FORMS": 0,
        "criteria-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"opens_on": "", "closes_on": ""}, "Indiquez les dates d’ouverture et de clôture"),
        ({"closes_on": "2021-12-01"}, "La clôture doit suivre l’ouverture."),
    ],
)
def test_a_phase_has_a_window_or_is_permanent(client_as, section, changes, message):
    response = client_as("admin_user").post(
        reverse("admin:calls_phase_add"), phase_data(section.phase.call, **changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_permanent_phase_with_eligibility_rules_is_created(client_as, section, region):
    call = section.phase.call
    response = client_as("admin_user").post(
        reverse("admin:calls_phase_add"),
        phase_data(
            call,
            is_permanent="on",
            regions=region.pk,
            requires_phase=section.phase.pk,
            requirement_mode="laureat_ou_conjoint",
        ),
    )
    assert response.status_code == 302
    phase = call.phases.get(number=3)
    assert phase.is_permanent
    assert list(phase.regions.all()) == [region]
    assert phase.requires_phase == section.phase


def test_the_required_phase_belongs_to_the_same_call(client_as, section):
    other = PhaseFactory(call=CallFactory())
    response = client_as("admin_user").post(
        reverse("admin:calls_phase_add"),
        phase_data(section.phase.call, requires_phase=other.pk),
    )
    assert "La phase préalable doit appartenir au même appel." in response.content.decode()


def call_data(document):
    return {
        "name": "AMI PTCE 2024",
        "slug": "ami-ptce-2024",
        "year": 2024,
        "summary": "",
        "description": "",
        "is_published": "on",
        "documents-TOTAL_FORMS": 1,
        "documents-INITIAL_FORMS": 0,
        "documents-0-title": "Cahier des charges",
        "documents-0-position": 0,
        **{f"documents-0-{key}": value for key, value in document.items()},
        "phases-TOTAL_FORMS": 1,
        "phases-INITIAL_FORMS": 0,
        "phases-0-number": 1,
        "phases-0-name": "Reconnaissance",
        "phases-0-is_permanent": "on",
        "phases-0-closes_on": "2024-12-31",
        "phases-0-support_type": "services",
    }


def test_an_admin_creates_a_call_with_its_documents_and_phases(client_as, db):
    response = client_as("admin_user").post(
        reverse("admin:calls_call_add"), call_data({"url": "https://exemple.fr/cdc.pdf"})
    )
    assert response.status_code == 302
    call = Call.objects.get(slug="ami-ptce-2024")
    assert call.documents.get().url == "https://exemple.fr/cdc.pdf"
    assert call.phases.get().is_permanent


def test_a_call_document_is_a_file_or_a_link(client_as, db):
    response = client_as("admin_user").post(reverse("admin:calls_call_add"), call_data({}))
    assert response.status_code == 200
    assert "Joignez un fichier ou indiquez un lien." in response.content.decode()
    assert not Call.objects.exists()


def test_a_permanent_phase_needs_no_closing_date(client_as, section):
    call = section.phase.call
    response = client_as("admin_user").post(
        reverse("admin:calls_phase_add"),
        phase_data(call, is_permanent="on", opens_on="", closes_on=""),
    )
    assert response.status_code == 302
    phase = call.phases.get(number=3)
    assert phase.is_permanent
    assert phase.closes_on is None
