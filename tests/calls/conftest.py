"""Settings every calls test runs with."""

import pytest


@pytest.fixture(autouse=True)
def _calls_settings(settings):
    """No webhook is posted (test_webhooks.py sets its own receiver), and the links in e-mails
    point to one known site."""
    settings.PTCE_WEBHOOK_URL = ""
    settings.SITE_URL = "https://ptce.exemple.gouv.fr"
