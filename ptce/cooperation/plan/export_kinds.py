"""The action plan's PDF as a background export (`ptce.core.export_runs`): from
`PTCE_PDF_JOB_ACTIONS` actions WeasyPrint takes seconds, so the view asks for a run unless the
same document is already cached. The job builds it by the view's
own function (`exports.plan_pdf`), which also caches it. Registered when `cooperation.tasks` is
imported (every process does)."""

from django.conf import settings
from django.core.exceptions import ValidationError

from ptce.core import export_runs
from ptce.poles.models import Pole

from . import exports, perms, selectors

KEY = "cooperation.plan_pdf"
LOST = "Vous n’avez plus accès à ce plan d’action."


def needs_job(document: exports.PlanDocument) -> bool:
    return document.actions >= settings.PTCE_PDF_JOB_ACTIONS


def params(pole) -> dict:
    """By the pole's key, not its slug: a renamed pole keeps its run."""
    return {"pole": [str(pole.pk)]}


def _pole(user, query) -> Pole:
    """The pole the person may still read (the view's check, `perms.can_read`), else a French
    refusal: the job runs later, the right may have gone meanwhile."""
    key = query.get("pole", "")
    pole = None
    if key.isdigit():
        pole = Pole.objects.select_related("region", "carrier").filter(pk=key).first()
    if pole is None or not perms.can_read(user, pole):
        raise ValidationError(LOST)
    return pole


def _count(user, query) -> int:
    return selectors.pole_actions(_pole(user, query)).count()


def _document(user, query) -> bytes:
    return exports.plan_pdf(_pole(user, query))


def _filename(fmt, query) -> str:
    slug = Pole.objects.filter(pk=query.get("pole")).values_list("slug", flat=True).first()
    return f"plan-action-{slug}.{fmt}"


PLAN_PDF = export_runs.register(
    export_runs.ExportKind(
        key=KEY,
        label="Plan d’action (PDF)",
        allowed=lambda user: user.is_active,
        count=_count,
        document=_document,
        filename=_filename,
    )
)
