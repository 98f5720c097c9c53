"""`/sante/`: is this web server able to work? For the load balancer and the monitoring.

JSON, public, no secrets (a failed check says which exception, never its message: that may
hold a host name or a password; the details go to the log). 200 when every check passes, 503
otherwise. Each check does a real round trip: the database answers a query, the cache keeps and
returns a value, the task queue (Huey, when `settings.HUEY` is set) counts its pending tasks,
the private storage writes, reads and deletes a tiny object.
"""

import logging
import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

OK = "ok"
NOT_CONFIGURED = "non configurée"
PROBE = b"ptce-sante"


class CheckFailed(Exception):
    """A round trip that came back wrong (no exception, but not the expected answer)."""


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise CheckFailed


def check_cache() -> None:
    key, value = f"ptce:sante:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 30)
    try:
        if cache.get(key) != value:
            raise CheckFailed
    finally:
        cache.delete(key)


def check_queue() -> str | None:
    """Huey's storage answers; `NOT_CONFIGURED` without `settings.HUEY` (Huey is imported only
    when configured)."""
    if getattr(settings, "HUEY", None) is None:
        return NOT_CONFIGURED
    from huey.contrib.djhuey import HUEY

    HUEY.pending_count()
    return None


def check_storage() -> None:
    storage = storages["private"]
    name = storage.save(f"sante/{uuid.uuid4().hex}.txt", ContentFile(PROBE))
    try:
        with storage.open(name, "rb") as handle:
            if handle.read() != PROBE:
                raise CheckFailed
    finally:
        storage.delete(name)


CHECKS = {
    "base_de_donnees": check_database,
    "cache": check_cache,
    "file_de_taches": check_queue,
    "stockage": check_storage,
}


def run_checks() -> dict[str, dict]:
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = {"statut": check() or OK}
        except Exception as error:  # any failure is the answer; logged with its details
            logger.exception("Vérification de santé « %s » en échec", name)
            results[name] = {"statut": "erreur", "erreur": type(error).__name__}
    return results


@login_not_required
@never_cache
@require_GET
@transaction.non_atomic_requests
def health(request):
    results = run_checks()
    healthy = all(result["statut"] != "erreur" for result in results.values())
    return JsonResponse(
        {"statut": OK if healthy else "erreur", "verifications": results},
        status=200 if healthy else 503,
        json_dumps_params={"ensure_ascii": False},
    )
