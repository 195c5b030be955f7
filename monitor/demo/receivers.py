"""Local alert receivers: an aiosmtpd SMTP server and a webhook endpoint, both on loopback.

The demo shows what they received; the tests script their answers (errors, outages).
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, Session


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class ReceivedMail:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.raw, policy=policy.default)


class _MailHandler:
    def __init__(self, sink: SmtpSink):
        self.sink = sink

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        refusal = self.sink.refuse.get(address)
        if refusal is not None:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.sink.drop_connection:
            transport = server.transport
            if isinstance(transport, asyncio.Transport):
                transport.abort()  # gone before the final reply: the client cannot know
            return "250 OK"
        if self.sink.reply != "250 OK":
            return self.sink.reply
        content = envelope.original_content or envelope.content or b""
        raw = content if isinstance(content, bytes) else content.encode()
        with self.sink.lock:
            self.sink.messages.append(
                ReceivedMail(envelope.mail_from or "", list(envelope.rcpt_tos), raw)
            )
        return "250 OK"


class SmtpSink:
    """A real SMTP server (aiosmtpd) keeping what it receives; `reply` scripts its DATA answer,
    `refuse` its answer to some recipients."""

    def __init__(self, port: int | None = None, *, password: str | None = None):
        self.messages: list[ReceivedMail] = []
        self.lock = threading.Lock()
        self.reply = "250 OK"
        self.drop_connection = False
        self.refuse: dict[str, str] = {}  # recipient -> its RCPT answer ("550 5.1.1 no such user")
        self.port = port or free_port()
        auth: dict[str, Any] = {}
        if password is not None:  # AUTH required; any user, this password (535 otherwise)
            auth = {
                "authenticator": lambda server, session, envelope, mechanism, data: AuthResult(
                    success=getattr(data, "password", b"") == password.encode(), handled=False
                ),
                "auth_required": True,
                "auth_require_tls": False,
            }
        self.controller = Controller(
            _MailHandler(self), hostname="127.0.0.1", port=self.port, **auth
        )
        self.url = f"smtp://127.0.0.1:{self.port}"

    def __enter__(self) -> SmtpSink:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()


@dataclass
class ReceivedHook:
    headers: dict[str, str]
    body: bytes

    @property
    def payload(self) -> dict[str, Any]:
        return dict(json.loads(self.body))


@dataclass
class WebhookSink:
    """An HTTP endpoint that records POSTs; `status` scripts its answer (e.g. 503 to play dead)."""

    status: int = 200
    retry_after: str | None = None  # a Retry-After header to send with the answer
    location: str | None = None  # a Location header to send with the answer (with a 3xx)
    delay: float = 0.0  # seconds the server takes to answer (to play a slow receiver)
    # tests hook faults in here; before_answer returning True drops the request unanswered
    before_answer: Callable[[ReceivedHook], bool] | None = None
    after_answer: Callable[[ReceivedHook], None] | None = None
    received: list[ReceivedHook] = field(default_factory=list)  # accepted (2xx) deliveries
    attempts: list[ReceivedHook] = field(default_factory=list)  # every POST, accepted or not

    def __post_init__(self) -> None:
        sink = self
        # set on every accepted POST, so tests wait without sleeping
        self.delivered = threading.Event()
        self.stop = threading.Event()  # releases a slow answer at shutdown

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                hook = ReceivedHook({k.lower(): v for k, v in self.headers.items()}, body)
                if sink.delay:
                    sink.stop.wait(sink.delay)  # a slow server; released at shutdown
                if sink.before_answer is not None and sink.before_answer(hook):
                    self.close_connection = True
                    return
                sink.attempts.append(hook)
                if 200 <= sink.status < 300:
                    sink.received.append(hook)
                    sink.delivered.set()
                self.send_response(sink.status)
                if sink.retry_after is not None:
                    self.send_header("Retry-After", sink.retry_after)
                if sink.location is not None:
                    self.send_header("Location", sink.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                self.wfile.flush()
                if sink.after_answer is not None:
                    sink.after_answer(hook)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> WebhookSink:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
