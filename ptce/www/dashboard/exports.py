"""« Mes exports »: the large exports built by a background job (`ptce.core.export_runs`),
their progress and their download. A run is seen only by the person who asked for it: 404 for
everyone else, admins included (they see runs, read-only, in the admin)."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from ptce.core import export_runs
from ptce.core.files import private_file_response
from ptce.core.models import ExportRun, ExportState


def get_run_for_user(request, pk: int) -> ExportRun:
    return get_object_or_404(ExportRun, pk=pk, requested_by=request.user)


@require_GET
def export_list(request):
    runs = export_runs.runs_of(request.user)
    for run in runs:
        run.label = export_runs.kind_label(run)
    context = {"runs": runs, "keep_hours": settings.PTCE_EXPORT_KEEP_HOURS}
    return render(request, "www/dashboard/exports.html", context)


@require_GET
def export_run(request, pk):
    """The run's page; htmx asks for the progress block alone every 2 s while it is built (the
    same block as in the page, so a reload shows the same thing)."""
    run = get_run_for_user(request, pk)
    run.label = export_runs.kind_label(run)
    template = "www/dashboard/export_run.html"
    if request.headers.get("HX-Request"):
        template = "www/dashboard/_export_progress.html"
    return render(request, template, {"run": run})


@require_GET
def export_file(request, pk):
    run = get_run_for_user(request, pk)
    if run.state != ExportState.DONE or not run.file or run.is_expired:
        raise Http404("Cet export n’est pas prêt, ou n’est plus disponible.")
    return private_file_response(run)
