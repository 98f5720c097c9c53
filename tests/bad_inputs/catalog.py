"""One bad input: who sends what where, the French message they must read, and the proof that
nothing was written (every row of every table of the platform, before and after)."""

import dataclasses
import json
import re
from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from tests.access.table import ROLES

Value = Callable | dict | str | None
ENGLISH = ("This field is required", "Enter a valid", "Bad Request", "Traceback", "Select a valid")


@dataclasses.dataclass(frozen=True)
class Case:
    id: str
    role: str  # a column of docs/access.md: « coordination », « anonyme »…
    url: Callable  # world → path
    data: Value = None  # world → POST body (dict), or None for a GET
    message: str = ""  # French text the person reads
    status: int = 200
    files: Callable | None = None  # world → {field: SimpleUploadedFile}
    query: dict | None = None  # GET parameters
    setup: Callable | None = None  # world → None: what the page needs beyond the world
    follow: bool = False  # the message is on the page the redirect leads to

    def __str__(self):
        return self.id


def _platform_models():
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("ptce.") and not model._meta.proxy
    ]


def snapshot() -> dict:
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in _platform_models()
    }


def _resolve(value, world):
    return value(world) if callable(value) else value


def send(world, case: Case):
    cache.clear()
    client = Client()
    user_key = ROLES[case.role]
    if user_key in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[user_key]
    path = case.url(world)
    if case.data is None:
        return client.get(path, case.query or {}, follow=case.follow)
    data = dict(_resolve(case.data, world))
    if case.files is not None:
        data.update(case.files(world))
    return client.post(path, data, follow=case.follow)


def _errors(text: str) -> list[str]:
    """The error messages a page shows, to say what it said instead."""
    found = re.findall(r'class="[^"]*(?:error|alert)[^"]*"[^>]*>(.*?)</', text, flags=re.S)
    return [" ".join(item.split()) for item in found if item.strip()][:6] or [text[:300]]


def check(world, case: Case):
    """The response says what is wrong, in French, and nothing changed anywhere."""
    if case.setup is not None:
        case.setup(world)
    before = snapshot()
    response = send(world, case)
    text = b"".join(response) if response.streaming else response.content
    text = text.decode("utf-8", errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        text = json.dumps(json.loads(text), ensure_ascii=False)
    assert response.status_code == case.status, (
        f"{case}: {response.status_code} au lieu de {case.status}"
    )
    assert case.message in text, f"{case}: « {case.message} » absent de {_errors(text)}"
    for english in ENGLISH:
        assert english not in text, f"{case}: message anglais « {english} »"
    after = snapshot()
    changed = [label for label in before if before[label] != after[label]]
    assert not changed, f"{case}: écrit dans {changed}"
