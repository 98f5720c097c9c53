from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from ptce.calls.perms import can_manage_calls
from ptce.poles.handover import can_create_for_coordinator

from . import counter
from .selectors import dashboard_for_user
from .todo import todo_for_user


def dashboard(request):
    """« Mon espace »: first what waits for the user, by role, then their poles and roles."""
    context = dashboard_for_user(request.user)
    sections = todo_for_user(request.user, context["roles"])
    context["todo_sections"] = sections
    context["todo_count"] = sum(section.count for section in sections)
    counter.remember(request.user, context["todo_count"])
    manages_calls = can_manage_calls(request.user)
    context["todo_menu"] = {
        "id": "menu-mon-espace",
        "title": "Mon espace",
        "button": "Dans Mon espace",
        "items": [
            {"key": s.key, "label": f"{s.title} ({s.count})", "url": f"#{s.key}"} for s in sections
        ]
        + (
            [{"key": "", "label": "Mes pôles", "url": "#poles-titre"}]
            if context["roles"] or not request.user.is_instructor
            else []
        )
        + ([{"key": "", "label": "Appels", "url": "#appels-titre"}] if manages_calls else []),
    }
    context["can_manage_calls"] = manages_calls
    context["can_create_for_coordinator"] = can_create_for_coordinator(request.user)
    return render(request, "www/dashboard/dashboard.html", context)


@require_GET
def todo_link(request):
    """The header's « Mon espace » link with the person's to-do count, asked for by the link
    once its page is loaded when the count was not known yet (`counter`)."""
    dashboard_url = reverse("core:dashboard")
    return render(
        request,
        "partials/todo_link.html",
        {
            "todo": counter.todo_count(request.user),
            "dashboard_url": dashboard_url,
            "here": request.GET.get("ici", ""),
        },
    )
