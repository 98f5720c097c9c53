"""Step 3, the action plan: strategic objectives, cooperation actions with their outcomes and
funding, and the plan's PDF and XLSX exports."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.views.decorators.http import require_POST

from ptce.core import export_runs, once
from ptce.core.exports import xlsx_response
from ptce.core.versioning import EditConflict, conflict_response
from ptce.poles.models import Membership

from ..models import CooperationAction, FundingSource, StrategicObjective
from . import export_kinds, exports, perms, selectors
from .forms import ActionForm, FundingFormSet, ObjectiveForm, funding_rows
from .services import (
    action_delete,
    action_initial_from_match,
    action_initial_from_matrix,
    action_save,
    objective_create,
    objective_delete,
    objective_update,
)
from .views import add_service_errors


def _context(request, pole, tab, **extra):
    return {
        "pole": pole,
        "tab": tab,
        "can_propose": perms.can_propose(request.user, pole),
        "can_manage": perms.can_manage(request.user, pole),
        **extra,
    }


def plan(request, slug):
    pole = perms.get_pole_for_user(request, slug, need="read")
    return render(
        request,
        "cooperation/plan/plan.html",
        _context(
            request,
            pole,
            "plan",
            plan=selectors.action_plan(pole),
            outcomes=selectors.pole_outcomes(pole),
        ),
    )


def objective_form(request, slug, pk=None):
    pole = perms.get_pole_for_user(request, slug, need="manage")
    objective = get_object_or_404(StrategicObjective, pk=pk, pole=pole) if pk else None
    form = ObjectiveForm(request.POST if request.method == "POST" else None, instance=objective)
    if objective is None:
        del form.fields["position"]
        once.arm(form)
    if request.method == "POST" and form.is_valid():
        if replayed := once.replay(request, form):
            return replayed
        data = form.cleaned_data
        if objective is None:
            try:
                objective = objective_create(
                    pole=pole, title=data["title"], description=data["description"]
                )
            except ValidationError as error:  # the same title: linked to the existing one
                add_service_errors(form, error)
                return _objective_page(request, pole, form, None)
        else:
            try:
                objective_update(objective=objective, **data)
            except EditConflict as conflict:
                return conflict_response(
                    request,
                    form=form,
                    current=conflict.current,
                    cancel_url=reverse("cooperation:plan", args=[pole.slug]),
                )
        messages.success(request, f"L’objectif « {objective.title} » est enregistré.")
        return once.done(form, redirect("cooperation:plan", slug=pole.slug))
    return _objective_page(request, pole, form, objective)


def _objective_page(request, pole, form, objective):
    return render(
        request,
        "cooperation/plan/objective_form.html",
        _context(request, pole, "plan", form=form, objective=objective),
    )


@require_POST
def objective_remove(request, slug, pk):
    pole = perms.get_pole_for_user(request, slug, need="manage")
    objective = get_object_or_404(StrategicObjective, pk=pk, pole=pole)
    objective_delete(objective=objective)
    messages.success(
        request,
        f"L’objectif « {objective.title} » est supprimé ; ses actions restent, sans objectif.",
    )
    return redirect("cooperation:plan", slug=pole.slug)


def actions(request, slug):
    pole = perms.get_pole_for_user(request, slug, need="read")
    return render(
        request,
        "cooperation/plan/actions.html",
        _context(request, pole, "actions", actions=selectors.pole_actions(pole)),
    )


def action_detail(request, slug, pk):
    pole = perms.get_pole_for_user(request, slug, need="read")
    action = get_object_or_404(selectors.pole_actions(pole), pk=pk)
    return render(
        request,
        "cooperation/plan/action_detail.html",
        _context(request, pole, "actions", action=action),
    )


def _member_choices(pole, action):
    """Current members, and those already on the action even if they have left since."""
    memberships = Membership.objects.filter(pole=pole).select_related("organisation")
    if action is None:
        return memberships.filter(left_on__isnull=True)
    return memberships.filter(Q(left_on__isnull=True) | Q(pk__in=action.participants.values("pk")))


def action_form(request, slug, pk=None):
    pole = perms.get_pole_for_user(request, slug, need="manage")
    action = get_object_or_404(CooperationAction, pk=pk, pole=pole) if pk else None
    posted = request.POST if request.method == "POST" else None
    initial = {}
    if action is None and posted is None:
        initial = action_initial_from_matrix(
            pole=pole, topic_id=request.GET.get("sujet"), need_id=request.GET.get("besoin")
        ) | action_initial_from_match(
            pole=pole,
            title=request.GET.get("titre", ""),
            action_type=request.GET.get("type", ""),
            participant_ids=request.GET.getlist("participants"),
        )
    form = ActionForm(
        posted,
        instance=action,
        initial=initial,
        pole=pole,
        memberships=_member_choices(pole, action),
    )
    funding_initial = (
        [{"source": f.source, "amount": f.amount} for f in action.fundings.all()] if action else []
    )
    formset = FundingFormSet(posted, initial=funding_initial, prefix="financements")
    if action is None:
        once.arm(form)
    if posted is not None and form.is_valid() & formset.is_valid():
        if replayed := once.replay(request, form):
            return replayed
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        participants, needs = data.pop("participants"), data.pop("needs")
        try:
            action = action_save(
                pole=pole,
                action=action,
                participants=participants,
                needs=needs,
                fundings=funding_rows(formset),
                version=form.cleaned_data.get("version"),
                **data,
            )
        except EditConflict as conflict:
            return _action_conflict(request, pole, form, formset, conflict.current)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"L’action « {action.title} » est enregistrée.")
            return once.done(
                form, redirect("cooperation:action_detail", slug=pole.slug, pk=action.pk)
            )
    return render(
        request,
        "cooperation/plan/action_form.html",
        _context(request, pole, "actions", form=form, formset=formset, action=action),
    )


def _fundings_text(rows) -> str:
    labels = dict(FundingSource.choices)
    return "\n".join(
        sorted(
            f"{labels.get(source, source)} : {number_format(amount, 2, force_grouping=True)} €"
            for source, amount in rows
        )
    )


def _action_conflict(request, pole, form, formset, current):
    """The conflict page of an action: its fields, and its funding, which the form also edits."""
    theirs = _fundings_text((f.source, f.amount) for f in current.fundings.all())
    yours = _fundings_text(funding_rows(formset))
    return conflict_response(
        request,
        form=form,
        current=current,
        formsets={"Financements obtenus par source": formset},
        extra_rows=[{"label": "Financements", "theirs": theirs or "—", "yours": yours or "—"}]
        if theirs != yours
        else [],
        cancel_url=reverse("cooperation:action_detail", args=[pole.slug, current.pk]),
    )


@require_POST
def action_remove(request, slug, pk):
    pole = perms.get_pole_for_user(request, slug, need="manage")
    action = get_object_or_404(CooperationAction, pk=pk, pole=pole)
    action_delete(action=action)
    messages.success(request, f"L’action « {action.title} » est supprimée.")
    return redirect("cooperation:actions", slug=pole.slug)


def plan_pdf(request, slug):
    """Sent at once if this very document is cached or the plan is short; otherwise built by a
    job, the person sent to its page in « Mes exports » (a double click finds the same run)."""
    pole = perms.get_pole_for_user(request, slug, need="read")
    document = exports.plan_document(pole)
    pdf = exports.cached_pdf(document)
    if pdf is None and export_kinds.needs_job(document):
        run = export_runs.export_request(
            user=request.user, kind=export_kinds.KEY, fmt="pdf", params=export_kinds.params(pole)
        )
        return redirect("core:export_run", pk=run.pk)
    pdf = pdf or exports.document_pdf(document)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="plan-action-{pole.slug}.pdf"'
    return response


def plan_xlsx(request, slug):
    pole = perms.get_pole_for_user(request, slug, need="read")
    return xlsx_response(f"plan-action-{pole.slug}.xlsx", exports.plan_sheets(pole))
