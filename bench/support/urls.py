"""The application's URLs, plus `/__bench__/bare/<name>`: a bare Django view returning the bytes
of `<name>` (read once from PTCE_BENCH_BODIES) — the ceiling each throughput is compared to. It
goes through the same middleware, without the database (no request transaction)."""

import os
from functools import cache
from pathlib import Path

from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as application_urls


@cache
def _body(name: str) -> tuple[bytes, str]:
    folder = Path(os.environ.get("PTCE_BENCH_BODIES", "."))
    content_type = (folder / f"{name}.type").read_text()
    return (folder / name).read_bytes(), content_type


@login_not_required
@transaction.non_atomic_requests
def bare(request, name):
    body, content_type = _body(name)
    return HttpResponse(body, content_type=content_type)


@login_not_required
@transaction.non_atomic_requests
def ping(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("__bench__/bare/<slug:name>", bare),
    path("__bench__/ping", ping),
    *application_urls,
]
