"""The outside world of the multi-process test: a mail server and a partner's webhook receiver,
each started later than the platform (down, then up), each recording what it received."""

import asyncio
import email
import email.header
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller


class SmtpSink:
    """An SMTP server on loopback. `stall`: it holds each message's DATA step (the client waits
    for the answer) until `stall` is cleared, then refuses it (451): nothing is received."""

    def __init__(self, port: int):
        self.port = port
        self.received: list[tuple[str, str]] = []  # (recipient, subject), one per message
        self.stalled: list[str] = []  # subjects held while stalling
        self.stall = threading.Event()
        self._controller = None

    def up(self) -> None:
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def down(self) -> None:
        if self._controller is not None:
            self.stall.clear()
            self._controller.stop()
            self._controller = None

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
        if self.stall.is_set():
            self.stalled.append(subject)
            while self.stall.is_set():
                await asyncio.sleep(0.1)
            return "451 4.3.0 Serveur momentanément indisponible"
        for recipient in envelope.rcpt_tos:
            self.received.append((recipient, subject))
        return "250 Message accepted"


class WebhookReceiver:
    """An HTTP endpoint answering 200 to every POST, keeping its headers (names in lower case)
    and JSON body."""

    def __init__(self, port: int):
        self.port = port
        self.received: list[tuple[dict, bytes]] = []
        self._server = None

    def up(self) -> None:
        received = self.received

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                headers = {name.lower(): value for name, value in self.headers.items()}
                received.append((headers, body))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def down(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def deliveries(self) -> list[int]:
        return [json.loads(body)["id"] for _, body in self.received]
