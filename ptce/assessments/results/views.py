"""Results of an evaluation, a pole's evolution, exports, and the public pieces."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header

from ptce.poles.perms import can_view_internal, get_pole_for_user

from ..evaluation import perms
from ..evaluation.stats import DIVERGENCE_THRESHOLD
from ..models import Evaluation, Referentiel
from . import exports
from .cohort import COHORT_MIN_POLES
from .selectors import blank_sheet, evaluation_results, pole_evolution
from .selectors import public_radar as radar_of

PDF = "application/pdf"


def _evaluation(request, slug, pk) -> Evaluation:
    """The pole's evaluation if the user may read its results: 404 when the pole is hidden or
    the evaluation is not the pole's, 403 when the results are not for this user."""
    pole = get_pole_for_user(request, slug, need="view")
    evaluation = get_object_or_404(
        Evaluation.objects.select_related("referentiel"), pk=pk, pole=pole
    )
    evaluation.pole = pole
    if not perms.can_view_results(request.user, evaluation):
        raise PermissionDenied("Les résultats de cette évaluation ne vous sont pas ouverts.")
    return evaluation


def _results(request, slug, pk):
    evaluation = _evaluation(request, slug, pk)
    return evaluation_results(
        evaluation,
        show_names=perms.can_view_individual_sheets(request.user, evaluation),
        cohort_param=request.GET.get("cohorte"),
    )


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    return HttpResponse(
        content,
        content_type=content_type,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


def results(request, slug, pk):
    results = _results(request, slug, pk)
    pole = results.evaluation.pole
    return render(
        request,
        "assessments/results/results.html",
        {
            "results": results,
            "evaluation": results.evaluation,
            "pole": pole,
            "can_manage": perms.can_manage_evaluations(request.user, pole),
            "can_view_evolution": can_view_internal(request.user, pole),
            "cohort_min_poles": COHORT_MIN_POLES,
            "divergence_threshold": DIVERGENCE_THRESHOLD,
        },
    )


def results_csv(request, slug, pk):
    return exports.scores_csv(_results(request, slug, pk))


def results_xlsx(request, slug, pk):
    return exports.scores_xlsx(_results(request, slug, pk))


@transaction.non_atomic_requests  # reads only; no transaction held open while WeasyPrint works
def results_pdf(request, slug, pk):
    from . import pdf  # WeasyPrint is slow to import: only when a PDF is asked for

    results = _results(request, slug, pk)
    return _attachment(pdf.report_pdf(results), PDF, exports.export_filename(results, "pdf"))


def evolution(request, slug):
    pole = get_pole_for_user(request, slug, need="internal")
    return render(
        request,
        "assessments/results/evolution.html",
        {
            "pole": pole,
            "evolution": pole_evolution(pole, referentiel_code=request.GET.get("referentiel")),
        },
    )


@login_not_required
def public_radar(request, slug):
    pole = get_pole_for_user(request, slug, need="view")
    radar = radar_of(pole)
    if radar is None:
        raise Http404("Ce pôle n’a pas publié de profil ECARTS.")
    return render(
        request, "assessments/results/public_radar.html", {"pole": pole, "public_radar": radar}
    )


@login_not_required
@transaction.non_atomic_requests
def blank_sheet_pdf_view(request, code):
    from . import pdf  # WeasyPrint is slow to import: only when a PDF is asked for

    referentiel = get_object_or_404(Referentiel, code=code)
    criteria, levels = blank_sheet(referentiel)
    return _attachment(
        pdf.blank_sheet_pdf(referentiel, criteria, levels),
        PDF,
        f"feuille-observation-{referentiel.code}.pdf",
    )
