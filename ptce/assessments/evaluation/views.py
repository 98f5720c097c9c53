"""A pole's evaluations: the list, creating one, and the coordinator's page (state, raters).

Who sees what (anonymous visitors are sent to the login page everywhere; « 403/404 » follow
`get_pole_for_user`: 404 to those who may not know the pole, 403 to read-only viewers):

| view                          | outsid. | member     | oth.coord | coord. | instr.    | admin |
|-------------------------------|---------|------------|-----------|--------|-----------|-------|
| evaluation_list               | 403     | 200 (1)    | 403       | 200    | 200 (2)   | 200   |
| evaluation_create, _edit      | 403     | 403        | 403       | 200    | 403       | 200   |
| evaluation_detail             | 403     | 403        | 403       | 200    | 403       | 200   |
| transition, delete, publish   | 403     | 403        | 403       | 302    | 403       | 302   |
| rater_add, _invite, _remove,  | 403     | 403        | 403       | 200/302| 403       | 200   |
|   _resend, paper_sheet,       |         |            |           |        |           |       |
|   consolidation               |         |            |           |        |           |       |
| rater_sheet (one rater's)     | 403     | 404        | 403       | 200    | 404       | 200   |

(1) validated evaluations and those the member rates; (2) validated evaluations only.
For an unpublished pole, outsiders and other coordinators get 404 instead of 403.

Raters' own sheets are in `views_sheet`; results (radar, exports) in `results.views`.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from ptce.core import once
from ptce.core.confirm import Confirmation, confirmation_page, confirmed_action, is_confirmed
from ptce.core.versioning import EditConflict, conflict_response
from ptce.poles.perms import get_pole_for_user

from ..models import EvaluationState, Rater
from . import perms, selectors, services, services_sheet, services_workflow
from .forms import (
    EvaluationEditForm,
    EvaluationForm,
    ExternalRaterForm,
    MemberRaterForm,
    PaperSheetForm,
    ReasonForm,
    TransitionForm,
)
from .selectors import grid
from .workflow import OPEN, SETUP_STATES, SHEET_STATES, WORKFLOW

MANAGE_LAYOUT = "poles/manage/_layout.html"
MEMBER_LAYOUT = "assessments/evaluation/_member_layout.html"


def _error(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _form_or_page_error(request, evaluation, form, field: str, error: ValidationError) -> None:
    """Next to the field when the form is on the page, else as a message at the top."""
    if evaluation.state in SETUP_STATES:
        form.add_error(field, error)
    else:
        _error(request, error)


def evaluation_list(request, slug):
    pole = get_pole_for_user(request, slug, need="internal")
    can_manage = perms.can_manage_evaluations(request.user, pole)
    return render(
        request,
        "assessments/evaluation/list.html",
        {
            "pole": pole,
            "tab": "evaluations",
            "layout": MANAGE_LAYOUT if can_manage else MEMBER_LAYOUT,
            "can_manage": can_manage,
            "evaluations": selectors.evaluations_for(request.user, pole),
        },
    )


def evaluation_create(request, slug):
    pole = get_pole_for_user(request, slug, need="manage")
    form = once.arm(EvaluationForm(request.POST if request.method == "POST" else None))
    if request.method == "POST" and form.is_valid():
        if replayed := once.replay(request, form):
            return replayed
        try:
            evaluation = services.evaluation_create(
                pole=pole, created_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, "L’évaluation est créée. Ajoutez les évaluateurs, puis ouvrez-la."
            )
            return once.done(
                form,
                redirect("assessments:evaluation_detail", slug=pole.slug, pk=evaluation.pk),
            )
    return render(
        request,
        "assessments/evaluation/form.html",
        {"pole": pole, "tab": "evaluations", "form": form, "evaluation": None},
    )


def evaluation_edit(request, slug, pk):
    evaluation = perms.get_evaluation_for_user(request, slug, pk)
    form = EvaluationEditForm(
        request.POST if request.method == "POST" else None,
        instance=evaluation,
        with_referentiel=False,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_update(evaluation=evaluation, by=request.user, **form.cleaned_data)
        except EditConflict as conflict:
            return conflict_response(
                request,
                form=form,
                current=conflict.current,
                pole=evaluation.pole,
                cancel_url=reverse("assessments:evaluation_detail", args=[slug, evaluation.pk]),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "L’évaluation est enregistrée.")
            return redirect("assessments:evaluation_detail", slug=slug, pk=evaluation.pk)
    return render(
        request,
        "assessments/evaluation/form.html",
        {"pole": evaluation.pole, "tab": "evaluations", "form": form, "evaluation": evaluation},
    )


def _detail(request, evaluation, *, member_form=None, external_form=None, status=200):
    candidates = selectors.candidate_members(evaluation)
    return render(
        request,
        "assessments/evaluation/detail.html",
        {
            "pole": evaluation.pole,
            "tab": "evaluations",
            "evaluation": evaluation,
            "transitions": WORKFLOW.transitions_from(evaluation.state),
            "raters": selectors.raters_with_status(evaluation),
            "log": selectors.transitions_log(evaluation),
            "can_setup": evaluation.state in SETUP_STATES,
            "can_enter_sheets": evaluation.state in SHEET_STATES,
            "is_open": evaluation.state == OPEN,
            "is_validated": evaluation.state == EvaluationState.VALIDATED,
            "member_form": member_form or MemberRaterForm(candidates=candidates),
            "external_form": external_form or ExternalRaterForm(),
        },
        status=status,
    )


def evaluation_detail(request, slug, pk):
    return _detail(request, perms.get_evaluation_for_user(request, slug, pk))


# What each move of an evaluation does, for its confirmation page (`ptce.core.confirm`).
MOVE_EFFECTS = {
    "open": "Les évaluateurs peuvent remplir leur feuille ; ceux qui ne l’ont pas encore reçu "
    "reçoivent le lien de leur feuille.",
    "start_consolidation": "Les feuilles sont closes : plus aucun évaluateur ne peut envoyer la "
    "sienne, sauf si les feuilles sont rouvertes.",
    "reopen": "Les évaluateurs qui n’ont pas envoyé leur feuille peuvent de nouveau la remplir.",
    "validate": "La validation est définitive : notes, feuilles et plan d’action ne pourront "
    "plus être modifiés. Une correction passera par une nouvelle évaluation.",
}


def _move_confirmation(evaluation, transition) -> Confirmation:
    waiting = []
    if transition.name == "open":
        waiting = list(
            evaluation.raters.filter(invited_at__isnull=True, entered_by__isnull=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    return Confirmation(
        title=transition.label,
        subject=f"l’évaluation « {evaluation.title} » de {evaluation.pole.name} "
        f"({evaluation.get_state_display().lower()})",
        cancel_url=reverse(
            "assessments:evaluation_detail", args=[evaluation.pole.slug, evaluation.pk]
        ),
        effects=[MOVE_EFFECTS[transition.name]],
        emails=[f"chaque évaluateur invité ({', '.join(waiting)})"] if waiting else [],
        irreversible=transition.confirm,
        hidden={"target": transition.target},
    )


@confirmed_action
@require_http_methods(["GET", "POST"])
def evaluation_transition(request, slug, pk):
    """GET (`?target=`): the confirmation page of the move; POST: the move, once confirmed."""
    evaluation = perms.get_evaluation_for_user(request, slug, pk)
    form = TransitionForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        messages.error(request, "Changement d’état inconnu : rechargez la page et recommencez.")
        return redirect("assessments:evaluation_detail", slug=slug, pk=evaluation.pk)
    try:
        transition = WORKFLOW.check_target(evaluation.state, form.cleaned_data["target"])
    except ValidationError as error:
        _error(request, error)
        return redirect("assessments:evaluation_detail", slug=slug, pk=evaluation.pk)
    if not is_confirmed(request):
        return confirmation_page(
            request,
            _move_confirmation(evaluation, transition),
            form=ReasonForm(initial=form.cleaned_data),
        )
    try:
        services_workflow.evaluation_transition(
            evaluation=evaluation,
            target=form.cleaned_data["target"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(
            request, f"L’évaluation est maintenant « {evaluation.get_state_display()} »."
        )
    return redirect("assessments:evaluation_detail", slug=slug, pk=evaluation.pk)


@require_POST
def evaluation_delete(request, slug, pk):
    evaluation = perms.get_evaluation_for_user(request, slug, pk)
    if request.POST.get("confirmer") != "oui":
        messages.error(request, "Cochez la case de confirmation pour supprimer l’évaluation.")
        return redirect("assessments:evaluation_detail", slug=slug, pk=pk)
    try:
        services.evaluation_delete(evaluation=evaluation, by=request.user)
    except ValidationError as error:
        _error(request, error)
        return redirect("assessments:evaluation_detail", slug=slug, pk=pk)
    messages.success(request, f"L’évaluation « {evaluation.title} » est supprimée.")
    return redirect("assessments:evaluation_list", slug=slug)


@require_POST
def evaluation_publish(request, slug, pk):
    evaluation = perms.get_evaluation_for_user(request, slug, pk)
    is_public = request.POST.get("publier") == "oui"
    try:
        services.evaluation_publish(evaluation=evaluation, is_public=is_public, by=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(
            request,
            "Le radar est publié sur la page publique du pôle."
            if is_public
            else "Le radar n’est plus publié.",
        )
    return redirect("assessments:evaluation_detail", slug=slug, pk=pk)


@require_POST
def rater_add(request, slug, pk):
    evaluation = perms.get_evaluation_for_user(request, slug, pk)
    form = MemberRaterForm(request.POST, candidates=selectors.candidate_members(evaluation))
    if form.is_valid():
        try:
            rater = services.rater_add_member(
                evaluation=evaluation, user=form.cleaned_data["user"], by=request.user
            )
        except ValidationError as error:
            _form_or_page_error(request, evaluation, form, "user", error)
        else:
            messages.success(request, f"{rater.name} fait partie des évaluateurs.")
            return redirect("assessments:evaluation_detail", slug=slug, pk=pk)
    return _detail(request, evaluation, member_form=form, status=400)


@require_POST
def rater_invite(request, slug, pk):
    evaluation = perms.get_evaluation_for_user(request, slug, pk)
    form = ExternalRaterForm(request.POST)
    if form.is_valid():
        try:
            rater = services.rater_invite_external(
                evaluation=evaluation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _form_or_page_error(request, evaluation, form, "email", error)
        else:
            messages.success(
                request,
                f"{rater.name} est invité·e : le lien personnel part par courriel"
                + (" maintenant." if evaluation.state == OPEN else " à l’ouverture."),
            )
            return redirect("assessments:evaluation_detail", slug=slug, pk=pk)
    return _detail(request, evaluation, external_form=form, status=400)


def _rater(evaluation, rater_pk) -> Rater:
    return get_object_or_404(Rater, pk=rater_pk, evaluation=evaluation)


@require_POST
def rater_remove(request, slug, pk, rater_pk):
    evaluation = perms.get_evaluation_for_user(request, slug, pk)
    rater = _rater(evaluation, rater_pk)
    try:
        services.rater_remove(rater=rater, by=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, f"{rater.name} ne fait plus partie des évaluateurs.")
    return redirect("assessments:evaluation_detail", slug=slug, pk=pk)


@require_POST
def rater_resend(request, slug, pk, rater_pk):
    evaluation = perms.get_evaluation_for_user(request, slug, pk)
    rater = _rater(evaluation, rater_pk)
    try:
        services.rater_link_renew(rater=rater, by=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, f"Le lien a été renvoyé à {rater.email}.")
    return redirect("assessments:evaluation_detail", slug=slug, pk=pk)


def rater_sheet(request, slug, pk, rater_pk):
    """One rater's sheet, read-only: only for those who may read individual sheets (no anchoring:
    another rater gets a 404, as if it did not exist)."""
    evaluation = perms.get_evaluation_for_user(request, slug, pk, need="internal")
    if not perms.can_view_individual_sheets(request.user, evaluation):
        raise Http404("Feuille introuvable.")
    rater = _rater(evaluation, rater_pk)
    return render(
        request,
        "assessments/evaluation/rater_sheet.html",
        {
            "pole": evaluation.pole,
            "tab": "evaluations",
            "evaluation": evaluation,
            "rater": rater,
            "rows": selectors.sheet_rows(
                grid(evaluation.referentiel), selectors.sheet_answers(rater)
            ),
        },
    )


def paper_sheet(request, slug, pk):
    """The coordinator types in a sheet filled on paper, for a named participant."""
    evaluation = perms.get_evaluation_for_user(request, slug, pk)
    form = PaperSheetForm(
        request.POST if request.method == "POST" else None,
        criteria=grid(evaluation.referentiel),
        levels=selectors.levels(evaluation.referentiel),
    )
    if request.method == "POST" and form.is_valid():
        try:
            rater = services_sheet.sheet_enter_on_paper(
                evaluation=evaluation,
                participant_name=form.cleaned_data["participant_name"],
                answers=form.answers(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"La feuille papier de {rater.name} est enregistrée.")
            return redirect("assessments:evaluation_detail", slug=slug, pk=pk)
    return render(
        request,
        "assessments/evaluation/paper_sheet.html",
        {
            "pole": evaluation.pole,
            "tab": "evaluations",
            "evaluation": evaluation,
            "form": form,
            "can_enter_sheets": evaluation.state in SHEET_STATES,
        },
    )
