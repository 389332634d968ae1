"""`call_timeout` for the bytes on the wire: no socket read or write of a call outlives it.

httpx's timeouts apply to each read: a server that trickles its headers or body a byte at
a time keeps a call alive as long as each byte comes within `read_timeout`. The SDK's own
sync pools read through `DeadlineBackend`, whose streams shorten every read and write to
what the current call's deadline leaves (`call_deadline`, a context variable, since a
sync call reads in the thread that made it). The async transport bounds the whole
exchange with `asyncio.timeout` instead, which needs no help from the pool.
"""

from __future__ import annotations

import time
import typing
from contextvars import ContextVar

import httpx

if typing.TYPE_CHECKING:
    import httpcore

_DEADLINE: ContextVar[float | None] = ContextVar("octogen_call_deadline", default=None)


class call_deadline:  # lowercase: used as a function, `with call_deadline(...)`
    """Within the block, socket reads and writes end by `deadline` (`time.monotonic()`).

    A plain class rather than `@contextmanager`: it runs around every call.
    """

    __slots__ = ("_deadline", "_token")

    def __init__(self, deadline: float | None) -> None:
        self._deadline = deadline

    def __enter__(self) -> None:
        self._token = _DEADLINE.set(self._deadline)

    def __exit__(self, *exc_info: object) -> None:
        _DEADLINE.reset(self._token)


def _bounded(timeout: float | None, error: str) -> float | None:
    """`timeout`, shortened to what the call's deadline leaves; httpcore's `error`
    (`"ReadTimeout"`, …) when nothing is left."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        import httpcore  # loaded by httpx once a pool exists: no cost here

        raise getattr(httpcore, error)("call_timeout ran out")
    return left if timeout is None else min(timeout, left)


# httpcore's stream and backend interfaces are plain method sets; these classes implement
# them without subclassing, so that `import octogen` does not import httpcore (httpx
# itself only does when a pool is built).
class _DeadlineStream:
    """A network stream whose reads and writes end by the call's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _bounded(timeout, "ReadTimeout"))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _bounded(timeout, "WriteTimeout"))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: typing.Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> _DeadlineStream:
        bounded = _bounded(timeout, "ConnectTimeout")
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._stream.get_extra_info(info)


class DeadlineBackend:
    """httpcore's network backend, with streams that honour `call_deadline`."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> _DeadlineStream:
        stream = self._backend.connect_tcp(
            host,
            port,
            _bounded(timeout, "ConnectTimeout"),
            local_address,
            socket_options,
        )
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> _DeadlineStream:
        stream = self._backend.connect_unix_socket(
            path, _bounded(timeout, "ConnectTimeout"), socket_options
        )
        return _DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def http_transport(**options: typing.Any) -> httpx.HTTPTransport:
    """An `httpx.HTTPTransport` whose connections honour `call_deadline`.

    httpx does not take a network backend, so it is set on the transport's httpcore pool;
    should a future httpx lay its pool out otherwise, the transport is returned as it is
    (calls are then bounded between reads only) and a test of this module fails.
    """
    import httpcore

    transport = httpx.HTTPTransport(**options)
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if isinstance(pool, httpcore.ConnectionPool) and isinstance(backend, httpcore.NetworkBackend):
        pool._network_backend = DeadlineBackend(backend)  # type: ignore[assignment]  # duck-typed
    return transport
