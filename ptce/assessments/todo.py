"""What waits in the assessments app: observation sheets to fill (members), consolidations to do
and sheets not returned (coordinators). One query each. See `ptce/core/todo.py`."""

from django.db.models import Count
from django.urls import reverse

from ptce.core.todo import TodoItem, plural

from .evaluation.selectors import sheets_to_fill
from .models import Evaluation, EvaluationState, Rater


def sheets(user) -> list[TodoItem]:
    return [
        TodoItem(
            1,
            "1 feuille d’observation à remplir",
            reverse("assessments:my_sheet", args=[rater.evaluation.pk]),
            detail=f"{rater.evaluation.pole.name} : « {rater.evaluation.title} »"
            + (
                f", avant le {rater.evaluation.deadline:%d/%m/%Y}"
                if rater.evaluation.deadline
                else ""
            ),
        )
        for rater in sheets_to_fill(user)
    ]


def consolidations(poles) -> list[TodoItem]:
    evaluations = (
        Evaluation.objects.filter(pole__in=poles, state=EvaluationState.CONSOLIDATION)
        .select_related("pole")
        .order_by("pole__name", "pk")[:50]
    )
    return [
        TodoItem(
            1,
            "1 consolidation à faire",
            reverse("assessments:consolidation", args=[evaluation.pole.slug, evaluation.pk]),
            detail=f"{evaluation.pole.name} : « {evaluation.title} »",
        )
        for evaluation in evaluations
    ]


def sheets_not_returned(poles) -> list[TodoItem]:
    rows = (
        Rater.objects.filter(
            evaluation__pole__in=poles,
            evaluation__state=EvaluationState.OPEN,
            submitted_at__isnull=True,
        )
        .values(
            "evaluation", "evaluation__title", "evaluation__pole__slug", "evaluation__pole__name"
        )
        .annotate(count=Count("pk"))
        .order_by("evaluation__pole__name", "evaluation")
    )
    return [
        TodoItem(
            row["count"],
            plural(
                row["count"],
                "feuille d’observation non rendue",
                "feuilles d’observation non rendues",
            ),
            reverse(
                "assessments:evaluation_detail",
                args=[row["evaluation__pole__slug"], row["evaluation"]],
            ),
            detail=f"{row['evaluation__pole__name']} : « {row['evaluation__title']} »",
        )
        for row in rows
    ]
