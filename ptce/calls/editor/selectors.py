"""Reads of the call editor; each in a fixed number of queries."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q

from ptce.territories.models import Region

from ..applicant.formbuilder import form_structure
from ..models import Call, CallDocument, FormRevision, Phase, ScoringCriterion
from .revisions import deposited


def calls_for_editor():
    """Every call with its phase count, newest first (a few dozen over the years)."""
    return Call.objects.annotate(phase_count=Count("phases")).order_by("-year", "name")


def call_phases(call: Call) -> list[Phase]:
    return list(
        call.phases.select_related("requires_phase")
        .prefetch_related("regions")
        .annotate(
            question_count=Count(
                "sections__questions", filter=Q(sections__revision__isnull=True), distinct=True
            ),
            criterion_count=Count("criteria", distinct=True),
        )
        .order_by("number")
    )


def call_documents(call: Call) -> list[CallDocument]:
    return list(CallDocument.objects.filter(call=call).order_by("position", "pk"))


@dataclass
class FormPage:
    structure: list  # [(section, [question…])] of the current form
    number: int  # the current form's revision number (frozen ones + 1)
    frozen_count: int  # deposited applications answering the current form: > 0, it is frozen
    revisions: list  # the frozen revisions, with `application_count`


def form_page(phase: Phase) -> FormPage:
    revisions = list(
        FormRevision.objects.filter(phase=phase)
        .annotate(application_count=Count("applications", distinct=True))
        .order_by("-number")
    )
    return FormPage(
        structure=form_structure(phase),
        number=len(revisions) + 1,
        frozen_count=deposited(phase.pk).count(),
        revisions=revisions,
    )


def phase_criteria(phase: Phase) -> list[ScoringCriterion]:
    return list(ScoringCriterion.objects.filter(phase=phase).order_by("position", "pk"))


def instructors_by_region() -> list[Region]:
    """Every région with its instructors (national cell excluded), in two queries."""
    instructors = (
        get_user_model()
        .objects.filter(is_instructor=True, is_national_instructor=False)
        .order_by("last_name", "first_name", "email")
    )
    return list(
        Region.objects.order_by("name").prefetch_related(
            Prefetch("instructors", queryset=instructors, to_attr="regional_instructors")
        )
    )
