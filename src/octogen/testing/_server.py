"""`FakeServer`: the fake on a real HTTP/1.1 socket, served from background threads."""

from __future__ import annotations

import contextlib
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self

from ._response import FakeResponse, Responder


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the real API behind its load balancer
    # Buffered, so headers and body leave in one segment (unbuffered writes meet Nagle
    # and delayed ACKs: ~40 ms a request). handle_one_request flushes after each one.
    wbufsize = 64 * 1024
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        self.server.owner.opened(self.connection)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        self.server.owner.closed(self.connection)

    def _serve(self) -> None:
        owner = self.server.owner
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        response = owner.fake.handle(self.command, self.path, dict(self.headers.items()), body)
        if response.fault in ("hang", "drop"):
            if response.fault == "hang":
                owner.stopping.wait(response.hang_seconds)
            self._hang_up()
            return
        if response.fault == "trickle":
            self._trickle(response)
            return
        if response.delay:
            owner.stopping.wait(response.delay)
        self.send_response(response.status)
        for name, value in response.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if response.fault == "truncate":
            self.wfile.write(response.body[: len(response.body) // 2])
            self.wfile.flush()
            self._hang_up()
            return
        self.wfile.write(response.body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

    def _trickle(self, response: FakeResponse) -> None:
        """The whole answer, a byte at a time; stops when the client hangs up or the
        server stops."""
        lines = [f"HTTP/1.1 {response.status} OK"]
        lines += [f"{name}: {value}" for name, value in response.headers]
        lines += [f"Content-Length: {len(response.body)}", "", ""]
        answer = "\r\n".join(lines).encode("latin-1") + response.body
        for index in range(len(answer)):
            if self.server.owner.stopping.wait(response.delay):
                break
            try:
                self.wfile.write(answer[index : index + 1])
                self.wfile.flush()
            except OSError:
                break
        self._hang_up()

    def _hang_up(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the fake records requests instead (`FakeOctogen.requests`)."""


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    # socketserver's backlog of 5 drops the SYNs of a burst of new connections (bulk
    # lookups, a fleet of workers), and each dropped one costs the client a 1 s retry.
    request_queue_size = 128
    owner: FakeServer


class FakeServer:
    """A `FakeOctogen` listening on a loopback port (see `FakeOctogen.start_server`).

    Attributes:
        fake: The `FakeOctogen` answering.
        base_url: The base URL to give a client, `http://127.0.0.1:<port>/v1`.
        port: The port it listens on.
        connections_opened: How many TCP connections clients have opened so far.
        open_connections: How many are open now.
        peak_connections: The most that were open at once.
    """

    def __init__(self, fake: Responder, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.fake = fake
        self.stopping = threading.Event()
        self.connections_opened = 0
        self.peak_connections = 0
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._http = _HTTPServer((host, port), _Handler)
        self._http.owner = self
        self.port: int = self._http.server_address[1]
        shown_host = f"[{host}]" if ":" in host else host
        self.base_url = f"http://{shown_host}:{self.port}/v1"
        self._thread = threading.Thread(
            target=self._http.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"octogen-fake-{self.port}",
            daemon=True,
        )
        self._thread.start()

    @property
    def open_connections(self) -> int:
        """How many client connections are open now."""
        with self._lock:
            return len(self._sockets)

    def opened(self, connection: socket.socket) -> None:
        """Count a connection a client opened (called by the request handler)."""
        with self._lock:
            self.connections_opened += 1
            self._sockets.add(connection)
            self.peak_connections = max(self.peak_connections, len(self._sockets))

    def closed(self, connection: socket.socket) -> None:
        """Forget a connection that ended (called by the request handler)."""
        with self._lock:
            self._sockets.discard(connection)

    def serve_forever(self) -> None:
        """Block until interrupted (Ctrl-C), then stop."""
        try:
            self._thread.join()
        finally:
            self.stop()

    def stop(self) -> None:
        """Stop listening and hang up every open connection (idempotent)."""
        if self.stopping.is_set():
            return
        self.stopping.set()
        self._http.shutdown()
        self._http.server_close()
        with self._lock:
            open_sockets = list(self._sockets)
        for connection in open_sockets:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
