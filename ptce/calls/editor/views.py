"""Pages of the call editor: calls, phases, publication, and the régions' instructors. The form
and the grid are in `views_form.py`. Everything is the national cell's (`perms.can_manage_calls`):
anyone else logged in gets 403."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from ptce.core import once
from ptce.core.confirm import Confirmation, confirmation_page, confirmed_action, is_confirmed
from ptce.core.versioning import EditConflict, conflict_response

from .. import perms
from ..models import Call, Phase
from . import instructors as instructor_services
from . import selectors, services
from .forms import CallForm, InstructorForm, PhaseForm, RegionChoiceForm


def posted(request):
    return request.POST if request.method == "POST" else None


def ensure_editor(request) -> None:
    if not perms.can_manage_calls(request.user):
        raise PermissionDenied("Réservé à la cellule nationale.")


def add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def form_view(request, form, *, save, done_url, done_message, cancel_url, template, **context):
    """The one shape of the editor's create and edit pages: a creation form is armed
    (`once`), an edit form carries its version; `save(version=…, **cleaned_data)` is the
    service; its `ValidationError`s go back on the fields, nothing written."""
    creating = getattr(form.instance, "pk", None) is None if hasattr(form, "instance") else True
    if creating:
        once.arm(form)
    if request.method == "POST" and form.is_valid():
        if replayed := once.replay(request, form):
            return replayed
        version = form.pop_version()
        try:
            obj = save(version=version, **form.cleaned_data)
        except EditConflict as conflict:
            return conflict_response(
                request, form=form, current=conflict.current, cancel_url=cancel_url
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done_message(obj))
            return once.done(form, redirect(done_url(obj)))
    status = 400 if form.is_bound else 200
    return render(
        request, template, {"form": form, "cancel_url": cancel_url, **context}, status=status
    )


# --- Calls ------------------------------------------------------------------------------------


def call_list(request):
    ensure_editor(request)
    return render(request, "calls/editor/calls.html", {"calls": selectors.calls_for_editor()})


def call_create(request):
    ensure_editor(request)
    form = CallForm(posted(request))
    return form_view(
        request,
        form,
        save=lambda version, **data: services.call_create(by=request.user, **data),
        done_url=lambda call: reverse("calls:editor_call", args=[call.pk]),
        done_message=lambda call: f"L’appel « {call.name} » est créé ; il n’est pas publié.",
        cancel_url=reverse("calls:editor_calls"),
        template="calls/editor/form_page.html",
        title="Nouvel appel",
    )


def call_edit(request, call_pk):
    ensure_editor(request)
    call = get_object_or_404(Call, pk=call_pk)
    form = CallForm(posted(request), instance=call)
    return form_view(
        request,
        form,
        save=lambda version, **data: services.call_update(call=call, version=version, **data),
        done_url=lambda call: reverse("calls:editor_call", args=[call.pk]),
        done_message=lambda call: f"L’appel « {call.name} » est enregistré.",
        cancel_url=reverse("calls:editor_calls"),
        template="calls/editor/call.html",
        call=call,
        phases=selectors.call_phases(call),
        documents=selectors.call_documents(call),
    )


def _publication(request, call_pk, *, publish: bool):
    ensure_editor(request)
    call = get_object_or_404(Call, pk=call_pk)
    back = reverse("calls:editor_call", args=[call.pk])
    if is_confirmed(request):
        act = services.call_publish if publish else services.call_unpublish
        try:
            act(call=call, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, f"L’appel « {call.name} » est {'publié' if publish else 'retiré'}."
            )
        return redirect(back if Call.objects.filter(pk=call.pk).exists() else "calls:editor_calls")
    if publish:
        confirmation = Confirmation(
            title="Publier l’appel",
            subject=f"l’appel « {call.name} »",
            cancel_url=back,
            effects=[
                "L’appel et ses phases apparaissent sur la page publique des appels.",
                "Les pôles éligibles peuvent déposer leur candidature aux phases ouvertes.",
            ],
            irreversible=False,
        )
    else:
        confirmation = Confirmation(
            title="Retirer l’appel de la publication",
            subject=f"l’appel « {call.name} »",
            cancel_url=back,
            effects=[
                "L’appel disparaît des pages publiques.",
                "Aucune nouvelle candidature ne peut être créée ; celles en cours sont gardées.",
            ],
            irreversible=False,
        )
    return confirmation_page(request, confirmation)


@confirmed_action
def call_publish(request, call_pk):
    return _publication(request, call_pk, publish=True)


@confirmed_action
def call_unpublish(request, call_pk):
    return _publication(request, call_pk, publish=False)


@confirmed_action
def call_delete(request, call_pk):
    """Refused, with the reasons shown before confirming, while the call is published or has
    applications (checked again under lock)."""
    ensure_editor(request)
    call = get_object_or_404(Call, pk=call_pk)
    back = reverse("calls:editor_call", args=[call.pk])
    if is_confirmed(request):
        try:
            services.call_delete(call=call, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            gone = not Call.objects.filter(pk=call.pk).exists()  # deleted by someone else
            return redirect("calls:editor_calls" if gone else back)
        messages.success(request, f"L’appel « {call.name} » est supprimé.")
        return redirect("calls:editor_calls")
    refusals = forms.Form({})
    refusals.is_valid()
    for reason in services.call_deletion_errors(call):
        refusals.add_error(None, reason)
    confirmation = Confirmation(
        title="Supprimer l’appel",
        subject=f"l’appel « {call.name} »",
        cancel_url=back,
        effects=[
            "L’appel disparaît de la liste des appels.",
            "Ses phases, avec leurs formulaires de candidature et leurs grilles de notation, "
            "sont supprimées avec lui, ainsi que son bouquet de services et les questions de "
            "ses rapports.",
            "Ses documents publics sont supprimés et leurs fichiers effacés du stockage.",
        ],
    )
    return confirmation_page(request, confirmation, form=refusals)


# --- Phases -----------------------------------------------------------------------------------


def _phase_data(data: dict) -> dict:
    data = dict(data)
    data["regions"] = list(data.get("regions") or [])
    return data


def phase_create(request, call_pk):
    ensure_editor(request)
    call = get_object_or_404(Call, pk=call_pk)
    form = PhaseForm(posted(request), call=call)
    return form_view(
        request,
        form,
        save=lambda version, **data: services.phase_create(call=call, **_phase_data(data)),
        done_url=lambda phase: reverse("calls:editor_phase", args=[phase.pk]),
        done_message=lambda phase: f"La phase {phase.number} « {phase.name} » est créée.",
        cancel_url=reverse("calls:editor_call", args=[call.pk]),
        template="calls/editor/form_page.html",
        title=f"Nouvelle phase de l’appel « {call.name} »",
        call=call,
    )


def phase_edit(request, phase_pk):
    ensure_editor(request)
    phase = get_object_or_404(Phase.objects.select_related("call"), pk=phase_pk)
    form = PhaseForm(posted(request), instance=phase, call=phase.call)
    return form_view(
        request,
        form,
        save=lambda version, **data: services.phase_update(
            phase=phase, version=version, **_phase_data(data)
        ),
        done_url=lambda phase: reverse("calls:editor_phase", args=[phase.pk]),
        done_message=lambda phase: f"La phase {phase.number} « {phase.name} » est enregistrée.",
        cancel_url=reverse("calls:editor_call", args=[phase.call_id]),
        template="calls/editor/phase.html",
        call=phase.call,
        phase=phase,
    )


@confirmed_action
def phase_delete(request, phase_pk):
    """Refused, with the reasons shown before confirming, while the phase has applications, is
    required by another phase or is the call's only one (checked again under lock)."""
    ensure_editor(request)
    phase = get_object_or_404(Phase.objects.select_related("call"), pk=phase_pk)
    call_url = reverse("calls:editor_call", args=[phase.call_id])
    if is_confirmed(request):
        try:
            services.phase_delete(phase=phase, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("calls:editor_phase", phase.pk)
        messages.success(request, f"La phase {phase.number} « {phase.name} » est supprimée.")
        return redirect(call_url)
    refusals = forms.Form({})
    refusals.is_valid()
    for reason in services.phase_deletion_errors(phase):
        refusals.add_error(None, reason)
    confirmation = Confirmation(
        title="Supprimer la phase",
        subject=f"la phase {phase.number} « {phase.name} » de l’appel « {phase.call.name} »",
        cancel_url=reverse("calls:editor_phase", args=[phase.pk]),
        effects=[
            "La phase disparaît de l’appel et de sa page publique.",
            "Son formulaire de candidature et sa grille de notation sont supprimés avec elle.",
        ],
    )
    return confirmation_page(request, confirmation, form=refusals)


# --- The régions' instructors -----------------------------------------------------------------


def instructor_list(request):
    ensure_editor(request)
    form = InstructorForm(posted(request))
    once.arm(form)
    if request.method == "POST" and form.is_valid():
        if replayed := once.replay(request, form):
            return replayed
        try:
            user, created = instructor_services.instructor_invite(
                by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            region = form.cleaned_data["region"].name
            messages.success(
                request,
                f"{user.email} instruit désormais la région {region} ; "
                + (
                    "un courriel l’invite à choisir son mot de passe."
                    if created
                    else "un courriel l’en informe."
                ),
            )
            return once.done(form, redirect("calls:editor_instructors"))
    return render(
        request,
        "calls/editor/instructors.html",
        {"form": form, "regions": selectors.instructors_by_region()},
        status=400 if form.is_bound else 200,
    )


@confirmed_action
def instructor_remove(request, user_pk):
    ensure_editor(request)
    user = get_object_or_404(
        get_user_model().objects.filter(is_instructor=True, is_national_instructor=False),
        pk=user_pk,
    )
    back = reverse("calls:editor_instructors")
    form = RegionChoiceForm(request.POST if is_confirmed(request) else None, user=user)
    if form.is_bound and form.is_valid():
        region = form.cleaned_data["region"]
        try:
            instructor_services.instructor_region_remove(user=user, region=region)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{user.email} n’instruit plus la région {region.name}.")
            return redirect(back)
    confirmation = Confirmation(
        title="Retirer une région à l’instructeur",
        subject=f"le compte {user.email}",
        cancel_url=back,
        effects=[
            "Il ne voit plus les candidatures ni les pôles de cette région.",
            "Sans autre région, le compte n’est plus instructeur (il reste ouvert).",
        ],
        irreversible=False,
    )
    return confirmation_page(
        request, confirmation, form=form, status=400 if form.is_bound and form.errors else 200
    )
