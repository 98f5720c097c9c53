"""A mail server that is down, for the tests of every flow that sends an email."""

from django.core.mail.backends.base import BaseEmailBackend

FAILING_BACKEND = "tests.mail.FailingBackend"


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("Serveur de courriel injoignable")
