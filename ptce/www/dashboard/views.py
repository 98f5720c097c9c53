from django.shortcuts import render

from ptce.assessments.evaluation.selectors import sheets_to_fill
from ptce.poles.handover import can_create_for_coordinator

from .selectors import dashboard_for_user


def dashboard(request):
    """« Mon espace »: the user's poles and roles, and the sheets waiting for them."""
    context = dashboard_for_user(request.user)
    context["sheets_to_fill"] = sheets_to_fill(request.user)
    context["can_create_for_coordinator"] = can_create_for_coordinator(request.user)
    return render(request, "www/dashboard/dashboard.html", context)
