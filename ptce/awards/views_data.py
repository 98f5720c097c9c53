"""/donnees/subventions.csv and its Table Schema (streamed by the one export writer), and
/donnees/subventions.json in the 360Giving standard: public."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, JsonResponse
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


@login_not_required
@require_GET
def subventions_json(request):
    """The same agreements in the 360Giving standard (its JSON package of grants)."""
    response = JsonResponse(opendata.giving_package(), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
