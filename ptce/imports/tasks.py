"""The imports' background job: a large file applied outside the request."""

from django.core.exceptions import ValidationError

from ptce.core.jobs import job

from . import services
from .models import ImportRun, ImportState


@job(summary=lambda run_pk: f"import n° {run_pk}")
def import_run_apply(run_pk: int) -> None:
    run = ImportRun.objects.filter(pk=run_pk, state=ImportState.QUEUED).first()
    if run is None:
        return  # applied or abandoned meanwhile: a repeated attempt does nothing
    try:
        services.import_apply(run=run)
    except ValidationError as error:
        services.import_fail(run=run, message=" ".join(error.messages))
    except Exception:
        # Rolled back: say so on the page, then let the job record the error (admin, relaunch).
        services.import_fail(
            run=run, message="Erreur inattendue : l’équipe technique est prévenue."
        )
        raise
