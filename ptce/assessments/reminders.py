"""The daily reminders of the ECARTS evaluations, sent by the worker (`tasks.py`):
- a sheet not returned, a few days before the evaluation's deadline (once per sheet);
- a consolidation waiting: the pole's coordinators, every `PTCE_CONSOLIDATION_REMINDER_DAYS`
  while the evaluation stays in consolidation.
What was reminded is written on the row, so a second run the same day sends nothing.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from ptce.core.mail import mail_after_commit
from ptce.poles.models import PersonRole, PolePerson

from .models import Evaluation, EvaluationState, Rater


def sheet_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind every person whose sheet is not returned and whose deadline is near; the count."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.PTCE_SHEET_REMINDER_DAYS)
    raters = (
        Rater.objects.filter(
            evaluation__state=EvaluationState.OPEN,
            evaluation__deadline__gte=today,
            evaluation__deadline__lte=horizon,
            submitted_at__isnull=True,
            invited_at__isnull=False,
            reminded_on__isnull=True,
        )
        .exclude(email="")
        .select_related("evaluation__pole")
        .order_by("pk")
    )
    reminded = 0
    for rater in raters:
        evaluation = rater.evaluation
        link = (
            ""  # the personal link is only known to its holder (its hash is kept)
            if rater.is_external
            else settings.SITE_URL + reverse("assessments:my_sheet", args=[evaluation.pk])
        )
        with transaction.atomic():
            mail_after_commit(
                subject=f"Évaluation ECARTS du pôle {evaluation.pole.name} : votre feuille est "
                f"attendue avant le {evaluation.deadline:%d/%m/%Y}",
                template="assessments/emails/sheet_reminder.txt",
                context={"rater": rater, "evaluation": evaluation, "link": link},
                recipients=[rater.email],
            )
            Rater.objects.filter(pk=rater.pk).update(reminded_on=today)
        reminded += 1
    return reminded


def consolidation_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind the coordinators of the evaluations waiting for their consolidation; the count."""
    today = today or timezone.localdate()
    every = datetime.timedelta(days=settings.PTCE_CONSOLIDATION_REMINDER_DAYS)
    due = today - every
    evaluations = (
        Evaluation.objects.filter(state=EvaluationState.CONSOLIDATION)
        .filter(Q(consolidation_reminded_on__isnull=True) | Q(consolidation_reminded_on__lte=due))
        .annotate(
            since=Max(
                "transitions__at", filter=Q(transitions__to_state=EvaluationState.CONSOLIDATION)
            )
        )
        .select_related("pole")
        .order_by("pk")
    )
    reminded = 0
    for evaluation in evaluations:
        if evaluation.since is None or timezone.localdate(evaluation.since) > due:
            continue
        recipients = list(
            PolePerson.objects.filter(
                pole=evaluation.pole, role=PersonRole.COORDINATOR, user__is_active=True
            ).values_list("user__email", flat=True)
        )
        if not recipients:
            continue
        link = settings.SITE_URL + reverse(
            "assessments:consolidation", args=[evaluation.pole.slug, evaluation.pk]
        )
        with transaction.atomic():
            mail_after_commit(
                subject=f"Évaluation ECARTS du pôle {evaluation.pole.name} : la consolidation "
                "attend",
                template="assessments/emails/consolidation_reminder.txt",
                context={
                    "evaluation": evaluation,
                    "since": timezone.localdate(evaluation.since),
                    "link": link,
                },
                recipients=recipients,
            )
            Evaluation.objects.filter(pk=evaluation.pk).update(consolidation_reminded_on=today)
        reminded += 1
    return reminded
