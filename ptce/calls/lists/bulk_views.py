"""The bulk actions of the instructors' list (`instruction/candidatures/lot/<action>/`).

The list's table is a GET form: the person ticks files and presses an action's button, which
opens this page, the action's confirmation: it names every chosen file and asks for the
action's fields. Its POST, confirmed, applies the action file by file (`bulk.bulk_apply`) and
returns to the list with the report. No selection: back to the list with a message; a file
outside the person's scope: 404, nothing written; the decision is the national cell's (403 for
the régions).
"""

from urllib.parse import parse_qsl, urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ptce.core import once
from ptce.core.confirm import Confirmation, confirmation_page, confirmed_action, is_confirmed
from ptce.core.todo import plural

from . import bulk, queues
from .views import _require_instruction

FIELD = "candidatures"
BACK = "retour"


def _back_url(params) -> str:
    """The list as the person left it: only its own parameters, never another address."""
    kept = [(k, v) for k, v in parse_qsl(params.get(BACK, ""))][:20]
    url = reverse("calls:instruction_list")
    return f"{url}?{urlencode(kept)}" if kept else f"{url}?onglet={queues.DEFAULT}"


def _shown_proposals(params, applications) -> dict:
    return {a.pk: params.get(f"proposition-{a.pk}") for a in applications}


def _confirmation(action, applications, params) -> Confirmation:
    count = len(applications)
    hidden = {
        FIELD: [str(a.pk) for a in applications],
        BACK: params.get(BACK, "")[:1000],
        once.FIELD: params.get(once.FIELD) or once.blank().fields[once.FIELD].initial,
    }
    if action.key == "decider":
        hidden.update({f"proposition-{a.pk}": a.proposal for a in applications})
    return Confirmation(
        title=action.title,
        subject=plural(count, "candidature choisie", "candidatures choisies") + " dans la liste",
        cancel_url=_back_url(params),
        effects=action.effects,
        emails=action.emails,
        irreversible=action.irreversible,
        hidden=hidden,
        items=[bulk.describe(a) for a in applications],
        items_title=(
            f"Les {count} candidatures concernées" if count > 1 else "La candidature concernée"
        ),
    )


@confirmed_action
@require_http_methods(["GET", "POST"])
def bulk_action(request, action):
    _require_instruction(request.user)
    chosen = bulk.ACTIONS.get(action)
    if chosen is None:
        raise Http404("Action inconnue.")
    if not chosen.may_use(request.user):
        raise PermissionDenied("Cette action est réservée à la cellule nationale.")
    params = request.POST if request.method == "POST" else request.GET
    try:
        ids = bulk.parse_ids(params.getlist(FIELD))
    except bulk.BadSelection as error:
        messages.error(request, str(error))
        return redirect(_back_url(params))
    if not ids:
        messages.error(request, "Cochez au moins une candidature de la liste.")
        return redirect(_back_url(params))
    applications = bulk.selection(request.user, ids)
    if applications is None:
        raise Http404("Une candidature choisie n’existe pas ou n’est pas de votre ressort.")
    form = chosen.form(request.user, request.POST if request.method == "POST" else None)
    confirmation = _confirmation(chosen, applications, params)
    if not is_confirmed(request):
        return confirmation_page(request, confirmation, form=form)
    if not form.is_valid():
        return confirmation_page(request, confirmation, form=form, status=400)
    token = once.blank(request.POST)
    if replayed := once.replay(request, token):
        return replayed
    report = bulk.bulk_apply(
        action=chosen,
        applications=applications,
        by=request.user,
        data=form.cleaned_data,
        shown=_shown_proposals(params, applications),
    )
    (messages.success if not report.skipped else messages.warning)(request, report.summary())
    return once.done(token, redirect(_back_url(params)))
