from django.shortcuts import render


def dashboard(request):
    """« Mon espace »: the user's poles and roles (filled by the poles app selectors)."""
    from ptce.poles.selectors import dashboard_for_user

    return render(request, "core/dashboard.html", dashboard_for_user(request.user))
