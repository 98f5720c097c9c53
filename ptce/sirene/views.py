"""The SIRENE search: suggestions as one types (htmx) and a page that works without JavaScript.

A result links to `?sirene=<SIREN>` relative to the page it is shown on: on a form's page that
prefills the form (the page's view reads it), on the search page it shows the unit."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from .selectors import MAX_QUERY, sirene_search, sirene_unit

SUGGESTIONS = 8
PAGE_RESULTS = 20


def query_from(request) -> str:
    """The text typed: in `q`, or in the parameter named by `champ` (htmx sends an input under
    its own name)."""
    field = request.GET.get("champ", "")
    text = request.GET.get("q") or (request.GET.get(field, "") if field else "")
    text = text.strip()
    return text if 2 <= len(text) <= MAX_QUERY and "\x00" not in text else ""


@require_GET
def search(request):
    query = query_from(request)
    if request.headers.get("HX-Request"):
        units = sirene_search(query, limit=SUGGESTIONS) if query else []
        return render(request, "sirene/_results.html", {"units": units, "query": query})
    return render(
        request,
        "sirene/search.html",
        {
            "query": query,
            "units": sirene_search(query, limit=PAGE_RESULTS) if query else None,
            "chosen": sirene_unit(request.GET.get("sirene", "")),
        },
    )
