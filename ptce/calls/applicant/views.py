"""The applicant's pages: a pole's applications, create, read, edit by section, co-editors,
submit, withdraw, and the download of an attached file.

Permissions: the pole's applications page is for its coordinators, the instructors of its région
and admins (a member of the pole gets 403, anyone else 404). An application is read through
`perms.get_application_for_user` (404 to strangers, 403 to read-only viewers); answers are
changed by the author and co-editors only, in the editable states only. The applicant never
sees annotations, scores, opinions or the regional proposal.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods

from ptce.core import once
from ptce.core.confirm import FIELD, VALUE, confirmation_page, confirmed_action, is_confirmed
from ptce.core.files import private_file_response
from ptce.core.versioning import EditConflict, conflict_response
from ptce.poles.models import Pole
from ptce.poles.perms import can_view_internal, is_coordinator, is_instructor_for

from .. import perms
from ..confirmations import move_confirmation
from ..decision.selectors import letter_status
from ..instruction import selectors as instruction_selectors
from ..models import ApplicationFile, Phase
from ..notifications import applicant_side
from ..workflow import EDITABLE_STATES, WORKFLOW
from . import selectors, services
from .completeness import missing_items
from .compliance import compliance_report, live_checks, refresh_computed_answers
from .eligibility import check_eligibility
from .formbuilder import form_structure, is_computed, section_form
from .forms import CoeditorForm, WithdrawForm

GET_POST = require_http_methods(["GET", "POST"])


def optional_url(name: str, *args) -> str:
    """The URL of a page another part of the app provides, or "" while it does not exist."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def may_withdraw(application) -> bool:
    return any(t.name == "withdraw" for t in WORKFLOW.transitions_from(application.state))


def _errors(error: ValidationError) -> list[str]:
    return list(error.messages)


def _pole_for_applications(request, slug: str) -> Pole:
    pole = get_object_or_404(Pole.objects.select_related("region"), slug=slug)
    user = request.user
    if perms.is_admin(user) or is_coordinator(user, pole) or is_instructor_for(user, pole):
        return pole
    if can_view_internal(user, pole):
        raise PermissionDenied("Les candidatures sont réservées aux coordinateurs du pôle.")
    raise Http404("Pôle introuvable.")


def pole_applications(request, slug):
    pole = _pole_for_applications(request, slug)
    may_apply = is_coordinator(request.user, pole)
    return render(
        request,
        "calls/applicant/pole_list.html",
        {
            "pole": pole,
            "applications": list(selectors.pole_applications(pole)),
            "phases": selectors.phases_for_pole(pole) if may_apply else [],
            "may_apply": may_apply,
        },
    )


