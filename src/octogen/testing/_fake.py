"""`FakeOctogen`: the fake API itself, a pure request handler with state (no sockets).

The in-process transport and the loopback server both call `FakeOctogen.handle` and
only differ in how they carry out a `FakeResponse` (its delay, or a dropped connection).
Operations are routed by the table in `_routes.py`.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Unpack
from urllib.parse import parse_qsl, urlsplit

import attrs

from .._client import Client
from .._field_methods import FieldMethods
from .._headers import redact_headers
from .._options import ClientOptions, shows_options
from .._types import JSONValue
from .._wire import dumps
from ._dataset import Dataset
from ._ratelimit import BucketReading, TokenBucket
from ._request import ApiRequest, StateStore
from ._response import FakeResponse, Fault
from ._routes import ROUTES, error_details, match_route
from ._transport import FakeTransport

if TYPE_CHECKING:
    # Imported when first used: a fake that answers normally, in-process (`octogen
    # --mock`), needs neither a scenario nor a server.
    from ._scenarios import Scenario
    from ._server import FakeServer

__all__ = [
    "API_PREFIX",
    "DEMO_API_KEY",
    "FakeOctogen",
    "FakeResponse",
    "RecordedRequest",
]

DEMO_API_KEY = "octo_test_0123456789abcdef0123456789abcdef_demo"
# The base URL of in-process clients (`fake.client()`, the CLI's `--mock`): logs and
# errors then name the fake, not the production API that nothing was sent to.
IN_PROCESS_BASE_URL = "https://fake.octogen.invalid/v1"
API_PREFIX = "/v1"
# Unenforced buckets report this many requests a minute, so `pace=True` clients stay calm.
UNENFORCED_LIMIT = 6000
DEFAULT_ORGANIZATION = "default"


@attrs.frozen(kw_only=True, eq=False, repr=False)
class RecordedRequest(FieldMethods):
    """One request the fake received, for assertions in tests.

    Attributes:
        method: `"GET"`, `"POST"`, `"DELETE"`, ...
        path: The API path, without the `/v1` prefix: `"/products/search"`.
        query: The query parameters, decoded (blank ones kept; the last of a repeated name).
        headers: Lower-case names; `Authorization` shows at most `Bearer octo_live_…abcd`.
        body: The JSON body as Python values, the raw text when it is not JSON, or None.
        status: The status answered, or None when the connection was dropped or hung.
        scenario: The name of the scenario applied, if any.
    """

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: JSONValue
    status: int | None
    scenario: str | None


class _Planned:
    """A scenario to apply, to requests to `path` only (any path when None)."""

    __slots__ = ("path", "scenario")

    def __init__(self, scenario: Scenario, path: str | None) -> None:
        self.scenario = scenario
        self.path = path


class FakeOctogen:
    """A fake Octogen Catalog API that behaves as CONTRACT.md says the real one does.

    ```python
    fake = octogen.testing.FakeOctogen()
    with fake.client() as client:            # in-process: no sockets, no key needed
        client.products.search("linen dress")
    with fake.serve() as base_url:           # a real HTTP server on 127.0.0.1
        octogen.Client(api_key="any", base_url=base_url)
    ```

    Args:
        dataset: What to serve; the built-in demo (`Dataset.demo()`) by default.
        api_keys: Keys to accept (others get 401). By default any Bearer token is.
        grants: Per key, the catalog keys it may use (403 for others). Keys not listed
            may use every catalog.
        organizations: Per key, its organization; keys of one organization share a
            rate-limit bucket and the state they create. By default every key is in
            one organization, `"default"`.
        rate_limit: Requests per `rate_limit_window` an organization may make before
            429 `rate_limit_exceeded`. By default nothing is refused, but every response
            still carries `X-RateLimit-*` headers from a bucket of 6000 a minute.
        rate_limit_window: The bucket's refill period, 60 seconds as on the real API;
            shorten it in tests so a `Retry-After` is about a second.
        scenario: A scenario applied to every request (see `set_scenario`).
        clock: Wall-clock seconds, for the rate limiter and the operations' timestamps.
    """

    def __init__(
        self,
        *,
        dataset: Dataset | None = None,
        api_keys: Iterable[str] | None = None,
        grants: Mapping[str, Collection[str]] | None = None,
        organizations: Mapping[str, str] | None = None,
        rate_limit: int | None = None,
        rate_limit_window: float = 60.0,
        scenario: str | Scenario | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if rate_limit is not None and rate_limit < 1:
            raise ValueError(f"rate_limit must be at least 1; got {rate_limit}")
        if rate_limit_window <= 0:
            raise ValueError(f"rate_limit_window must be positive; got {rate_limit_window}")
        self.dataset = dataset if dataset is not None else Dataset.demo()
        self._api_keys = frozenset(api_keys) if api_keys is not None else None
        self._grants = {key: frozenset(catalogs) for key, catalogs in (grants or {}).items()}
        self._organizations = dict(organizations or {})
        self._rate_limit = rate_limit
        self._rate_limit_window = rate_limit_window
        self._clock = clock
        self._lock = threading.Lock()
        self._revoked: set[str] = set()
        self._buckets: dict[str, TokenBucket] = {}
        self._handling = threading.Lock()  # handlers run one at a time
        self._state = StateStore()
        self._requests: list[RecordedRequest] = []
        self._planned: deque[_Planned] = deque()
        self._standing: _Planned | None = None
        if scenario is not None:
            self.set_scenario(scenario)

    # -- scenarios -------------------------------------------------------------------

    def set_scenario(self, scenario: str | Scenario | None, *, path: str | None = None) -> None:
        """Misbehave on every request (to `path` only, when given) until changed.

        `set_scenario(None)` goes back to answering normally. Scenarios queued with
        `queue` come first.

        Raises:
            ValueError: An unknown scenario name.
        """
        from ._scenarios import Scenario

        with self._lock:
            self._standing = None if scenario is None else _Planned(Scenario.parse(scenario), path)

    def queue(self, *scenarios: str | Scenario, path: str | None = None) -> None:
        """Misbehave on the next requests (to `path` only, when given), one scenario each,
        in order; then answer normally again.

        ```python
        fake.queue("503", "network-error")   # the next two requests fail, the third works
        ```
        """
        from ._scenarios import Scenario

        planned = [_Planned(Scenario.parse(scenario), path) for scenario in scenarios]
        with self._lock:
            self._planned.extend(planned)

    def flaky(
        self, times: int, scenario: str | Scenario = "503", *, path: str | None = None
    ) -> None:
        """Fail the next `times` requests with `scenario` (a 503 by default), then succeed."""
        if times < 0:
            raise ValueError(f"times must not be negative; got {times}")
        self.queue(*[scenario] * times, path=path)

    def clear_scenarios(self) -> None:
        """Forget the standing scenario and every queued one."""
        with self._lock:
            self._standing = None
            self._planned.clear()

    def revoke_key(self, api_key: str) -> None:
        """Answer 401 `api_key_revoked` to `api_key` from now on."""
        with self._lock:
            self._revoked.add(api_key)

    # -- what happened ---------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, oldest first."""
        with self._lock:
            return list(self._requests)

    @property
    def last_request(self) -> RecordedRequest:
        """The latest request received.

        Raises:
            LookupError: No request was received yet.
        """
        with self._lock:
            if not self._requests:
                raise LookupError("the fake has not received any request yet")
            return self._requests[-1]

    def reset(self) -> None:
        """Forget requests, scenarios, revoked keys, rate-limit buckets and every state the
        operations keep (the on-demand cache, ...); keep the dataset."""
        with self._lock:
            self._requests.clear()
            self._planned.clear()
            self._standing = None
            self._revoked.clear()
            self._buckets.clear()
        with self._handling:
            self._state.clear()

    # -- ways in ---------------------------------------------------------------------

    def transport(self) -> FakeTransport:
        """An httpx transport answering from this fake in-process, for `octogen.Client`,
        `octogen.AsyncClient`, `httpx.Client` or `httpx.AsyncClient`."""
        return FakeTransport(self)

    @shows_options()
    def client(self, **options: Unpack[ClientOptions]) -> Client:
        """An `octogen.Client` on this fake, in-process. `api_key` defaults to a demo key;
        every other option is the client's own (`max_retries=0`, hooks, ...)."""
        options.setdefault("api_key", DEMO_API_KEY)
        if "base_urls" not in options:
            options.setdefault("base_url", IN_PROCESS_BASE_URL)
        options["transport"] = self.transport()
        return Client(**options)

    def start_server(self, host: str = "127.0.0.1", port: int = 0) -> FakeServer:
        """Serve this fake over HTTP on `host:port` (a free port by default) from a
        background thread. Stop it with `.stop()` (or use `serve`)."""
        from ._server import FakeServer

        return FakeServer(self, host=host, port=port)

    @contextmanager
    def serve(self, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
        """Serve this fake over HTTP while the block runs; yields the base URL to give a
        client: `http://127.0.0.1:<port>/v1`."""
        server = self.start_server(host, port)
        try:
            yield server.base_url
        finally:
            server.stop()

    # -- the handler -----------------------------------------------------------------

    def handle(
        self, method: str, target: str, headers: Mapping[str, str], body: bytes
    ) -> FakeResponse:
        """Answer one HTTP request: `target` is the path with its query string."""
        headers = {name.lower(): value for name, value in headers.items()}
        parts = urlsplit(target)
        path = parts.path.removeprefix(API_PREFIX) or "/"
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        request_id = headers.get("x-request-id") or f"req_{uuid.uuid4().hex[:20]}"
        scenario = self._next_scenario(path)
        if scenario is not None and not scenario.answers_normally:
            response = self._misbehave(scenario, path, request_id)
        else:
            response = self._answer(method.upper(), path, query, headers, body, request_id)
            if scenario is not None and scenario.name == "slow":
                response = attrs.evolve(response, delay=scenario.seconds)
            elif scenario is not None and scenario.name == "truncated-body":
                response = attrs.evolve(response, fault="truncate")
            elif scenario is not None and scenario.name == "trickle":
                response = attrs.evolve(response, fault="trickle", delay=scenario.seconds)
        self._record(method, path, query, headers, body, response, scenario)
        return response

    def _next_scenario(self, path: str) -> Scenario | None:
        with self._lock:
            for planned in self._planned:
                if planned.path is None or planned.path == path:
                    self._planned.remove(planned)
                    return planned.scenario
            standing = self._standing
            if standing is not None and standing.path in (None, path):
                return standing.scenario
            return None

    def _record(
        self,
        method: str,
        path: str,
        query: dict[str, str],
        headers: dict[str, str],
        body: bytes,
        response: FakeResponse,
        scenario: Scenario | None,
    ) -> None:
        recorded_body: JSONValue = None
        if body:
            try:
                recorded_body = json.loads(body)
            except ValueError:
                recorded_body = body.decode("utf-8", "replace")
        answered = response.fault not in ("hang", "drop")
        recorded = RecordedRequest(
            method=method.upper(),
            path=path,
            query=query,
            headers=redact_headers(headers),
            body=recorded_body,
            status=response.status if answered else None,
            scenario=scenario.name if scenario is not None else None,
        )
        with self._lock:
            self._requests.append(recorded)

    def _misbehave(self, scenario: Scenario, path: str, request_id: str) -> FakeResponse:
        from ._scenarios import MALFORMED_JSON  # loaded already: `scenario` came from it

        if scenario.is_raw:
            assert scenario.status is not None
            named = {name.lower() for name, _ in scenario.headers}
            echoed = [] if "x-request-id" in named else [("X-Request-ID", request_id)]
            headers = [*scenario.headers, *echoed]
            return FakeResponse(status=scenario.status, headers=headers, body=scenario.body)
        headers = [("X-Request-ID", request_id)]
        if scenario.status is not None:
            content_type, payload = scenario.error_body(error_details(ROUTES, path))
            headers.append(("Content-Type", content_type))
            if scenario.status == 429:
                reset = int(self._clock()) + scenario.retry_after
                headers += [
                    ("X-RateLimit-Limit", str(self._rate_limit or UNENFORCED_LIMIT)),
                    ("X-RateLimit-Remaining", "0"),
                    ("X-RateLimit-Reset", str(reset)),
                    ("Retry-After", str(scenario.retry_after)),
                ]
            return FakeResponse(status=scenario.status, headers=headers, body=payload)
        if scenario.name == "malformed-json":
            headers.append(("Content-Type", "application/json"))
            return FakeResponse(status=200, headers=headers, body=MALFORMED_JSON)
        fault: Fault = "hang" if scenario.name == "timeout" else "drop"
        return FakeResponse(
            status=0, headers=headers, body=b"", fault=fault, hang_seconds=scenario.seconds
        )

    def _answer(
        self,
        method: str,
        path: str,
        query: Mapping[str, str],
        headers: dict[str, str],
        body: bytes,
        request_id: str,
    ) -> FakeResponse:
        base_headers = [("Content-Type", "application/json"), ("X-Request-ID", request_id)]

        def respond(status: int, payload: Any, extra: Iterable[tuple[str, str]]) -> FakeResponse:
            return FakeResponse(status=status, headers=[*base_headers, *extra], body=dumps(payload))

        found = match_route(ROUTES, method, path)
        if found.route is None:
            if not found.allowed:
                return respond(404, {"detail": "Not Found"}, [])
            allow = ", ".join(found.allowed)
            return respond(405, {"detail": "Method Not Allowed"}, [("Allow", allow)])

        api_key, auth_failure = self._authenticate(headers.get("authorization", ""))
        if auth_failure is not None:
            return respond(401, {"detail": auth_failure}, [("WWW-Authenticate", "Bearer")])
        assert api_key is not None
        organization = self._organizations.get(api_key, DEFAULT_ORGANIZATION)
        reading = self._take_token(organization)
        if not reading.allowed:
            return respond(429, {"detail": "rate_limit_exceeded"}, reading.headers())
        request = ApiRequest(
            method=method,
            path=path,
            params=found.params,
            query=query,
            content=body,
            body=_decoded(body),
            headers=headers,
            api_key=api_key,
            organization=organization,
            request_id=request_id,
            now=self._clock(),
            dataset=self.dataset,
            catalogs=self._granted(api_key),
            store=self._state,
        )
        with self._handling:
            reply = found.route.handler(request)
        status, payload = reply[0], reply[1]
        extra = list(reply[2].items()) if len(reply) == 3 else []
        return respond(status, payload, [*reading.headers(), *extra])

    def _authenticate(self, authorization: str) -> tuple[str | None, str | None]:
        """The caller's key, or the `detail` of a 401."""
        scheme, _, token = authorization.partition(" ")
        token = token.strip()
        if not authorization:
            return None, "missing_api_key"
        if scheme.lower() != "bearer" or not token:
            return None, "invalid_authorization_header"
        with self._lock:
            if token in self._revoked:
                return None, "api_key_revoked"
        if self._api_keys is not None and token not in self._api_keys:
            return None, "invalid_api_key"
        return token, None

    def _take_token(self, organization: str) -> BucketReading:
        with self._lock:
            bucket = self._buckets.get(organization)
            if bucket is None:
                bucket = self._buckets[organization] = TokenBucket(
                    limit=self._rate_limit or UNENFORCED_LIMIT,
                    window=self._rate_limit_window if self._rate_limit else 60.0,
                    enforce=self._rate_limit is not None,
                    clock=self._clock,
                )
            return bucket.take()

    def _granted(self, api_key: str) -> frozenset[str]:
        every = self.dataset.catalog_keys  # per request: no product counting here
        return self._grants.get(api_key, every) & every


def _decoded(body: bytes) -> Any:
    """The body as JSON values, or None when it is empty or not JSON."""
    if not body.strip():
        return None
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
