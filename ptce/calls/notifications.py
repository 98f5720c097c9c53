"""Emails of the calls: who is « the other side » of an application, and sending after commit.

- the applicant side: the pole's coordinators (the author and the co-editors are among them);
- the instruction side: the instructors assigned to the application, else the instructors of
  the pole's région, else the national cell;
- the national cell: active national instructors (it receives the régions' proposals).

A decision is told to the applicant side by the job that builds its letter (`decision_notify`,
called by `decision/services.py`), so that the email's link to the letter works when it arrives.

Every email is rendered inside the transaction and sent by `transaction.on_commit`: a rolled
back write sends nothing, and a failing email backend is logged without losing the write.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from ptce.core.mail import mail_after_commit
from ptce.core.money import euros
from ptce.poles.models import PersonRole

from .models import DECISION_STATES, ApplicationState
from .workflow import APPLICANT

logger = logging.getLogger("ptce.calls")


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def application_link(application) -> str:
    return absolute(reverse("calls:application_detail", args=[application.pk]))


def instruction_link(application) -> str:
    return absolute(reverse("calls:instruction", args=[application.pk]))


def messages_link(application) -> str:
    return absolute(reverse("calls:messages", args=[application.pk]))


def _emails(queryset, exclude=None) -> list[str]:
    queryset = queryset.filter(is_active=True).exclude(email="")
    if exclude is not None and getattr(exclude, "pk", None):
        queryset = queryset.exclude(pk=exclude.pk)
    return sorted(set(queryset.values_list("email", flat=True)))


def applicant_side(application, *, exclude=None) -> list[str]:
    users = get_user_model().objects.filter(
        pole_roles__pole_id=application.pole_id, pole_roles__role=PersonRole.COORDINATOR
    )
    return _emails(users, exclude)


def national_cell(*, exclude=None) -> list[str]:
    users = get_user_model().objects.filter(is_instructor=True, is_national_instructor=True)
    return _emails(users, exclude)


def instruction_side(application, *, exclude=None) -> list[str]:
    User = get_user_model()
    assigned = _emails(application.assigned_to.filter(is_instructor=True), exclude)
    if assigned:
        return assigned
    regional = []
    if application.instruction_region_id is not None:
        regional = _emails(
            User.objects.filter(
                is_instructor=True,
                is_national_instructor=False,
                instructor_regions__pk=application.instruction_region_id,
            ),
            exclude,
        )
    return regional or national_cell(exclude=exclude)


def _title(application) -> str:
    return (
        f"{application.pole.name} — {application.phase.call.name}, phase {application.phase.number}"
    )


def transition_notify(*, application, transition, by, motivation: str) -> None:
    """Tell the other side of a move: the instruction for the applicant's moves, the applicant
    for the instruction's and the national cell's (a withdrawn draft tells nobody)."""
    if transition.source == ApplicationState.DRAFT and transition.name == "withdraw":
        return  # a draft the instruction never saw
    if transition.target in DECISION_STATES:
        return  # told with its letter, by the job that builds it (`decision_notify`)
    context = {
        "application": application,
        "transition": transition,
        "state_label": application.get_state_display(),
        "motivation": motivation,
        "title": _title(application),
    }
    if transition.actor == APPLICANT:
        mail_after_commit(
            subject=f"[PTCE] Candidature {application.get_state_display().lower()} : "
            f"{application.pole.name}",
            template="calls/email/transition_instruction.txt",
            context={**context, "link": instruction_link(application)},
            recipients=instruction_side(application, exclude=by),
        )
    else:
        mail_after_commit(
            subject=f"[PTCE] Votre candidature : {application.get_state_display().lower()}",
            template="calls/email/transition_applicant.txt",
            context={**context, "link": application_link(application)},
            recipients=applicant_side(application, exclude=by),
        )


def decision_notify(*, application) -> None:
    """The decision, to the pole's coordinators, with the link to its letter: a link, not an
    attachment, so that the letter is read only after login and a permission check (an email
    may be forwarded or kept in a shared mailbox), and stays one file in the application."""
    link = absolute(reverse("calls:decision_letter", args=[application.pk]))
    mail_after_commit(
        subject=f"[PTCE] Votre candidature : {application.get_state_display().lower()}",
        template="calls/email/decision.txt",
        context={
            "application": application,
            "title": _title(application),
            "state_label": application.get_state_display(),
            "motivation": application.decision_motivation,
            "amount": euros(application.amount_granted),
            "letter_link": link,
            "link": application_link(application),
        },
        recipients=applicant_side(application),
    )


def proposal_notify(*, application, by) -> None:
    mail_after_commit(
        subject=f"[PTCE] Proposition de la région : {application.pole.name}",
        template="calls/email/proposal.txt",
        context={
            "application": application,
            "title": _title(application),
            "proposal_label": application.get_proposal_display(),
            "link": instruction_link(application),
        },
        recipients=national_cell(exclude=by),
    )


def message_notify(*, message) -> None:
    application = message.application
    if message.from_instruction:
        recipients = applicant_side(application, exclude=message.author)
        subject = "[PTCE] Nouveau message de l’instruction sur votre candidature"
    else:
        recipients = instruction_side(application, exclude=message.author)
        subject = f"[PTCE] Nouveau message du porteur : {application.pole.name}"
    mail_after_commit(
        subject=subject,
        template="calls/email/message.txt",
        context={
            "application": application,
            "title": _title(application),
            "message": message,
            "link": messages_link(application),
        },
        recipients=recipients,
    )


def opinion_request_notify(*, opinion, token: str, reminder: bool = False) -> None:
    application = opinion.application
    link = absolute(reverse("calls:opinion", args=[token]))
    subject = "[PTCE] Demande d’avis sur une candidature"
    if reminder:
        subject = "[PTCE] Rappel : demande d’avis sur une candidature"
    mail_after_commit(
        subject=subject,
        template="calls/email/opinion_request.txt",
        context={
            "opinion": opinion,
            "title": _title(application),
            "link": link,
            "reminder": reminder,
        },
        recipients=[opinion.expert_email],
    )


def opinion_answered_notify(*, opinion) -> None:
    requester = opinion.requested_by
    recipients = [requester.email] if requester and requester.is_active else []
    mail_after_commit(
        subject=f"[PTCE] Avis reçu : {opinion.application.pole.name}",
        template="calls/email/opinion_answered.txt",
        context={
            "opinion": opinion,
            "title": _title(opinion.application),
            "link": instruction_link(opinion.application),
        },
        recipients=recipients,
    )