@GET_POST
def application_create(request, slug, phase_pk):
    pole = _pole_for_applications(request, slug)
    if not is_coordinator(request.user, pole):
        raise PermissionDenied("Seuls les coordinateurs du pôle peuvent candidater pour lui.")
    phase = get_object_or_404(
        Phase.objects.select_related("call", "requires_phase").filter(call__is_published=True),
        pk=phase_pk,
    )
    errors = []
    once_form = once.blank(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if replayed := once.replay(request, once_form):
            return replayed
        try:
            application = services.application_create(pole=pole, phase=phase, by=request.user)
        except ValidationError as error:
            errors = _errors(error)
        else:
            messages.success(request, "La candidature est créée : complétez-la puis déposez-la.")
            return once.done(once_form, redirect("calls:application_edit", application.pk))
    return render(
        request,
        "calls/applicant/create.html",
        {
            "pole": pole,
            "phase": phase,
            "reasons": errors or check_eligibility(pole, phase),
            "once_form": once_form,
        },
    )


def application_detail(request, pk):
    application = perms.get_application_for_user(request, pk, need="view")
    user = request.user
    is_applicant = perms.is_applicant(user, application)
    can_edit = perms.can_edit_answers(user, application)
    editable = application.state in EDITABLE_STATES
    return render(
        request,
        "calls/applicant/detail.html",
        {
            "compliance": compliance_report(application),
            "application": application,
            "pole": application.pole,
            "answers_view": selectors.answers_view(application, draft=is_applicant and editable),
            "history": selectors.application_history(application),
            "missing": missing_items(application) if can_edit and editable else [],
            "is_applicant": is_applicant,
            "can_edit": can_edit and editable,
            "can_withdraw": can_edit and may_withdraw(application),
            "coeditors": list(application.co_editors.order_by("last_name", "email")),
            "shared_opinions": instruction_selectors.shared_opinions(application),
            "decision_letter": letter_status(application),
            "messages_url": optional_url("calls:messages", application.pk),
            "instruction_url": optional_url("calls:instruction", application.pk)
            if perms.can_instruct(user, application)
            else "",
        },
    )


def _refuse_if_locked(request, application):
    if application.state in EDITABLE_STATES:
        return None
    messages.error(
        request,
        services.NOT_EDITABLE.format(state=application.get_state_display()),
    )
    return redirect("calls:application_detail", application.pk)


def _sections_menu(application, sections) -> dict:
    """The form's sections as the one side menu (`partials/sidemenu.html`)."""
    edit = reverse("calls:application_edit", args=[application.pk])
    items = [{"key": s.pk, "label": s.title, "url": f"{edit}?section={s.pk}"} for s in sections]
    items.append(
        {
            "key": "",
            "label": "Vérifier et déposer",
            "url": reverse("calls:application_submit", args=[application.pk]),
        }
    )
    return {
        "id": "sections-menu",
        "title": "Sections du formulaire",
        "button": "Sections",
        "items": items,
    }


@GET_POST
def application_edit(request, pk):
    application = perms.get_application_for_user(request, pk, need="edit")
    locked = _refuse_if_locked(request, application)
    if locked:
        return locked
    structure = form_structure(application.phase, revision=application.form_revision_id)
    if not structure:
        messages.info(request, "Le formulaire de cette phase n’a pas encore de section.")
        return redirect("calls:application_detail", application.pk)
    wanted = request.GET.get("section", "")
    index = next((i for i, (s, _) in enumerate(structure) if str(s.pk) == wanted), 0)
    section, questions = structure[index]
    form = section_form(application, section, questions)
    if request.method == "POST":
        try:
            services.application_save_answers(
                application=application,
                section=section,
                data=request.POST,
                files=request.FILES,
                by=request.user,
            )
        except services.AnswersInvalid as invalid:
            form = invalid.form
            messages.error(request, invalid.messages[0])
        except EditConflict as conflict:
            return _section_conflict(request, conflict.current, section, questions)
        except ValidationError as error:
            for message in _errors(error):
                messages.error(request, message)
            return redirect("calls:application_detail", application.pk)
        else:
            messages.success(request, f"Section « {section.title} » enregistrée.")
            target = index + 1 if request.POST.get("action") == "suivante" else index
            if target >= len(structure):
                return redirect("calls:application_submit", application.pk)
            url = reverse("calls:application_edit", args=[application.pk])
            return redirect(f"{url}?section={structure[target][0].pk}")
    return render(
        request,
        "calls/applicant/edit.html",
        {
            "application": application,
            "pole": application.pole,
            "sections_menu": _sections_menu(application, [s for s, _ in structure]),
            "section": section,
            "is_last": index == len(structure) - 1,
            "form": form,
            # The art. 9 block, computed from the pole's data: shown, never posted.
            "compliance_checks": live_checks(application.pole)
            if any(is_computed(q) for q in questions)
            else [],
        },
    )


def _section_conflict(request, current, section, questions):
    """Someone saved this section since the page was loaded: their answers next to yours."""
    form = section_form(current, section, questions, data=request.POST, files=request.FILES)
    form.is_valid()
    return conflict_response(
        request,
        form=form,
        current=current,
        current_values=form.saved_values(),
        application=current,
        pole=current.pole,
        cancel_url=f"{reverse('calls:application_edit', args=[current.pk])}?section={section.pk}",
    )


@GET_POST
def application_coeditors(request, pk):
    application = perms.get_application_for_user(request, pk, need="view")
    user = request.user
    if not (perms.is_applicant(user, application) or perms.is_admin(user)):
        raise PermissionDenied("Réservé aux coordinateurs du pôle.")
    may_change = perms.is_admin(user) or perms.can_edit_answers(user, application)
    if request.method == "POST" and not may_change:
        raise PermissionDenied("Seuls l’auteur et les co-rédacteurs invitent des co-rédacteurs.")
    candidates = selectors.coeditor_candidates(application)
    form = CoeditorForm(
        request.POST if request.method == "POST" and "ajouter" in request.POST else None,
        candidates=candidates,
    )
    if request.method == "POST":
        try:
            if "retirer" in request.POST:
                removed = get_object_or_404(application.co_editors, pk=request.POST["retirer"])
                services.application_coeditor_remove(application=application, user=removed, by=user)
                messages.success(request, f"{removed.email} n’est plus co-rédacteur.")
                return redirect("calls:application_coeditors", application.pk)
            if form.is_valid():
                added = form.cleaned_data["user"]
                services.application_coeditor_add(application=application, user=added, by=user)
                messages.success(request, f"{added.email} peut maintenant modifier la candidature.")
                return redirect("calls:application_coeditors", application.pk)
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "calls/applicant/coeditors.html",
        {
            "application": application,
            "pole": application.pole,
            "coeditors": list(application.co_editors.order_by("last_name", "email")),
            "form": form,
            "may_change": may_change,
        },
    )


