"""Browser tests: Playwright drives the system Chromium against pytest-django's live server.

- every test in this folder is marked `e2e` (select with `-m e2e`, skip with `-m "not e2e"`);
- one headless Chromium (/usr/bin/chromium, never a downloaded one) per session;
- each test gets a fresh browser context whose requests to any host other than the live
  server's are aborted and recorded in `external_requests`: nothing may use the internet;
- CSP violations and uncaught JavaScript errors are recorded in `browser_errors`.
"""

import os
import re
from pathlib import Path

import pytest

from tests.poles.factories import PlaceFactory
from tests.territories.factories import CommuneFactory

# Playwright's sync API runs an event loop in the test thread, so Django refuses ORM calls
# from tests (factories, fixtures) unless this is set. The Makefile sets it too.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# Any URL whose host is not the local machine. Matched inside the browser, so requests to the
# live server are not routed through Python (each page loads a dozen static files).
NOT_LOCAL = re.compile(r"^(?!(https?|wss?)://(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(/|$))")
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """The Debian Chromium, headless unless `--headed` is given on the command line."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium introuvable à {CHROMIUM} (apt-get install chromium).")
    return {
        "headless": True,
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR", "timezone_id": "Europe/Paris"}


@pytest.fixture
def public_data(pole):
    """One published pole with a place in Toulouse, so lists, map and search are not empty."""
    toulouse = CommuneFactory(code="31555", name="Toulouse", departement__code="31")
    PlaceFactory(pole=pole, commune=toulouse, name="La Coopérative des Coteaux")
    return pole


@pytest.fixture
def external_requests():
    """URLs the page tried to fetch from a host other than the live server (all aborted)."""
    return []


@pytest.fixture
def browser_errors():
    """Content-Security-Policy violations and uncaught JavaScript errors, from every page."""
    return []


@pytest.fixture
def context(context, live_server, external_requests, browser_errors):
    """pytest-playwright's context: non-local requests aborted and recorded, browser errors
    recorded."""

    def block(route):
        external_requests.append(route.request.url)
        route.abort("blockedbyclient")

    def on_console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            browser_errors.append(f"{message.location.get('url')}: {message.text}")

    context.route(NOT_LOCAL, block)
    context.on("console", on_console)
    context.on("weberror", lambda error: browser_errors.append(f"{error.page.url}: {error.error}"))
    context.set_default_timeout(10_000)
    in_flight = set()
    context.on("request", lambda request: in_flight.add(request))
    context.on("requestfinished", lambda request: in_flight.discard(request))
    context.on("requestfailed", lambda request: in_flight.discard(request))
    yield context
    # A request still being answered when the test ends (htmx loads the header's to-do counter
    # after each page) would share the live server's database with the flush that follows.
    for _ in range(100):
        if not in_flight or not context.pages:
            break
        context.pages[0].wait_for_timeout(50)
