"""The instruction page of one application and its forms (assignment, annotations, opinions,
scores, proposal, transitions, the national decision); the national ranking of a phase is in
`lists/views.py`.

Access: `get_application_for_user(need="instruct")` — 404 for whoever may not see the
application, 403 for the applicant. Each form posts to its own URL; an invalid form shows the
page again with its errors.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ptce.core import once
from ptce.core.confirm import confirmation_page, confirmed_action, is_confirmed
from ptce.core.versioning import EditConflict, conflict_response, part_version

from .. import perms
from ..applicant.compliance import compliance_report
from ..confirmations import move_confirmation
from ..models import ApplicationState, Opinion
from ..moves import may_move, move
from ..workflow import APPLICANT, INSTRUCTION_STATES, TRANSITIONS, WORKFLOW
from . import selectors, services
from .expert import answers_context
from .forms import (
    AnnotationForm,
    AssignForm,
    DecisionForm,
    OpinionRequestForm,
    ProposalForm,
    RegionMoveForm,
    ScoresForm,
    TransitionForm,
)
from .region import application_region_move, territory_moved


def add_errors(form, error: ValidationError) -> None:
    """Put a service's errors on the form's fields, or above the form for the others."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def _transition_form(transition, data=None, application=None):
    if transition.name.startswith("decide_"):
        # The reason for deciding alone is asked only when the région has not proposed.
        needs_reason = application is None or not application.proposal
        return DecisionForm(data, transition=transition, needs_reason=needs_reason)
    return TransitionForm(data, transition=transition)


def _page(request, application, **bound):
    """The instruction page; `bound` replaces the blank form of the same name."""
    data = selectors.instruction_page(application)
    user = request.user
    transition_forms = [
        bound.pop(f"transition_{t.name}", None) or _transition_form(t, application=application)
        for t in WORKFLOW.transitions_from(application.state)
        if t.actor != APPLICANT and may_move(user, application, t)
    ]
    forms = {
        "assign_form": AssignForm(instructors=data["assignable"]),
        "annotation_form": once.arm(AnnotationForm()),
        "opinion_form": once.arm(OpinionRequestForm()),
        "scores_form": ScoresForm(
            grid=data["grid"], version=part_version(application, services.SCORES_PART)
        ),
        "proposal_form": ProposalForm(
            initial={
                "proposal": application.proposal,
                "motivation": application.proposal_motivation,
            },
            version=part_version(application, services.PROPOSAL_PART),
        ),
        **bound,
    }
    is_open = application.state in INSTRUCTION_STATES
    return render(
        request,
        "calls/instruction/page.html",
        {
            "application": application,
            **data,
            **forms,
            **answers_context(application),
            "transition_forms": transition_forms,
            "compliance": compliance_report(application),  # the art. 9 flags, as deposited
            "is_open": is_open,
            "can_propose": application.state == ApplicationState.INSTRUCTION,
            "is_national": perms.is_national(user),
            "territory_moved": territory_moved(application),
            "region_changes": application.region_changes.select_related(
                "from_region", "to_region", "by"
            ),
            "region_form": bound.get("region_form") or RegionMoveForm(),
        },
    )


def _action(request, pk):
    application = perms.get_application_for_user(request, pk, need="instruct")
    return application, redirect("calls:instruction", pk=application.pk)


@require_GET
def instruction(request, pk):
    return _page(request, perms.get_application_for_user(request, pk, need="instruct"))


