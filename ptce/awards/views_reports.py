"""Reports' pages: the instruction schedules one on the agreement's page; the coordinators
edit (versioned) and submit it; the instruction accepts it or asks for changes. Each move asks
for confirmation on its own page (GET), made by POST."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ptce.core.versioning import EditConflict, conflict_response

from . import perms, services_reports
from .forms import ReportScheduleForm, ReviewForm
from .views import add_errors
from .workflow import REPORT_WORKFLOW

ACTORS = {"submit": "write", "accept": "review", "request_changes": "review"}


@require_POST
def report_schedule(request, pk):
    agreement = perms.get_agreement_for_user(request, pk)
    form = ReportScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choisissez le rapport et une date valide.")
        return redirect("awards:agreement", pk=agreement.pk)
    try:
        report, created = services_reports.report_open(agreement=agreement, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("awards:agreement", pk=agreement.pk)
    if created:
        messages.success(request, f"Le {report.get_kind_display().lower()} est programmé.")
    return redirect("awards:report", pk=report.pk)


def _context(request, report, **extra):
    questions = services_reports.questions_of(
        report.agreement.application.phase.call_id, report.kind
    )
    answers = report.answers or {}
    return {
        "report": report,
        "agreement": report.agreement,
        "pole": report.agreement.application.pole,
        "sections": [
            (title, [(q, answers.get(q.key)) for q in items])
            for title, items in services_reports.sections(questions)
        ],
        "questions": questions,
        "can_write": perms.can_write_report(request.user, report)
        and report.state in services_reports.EDITABLE_STATES,
        "can_review": perms.can_follow(request.user, report.agreement),
        "log": report.transitions.select_related("by").order_by("at", "pk"),
        **extra,
    }


def report_page(request, pk):
    report = perms.get_report_for_user(request, pk)
    context = _context(request, report)
    moves = REPORT_WORKFLOW.transitions_from(report.state)
    context["moves"] = [
        t
        for t in moves
        if (t.actor == "coordination" and context["can_write"])
        or (t.actor == "instruction" and context["can_review"])
    ]
    return render(request, "awards/report.html", context)


def report_edit(request, pk):
    report = perms.get_report_for_user(request, pk, need="write")
    context = _context(request, report)
    if not context["can_write"]:
        raise PermissionDenied(
            f"Ce rapport est « {report.get_state_display()} » : il ne peut plus être modifié."
        )
    form = services_reports.report_form(
        report, context["questions"], request.POST if request.method == "POST" else None
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            version = form.pop_version()
            try:
                services_reports.report_save(
                    report=report,
                    version=version,
                    answers=form.to_answers(lambda path, uploaded: None),
                    by=request.user,
                )
            except EditConflict as conflict:
                return conflict_response(
                    request,
                    form=form,
                    current=conflict.current,
                    current_values=form.saved_values(),
                    title=f"Modifier le {report.get_kind_display().lower()}",
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, "Le rapport est enregistré.")
                return redirect("awards:report", pk=report.pk)
        status = 400
    return render(request, "awards/report_edit.html", {**context, "form": form}, status=status)


def report_transition(request, pk, name):
    if name not in ACTORS:
        raise Http404("Action inconnue.")
    report = perms.get_report_for_user(request, pk, need=ACTORS[name])
    candidates = [t for t in REPORT_WORKFLOW.transitions if t.name == name]
    transition = next((t for t in candidates if t.source == report.state), candidates[0])
    form = ReviewForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                moved = services_reports.report_move(
                    report=report, name=name, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request, f"Le rapport est désormais « {moved.get_state_display()} »."
                )
                return redirect("awards:report", pk=report.pk)
        status = 400
    return render(
        request,
        "awards/report_confirm.html",
        {**_context(request, report), "transition": transition, "form": form},
        status=status,
    )
