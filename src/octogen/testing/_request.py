"""`ApiRequest`: one authenticated request as an operation's handler sees it.

A handler is a function `(ApiRequest) -> Reply`, declared once in `_routes.py` with its
method and path template. It answers `(status, payload)` or `(status, payload, headers)`;
the fake adds `Content-Type`, `X-Request-ID` and the rate-limit headers. Handlers run one
at a time (the fake holds its handler lock), so the state they keep needs no lock of its
own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

from ._dataset import Dataset

T = TypeVar("T")

Reply = tuple[int, Any] | tuple[int, Any, Mapping[str, str]]
"""What a handler answers: a status, a JSON payload and, optionally, extra headers."""

Handler = Callable[["ApiRequest"], Reply]
"""An operation of the fake: it answers one parsed, authenticated request."""


class StateStore:
    """One instance of each state class per owner (an organization, or the whole fake),
    made on first use with `kind()`."""

    def __init__(self) -> None:
        self._instances: dict[tuple[str | None, type[Any]], Any] = {}

    def get(self, owner: str | None, kind: type[T]) -> T:
        """`owner`'s instance of `kind` (`None`: the one the whole fake shares)."""
        instance = self._instances.get((owner, kind))
        if instance is None:
            instance = self._instances[(owner, kind)] = kind()
        return cast(T, instance)

    def clear(self) -> None:
        """Forget every instance (`FakeOctogen.reset`)."""
        self._instances.clear()


class ApiRequest:
    """One request the fake routed to an operation, after auth and the rate limit.

    Attributes:
        method: `"GET"`, `"POST"`, `"DELETE"`, ...
        path: The API path without `/v1`: `"/coverage/url-lists/cul_1/urls"`.
        params: The path parameters, decoded: `{"urlListId": "cul_1"}`.
        query: The query parameters, decoded (the last one of a repeated name).
        content: The raw body.
        body: The body decoded as JSON, or None when it is empty or not JSON.
        headers: The request headers, lower-case names (not in the repr).
        api_key: The caller's key (not in the repr).
        organization: The caller's organization (`FakeOctogen(organizations=...)`;
            `"default"` for keys not listed). Keep per-organization state with `state`.
        request_id: The request's `X-Request-ID`, echoed in the answer.
        now: The fake's clock (`FakeOctogen(clock=...)`) when the request arrived.
        dataset: The catalogs and products served.
        catalogs: The catalog keys this key may use.
    """

    # A plain class, not attrs: `octogen --mock` defines it at every start, and attrs
    # would compile an __init__, __eq__, __hash__ and __repr__ for it each time.
    __slots__ = (
        "_store",
        "api_key",
        "body",
        "catalogs",
        "content",
        "dataset",
        "headers",
        "method",
        "now",
        "organization",
        "params",
        "path",
        "query",
        "request_id",
    )

    def __init__(
        self,
        *,
        method: str,
        path: str,
        params: Mapping[str, str],
        query: Mapping[str, str],
        content: bytes,
        body: Any,
        headers: Mapping[str, str],
        api_key: str,
        organization: str,
        request_id: str,
        now: float,
        dataset: Dataset,
        catalogs: frozenset[str],
        store: StateStore,
    ) -> None:
        self.method = method
        self.path = path
        self.params = params
        self.query = query
        self.content = content
        self.body = body
        self.headers = headers
        self.api_key = api_key
        self.organization = organization
        self.request_id = request_id
        self.now = now
        self.dataset = dataset
        self.catalogs = catalogs
        self._store = store

    def __repr__(self) -> str:  # the headers and the key stay out: Authorization holds it
        return (
            f"ApiRequest(method={self.method!r}, path={self.path!r}, "
            f"organization={self.organization!r}, request_id={self.request_id!r})"
        )

    def state(self, kind: type[T]) -> T:
        """The caller's organization's instance of `kind`, made with `kind()` on first use.

        ```python
        lists = request.state(UrlLists)   # this organization's lists, nobody else's
        ```
        """
        return self._store.get(self.organization, kind)

    def shared(self, kind: type[T]) -> T:
        """The instance of `kind` the whole fake shares (every organization sees it)."""
        return self._store.get(None, kind)
