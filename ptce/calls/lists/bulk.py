"""Bulk actions on a selection of the instructors' list: affecter, demander un avis, envoyer un
message, proposer (the région), décider (the national cell).

Each action is applied file by file through the service the single-file page calls (one write
path per action), each in its own savepoint under the file's row lock, the services reading the
state again: a file that may not take the action (decided meanwhile, no proposal…) is left
untouched and reported with its reason, the others are done. The selection is read in the
person's scope: an id outside it (another région's file, a forged one) refuses the whole
selection before anything is written.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from ptce.core.access import user_scope
from ptce.core.todo import plural

from .. import perms
from ..instruction import services
from ..models import Application, ApplicationState
from . import selectors
from .bulk_forms import (
    FOLLOW_PROPOSAL,
    BulkAssignForm,
    BulkDecisionForm,
    BulkMessageForm,
    BulkOpinionForm,
    BulkProposalForm,
)

MAX_SELECTION = 100
# The national decision that follows each région's proposal.
DECISION_OF_PROPOSAL = {
    ApplicationState.LAUREATE: "decide_laureate",
    ApplicationState.REJECTED: "decide_rejected",
    ApplicationState.CLOSED: "decide_closed",
}


class Skipped(Exception):
    """This file is left as it is, for the reason given."""


def assignable_instructors(user):
    """Who a bulk assignment may name: the active instructors of the person's régions and the
    national cell (every instructor for the national cell and admins). The service checks each
    file's région again."""
    users = get_user_model().objects.filter(is_active=True, is_instructor=True)
    scope = user_scope(user)
    if not selectors.sees_all_regions(user):
        users = users.filter(
            Q(is_national_instructor=True) | Q(instructor_regions__in=scope.region_ids)
        )
    return users.distinct().order_by("is_national_instructor", "last_name", "first_name", "email")


# --- One file, through the single-file services ----------------------------------------------


def _assign(application, by, data, shown):
    instructor = data["instructor"]
    if application.assigned_to.filter(pk=instructor.pk).exists():
        raise Skipped(f"{instructor} y est déjà affecté(e)")
    services.instructor_assign(application=application, instructor=instructor, by=by)


def _opinion(application, by, data, shown):
    services.opinion_request(application=application, by=by, **data)


def _message(application, by, data, shown):
    services.message_post(application=application, by=by, body=data["body"])


def _propose(application, by, data, shown):
    if _locked_proposal(application):
        raise Skipped("la région a déjà fait une proposition : modifiez-la depuis le dossier")
    services.proposal_make(
        application=application, by=by, proposal=data["proposal"], motivation=data["motivation"]
    )


def _decide(application, by, data, shown):
    name = data["decision"]
    if name == FOLLOW_PROPOSAL:
        proposal = _locked_proposal(application)
        if not proposal:
            raise Skipped("la région n’a pas encore fait de proposition")
        if shown is not None and proposal != shown:
            raise Skipped("la proposition de la région a changé depuis la page de confirmation")
        name = DECISION_OF_PROPOSAL[proposal]
    services.application_decide(
        application=application, name=name, by=by, motivation=data["motivation"]
    )


def _locked_proposal(application) -> str:
    return (
        Application.objects.select_for_update()
        .values_list("proposal", flat=True)
        .get(pk=application.pk)
    )


# --- The actions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class BulkAction:
    key: str  # in the address: instruction/candidatures/lot/<key>/
    title: str  # the button of the list and the confirmation's title
    form_class: type
    apply: Callable
    effects: tuple[str, ...]
    emails: tuple[str, ...] = ()
    irreversible: bool = False
    national_only: bool = False
    done_word: tuple[str, str] = ("dossier traité", "dossiers traités")
    form_kwargs: Callable = field(default=lambda user: {})

    def may_use(self, user) -> bool:
        allowed = selectors.can_see_instruction_list(user)
        return allowed and (perms.is_national(user) or not self.national_only)

    def form(self, user, data=None):
        return self.form_class(data, **self.form_kwargs(user))


