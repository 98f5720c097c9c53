"""The import pages: upload, preview (then apply or abandon), progress, report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ptce.core import once
from ptce.core.exports import csv_response
from ptce.poles.perms import get_pole_for_user

from . import selectors, services
from .forms import OrganisationsUploadForm, UploadForm
from .models import ImportKind, ImportState
from .perms import can_import_members, can_import_poles, get_run_for_user


def _require_national(request):
    if not can_import_poles(request.user):
        raise PermissionDenied("Les imports sont réservés à la cellule nationale.")


def index(request):
    _require_national(request)
    return render(request, "imports/index.html", {"runs": selectors.recent_runs()})


def _upload(request, *, form_class, kind, template, context, pole=None):
    bound = request.method == "POST"
    form = once.arm(form_class(request.POST, request.FILES) if bound else form_class())
    if request.method == "POST" and form.is_valid():
        if replayed := once.replay(request, form):
            return replayed
        try:
            run = services.import_upload(
                kind=kind,
                uploaded_file=form.cleaned_data["file"],
                created_by=request.user,
                pole=pole or form.cleaned_data.get("pole"),
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return once.done(form, redirect("imports:run", pk=run.pk))
    columns = selectors.columns_of(kind)
    context = {"form": form, "columns": columns, "kind": kind, "pole": pole, **context}
    return render(request, template, context)


def poles_upload(request):
    _require_national(request)
    return _upload(
        request,
        form_class=UploadForm,
        kind=ImportKind.POLES,
        template="imports/upload.html",
        context={"title": "Importer des pôles"},
    )


def organisations_upload(request):
    _require_national(request)
    return _upload(
        request,
        form_class=OrganisationsUploadForm,
        kind=ImportKind.ORGANISATIONS,
        template="imports/upload.html",
        context={"title": "Importer les organisations membres d’un pôle"},
    )


def pole_members_upload(request, slug):
    pole = get_pole_for_user(request, slug, need="internal")
    if not can_import_members(request.user, pole):
        raise PermissionDenied("Seuls les coordinateurs du pôle importent ses membres.")
    return _upload(
        request,
        form_class=UploadForm,
        kind=ImportKind.ORGANISATIONS,
        template="imports/upload.html",
        context={"title": "Importer des membres"},
        pole=pole,
    )


def run_page(request, pk):
    run = get_run_for_user(request, pk)
    if request.method == "POST":
        if "exclure_erreurs" in request.POST:
            errors = [r["line"] for r in run.preview.get("rows", []) if r["action"] == "error"]
        else:
            errors = []
        try:
            lines = [int(v) for v in request.POST.getlist("exclure") if v.isdigit()] + errors
            run = services.import_request_apply(run=run, excluded_lines=lines)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            run.excluded_lines = sorted(set(lines))  # shown ticked again, not saved
        else:
            if run.state == ImportState.APPLIED:
                messages.success(request, "L’import est appliqué.")
            return redirect("imports:run", pk=run.pk)
    rows, partial = selectors.preview_rows(run)
    context = {
        "run": run,
        "rows": rows,
        "partial": partial,
        "counts": selectors.counts(run),
        "columns": run.preview.get("columns", []),
        "notes": run.preview.get("notes", []),
        "source": run.preview.get("source", ""),
        "progress": selectors.progress(run) if run.state == ImportState.QUEUED else None,
    }
    return render(request, "imports/run.html", context)


@require_POST
def cancel(request, pk):
    run = get_run_for_user(request, pk)
    try:
        services.import_cancel(run=run)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("imports:run", pk=run.pk)
    messages.info(request, "Import abandonné : rien n’a été enregistré, le fichier est supprimé.")
    if run.pole_id and not can_import_poles(request.user):
        return redirect("imports:pole_members", slug=run.pole.slug)
    return redirect("imports:index")


def rejected(request, pk):
    run = get_run_for_user(request, pk)
    header, rows = selectors.rejected_rows(run)
    return csv_response(f"import-{run.pk}-lignes-a-reprendre.csv", header, rows)


def template(request, kind):
    if kind not in ImportKind.values:
        raise Http404("Modèle inconnu.")
    header = [column.label for column in selectors.columns_of(kind)]
    return csv_response(f"modele-import-{kind}.csv", header, [])
