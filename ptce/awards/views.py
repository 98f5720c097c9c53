"""The instruction's pages: create an agreement from the decision, the follow-up list, an
agreement's page, its edit, files, moves, instalments and committees. Instructors of the
région and the national cell follow an agreement; its pole's coordinators read it (403 here);
anyone else gets 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ptce.calls import perms as calls_perms
from ptce.calls.models import ApplicationState
from ptce.core import once
from ptce.core.files import private_file_response
from ptce.core.versioning import EditConflict, conflict_response

from . import perms, selectors, services, services_bouquet, services_schedule
from .forms import (
    AgreementForm,
    CommitteeForm,
    ConditionForm,
    DeliveryForm,
    FilterForm,
    InstalmentForm,
    MoveForm,
    PayForm,
    ReportScheduleForm,
    UploadForm,
)
from .models import AgreementFile, Instalment
from .workflow import AGREEMENT_WORKFLOW, INSTALMENT_WORKFLOW

PAGE_SIZE = 25


def add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def agreement_create(request, pk):
    """« Créer la convention » on a laureate application, prefilled from the decision; an
    agreement that exists already is shown instead of a second one."""
    application = calls_perms.get_application_for_user(request, pk, need="instruct")
    existing = application.agreements.first()
    if existing is not None:
        return redirect("awards:agreement", pk=existing.pk)
    laureate = application.state == ApplicationState.LAUREATE
    form = AgreementForm(
        request.POST if request.method == "POST" else None,
        initial=services.agreement_initial(application) if laureate else {},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                agreement, created = services.agreement_create(
                    application=application, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                if created:
                    messages.success(request, "La convention est créée, en brouillon.")
                return redirect("awards:agreement", pk=agreement.pk)
        status = 400
    return render(
        request,
        "awards/create.html",
        {"application": application, "form": form, "laureate": laureate},
        status=status,
    )


def follow_up_list(request):
    if not selectors.can_follow_up(request.user):
        raise PermissionDenied("Réservé aux instructeurs et à la cellule nationale.")
    scope = selectors.follow_up_scope(request.user)
    form = FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    agreements = selectors.filtered(
        scope,
        state=filters.get("state", ""),
        call=filters.get("call"),
        region=filters.get("region"),
    )
    page = Paginator(
        selectors.with_schedule(agreements).order_by("-created_at", "-pk"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    rows = [selectors.view_of(a) for a in page.object_list]
    return render(
        request,
        "awards/list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "to_approve": [i for row in rows for i in row.to_approve],
            "to_review": [r for row in rows for r in row.to_review],
            "to_hold": [row for row in rows if row.gaps],
            "unmet": [row for row in rows if row.unmet],
            "without_agreement": list(
                selectors.laureates_without_agreement(request.user).order_by("pole__name")[:50]
            ),
            "by_region": selectors.money_by(agreements, "application__region__name"),
            "by_call": selectors.money_by(agreements, "application__phase__call__name"),
            "querystring": request.GET.urlencode(),
        },
    )


def _page(request, agreement, status=200, **forms):
    agreement = selectors.agreement_detail(agreement.pk)
    files = list(agreement.files.all())
    context = {
        "agreement": agreement,
        "application": agreement.application,
        "view": selectors.view_of(agreement),
        "conventions": [f for f in files if f.committee_id is None],
        "committees": [
            (c, [f for f in files if f.committee_id == c.pk]) for c in agreement.committees.all()
        ],
        "moves": AGREEMENT_WORKFLOW.transitions_from(agreement.state),
        "instalments": [
            (i, INSTALMENT_WORKFLOW.transitions_from(i.state)) for i in agreement.instalments.all()
        ],
        "signature_missing": services.signature_missing(
            agreement, has_convention=any(f.committee_id is None for f in files)
        ),
        "instalment_form": forms.get("instalment_form") or InstalmentForm(),
        "committee_form": forms.get("committee_form") or CommitteeForm(),
        "upload_form": forms.get("upload_form") or UploadForm(),
        "report_form": ReportScheduleForm(),
        "delivery_form": forms.get("delivery_form")
        or once.arm(DeliveryForm(items=services_bouquet.catalogue(agreement))),
        "deliveries": agreement.deliveries.select_related("item").order_by("date", "pk"),
    }
    return render(request, "awards/agreement.html", context, status=status)


def agreement_page(request, pk):
    agreement = perms.get_agreement_for_user(request, pk)
    return _page(request, agreement)


def agreement_edit(request, pk):
    agreement = perms.get_agreement_for_user(request, pk)
    form = AgreementForm(request.POST if request.method == "POST" else None, instance=agreement)
    if request.method == "POST":
        if form.is_valid():
            version = form.pop_version()
            try:
                services.agreement_update(
                    agreement=agreement, version=version, by=request.user, **form.cleaned_data
                )
            except EditConflict as conflict:
                return conflict_response(
                    request, form=form, current=conflict.current, title="Modifier la convention"
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, "La convention est enregistrée.")
                return redirect("awards:agreement", pk=agreement.pk)
        return render(
            request, "awards/edit.html", {"agreement": agreement, "form": form}, status=400
        )
    return render(request, "awards/edit.html", {"agreement": agreement, "form": form})


def convention_upload(request, pk):
    agreement = perms.get_agreement_for_user(request, pk)
    form = UploadForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.convention_upload(
                    agreement=agreement, uploaded_file=form.cleaned_data["file"], by=request.user
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, "La convention signée est déposée.")
                return redirect("awards:agreement", pk=agreement.pk)
        return _page(request, agreement, status=400, upload_form=form)
    return _page(request, agreement, upload_form=form)


def _transition_or_404(workflow, name, state):
    candidates = [t for t in workflow.transitions if t.name == name]
    if not candidates:
        raise Http404("Action inconnue.")
    return next((t for t in candidates if t.source == state), candidates[0])


def agreement_transition(request, pk, name):
    """GET: the confirmation page (with the reason when one is needed); POST: the move."""
    agreement = perms.get_agreement_for_user(request, pk)
    transition = _transition_or_404(AGREEMENT_WORKFLOW, name, agreement.state)
    form = MoveForm(request.POST if request.method == "POST" else None)
    return _move_page(
        request,
        agreement,
        transition,
        form,
        subject=None,
        move=lambda: services.agreement_move(
            agreement=agreement, name=name, by=request.user, **form.cleaned_data
        ),
        done="La convention est désormais « {} ».",
    )


def _move_page(request, agreement, transition, form, *, subject, move, done):
    """The confirmation page of a move and, on POST, the move: `move()` returns the moved row,
    `done` the success message with a slot for its new state."""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                moved = move()
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, done.format(moved.get_state_display()))
                return redirect("awards:agreement", pk=agreement.pk)
        status = 400
    return render(
        request,
        "awards/confirm.html",
        {"agreement": agreement, "transition": transition, "form": form, "subject": subject},
        status=status,
    )


def instalment_add(request, pk):
    agreement = perms.get_agreement_for_user(request, pk)
    form = InstalmentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services_schedule.instalment_schedule(
                    agreement=agreement, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, "Le versement est ajouté à l’échéancier.")
                return redirect("awards:agreement", pk=agreement.pk)
        return _page(request, agreement, status=400, instalment_form=form)
    return _page(request, agreement, instalment_form=form)


def _instalment(request, pk, instalment_pk):
    agreement = perms.get_agreement_for_user(request, pk)
    return agreement, get_object_or_404(Instalment, pk=instalment_pk, agreement=agreement)


def instalment_transition(request, pk, instalment_pk, name):
    agreement, instalment = _instalment(request, pk, instalment_pk)
    transition = _transition_or_404(INSTALMENT_WORKFLOW, name, instalment.state)
    form_class = PayForm if name == "pay" else MoveForm
    form = form_class(
        request.POST if request.method == "POST" else None,
        initial={"paid_amount": instalment.amount},
    )
    return _move_page(
        request,
        agreement,
        transition,
        form,
        subject=instalment,
        move=lambda: services_schedule.instalment_move(
            instalment=instalment, name=name, by=request.user, **form.cleaned_data
        ),
        done="Le versement est désormais « {} ».",
    )


@require_POST
def instalment_condition(request, pk, instalment_pk):
    agreement, instalment = _instalment(request, pk, instalment_pk)
    form = ConditionForm(request.POST)
    form.is_valid()
    try:
        services_schedule.instalment_condition_set(
            instalment=instalment, met=form.cleaned_data.get("met", False), by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "La condition du versement est enregistrée.")
    return redirect("awards:agreement", pk=agreement.pk)


def committee_add(request, pk):
    agreement = perms.get_agreement_for_user(request, pk)
    form = CommitteeForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services_schedule.committee_record(agreement=agreement, by=request.user, **data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, "Le comité de suivi est enregistré.")
                return redirect("awards:agreement", pk=agreement.pk)
        return _page(request, agreement, status=400, committee_form=form)
    return _page(request, agreement, committee_form=form)


def file_download(request, pk, file_pk):
    agreement = perms.get_agreement_for_user(request, pk, need="read")
    return private_file_response(get_object_or_404(AgreementFile, pk=file_pk, agreement=agreement))


def delivery_add(request, pk):
    """Record a service of the bouquet received by the laureate (a creation form: once)."""
    agreement = perms.get_agreement_for_user(request, pk)
    form = once.arm(
        DeliveryForm(
            request.POST if request.method == "POST" else None,
            items=services_bouquet.catalogue(agreement),
        )
    )
    if request.method == "POST":
        if form.is_valid():
            if replayed := once.replay(request, form):
                return replayed
            try:
                services_bouquet.delivery_record(
                    agreement=agreement, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, "Le service reçu est enregistré.")
                return once.done(form, redirect("awards:agreement", pk=agreement.pk))
        return _page(request, agreement, status=400, delivery_form=form)
    return _page(request, agreement, delivery_form=form)
