"""Requests sent at once, as a double click or eight tabs would, for the tests of what must not
be done twice. Each request runs in its own thread, with its own database connection, released
together by a barrier."""

import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client

TIMES = 8

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers (a second one fails with « database is locked »): "
    "concurrent requests are tested on PostgreSQL, which CI runs.",
)


def at_once(*requests) -> list[int]:
    """`requests`: `(user or None, url, data)` triples, posted at the same moment. Returns the
    status codes, in the order given."""
    barrier = threading.Barrier(len(requests))
    statuses = [None] * len(requests)

    def run(index, user, url, data):
        try:
            client = Client()
            if user is not None:
                client.force_login(user)
            barrier.wait(timeout=30)
            statuses[index] = client.post(url, data).status_code
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, *request))
        for index, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


def once_token(response) -> str:
    """The one-time token a creation form was served with."""
    found = re.search(r'name="(?:[\w-]+-)?once" value="([^"]+)"', response.text)
    assert found, "the creation form carries no one-time token"
    return found.group(1)


def sent_twice(client, address, data, *, form_page=None, field="once"):
    """The form loaded once (from `form_page`, by default `address`), then sent twice with its
    token, as a double click would: returns the second response, followed, after checking that
    it shows what the first created."""
    data = {**data, field: once_token(client.get(form_page or address))}
    first = client.post(address, data)
    assert first.status_code == 302, first.status_code
    second = client.post(address, data, follow=True)
    assert second.redirect_chain[-1][0] == first.url
    assert "avait déjà été envoyé" in second.text
    return second
