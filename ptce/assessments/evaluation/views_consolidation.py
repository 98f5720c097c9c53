"""The consolidation page of the coordinator (permissions: see `views`).

Per criterion: number of answers, « ne se prononce pas », median, mean, min, max, spread, the
« À discuter » flag (raters 2 points apart or more) and each rater's score; the form records the
agreed score (the median rounded half up by default), a comment, the synthesis and the action
plan. It can be saved only while the evaluation is « en consolidation »; otherwise read-only.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from ptce.core.versioning import EditConflict, conflict_response

from . import perms, selectors
from .forms_consolidation import ConsolidationForm, action_formset
from .services_consolidation import consolidation_save
from .workflow import CONSOLIDATION_STATES, WORKFLOW


def consolidation(request, slug, pk):
    evaluation = perms.get_evaluation_for_user(request, slug, pk)
    data = selectors.consolidation(evaluation)
    bound = request.POST if request.method == "POST" else None
    form = ConsolidationForm(
        bound, consolidation=data, synthesis=evaluation.synthesis, version=evaluation.version
    )
    formset = action_formset(bound, consolidation=data)
    status = 200
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            try:
                consolidation_save(
                    evaluation=evaluation,
                    scores=form.scores(),
                    synthesis=form.cleaned_data["synthesis"],
                    action_items=formset.action_items(),
                    by=request.user,
                    version=form.pop_version(),
                )
            except EditConflict as conflict:
                return conflict_response(
                    request,
                    form=form,
                    current=conflict.current,
                    current_values=form.saved_values(conflict.current),
                    formsets={"Plan d’action": formset},
                    pole=evaluation.pole,
                    cancel_url=reverse("assessments:consolidation", args=[slug, pk]),
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, "La consolidation est enregistrée.")
                return redirect("assessments:consolidation", slug=slug, pk=pk)
        else:
            problems = formset.non_form_errors() if form.is_valid() else []
            messages.error(
                request,
                "La consolidation n’est pas enregistrée : "
                + (" ".join(problems) if problems else "corrigez les erreurs signalées."),
            )
        status = 400
    return render(
        request,
        "assessments/evaluation/consolidation.html",
        {
            "pole": evaluation.pole,
            "tab": "evaluations",
            "evaluation": evaluation,
            "data": data,
            "form": form,
            "formset": formset,
            "editable": evaluation.state in CONSOLIDATION_STATES,
            "transitions": WORKFLOW.transitions_from(evaluation.state),
        },
        status=status,
    )
