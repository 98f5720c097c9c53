"""/donnees/: the open-data page and its stable downloads (CSV, JSON, GeoJSON, Table Schemas).

Every download takes the map's filters in the query string (see `filters.published_poles`);
an invalid filter answers 400 with the French errors. Downloads are cached per URL and data
version, carry `ETag`/`Last-Modified` (304 on conditional requests) and CORS headers;
organisations.csv, the largest, is streamed instead of cached (its `ETag` is the data's version
and the URL, so it still answers 304 without reading a row).
"""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from ptce.core.exports import attachment, csv_response
from ptce.core.invalidation import POLES

from . import opendata, opendata_downloads, opendata_organisations
from .filters import published_poles
from .http import FilterError, json_error, public_get, streamed

EXCEL = "excel"  # ?format=excel: the CSV flavour for spreadsheets
ATTACHED = ("poles.csv", "organisations.csv", "poles.geojson")


@login_not_required
def data_page(request):
    poles, form = published_poles(request.GET)
    query = request.GET.urlencode() if form.is_bound and form.is_valid() else ""
    downloads = [
        {
            **item,
            "url": reverse(item["url_name"]) + (f"?{query}" if query else ""),
            "excel_url": (
                reverse(item["url_name"]) + "?" + "&".join(filter(None, [query, "format=excel"]))
                if item["filename"].endswith(".csv")
                else ""
            ),
            "schema_url": (
                reverse("public:data_schema", args=[item["schema"]]) if item["schema"] else ""
            ),
        }
        for item in opendata_downloads.DOWNLOADS
    ]
    schemas = [
        {
            "name": name,
            "title": opendata.schema(name)["title"],
            "fields": opendata.schema(name)["fields"],
            "url": reverse("public:data_schema", args=[name]),
        }
        for name in opendata.SCHEMA_NAMES
    ]
    context = {
        "form": form,
        "downloads": downloads,
        "schemas": schemas,
        "licence": opendata.LICENCE,
        "licence_url": opendata.LICENCE_URL,
        "filtered": bool(query),
        "api_docs_url": reverse("api:openapi-view"),
        "openapi_url": reverse("api:openapi-json"),
    }
    return render(request, "public/data.html", context)


def _download_view(filename: str):
    item = opendata_downloads.download(filename)

    @login_not_required
    @public_get(cache_name=f"opendata:{filename}", scopes=(POLES,))
    def view(request):
        poles, form = published_poles(request.GET)
        if form.is_bound and not form.is_valid():
            return json_error(400, "Filtre invalide.", errors=FilterError(form).errors)
        if filename.endswith(".csv") and request.GET.get("format") == EXCEL:
            # « Pour Excel »: UTF-8 with a BOM and « ; », which French Excel opens as columns.
            body = item["build"](poles, excel=True)
            return attachment(
                HttpResponse(body, content_type=item["content_type"]),
                filename.replace(".csv", "-excel.csv"),
            )
        response = HttpResponse(item["build"](poles), content_type=item["content_type"])
        # Files to keep, not pages to read: saved, never opened in the browser.
        return attachment(response, filename) if filename in ATTACHED else response

    view.__name__ = view.__qualname__ = "download_" + filename.replace(".", "_")
    return view


poles_csv = _download_view("poles.csv")
poles_geojson = _download_view("poles.geojson")
poles_json = _download_view("poles.json")


def _organisations_csv(request):
    poles, form = published_poles(request.GET)
    if form.is_bound and not form.is_valid():
        return json_error(400, "Filtre invalide.", errors=FilterError(form).errors)
    rows = opendata_organisations.organisation_csv_rows(poles)
    excel = request.GET.get("format") == EXCEL
    filename = "organisations-excel.csv" if excel else "organisations.csv"
    return csv_response(filename, opendata.field_names("organisations"), rows, excel=excel)


# One row per membership: the largest file, streamed as the memberships are read (see
# `opendata_organisations.organisation_csv_rows`) rather than built whole and kept in the cache.
organisations_csv = login_not_required(streamed(_organisations_csv, scopes=(POLES,)))
organisations_csv.__name__ = organisations_csv.__qualname__ = "download_organisations_csv"


@login_not_required
@public_get()
def data_schema(request, name):
    if name not in opendata.SCHEMA_NAMES:
        raise Http404("Ce schéma n’existe pas.")
    return HttpResponse(opendata.schema_text(name), content_type="application/json; charset=utf-8")
