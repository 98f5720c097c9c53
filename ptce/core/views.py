from django.shortcuts import render


def dashboard(request):
    """« Mon espace »: the user's poles and roles (filled by the poles app selectors)."""
    from ptce.assessments.evaluation.selectors import sheets_to_fill
    from ptce.poles.selectors import dashboard_for_user

    context = dashboard_for_user(request.user)
    context["sheets_to_fill"] = sheets_to_fill(request.user)
    return render(request, "core/dashboard.html", context)
