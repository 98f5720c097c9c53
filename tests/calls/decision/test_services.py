"""The national decision enqueues the letter's job; the worker builds the PDF from the call's
model, keeps it privately in the file and emails the decision to the pole's coordinators,
once, whatever the retries."""

from decimal import Decimal

import pytest
from django.core import mail

from ptce.calls.decision import services
from ptce.calls.instruction.services import application_decide, proposal_make
from ptce.calls.models import ApplicationState, DecisionLetter
from ptce.core.files import private_root
from ptce.poles.models import PersonRole
from tests.calls.factories import PhaseFactory
from tests.calls.factories.instruction import application_in
from tests.poles.factories import PolePersonFactory
from tests.poppler import pdftotext


@pytest.fixture
def proposed(pole, coordinator, instructor):
    phase = PhaseFactory(call__name="AMI PTCE 2026", number=1, name="Reconnaissance")
    application = application_in(pole, author=coordinator, phase=phase)
    proposal_make(
        application=application,
        by=instructor,
        proposal=ApplicationState.LAUREATE,
        motivation="Ancrage territorial fort.",
    )
    mail.outbox.clear()
    return application


def decide(application, by, name="decide_laureate", **fields):
    application_decide(
        application=application,
        name=name,
        by=by,
        motivation=fields.pop("motivation", "Un projet citoyen solide."),
        **fields,
    )


def letter_text(letter) -> str:
    with letter.file.open("rb") as handle:
        return pdftotext(handle.read())


def test_the_decision_enqueues_the_letter_and_the_worker_builds_it(
    proposed, pole, national_instructor, job_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decide(
            proposed,
            national_instructor,
            support_granted="Un an d’accompagnement, sous réserve d’un rapport à six mois.",
            amount_granted=Decimal("15000"),
        )
    assert [task.name for task in job_queue.pending()] == ["decision_letter_issue"]
    assert not DecisionLetter.objects.exists()  # built by the worker, not in the request
    assert mail.outbox == []

    job_queue.run_until_empty()

    letter = DecisionLetter.objects.get(application=proposed)
    assert letter.decision == ApplicationState.LAUREATE
    assert letter.original_name == f"lettre-de-decision-{pole.slug}-{proposed.pk}.pdf"
    assert (private_root() / letter.file.name).is_file()  # in the private storage
    text = " ".join(letter_text(letter).split())
    assert "Lettre de décision" in text
    assert pole.name in text
    assert "AMI PTCE 2026" in text
    assert "phase 1 : Reconnaissance" in text
    assert "est retenue : le pôle est lauréat" in text
    assert "15 000 €" in text
    assert "sous réserve d’un rapport à six mois" in text
    assert "Un projet citoyen solide." in text


def test_the_coordinators_get_the_decision_with_the_letters_link_once_each(
    proposed, pole, coordinator, national_instructor, django_capture_on_commit_callbacks
):
    second = PolePersonFactory(pole=pole, role=PersonRole.COORDINATOR).user
    PolePersonFactory(pole=pole, role=PersonRole.MEMBER)  # a member is not told
    with django_capture_on_commit_callbacks(execute=True):
        decide(proposed, national_instructor, amount_granted=Decimal("15000"))
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coordinator.email, second.email])
    message = mail.outbox[0]
    assert message.subject == "[PTCE] Votre candidature\xa0: lauréate"
    assert message.attachments == []  # a link: the letter is read after login
    assert (
        f"https://ptce.exemple.gouv.fr/candidatures/{proposed.pk}/lettre-de-decision/"
        in message.body
    )
    assert "Montant accordé\xa0: 15\u202f000\u202f€" in message.body
    assert "Un projet citoyen solide." in message.body


def test_a_rejection_gets_the_calls_other_model(
    proposed, pole, national_instructor, django_capture_on_commit_callbacks
):
    call = proposed.phase.call
    call.letter_other = "Le pôle {pole} : décision « {decision} » du {date}.\n{motivation}"
    call.save()
    with django_capture_on_commit_callbacks(execute=True):
        decide(proposed, national_instructor, name="decide_rejected", motivation="Trop tôt.")
    letter = DecisionLetter.objects.get(application=proposed)
    assert letter.decision == ApplicationState.REJECTED
    text = " ".join(letter_text(letter).split())
    assert f"Le pôle {pole.name} : décision « non retenue » du" in text
    assert "Trop tôt." in text
    assert "Montant accordé" not in text
    assert "Non retenue" in mail.outbox[0].body


def test_a_retried_or_second_job_builds_and_sends_nothing_more(
    proposed, national_instructor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decide(proposed, national_instructor)
    letter = DecisionLetter.objects.get(application=proposed)
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        again = services.decision_letter_issue(application_pk=proposed.pk)
    assert again == letter
    assert DecisionLetter.objects.filter(application=proposed).count() == 1
    assert len(mail.outbox) == sent
    files = list(private_root().rglob("*.pdf"))
    assert len(files) == 1


def test_deciding_again_is_refused_and_keeps_the_one_letter(
    proposed, national_instructor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decide(proposed, national_instructor)
    with pytest.raises(Exception, match="la décision est prise"):
        decide(proposed, national_instructor, name="decide_rejected")
    assert DecisionLetter.objects.filter(application=proposed).count() == 1


def test_no_letter_for_an_application_without_a_decision(pole):
    application = application_in(pole)
    assert services.decision_letter_issue(application_pk=application.pk) is None
    assert not DecisionLetter.objects.exists()


def test_a_failing_build_is_retried_by_the_worker_and_sends_once(
    proposed, national_instructor, job_queue, monkeypatch, django_capture_on_commit_callbacks
):
    from ptce.calls.decision import pdf

    real = pdf.decision_letter_pdf
    calls = []

    def flaky(application):
        calls.append(application.pk)
        if len(calls) == 1:
            raise OSError("disque plein")
        return real(application)

    monkeypatch.setattr(pdf, "decision_letter_pdf", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        decide(proposed, national_instructor)
    with django_capture_on_commit_callbacks(execute=True):
        job_queue.run()
    assert not DecisionLetter.objects.exists()
    assert job_queue.scheduled()  # the retry, a minute later
    with django_capture_on_commit_callbacks(execute=True):
        job_queue.run_until_empty()  # the retry builds the letter, then enqueues its email
    job_queue.run_until_empty()  # the email
    assert DecisionLetter.objects.filter(application=proposed).count() == 1
    assert len(mail.outbox) == 1
    assert list(private_root().rglob("*.pdf")) == [
        private_root() / DecisionLetter.objects.get().file.name
    ]
