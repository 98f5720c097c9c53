"""The webhook posting applications' state changes to partners' tools.

A state change queues a `WebhookDelivery` row inside the transaction of the move (nothing when
`PTCE_WEBHOOK_URL` is empty) and, once the transaction commits, a background job
(`ptce.calls.tasks.webhook_deliver`) that delivers it. The row is the delivery log and sets the
schedule: a failed attempt is retried by the worker with exponential backoff (1, 2, 4…
minutes: `PTCE_WEBHOOK_RETRY_SECONDS`) and given up after `MAX_ATTEMPTS`: the row keeps its last
error and no next attempt, the job shows « échouée » in the admin, which can relaunch it (a
fresh round of attempts).

The request: `POST PTCE_WEBHOOK_URL`, JSON body
`{"id": <delivery>, "event": "application.state_changed", "data": {...}}` (no personal data),
headers `X-PTCE-Event`, `X-PTCE-Delivery`, `X-PTCE-Timestamp` (Unix seconds) and
`X-PTCE-Signature: sha256=<hex>`, the HMAC-SHA256 of `<timestamp>.<body>` keyed with
`PTCE_WEBHOOK_SECRET`. A receiver recomputes it and refuses old timestamps (replays).
"""

import datetime
import hashlib
import hmac
import http.client
import json
import logging
import urllib.request

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import WebhookDelivery

logger = logging.getLogger("ptce.calls")

STATE_CHANGED = "application.state_changed"
MAX_ATTEMPTS = 8
TIMEOUT_SECONDS = 5


class DeliveryError(Exception):
    pass


def state_change_payload(*, application, from_state: str, to_state: str, at) -> dict:
    return {
        "application": application.pk,
        "call": application.phase.call.slug,
        "phase": application.phase.number,
        "pole": application.pole.slug,
        "from": from_state,
        "to": to_state,
        "at": at.isoformat(),
    }


def body_of(delivery: WebhookDelivery) -> bytes:
    document = {"id": delivery.pk, "event": delivery.event, "data": delivery.payload}
    return json.dumps(document, sort_keys=True, separators=(",", ":")).encode()


def signature(*, body: bytes, timestamp: str, secret: str) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def post(url: str, body: bytes, headers: dict) -> int:
    """The HTTP call (tests replace it): the response status, or an exception."""
    if not url.startswith(("https://", "http://")):
        raise DeliveryError("PTCE_WEBHOOK_URL doit commencer par https:// ou http://.")
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        return response.status


def _attempt(delivery: WebhookDelivery) -> None:
    secret = settings.PTCE_WEBHOOK_SECRET
    if not secret:
        raise DeliveryError("PTCE_WEBHOOK_SECRET est vide : envoi non signé refusé.")
    body = body_of(delivery)
    timestamp = str(int(timezone.now().timestamp()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "PTCE-webhook/1",
        "X-PTCE-Event": delivery.event,
        "X-PTCE-Delivery": str(delivery.pk),
        "X-PTCE-Timestamp": timestamp,
        "X-PTCE-Signature": signature(body=body, timestamp=timestamp, secret=secret),
    }
    status = post(settings.PTCE_WEBHOOK_URL, body, headers)
    if not 200 <= status < 300:
        raise DeliveryError(f"Réponse HTTP {status}.")


def deliver(delivery: WebhookDelivery) -> bool:
    """One attempt; records the outcome on the row. True when delivered."""
    now = timezone.now()
    delivery.attempts += 1
    try:
        _attempt(delivery)
    except (DeliveryError, OSError, http.client.HTTPException, ValueError) as error:
        message = f"{type(error).__name__} : {error}"[:250]
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.next_attempt_at = None
            delivery.last_error = f"Abandon après {delivery.attempts} tentatives — {message}"
            logger.error("Webhook %s abandonné : %s", delivery.pk, message)
        else:
            backoff = datetime.timedelta(seconds=settings.PTCE_WEBHOOK_RETRY_SECONDS)
            delivery.next_attempt_at = now + backoff * 2 ** (delivery.attempts - 1)
            delivery.last_error = message
            logger.warning(
                "Webhook %s non remis (tentative %s) : %s", delivery.pk, delivery.attempts, message
            )
        delivery.save(update_fields=["attempts", "next_attempt_at", "last_error"])
        return False
    delivery.delivered_at = now
    delivery.next_attempt_at = None
    delivery.last_error = ""
    delivery.save(update_fields=["attempts", "delivered_at", "next_attempt_at", "last_error"])
    return True


def _undelivered():
    return WebhookDelivery.objects.filter(delivered_at__isnull=True)


def deliver_pending(pk: int) -> bool | None:
    """Deliver one row unless someone else has it (locked) or it is delivered. A row given up
    gets a fresh round of `MAX_ATTEMPTS`: only a relaunch (the admin's) asks for it again."""
    if not settings.PTCE_WEBHOOK_URL:
        return None
    with transaction.atomic():
        delivery = _undelivered().select_for_update(skip_locked=True).filter(pk=pk).first()
        if delivery is None:
            return None
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.attempts = 0
        return deliver(delivery)
