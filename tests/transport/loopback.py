"""A small threaded HTTP/1.1 server on 127.0.0.1 whose behaviour each test scripts.

It counts connections (to prove keep-alive), records requests, and can answer, hang,
or drop a connection half-way through a body.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

Behaviour = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Buffered so headers and body leave in one segment (unbuffered writes meet Nagle
    # and delayed ACKs: ~40 ms a request). handle_one_request flushes after each one.
    wbufsize = 64 * 1024
    server: _Server

    def setup(self) -> None:
        super().setup()
        with self.server.owner.lock:
            self.server.owner.connections += 1

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        with self.server.owner.lock:
            self.server.owner.requests.append((self.command, self.path, dict(self.headers), body))
        self.server.owner.behaviour(self)

    do_GET = _handle
    do_POST = _handle

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    owner: LoopbackServer


def answer_json(payload: Any, status: int = 200) -> Behaviour:
    return lambda handler: handler.send_json(status, payload)


def hang_then_answer(seconds: float, payload: Any) -> Behaviour:
    def behaviour(handler: Handler) -> None:
        time.sleep(seconds)
        handler.send_json(200, payload)

    return behaviour


def drop_mid_body(handler: Handler) -> None:
    """Promise 1000 bytes, send 10, then close the connection."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", "1000")
    handler.end_headers()
    handler.wfile.write(b'{"items": ')
    handler.wfile.flush()
    handler.connection.shutdown(socket.SHUT_RDWR)
    handler.close_connection = True


class LoopbackServer:
    """`with LoopbackServer(behaviour) as server:` serves on `server.base_url`."""

    def __init__(self, behaviour: Behaviour, port: int = 0) -> None:
        self.behaviour = behaviour
        self.connections = 0
        self.requests: list[tuple[str, str, dict[str, str], bytes]] = []
        self.lock = threading.Lock()
        self._server = _Server(("127.0.0.1", port), Handler)
        self._server.owner = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> LoopbackServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def dead_base_url() -> str:
    """A loopback URL on which nothing listens: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def in_turn(*behaviours: Behaviour) -> Behaviour:
    """The n-th request gets the n-th behaviour; the last one repeats."""
    served = [0]
    lock = threading.Lock()

    def behaviour(handler: Handler) -> None:
        with lock:
            index = min(served[0], len(behaviours) - 1)
            served[0] += 1
        behaviours[index](handler)

    return behaviour


def answer_status(status: int, headers: dict[str, str] | None = None) -> Behaviour:
    return lambda handler: handler.send_json(status, {"detail": f"status_{status}"}, headers)