ACTIONS = {
    action.key: action
    for action in (
        BulkAction(
            "affecter",
            "Affecter à un instructeur",
            BulkAssignForm,
            _assign,
            (
                "L’instructeur choisi est affecté à chaque candidature (on le retire depuis le "
                "dossier).",
            ),
            form_kwargs=lambda user: {"instructors": assignable_instructors(user)},
        ),
        BulkAction(
            "avis",
            "Demander un avis",
            BulkOpinionForm,
            _opinion,
            (
                "L’expert reçoit un lien personnel par candidature, vers ses réponses et ses "
                "pièces ; chaque demande se relance ou se révoque depuis le dossier.",
            ),
            emails=("l’expert, un courriel par candidature",),
        ),
        BulkAction(
            "message",
            "Envoyer un message",
            BulkMessageForm,
            _message,
            ("Le message est posté sur le fil de chaque candidature, au nom de l’instruction.",),
            emails=("la coordination de chaque pôle nommé",),
            irreversible=True,
        ),
        BulkAction(
            "proposer",
            "Proposer",
            BulkProposalForm,
            _propose,
            (
                "La proposition de la région est transmise à la cellule nationale pour chaque "
                "candidature « En instruction » qui n’en a pas encore ; elle se modifie depuis le "
                "dossier jusqu’à la décision.",
            ),
            emails=("la cellule nationale",),
        ),
        BulkAction(
            "decider",
            "Décider",
            BulkDecisionForm,
            _decide,
            (
                "La décision nationale est prise pour chaque candidature « En instruction » : elle "
                "est définitive et la lettre de décision est envoyée.",
                "Aucun montant n’est enregistré : pour accorder un montant, décidez depuis le "
                "dossier.",
            ),
            emails=("la coordination de chaque pôle nommé",),
            irreversible=True,
            national_only=True,
        ),
    )
}


# --- The selection and the report ------------------------------------------------------------


class BadSelection(Exception):
    pass


def parse_ids(values) -> list[int]:
    ids = []
    for value in values:
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            raise BadSelection(
                "La sélection n’est pas valable : cochez des candidatures de la liste."
            ) from None
    ids = list(dict.fromkeys(ids))
    if len(ids) > MAX_SELECTION:
        raise BadSelection(f"Choisissez au plus {MAX_SELECTION} candidatures à la fois.")
    return ids


def selection(user, ids: list[int]) -> list[Application] | None:
    """The chosen files in `user`'s scope, in the list's default order (one query); None when
    one of them is not (it does not exist, or not for this person)."""
    found = list(
        selectors.instruction_scope(user)
        .filter(pk__in=ids)
        .select_related("pole", "phase__call", "region")
        .order_by("first_submitted_at", "pk")
    )
    if len(found) != len(ids) or not all(perms.can_instruct(user, a) for a in found):
        return None
    return found


def describe(application: Application) -> str:
    phase = application.phase
    text = (
        f"{application.pole.name} (candidature n° {application.pk}) — {phase.call.name}, "
        f"phase {phase.number} — {application.get_state_display()}"
    )
    if application.proposal:
        text += (
            f", proposition de la région : {ApplicationState(application.proposal).label.lower()}"
        )
    return text


@dataclass
class Report:
    action: BulkAction
    done: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (application, reason)

    def summary(self) -> str:
        """« 3 dossiers traités, 1 ignoré (Pôle Sud, n° 12 : la région n’a pas encore fait de
        proposition). »"""
        text = plural(len(self.done), *self.action.done_word)
        if self.skipped:
            reasons = " ; ".join(
                f"{a.pole.name}, n° {a.pk} : {reason}" for a, reason in self.skipped
            )
            text += f", {plural(len(self.skipped), 'ignoré', 'ignorés')} ({reasons})"
        return text + "."


def _reason(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages).rstrip(".")
    return str(error).rstrip(".") or "action refusée"


def bulk_apply(*, action: BulkAction, applications, by, data: dict, shown=None) -> Report:
    """Apply `action` to each file, each in its own savepoint: a refusal leaves that file as it
    was and the others go on. `shown`: the proposals the confirmation page showed, by pk."""
    if not action.may_use(by):
        raise PermissionDenied("Cette action est réservée à la cellule nationale.")
    report = Report(action)
    shown = shown or {}
    for application in applications:
        try:
            with transaction.atomic():
                action.apply(application, by, data, shown.get(application.pk))
        except Skipped as skipped:
            report.skipped.append((application, str(skipped)))
        except (ValidationError, PermissionDenied) as error:
            report.skipped.append((application, _reason(error)))
        else:
            report.done.append(application)
    return report
