"""/donnees/subventions.csv and its Table Schema: public, streamed by the one export writer."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from ptce.core.exports import csv_response

from . import opendata


@login_not_required
@require_GET
def subventions_csv(request):
    # Built before the response streams: the generator would query after the view returned.
    rows = list(opendata.rows())
    response = csv_response("subventions.csv", opendata.field_names(), rows, excel=False)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_not_required
@require_GET
def subventions_schema(request):
    return HttpResponse(
        opendata.SCHEMA_PATH.read_text(encoding="utf-8"),
        content_type="application/json; charset=utf-8",
    )
