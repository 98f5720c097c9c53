"""« Mes recherches »: the person's saved searches of the directory (list, run, rename, alert
on or off, delete after confirmation), the directory's « Enregistrer cette recherche » button,
and the email's « ne plus recevoir » links, which work without logging in. Someone else's
search is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from ptce.core.confirm import Confirmation, confirmation_page, confirmed_action, is_confirmed
from ptce.core.versioning import EditConflict, conflict_response

from . import selectors, services
from .alerts import ALERT_DAYS
from .forms import RenameSearchForm


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


@require_http_methods(["GET", "POST"])
def saved_search_rename(request, pk):
    search = selectors.get_saved_search_for_user(request, pk)
    form = RenameSearchForm(
        request.POST if request.method == "POST" else None,
        initial={"name": search.name},
        version=search.version,
    )
    if form.is_bound and form.is_valid():
        try:
            services.saved_search_rename(
                search=search, name=form.cleaned_data["name"], version=form.pop_version()
            )
        except EditConflict as conflict:
            return conflict_response(
                request,
                form=form,
                current=conflict.current,
                cancel_url=reverse("cooperation:saved_searches"),
            )
        except ValidationError as error:
            form.add_error("name", getattr(error, "error_dict", {}).get("name", error))
        else:
            messages.success(request, f"La recherche s’appelle désormais « {search.name} ».")
            return redirect("cooperation:saved_searches")
    return render(
        request,
        "cooperation/searches/rename.html",
        {"form": form, "search": search, "url": selectors.directory_url(search)},
        status=400 if form.is_bound else 200,
    )


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


@csrf_exempt  # the signed token is the credential; mail clients post without a CSRF token
@login_not_required
@require_http_methods(["GET", "POST"])
def saved_search_alerts_unsubscribe(request, token):
    """The alert email's List-Unsubscribe link (RFC 8058): a GET shows one button (mail
    scanners open links), a POST, the button's or the mail client's one-click
    `List-Unsubscribe=One-Click`, stops every alert of the person, as that email gathers
    them all."""
    owner = services.owner_for_unsubscribe(token)
    if owner is None:
        response = render(request, "cooperation/searches/unsubscribe_all.html", status=404)
    else:
        done = request.method == "POST"
        if done:
            services.saved_search_alerts_stop(owner=owner)
        # Nothing left to stop (a second click, or stopped from « Mes recherches »): say so.
        done = done or not selectors.has_alert_on(owner)
        response = render(
            request, "cooperation/searches/unsubscribe_all.html", {"owner": owner, "done": done}
        )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
