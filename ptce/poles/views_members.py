"""A pole's member organisations, its people and their invitations."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ptce.core import once
from ptce.core.forms import DsfrForm
from ptce.core.versioning import EditConflict, conflict_response
from ptce.organisations.forms import OrganisationForm
from ptce.organisations.models import Organisation
from ptce.organisations.selectors import organisation_namesake, organisation_search
from ptce.organisations.services import organisation_create
from ptce.organisations.sirene import organisation_initial
from ptce.organisations.validators import normalize_siret
from ptce.sirene.selectors import sirene_search, sirene_unit

from . import perms, selectors
from .forms import InvitationForm, MembershipRoleForm
from .models import Invitation, Membership, PolePerson
from .organisation_access import can_view_organisation
from .services_members import (
    invitation_accept,
    invitation_cancel,
    invitation_create,
    invitation_from_token,
    invitation_problem,
    membership_add,
    membership_end,
    membership_update,
    person_remove,
)


def _attempt(request, action, success: str) -> None:
    """Run a one-click service call and tell the outcome, in French, either way."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)


def members(request, slug):
    pole = perms.get_pole_for_user(request, slug, need="manage")
    return render(
        request,
        "poles/manage/members.html",
        {"pole": pole, "tab": "members", "memberships": selectors.current_memberships(pole)},
    )


