"""The site search page (the header's search box leads here)."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from .search import KINDS, MIN_LENGTH, site_search

KIND_LABELS = {"poles": "Pôles", "organisations": "Organisations"}


@login_not_required
def search(request):
    results = site_search(
        request.GET.get("q", ""),
        kind=request.GET.get("type", ""),
        page_number=request.GET.get("page") or 1,
    )
    groups = [
        {
            "kind": kind,
            "label": KIND_LABELS[kind],
            "page": results.groups[kind],
            "more_url": "?" + urlencode({"q": results.query, "type": kind}),
        }
        for kind in KINDS
        if kind in results.groups
    ]
    return render(
        request,
        "public/search.html",
        {
            "results": results,
            "groups": groups,
            "min_length": MIN_LENGTH,
            "overview_url": "?" + urlencode({"q": results.query}),
            "querystring": urlencode({"q": results.query, "type": results.kind}),
        },
    )
