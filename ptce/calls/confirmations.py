"""What the confirmation page of an application's move says (`ptce.core.confirm`): the change
of state, its consequences and who is emailed: the same recipients `notifications` will write
to, named by their addresses."""

from django.urls import reverse

from ptce.core.confirm import Confirmation

from .models import DECISION_STATES
from .models import ApplicationState as S
from .notifications import applicant_side, instruction_side
from .workflow import APPLICANT, WORKFLOW

# What each move does beyond the change of state, in the words of the person who makes it.
EFFECTS = {
    "submit": "Les réponses et les données du pôle sont figées à la date du dépôt ; elles ne "
    "pourront plus être modifiées, sauf si l’instruction demande un complément.",
    "resubmit": "Les réponses complétées sont figées et la candidature retourne à l’instruction.",
    "start": "La candidature est en instruction : le porteur ne peut plus la modifier.",
    "request_complement": "Le porteur peut de nouveau modifier ses réponses ; l’instruction "
    "reprend quand il dépose le complément.",
    "decide_laureate": "La décision est définitive : le pôle devient lauréat de cette phase et "
    "son nom peut être publié parmi les lauréats.",
    "decide_rejected": "La décision est définitive : la candidature n’est pas retenue.",
    "decide_closed": "La décision est définitive : la candidature est classée sans suite.",
    "withdraw": "Une candidature retirée ne peut plus être instruite ni déposée de nouveau ; le "
    "pôle pourra créer une nouvelle candidature à cette phase tant qu’elle est ouverte.",
}

LETTER_EFFECT = (
    "Une lettre de décision (PDF) est établie d’après le modèle de l’appel et gardée dans le "
    "dossier ; le courriel de la décision donne le lien pour la télécharger."
)


def _subject(application) -> str:
    phase = application.phase
    return (
        f"la candidature de {application.pole.name} à « {phase.call.name} », phase "
        f"{phase.number} : {phase.name} ({application.get_state_display().lower()})"
    )


def _recipients(application, transition, by) -> list[str]:
    if transition.source == S.DRAFT and transition.name == "withdraw":
        return []  # a draft the instruction never saw: nobody is told (`transition_notify`)
    if transition.actor == APPLICANT:
        emails = instruction_side(application, exclude=by)
        side = "l’instruction"
    else:
        emails = applicant_side(application, exclude=by)
        side = f"la coordination de {application.pole.name}"
    return [f"{side} ({', '.join(emails)})"] if emails else []


def move_confirmation(application, transition, *, by, cancel_url: str = "") -> Confirmation:
    labels = WORKFLOW.labels
    effects = [
        f"La candidature passe de « {labels[transition.source]} » à "
        f"« {labels[transition.target]} ».",
    ]
    if transition.name in EFFECTS:
        effects.append(EFFECTS[transition.name])
    if transition.target in DECISION_STATES:
        effects.append(LETTER_EFFECT)
    return Confirmation(
        title=transition.label,
        subject=_subject(application),
        cancel_url=cancel_url or reverse("calls:application_detail", args=[application.pk]),
        effects=effects,
        emails=_recipients(application, transition, by),
        irreversible=transition.name != "start" and transition.name != "request_complement",
    )