@confirmed_action
@GET_POST
def application_submit(request, pk):
    """GET: what the deposit will do (`calls/applicant/submit.html`, the confirmation page of
    the deposit); POST: the deposit, once confirmed."""
    application = perms.get_application_for_user(request, pk, need="edit")
    locked = _refuse_if_locked(request, application)
    if locked:
        return locked
    errors = []
    if is_confirmed(request):
        try:
            services.application_submit(application=application, by=request.user)
        except ValidationError as error:
            errors = _errors(error)
        else:
            messages.success(request, "La candidature est déposée. L’instruction en est avertie.")
            return redirect("calls:application_detail", application.pk)
    name = "resubmit" if application.state == "complement" else "submit"
    transition = next(
        (t for t in WORKFLOW.transitions_from(application.state) if t.name == name), None
    )
    # What the deposit would record: the art. 9 block as the pole's data stand now (in memory).
    structure = form_structure(application.phase, revision=application.form_revision_id)
    refresh_computed_answers(application, structure)
    missing = missing_items(application, structure)
    compliance = compliance_report(application, live=True)
    return render(
        request,
        "calls/applicant/submit.html",
        {
            "application": application,
            "pole": application.pole,
            "missing": missing,
            "compliance": compliance,
            "can_deposit": not missing and not compliance.blocks_deposit,
            "summary": selectors.deposit_summary(application, missing),
            "acknowledged_to": applicant_side(application),
            "errors": errors,
            "is_resubmission": application.state == "complement",
            "confirmation": transition
            and move_confirmation(application, transition, by=request.user),
            "confirmation_field": FIELD,
            "confirmation_value": VALUE,
        },
    )


@confirmed_action
@GET_POST
def application_withdraw(request, pk):
    """GET: the confirmation page of the withdrawal (`ptce.core.confirm`), with its
    motivation; POST: the withdrawal, once confirmed."""
    application = perms.get_application_for_user(request, pk, need="edit")
    transition = next(
        (t for t in WORKFLOW.transitions_from(application.state) if t.name == "withdraw"), None
    )
    if transition is None:
        return render(
            request,
            "calls/applicant/withdraw.html",
            {"application": application, "pole": application.pole},
        )
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    confirmation = move_confirmation(application, transition, by=request.user)
    if not is_confirmed(request):
        return confirmation_page(request, confirmation, form=form)
    if form.is_valid():
        try:
            services.application_withdraw(
                application=application,
                by=request.user,
                motivation=form.cleaned_data["motivation"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "La candidature est retirée.")
            return redirect("calls:application_detail", application.pk)
    return confirmation_page(request, confirmation, form=form, status=400)


def application_file(request, pk, file_pk):
    application = perms.get_application_for_user(request, pk, need="view")
    stored = get_object_or_404(ApplicationFile, pk=file_pk, application=application)
    return private_file_response(stored)
