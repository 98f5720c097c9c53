"""Public lookups of the geography: a search page and the suggestions of the commune field."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .forms import CommuneSearchForm
from .selectors import MAX_QUERY_LENGTH, commune_search

PAGE_LIMIT = 50
SUGGESTION_LIMIT = 10


@login_not_required
@require_GET
def commune_search_page(request):
    # No query (or only spaces): the page explains what to type rather than showing an error.
    has_query = bool(request.GET.get("q", "").strip())
    form = CommuneSearchForm(request.GET if has_query else None)
    communes, truncated = [], False
    if has_query and form.is_valid():
        communes = commune_search(form.cleaned_data["q"], limit=PAGE_LIMIT + 1, related=True)
        truncated = len(communes) > PAGE_LIMIT
        communes = communes[:PAGE_LIMIT]
    context = {
        "form": form,
        "searched": has_query and form.is_valid(),
        "communes": communes,
        "truncated": truncated,
        "limit": PAGE_LIMIT,
    }
    return render(request, "territories/commune_search.html", context)


@login_not_required
@require_GET
def commune_autocomplete(request):
    """The options of a commune field's listbox (htmx). The text comes in `q`, or in the
    parameter named by `champ` (htmx sends the input under the field's own name)."""
    field_name = request.GET.get("champ", "")
    text = request.GET.get("q") or (request.GET.get(field_name, "") if field_name else "")
    text = text.strip()
    communes = []
    if 2 <= len(text) <= MAX_QUERY_LENGTH and "\x00" not in text:
        communes = commune_search(text, limit=SUGGESTION_LIMIT)
    return render(request, "territories/_suggestions.html", {"communes": communes})
