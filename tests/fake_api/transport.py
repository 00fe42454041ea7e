"""HTTP/1.1 plumbing: a threaded server that tracks its sockets, the handler, recorded requests.

The API logic lives in ``routes``; this module only moves bytes and tolerates clients that hang
up mid-response (the SDK closes streams early, spec §3.5).
"""

from __future__ import annotations

import contextlib
import json
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from .sse import ConnectionAborted, SseWriter, StreamFaults

_QUIET_ERRORS = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError, OSError)


@dataclass
class RecordedRequest:
    """One request the fake received, as the test sees it afterwards."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    route: str = "unknown"
    params: dict[str, str] = field(default_factory=dict)

    @property
    def json(self) -> Any:
        """The body parsed as JSON, or None when empty or not JSON."""
        if not self.body:
            return None
        try:
            return json.loads(self.body)
        except ValueError:
            return None


class Responder:
    """Sends one response on a handler: unary bytes/JSON, or a chunked SSE stream."""

    def __init__(self, handler: FakeRequestHandler) -> None:
        self.handler = handler
        self.started = False

    def send_bytes(self, status: int, content_type: str, payload: bytes, headers: dict[str, str] | None = None) -> None:
        """A complete response with ``Content-Length``."""
        h = self.handler
        self.started = True
        h.send_response(status)
        h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(len(payload)))
        for key, value in (headers or {}).items():
            h.send_header(key, value)
        h.end_headers()
        h.wfile.write(payload)
        h.wfile.flush()

    def send_json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        """A JSON response."""
        self.send_bytes(status, "application/json; charset=utf-8", json.dumps(body).encode(), headers)

    def start_stream(
        self, faults: StreamFaults, interrupt: threading.Event, headers: dict[str, str] | None = None
    ) -> SseWriter:
        """Send ``200 text/event-stream`` chunked headers; frames then go through the writer."""
        h = self.handler
        self.started = True
        h.send_response(200)
        h.send_header("Content-Type", "text/event-stream")
        h.send_header("Cache-Control", "no-cache")
        h.send_header("Transfer-Encoding", "chunked")
        for key, value in (headers or {}).items():
            h.send_header(key, value)
        h.end_headers()
        h.wfile.flush()
        return SseWriter(h.wfile, faults, interrupt)

    def abort(self) -> None:
        """Close the connection abruptly: no terminating chunk, no keep-alive."""
        h = self.handler
        h.close_connection = True
        with contextlib.suppress(OSError):
            h.connection.shutdown(socket.SHUT_RDWR)


class FakeRequestHandler(BaseHTTPRequestHandler):
    """Reads a request and hands it to the server's ``dispatch`` callable."""

    protocol_version = "HTTP/1.1"
    server: TrackingHTTPServer

    def _handle(self) -> None:
        split = urlsplit(self.path)
        headers = {k.lower(): v for k, v in self.headers.items()}
        body = self._read_body(headers)
        request = RecordedRequest(
            method=self.command,
            path=split.path,
            query=dict(parse_qsl(split.query, keep_blank_values=True)),
            headers=headers,
            body=body,
        )
        try:
            self.server.dispatch(request, Responder(self))
        except ConnectionAborted:
            Responder(self).abort()
        except _QUIET_ERRORS:
            self.close_connection = True

    def _read_body(self, headers: dict[str, str]) -> bytes:
        if headers.get("transfer-encoding", "").lower() == "chunked":
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(headers.get("content-length") or 0)
        return self.rfile.read(length) if length else b""

    do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = _handle

    def log_message(self, format: str, *args: Any) -> None:
        """Silence per-request logging; tests inspect ``server.requests`` instead."""


class TrackingHTTPServer(ThreadingHTTPServer):
    """A threaded HTTP server that can close every open connection on shutdown."""

    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], dispatch: Callable[[RecordedRequest, Responder], None]) -> None:
        super().__init__(address, FakeRequestHandler)
        self.dispatch = dispatch
        self._connections: set[socket.socket] = set()
        self._conn_lock = threading.Lock()

    def process_request(self, request: Any, client_address: Any) -> None:
        """Remember the socket so ``close_all_connections`` can unblock its thread."""
        with self._conn_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        """Forget the socket, then close it as usual."""
        with self._conn_lock:
            self._connections.discard(request)
        with contextlib.suppress(OSError):
            super().shutdown_request(request)

    def close_all_connections(self) -> None:
        """Shut down every open client socket (idle keep-alives and stalled streams alike)."""
        with self._conn_lock:
            connections = list(self._connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore clients hanging up; report real bugs in the fake on stderr."""
        exc = sys.exc_info()[1]
        if isinstance(exc, _QUIET_ERRORS):
            return
        super().handle_error(request, client_address)


def make_server(dispatch: Callable[[RecordedRequest, Responder], None]) -> TrackingHTTPServer:
    """A server bound to an ephemeral port on 127.0.0.1."""
    return TrackingHTTPServer(("127.0.0.1", 0), dispatch)
