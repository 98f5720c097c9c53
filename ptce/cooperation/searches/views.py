"""« Mes recherches »: the person's saved searches of the directory (list, run, alert on or
off, delete after confirmation), the directory's « Enregistrer cette recherche » button, and
the email's « ne plus recevoir » link, which works without logging in. Someone else's search
is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from ptce.core.confirm import Confirmation, confirmation_page, confirmed_action, is_confirmed

from . import selectors, services
from .alerts import ALERT_DAYS


def saved_searches(request):
    searches = selectors.for_user(request.user)
    for search in searches:
        search.url = selectors.directory_url(search)
    return render(
        request,
        "cooperation/searches/list.html",
        {"searches": searches, "limit": services.MAX_SAVED_SEARCHES, "days": ALERT_DAYS},
    )


@require_POST
def saved_search_create(request):
    if "query" not in request.POST:
        messages.error(
            request, "Aucune recherche à enregistrer : lancez-la d’abord depuis l’annuaire."
        )
        return redirect("cooperation:saved_searches")
    querystring = request.POST["query"]
    try:
        search = services.saved_search_create(
            owner=request.user, querystring=querystring, alert=request.POST.get("alert") == "1"
        )
    except services.AlreadySaved as already:
        messages.info(request, already.messages[0])
        return redirect("cooperation:saved_searches")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("poles:directory") + "?" + querystring[:2000])
    alert = " Vous recevrez chaque semaine ses nouveautés par courriel." if search.alert else ""
    messages.success(request, f"La recherche « {search.name} » est enregistrée.{alert}")
    return redirect("cooperation:saved_searches")


@require_POST
def saved_search_alert(request, pk):
    search = selectors.get_saved_search_for_user(request, pk)
    if request.POST.get("alert") not in {"0", "1"}:
        messages.error(request, "Choisissez d’activer ou d’arrêter l’alerte.")
        return redirect("cooperation:saved_searches")
    services.saved_search_set_alert(search=search, alert=request.POST["alert"] == "1")
    if search.alert:
        messages.success(request, f"Alerte activée pour « {search.name} ».")
    else:
        messages.success(request, f"Alerte arrêtée pour « {search.name} ».")
    return redirect("cooperation:saved_searches")


@confirmed_action
@require_http_methods(["GET", "POST"])
def saved_search_delete(request, pk):
    search = selectors.get_saved_search_for_user(request, pk)
    if not is_confirmed(request):
        return confirmation_page(
            request,
            Confirmation(
                title="Supprimer la recherche",
                subject=f"la recherche enregistrée « {search.name} »",
                cancel_url=reverse("cooperation:saved_searches"),
                effects=[
                    "La recherche disparaît de « Mes recherches » et son alerte s’arrête ; "
                    "les pôles eux-mêmes ne changent pas."
                ],
            ),
        )
    services.saved_search_delete(search=search)
    messages.success(request, f"La recherche « {search.name} » est supprimée.")
    return redirect("cooperation:saved_searches")


@login_not_required
@require_http_methods(["GET", "POST"])
def saved_search_unsubscribe(request, token):
    """The email's link: a page with one button (a GET changes nothing, for the mail
    scanners that open links), then the alert is off."""
    search = services.search_for_unsubscribe(token)
    if search is None:
        raise Http404("Ce lien de désabonnement n’est pas valide, ou la recherche a été supprimée.")
    done = request.method == "POST"
    if done:
        services.saved_search_set_alert(search=search, alert=False)
    response = render(
        request, "cooperation/searches/unsubscribe.html", {"search": search, "done": done}
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