def membership_edit(request, slug, pk):
    pole = perms.get_pole_for_user(request, slug, need="manage")
    membership = get_object_or_404(
        Membership.objects.current().select_related("organisation"), pk=pk, pole=pole
    )
    form = MembershipRoleForm(
        request.POST if request.method == "POST" else None, instance=membership
    )
    if request.method == "POST" and form.is_valid():
        try:
            membership_update(membership=membership, left_on=None, **form.cleaned_data)
        except EditConflict as conflict:
            return conflict_response(
                request,
                form=form,
                current=conflict.current,
                cancel_url=reverse("poles:members", args=[pole.slug]),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Le rôle de « {membership.organisation} » est enregistré.")
            return redirect("poles:members", slug=pole.slug)
    return render(
        request,
        "poles/manage/membership_form.html",
        {"pole": pole, "tab": "members", "form": form, "membership": membership},
    )


@require_POST
def membership_remove(request, slug, pk):
    pole = perms.get_pole_for_user(request, slug, need="manage")
    membership = get_object_or_404(
        Membership.objects.select_related("organisation"), pk=pk, pole=pole
    )
    _attempt(
        request,
        lambda: membership_end(membership=membership),
        f"« {membership.organisation} » ne fait plus partie du pôle.",
    )
    return redirect("poles:members", slug=pole.slug)


def people(request, slug):
    pole = perms.get_pole_for_user(request, slug, need="manage")
    form = once.arm(InvitationForm(request.POST if request.method == "POST" else None, pole=pole))
    if request.method == "POST" and form.is_valid():
        if replayed := once.replay(request, form):
            return replayed
        try:
            invitation_create(pole=pole, invited_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request, f"Une invitation a été envoyée à {form.cleaned_data['email']}."
            )
            return once.done(form, redirect("poles:people", slug=pole.slug))
    return render(
        request,
        "poles/manage/people.html",
        {
            "pole": pole,
            "tab": "people",
            "people": selectors.pole_people(pole),
            "invitations": selectors.pole_pending_invitations(pole),
            "form": form,
        },
    )


@require_POST
def person_delete(request, slug, pk):
    pole = perms.get_pole_for_user(request, slug, need="manage")
    person = get_object_or_404(PolePerson.objects.select_related("user"), pk=pk, pole=pole)
    _attempt(
        request,
        lambda: person_remove(person=person),
        f"{person.user} n’a plus de rôle dans le pôle.",
    )
    return redirect("poles:people", slug=pole.slug)


@require_POST
def invitation_delete(request, slug, pk):
    pole = perms.get_pole_for_user(request, slug, need="manage")
    invitation = get_object_or_404(Invitation, pk=pk, pole=pole)
    _attempt(
        request,
        lambda: invitation_cancel(invitation=invitation),
        f"L’invitation de {invitation.email} est annulée.",
    )
    return redirect("poles:people", slug=pole.slug)


class AccountForm(DsfrForm, SetPasswordForm):
    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    field_order = ["first_name", "last_name", "new_password1", "new_password2"]


@login_not_required
def invitation(request, token):
    """The link sent by e-mail: accept with the invited account, or create it here."""
    found = invitation_from_token(token)
    problem = invitation_problem(found)
    if problem:
        return render(
            request,
            "poles/invitation.html",
            {"problem": problem},
            status=404 if found is None else 410,
        )
    User = get_user_model()
    existing = User.objects.filter(email__iexact=found.email).first()
    context = {"invitation": found, "existing": existing}
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                invitation_accept(invitation=found, user=request.user)
            except ValidationError as error:
                context["problem"] = " ".join(error.messages)
            else:
                messages.success(request, f"Bienvenue dans le pôle « {found.pole} ».")
                return redirect("poles:internal", slug=found.pole.slug)
        return render(request, "poles/invitation.html", context)
    if existing is not None:
        return render(request, "poles/invitation.html", context)
    new_user = User(email=found.email)
    form = AccountForm(new_user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                new_user.first_name = form.cleaned_data["first_name"]
                new_user.last_name = form.cleaned_data["last_name"]
                form.save()
                invitation_accept(invitation=found, user=new_user)
        except (IntegrityError, ValidationError):
            # Sent twice at once: the first created the account and accepted the invitation.
            context["problem"] = "Cette invitation a déjà été acceptée : connectez-vous."
            return render(request, "poles/invitation.html", context, status=410)
        login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, f"Votre compte est créé. Bienvenue dans le pôle « {found.pole} »."
        )
        return redirect("poles:internal", slug=found.pole.slug)
    context["form"] = form
    return render(request, "poles/invitation.html", context)


def membership_add_view(request, slug):
    """Find an organisation (SIRET, RNA or name) and add it, or create it and add it: from the
    SIRENE copy (`?sirene=<SIREN>` prefills the form), or by hand (a SIRET searched for and found
    nowhere is carried into the form)."""
    pole = perms.get_pole_for_user(request, slug, need="manage")
    query = request.GET.get("recherche", "").strip()[:100]
    results = (
        organisation_search(query, limit=10, visible=selectors.registry_visibility(pole))
        if len(query) >= 2
        else None
    )
    sirene_units = sirene_search(query) if len(query) >= 2 else None
    chosen = sirene_unit(request.GET.get("sirene", ""))
    carried_siret = "" if results or sirene_units or chosen else _siret_or_blank(query)
    if chosen is not None:
        initial = organisation_initial(chosen)
    else:
        initial = {"siret": carried_siret} if carried_siret else {}
    role_form = MembershipRoleForm(
        request.POST if request.method == "POST" else None, prefix="adhesion"
    )
    new_form = once.arm(
        OrganisationForm(
            request.POST if request.POST.get("action") == "creer" else None,
            initial=initial,
            prefix="org",
            can_view=lambda existing: can_view_organisation(request.user, existing),
        )
    )
    namesake = None
    if request.method == "POST":
        try:
            if not role_form.is_valid():
                raise ValidationError("Choisissez le rôle de l’organisation dans le pôle.")
            with transaction.atomic():
                if request.POST.get("action") == "creer":
                    if not new_form.is_valid():
                        raise ValidationError("Corrigez les erreurs de la fiche de l’organisation.")
                    if replayed := once.replay(request, new_form):
                        return replayed
                    namesake = _unconfirmed_namesake(request, new_form.cleaned_data)
                    if namesake is not None:
                        raise ValidationError(
                            f"« {namesake} » est déjà enregistrée dans la même commune, sans "
                            "SIRET ni RNA pour les distinguer : est-ce la même organisation ?"
                        )
                    organisation = organisation_create(
                        created_by=request.user, **new_form.cleaned_data
                    )
                else:
                    pk = request.POST.get("organisation", "")
                    organisation = Organisation.objects.filter(
                        pk=int(pk) if pk.isdigit() else None
                    ).first()
                    if organisation is None:
                        raise ValidationError("Organisation introuvable : relancez la recherche.")
                membership_add(pole=pole, organisation=organisation, **role_form.cleaned_data)
        except once.AlreadyExists as error:  # a second click, or a stale search: it is done
            messages.info(request, " ".join(error.messages))
            return redirect("poles:members", slug=pole.slug)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            shared = Membership.objects.current().filter(organisation=organisation).count() > 1
            messages.success(
                request,
                f"« {organisation} » est maintenant membre du pôle."
                + (
                    " Elle est aussi membre d’autres pôles, dont la coordination en est "
                    "informée : sa fiche est partagée, ses modifications se proposent."
                    if shared
                    else ""
                ),
            )
            return once.done(new_form, redirect("poles:members", slug=pole.slug))
    return render(
        request,
        "poles/manage/member_add.html",
        {
            "pole": pole,
            "tab": "members",
            "query": query,
            "results": results,
            "sirene_units": sirene_units,
            "chosen": chosen,
            "carried_siret": carried_siret,
            "member_ids": set(
                Membership.objects.current()
                .filter(pole=pole)
                .values_list("organisation_id", flat=True)
            ),
            "role_form": role_form,
            "new_form": new_form,
            "namesake": namesake,
        },
    )


def _siret_or_blank(text: str) -> str:
    try:
        return normalize_siret(text)
    except ValidationError:
        return ""


def _unconfirmed_namesake(request, data) -> Organisation | None:
    """Without SIRET nor RNA nothing tells two records apart: an organisation of the same name
    in the same commune is offered instead, until the coordinator confirms it is another one."""
    if data.get("siret") or data.get("rna"):
        return None
    namesake = organisation_namesake(name=data["name"], commune=data.get("commune"))
    if namesake is None or request.POST.get("homonyme") == str(namesake.pk):
        return None
    return namesake
