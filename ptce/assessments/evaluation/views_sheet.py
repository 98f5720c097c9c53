"""The rater's feuille d’observation, and the evidence files behind their permission check.

- `my_sheet`: a signed-in rater's own sheet; anyone else gets 404 (a rater never sees another's
  sheet before consolidation: no anchoring; there is no address for someone else's sheet).
- `external_sheet`: the personal link of an invited person without an account (no login); an
  unknown or malformed link gets a French 404 page.
- `evidence_download` / `external_evidence_download`: files are never under MEDIA_URL; they go
  to `perms.can_download_evidence` people only, as attachments, with `nosniff`.

The sheet can be filled while the evaluation is « ouverte » and the sheet not sent; otherwise it
is shown read-only (and a POST is refused by the services with a French message).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from ptce.core.confirm import FIELD, Confirmation, confirmation_page, confirmed_action, is_confirmed
from ptce.core.files import ALLOWED_LABEL, human_size, max_bytes, private_file_response
from ptce.core.tokens import link_expired, link_expired_response

from ..models import Evaluation, EvaluationState, EvidenceFile
from . import perms, selectors, services_sheet
from .forms import SheetForm
from .selectors import grid
from .services import rater_from_token
from .services_sheet import MAX_FILES_PER_ANSWER
from .workflow import SHEET_STATES

ACTIONS = {"brouillon", "envoyer", "retirer"}
ACTION_MISSING = "Choisissez « Enregistrer le brouillon » ou « Envoyer ma feuille »."


def _sheet(request, rater, *, here: str, external_token: str = ""):
    evaluation = rater.evaluation
    criteria = grid(evaluation.referentiel)
    levels = selectors.levels(evaluation.referentiel)
    answers = selectors.sheet_answers(rater)
    editable = evaluation.state in SHEET_STATES and rater.submitted_at is None
    action = ""
    if request.method == "POST":
        action = "retirer" if request.POST.get("retirer") else request.POST.get("action", "")
    form = SheetForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        criteria=criteria,
        levels=levels,
        answers=answers,
        submitting=action == "envoyer",
    )
    status = 200
    if request.method == "POST":
        if action not in ACTIONS:
            messages.error(request, ACTION_MISSING)
            status = 400
        elif form.is_valid():
            if action == "envoyer" and not is_confirmed(request):
                return _send_confirmation(request, rater, form, here)
            try:
                _save(request, rater, form, action)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect(here)
            return redirect(here)
        else:
            messages.error(request, "La feuille n’est pas enregistrée : corrigez les erreurs.")
            status = 400
    return render(
        request,
        "assessments/evaluation/sheet.html",
        {
            "evaluation": evaluation,
            "pole": evaluation.pole,
            "rater": rater,
            "form": form,
            "rows": form.rows(),
            "levels": levels,
            "editable": editable,
            "is_draft_evaluation": evaluation.state == EvaluationState.DRAFT,
            "external_token": external_token,
            "can_view_results": perms.can_view_results(request.user, evaluation),
            "upload_help": f"{ALLOWED_LABEL} ; {human_size(max_bytes())} au plus par fichier, "
            f"{MAX_FILES_PER_ANSWER} fichiers au plus par critère.",
        },
        status=status,
    )


def _send_confirmation(request, rater, form, here: str):
    """Sending is final: the answers (and new files) are kept as a draft first, then the
    confirmation page posts the same answers again with the confirmation field."""
    try:
        _save(request, rater, form, "brouillon")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(here)
    evaluation = rater.evaluation
    carried = {
        name: value
        for name, value in request.POST.items()
        if name not in {"csrfmiddlewaretoken", FIELD, "retirer"}
    }
    return confirmation_page(
        request,
        Confirmation(
            title="Envoyer ma feuille",
            subject=f"votre feuille d’observation de l’évaluation « {evaluation.title} » de "
            f"{evaluation.pole.name}",
            cancel_url=here,
            effects=[
                "Votre feuille est transmise à la coordination du pôle, qui la consolidera avec "
                "les autres ; les autres évaluateurs ne la voient pas.",
                "Une feuille envoyée ne peut plus être modifiée. Votre brouillon est déjà "
                "enregistré : vous pouvez encore le reprendre en annulant.",
            ],
            hidden={**carried, "action": "envoyer"},
        ),
    )


def _save(request, rater, form, action: str) -> None:
    services_sheet.sheet_save(
        rater=rater,
        answers=form.answers(),
        files=form.uploaded_files(),
        submit=action == "envoyer",
    )
    if action == "retirer":
        pk = request.POST.get("retirer", "")
        evidence = EvidenceFile.objects.filter(
            pk=int(pk) if pk.isdigit() else None, answer__rater=rater
        ).first()
        if evidence is None:
            raise ValidationError("Ce fichier n’existe plus.")
        services_sheet.evidence_delete(evidence=evidence, rater=rater)
        messages.success(request, f"Le fichier « {evidence.original_name} » est retiré.")
    elif action == "envoyer":
        messages.success(request, "Votre feuille est envoyée. Merci pour votre contribution !")
    else:
        messages.success(request, "Votre brouillon est enregistré.")


@confirmed_action
@never_cache
def my_sheet(request, pk):
    evaluation = get_object_or_404(Evaluation.objects.select_related("pole", "referentiel"), pk=pk)
    rater = perms.rater_for(request.user, evaluation)
    if rater is None:
        raise Http404("Feuille introuvable.")
    rater.evaluation = evaluation
    return _sheet(request, rater, here=request.path)


@confirmed_action
@never_cache
@login_not_required
def external_sheet(request, token):
    rater = rater_from_token(token)
    if rater is None:
        return render(request, "assessments/evaluation/sheet_unknown.html", status=404)
    if link_expired(rater.evaluation.validated_at):
        return link_expired_response(request)
    response = _sheet(request, rater, here=request.path, external_token=token)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def evidence_download(request, pk):
    evidence = (
        EvidenceFile.objects.select_related("answer__rater__evaluation__pole").filter(pk=pk).first()
    )
    if evidence is None or not perms.can_download_evidence(request.user, evidence):
        raise Http404("Fichier introuvable.")
    return private_file_response(evidence)


@login_not_required
def external_evidence_download(request, token, pk):
    rater = rater_from_token(token)
    if rater is not None and link_expired(rater.evaluation.validated_at):
        return link_expired_response(request)
    evidence = EvidenceFile.objects.filter(pk=pk, answer__rater=rater).first() if rater else None
    if evidence is None:
        raise Http404("Fichier introuvable.")
    return private_file_response(evidence)
