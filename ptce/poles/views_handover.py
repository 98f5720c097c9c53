"""« Créer un pôle pour un coordinateur »: the national cell's page (`handover.py`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from ptce.core.access import user_scope

from .forms_handover import HandoverForm
from .handover import can_create_for_coordinator, pole_create_for_coordinator


def create_for_coordinator(request):
    if not can_create_for_coordinator(request.user):
        raise PermissionDenied("Cette page est réservée à la cellule nationale.")
    # An instructor of every région may verify any pole it creates (`verification.can_verify`).
    may_verify = user_scope(request.user).is_national
    form = HandoverForm(request.POST if request.method == "POST" else None, may_verify=may_verify)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pole, invitation = pole_create_for_coordinator(
                name=data["name"],
                region=data["region"],
                departements=list(data["departements"]),
                email=data["email"],
                verified=data.get("verified", False),
                created_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Le pôle « {pole.name} » est créé ({pole.get_verification_display().lower()}, "
                f"non publié). Une invitation à le coordonner est envoyée à {invitation.email}.",
            )
            return redirect("poles:internal", slug=pole.slug)
    return render(request, "poles/create_for_coordinator.html", {"form": form})
