"""Who may see or follow an agreement. Views and templates ask these predicates.

- the instruction (instructors of the région the application was instructed in, the national
  cell) and admins follow it: edit, files, schedule, moves, committees;
- the pole's coordinators read it (not a draft): what is due, what was paid, committees;
- everyone else: 404, as if it did not exist.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from ptce.calls import perms as calls_perms
from ptce.poles.perms import is_coordinator

from .models import Agreement, AgreementState


def can_follow(user, agreement: Agreement) -> bool:
    return calls_perms.can_instruct(user, agreement.application)


def can_read(user, agreement: Agreement) -> bool:
    if can_follow(user, agreement):
        return True
    return agreement.state != AgreementState.DRAFT and is_coordinator(
        user, agreement.application.pole
    )


def get_agreement_for_user(request, pk: int, *, need: str = "follow") -> Agreement:
    """The agreement, 404 for whoever may not know it, 403 for a reader asking to follow it.
    `need`: "read" or "follow"."""
    agreement = get_object_or_404(
        Agreement.objects.select_related("application__pole", "application__phase__call"), pk=pk
    )
    if not can_read(request.user, agreement) and not is_coordinator(
        request.user, agreement.application.pole
    ):
        raise Http404("Convention introuvable.")
    if need == "follow" and not can_follow(request.user, agreement):
        raise PermissionDenied("Réservé aux instructeurs de la région et à la cellule nationale.")
    if need == "read" and not can_read(request.user, agreement):
        raise PermissionDenied("Cette convention n’est pas encore signée.")
    return agreement


def can_write_report(user, report) -> bool:
    """The pole's coordinators write and submit its reports (the agreement past its draft)."""
    agreement = report.agreement
    return agreement.state != AgreementState.DRAFT and is_coordinator(
        user, agreement.application.pole
    )


def get_report_for_user(request, pk: int, *, need: str = "read"):
    """The report, 404 for whoever may not know its agreement; 403 when `need` ("write": the
    coordinators; "review": the instruction) is not met."""
    from .models import Report

    report = get_object_or_404(
        Report.objects.select_related(
            "agreement__application__pole", "agreement__application__phase__call"
        ),
        pk=pk,
    )
    agreement = report.agreement
    if not can_read(request.user, agreement):
        if is_coordinator(request.user, agreement.application.pole):
            raise PermissionDenied("Cette convention n’est pas encore signée.")
        raise Http404("Rapport introuvable.")
    if need == "write" and not can_write_report(request.user, report):
        raise PermissionDenied("Réservé à la coordination du pôle.")
    if need == "review" and not can_follow(request.user, agreement):
        raise PermissionDenied("Réservé aux instructeurs de la région et à la cellule nationale.")
    return report
