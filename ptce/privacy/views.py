import json

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ptce.core.retention import retention_periods

from .selectors import person_data


@require_GET
def my_data(request):
    return render(request, "privacy/my_data.html", {"retention": retention_periods()})


@require_GET
def my_data_download(request):
    body = json.dumps(person_data(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"mes-donnees-ptce-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