@require_POST
def assign(request, pk):
    application, done = _action(request, pk)
    form = AssignForm(request.POST, instructors=selectors.assignable_instructors(application))
    if form.is_valid():
        instructor = form.cleaned_data["instructor"]
        try:
            services.instructor_assign(
                application=application, instructor=instructor, by=request.user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{instructor} est affecté(e) à la candidature.")
            return done
    return _page(request, application, assign_form=form)


@require_POST
def unassign(request, pk, user_pk):
    application, done = _action(request, pk)
    instructor = get_object_or_404(get_user_model(), pk=user_pk)
    try:
        services.instructor_unassign(
            application=application, instructor=instructor, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{instructor} n’est plus affecté(e) à la candidature.")
    return done


@require_POST
def annotate(request, pk):
    application, done = _action(request, pk)
    form = once.arm(AnnotationForm(request.POST))
    if form.is_valid():
        if replayed := once.replay(request, form):
            return replayed
        try:
            services.annotation_add(
                application=application, by=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "L’annotation est enregistrée.")
            return once.done(form, done)
    return _page(request, application, annotation_form=form)


@require_POST
def opinion_request(request, pk):
    application, done = _action(request, pk)
    form = once.arm(OpinionRequestForm(request.POST))
    if form.is_valid():
        if replayed := once.replay(request, form):
            return replayed
        try:
            opinion, _ = services.opinion_request(
                application=application, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"La demande d’avis est envoyée à {opinion.expert_name}.")
            return once.done(form, done)
    return _page(request, application, opinion_form=form)


def _opinion_action(request, pk, opinion_pk, service, success: str):
    application, done = _action(request, pk)
    opinion = get_object_or_404(Opinion, pk=opinion_pk, application=application)
    opinion.application = application
    try:
        service(opinion=opinion, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success.format(name=opinion.expert_name))
    return done


@require_POST
def opinion_remind(request, pk, opinion_pk):
    return _opinion_action(
        request,
        pk,
        opinion_pk,
        services.opinion_remind,
        "Un rappel avec un nouveau lien est envoyé à {name} ; l’ancien lien ne fonctionne plus.",
    )


@require_POST
def opinion_revoke(request, pk, opinion_pk):
    return _opinion_action(
        request,
        pk,
        opinion_pk,
        services.opinion_revoke,
        "La demande d’avis à {name} est révoquée : son lien ne fonctionne plus.",
    )


@require_POST
def scores(request, pk):
    application, done = _action(request, pk)
    form = ScoresForm(request.POST, grid=selectors.grid(application))
    if form.is_valid():
        try:
            services.scores_save(
                application=application,
                by=request.user,
                values=form.values(),
                comments=form.comments(),
                clear=form.cleared(),
                version=form.pop_version(),
            )
        except EditConflict as conflict:
            return conflict_response(
                request,
                form=form,
                current=conflict.current,
                current_values=form.saved_values(application.scores.all()),
                cancel_url=reverse("calls:instruction", args=[application.pk]),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Les notes sont enregistrées.")
            return done
    return _page(request, application, scores_form=form)


@require_POST
def proposal(request, pk):
    application, done = _action(request, pk)
    form = ProposalForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_make(application=application, by=request.user, **form.cleaned_data)
        except EditConflict as conflict:
            current = conflict.current
            return conflict_response(
                request,
                form=form,
                current=current,
                current_values={
                    "proposal": current.proposal,
                    "motivation": current.proposal_motivation,
                },
                cancel_url=reverse("calls:instruction", args=[application.pk]),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "La proposition est transmise à la cellule nationale.")
            return done
    return _page(request, application, proposal_form=form)


@confirmed_action
@require_http_methods(["GET", "POST"])
def transition(request, pk, name):
    """GET: the confirmation page of the move (with its motivation, amount…); POST: the move,
    once confirmed (a POST from the instruction page's forms lands on the confirmation page,
    its fields kept)."""
    application = perms.get_application_for_user(request, pk, need="view")
    candidates = [t for t in TRANSITIONS if t.name == name and t.actor != APPLICANT]
    if not candidates:
        raise Http404("Action inconnue.")
    chosen = next((t for t in candidates if t.source == application.state), candidates[0])
    if not may_move(request.user, application, chosen):
        raise PermissionDenied("Vous ne pouvez pas faire ce changement d’état.")
    form = _transition_form(
        chosen, request.POST if request.method == "POST" else None, application=application
    )
    confirmation = move_confirmation(
        application,
        chosen,
        by=request.user,
        cancel_url=reverse("calls:instruction", args=[application.pk]),
    )
    if not is_confirmed(request):
        return confirmation_page(request, confirmation, form=form)
    if form.is_valid():
        try:
            if isinstance(form, DecisionForm):
                services.application_decide(
                    application=application, name=name, by=request.user, **form.cleaned_data
                )
            else:
                move(application=application, name=name, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                messages.error(request, " ".join(error.messages))
                return redirect("calls:instruction", pk=application.pk)
            add_errors(form, error)
        else:
            messages.success(
                request, f"La candidature est désormais « {application.get_state_display()} »."
            )
            return redirect("calls:instruction", pk=application.pk)
    return confirmation_page(request, confirmation, form=form, status=400)


@require_POST
def region_move(request, pk):
    """The national cell hands the file to another région's instruction."""
    application, done = _action(request, pk)
    form = RegionMoveForm(request.POST)
    if form.is_valid():
        try:
            application_region_move(application=application, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, f"La candidature est confiée à la région {form.cleaned_data['region']}."
            )
            return done
    return _page(request, application, region_form=form)
