"""The instruction's lists: the filtered list of applications, its exports, the national
ranking of a phase, the PDF of one application and the figures of a call. Instructors see their
régions; the national cell and admins see all; everyone else gets 403 (anonymous people are sent
to the login page). The ranking is the national cell's (403 for the other instructors, 404 for
everyone else)."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from ptce.core import export_runs, once

from .. import perms
from ..models import Call, Phase
from . import bulk, export_kinds, exports, figures, pdf, queues, saved_filters, selectors
from .forms import ColumnsForm, SaveFilterForm, filtered_applications


def _require_instruction(user) -> None:
    if not selectors.can_see_instruction_list(user):
        raise PermissionDenied("Réservé aux instructeurs et à la cellule nationale.")


def ranking_phases(user) -> list[Phase]:
    """For the national cell and admins: every phase of the calls that have applications they
    may list, to reach each phase's national ranking (one query). Empty for other users."""
    if not perms.is_national(user):
        return []
    calls = Call.objects.filter(phases__applications__in=selectors.instruction_scope(user))
    return list(
        Phase.objects.filter(call__in=calls)
        .select_related("call")
        .order_by("-call__year", "call__name", "number", "pk")
    )


def instruction_list(request):
    _require_instruction(request.user)
    applications, form = filtered_applications(request.user, request.GET)
    queue = queues.current(request.GET)
    tabs = queues.tabs(applications, request.user, queue)
    applications = queues.in_queue(applications, queue, request.user)
    page = Paginator(applications, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.decorate(page.object_list)
    for row in rows:  # an instructor opens a file on its instruction, others on the file
        row.opens_instruction = perms.can_instruct(request.user, row)
    filters = form.active_filters()
    columns = ColumnsForm(initial={"columns": list(exports.DEFAULT_COLUMNS)})
    querystring = urlencode({"onglet": queue.key, **filters})
    return render(
        request,
        "calls/lists/applications.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "filters": filters,
            "querystring": querystring,
            "saved_filters": saved_filters.mark_current(
                saved_filters.for_user(request.user), {"onglet": queue.key, **filters}
            ),
            "save_filter_form": once.arm(SaveFilterForm(initial={"querystring": querystring})),
            "filters_querystring": urlencode(filters),
            "queue": queue,
            "tabs": tabs,
            "columns_form": columns,
            "overdue_days": selectors.overdue_days(),
            "sees_all_regions": selectors.sees_all_regions(request.user),
            "ranking_phases": ranking_phases(request.user),
            "export_job_rows": export_runs.job_rows(),
            "bulk_actions": [a for a in bulk.ACTIONS.values() if a.may_use(request.user)],
        },
    )


def _export(request, respond, fmt: str):
    """Below `PTCE_EXPORT_JOB_ROWS` rows the file is written in the request (the CSV streamed);
    from there a background job builds it and the person follows it in « Mes exports »."""
    _require_instruction(request.user)
    applications, form = filtered_applications(request.user, request.GET)
    applications = queues.in_queue(applications, queues.current(request.GET), request.user)
    valid = not form.is_bound or form.is_valid()  # invalid filters: an empty file, as before
    if valid and export_runs.needs_job(applications.count()):
        run = export_runs.export_request(
            user=request.user,
            kind=export_kinds.KEY,
            fmt=fmt,
            params=export_runs.params_of(request.GET, export_kinds.PARAMS),
        )
        return redirect("core:export_run", pk=run.pk)
    columns = ColumnsForm(request.GET).chosen()
    # Read in chunks as the file is written: the first bytes leave before the last row is read.
    return respond(export_kinds.decorated(applications), columns)


def export_csv(request):
    return _export(request, exports.csv_response, "csv")


def export_xlsx(request):
    return _export(request, exports.xlsx_response, "xlsx")


def application_pdf(request, pk):
    """The applicant gets answers, attachments and history; the instruction also gets the
    annotations, the opinions and the scores."""
    application = perms.get_application_for_user(request, pk, need="view")
    content = pdf.application_pdf(
        application, for_instruction=perms.can_instruct(request.user, application)
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="candidature-{application.pk}.pdf"'
    return response


def call_figures(request, slug):
    _require_instruction(request.user)
    call = get_object_or_404(Call, slug=slug)
    scope = selectors.instruction_scope(request.user)
    return render(
        request,
        "calls/lists/call_figures.html",
        {
            "call": call,
            "phases": figures.call_figures(call, scope),
            "sees_all_regions": selectors.sees_all_regions(request.user),
            "regions": ", ".join(r.name for r in request.user.instructor_regions.all())
            if not selectors.sees_all_regions(request.user)
            else "",
        },
    )


@require_GET
def ranking(request, phase_pk):
    if not perms.is_national(request.user):
        if request.user.is_instructor:
            raise PermissionDenied("Le classement national est réservé à la cellule nationale.")
        raise Http404("Page introuvable.")
    phase = get_object_or_404(Phase.objects.select_related("call"), pk=phase_pk)
    rows = selectors.ranking(phase)
    return render(
        request,
        "calls/lists/ranking.html",
        {
            "phase": phase,
            "rows": rows,
            "phases": list(phase.call.phases.order_by("number")),
        },
    )
