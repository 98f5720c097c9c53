"""A mail server that is down, for the tests of every flow that sends an email."""

import smtplib

from django.core.mail.backends import locmem
from django.core.mail.backends.base import BaseEmailBackend

FAILING_BACKEND = "tests.mail.FailingBackend"
FLAKY_BACKEND = "tests.mail.FlakyBackend"


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("Serveur de courriel injoignable")


class FlakyBackend(locmem.EmailBackend):
    """A mail server down for the next `failures` sends, then back (delivers to the outbox)."""

    failures = 0

    def send_messages(self, email_messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise smtplib.SMTPServerDisconnected("Connexion perdue avec le serveur de courriel")
        return super().send_messages(email_messages)
