"""Coverage URL lists on the fake (`/coverage/url-lists...`, CONTRACT-LIVE.md §5).

Each organization's lists, kept per organization: at most 5 live ones (provisioning or
active), names unique among live lists, at most 100,000 members each, 1-1,000 URLs per
add/remove/check request of at most 2,048 characters each. A list is `provisioning` for
its first 30 seconds on the fake's clock, then `active` with its BigQuery listing (first
exported a day after it was made); a deleted list is `delete_pending` for 60 seconds,
then gone (404). URLs are normalized as the coverage API does (scheme and host
lower-cased, https, no fragment, trailing slash or tracking parameters; other query
parameters kept in order), so variants are one member; one without a host is rejected
alone (`invalid_url`). Cursors are opaque; a malformed one, or one of another list,
answers 400 `invalid_cursor`.
"""

from __future__ import annotations

import itertools
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import attrs

from ._clock import iso
from ._request import ApiRequest, Reply
from ._validation import BodyValidator, read_json_object
from ._voyages import decode_cursor, encode_cursor, read_page_query

COVERAGE_ERROR_DETAILS = {503: "url_lists_unavailable"}
URL_LIST_ERROR_DETAILS = {**COVERAGE_ERROR_DETAILS, 404: "url_list_not_found"}
# A status scenario's 409 on membership edits is the one a client should retry.
URL_EDIT_ERROR_DETAILS = {**URL_LIST_ERROR_DETAILS, 409: "url_list_migrating"}

MAX_LIVE_LISTS = 5
MAX_LIST_URLS = 100_000
MAX_BATCH = 1000
MAX_URL_LENGTH = 2048
MAX_NAME_LENGTH = 80
PROVISIONING_SECONDS = 30.0
TEARDOWN_SECONDS = 60.0
EXPORT_AFTER_SECONDS = 86_400.0
_TRACKING = frozenset({"gclid", "fbclid", "msclkid", "dclid", "mc_cid", "mc_eid", "_ga", "_gl"})


def normalize_list_url(url: str) -> str | None:
    """The member a URL stands for, or None when it cannot be normalized (no http(s)
    scheme or no host)."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    if port is not None and port not in (80, 443):
        host = f"{host}:{port}"
    kept = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not name.lower().startswith("utm_") and name.lower() not in _TRACKING
    ]
    return urlunsplit(("https", host, parts.path.rstrip("/"), urlencode(kept), ""))


@attrs.define
class FakeUrlList:
    """One list; its status follows from the clock."""

    url_list_id: str
    name: str
    created: float
    updated: float
    members: dict[str, tuple[str, float]] = attrs.field(factory=dict)  # normalized -> (url, at)
    deleted: float | None = None

    def status(self, now: float) -> str:
        if self.deleted is not None:
            return "delete_pending"
        return "provisioning" if now - self.created < PROVISIONING_SECONDS else "active"

    def gone(self, now: float) -> bool:
        return self.deleted is not None and now - self.deleted >= TEARDOWN_SECONDS

    def view(self, now: float) -> dict[str, Any]:
        status = self.status(now)
        big_query = None
        if status == "active":
            exported = now - self.created >= EXPORT_AFTER_SECONDS
            big_query = {
                "exchangeId": "catalogs_prod",
                "listingId": f"coverage_{self.url_list_id}_v1",
                "sharedDatasetId": f"coverage_share_{self.url_list_id}_v1",
                "viewId": "products_current_v1",
                "lastExportedAt": iso(self.created + EXPORT_AFTER_SECONDS) if exported else None,
                "lastRowCount": len(self.members) // 5 if exported else None,
                "readerCount": 1,
            }
        updated = self.updated
        if status == "active":
            updated = max(updated, self.created + PROVISIONING_SECONDS)
        if self.deleted is not None:
            updated = max(updated, self.deleted)
        return {
            "urlListId": self.url_list_id,
            "name": self.name,
            "status": status,
            "urlCount": len(self.members),
            "bigQuery": big_query,
            "createdAt": iso(self.created),
            "updatedAt": iso(updated),
        }


class UrlListStore:
    """One organization's URL lists, oldest first."""

    def __init__(self) -> None:
        self.lists: dict[str, FakeUrlList] = {}
        self._serial = itertools.count(1)

    def visible(self, now: float) -> list[FakeUrlList]:
        for url_list in [item for item in self.lists.values() if item.gone(now)]:
            del self.lists[url_list.url_list_id]
        return list(self.lists.values())

    def live(self, now: float) -> list[FakeUrlList]:
        return [item for item in self.visible(now) if item.deleted is None]

    def new_id(self) -> str:
        return f"cul_{next(self._serial):026d}"


def _store(request: ApiRequest) -> UrlListStore:
    return request.state(UrlListStore)


def _found(request: ApiRequest) -> FakeUrlList | None:
    store = _store(request)
    store.visible(request.now)
    return store.lists.get(request.params["urlListId"])


_NOT_FOUND: Reply = (404, {"detail": "url_list_not_found"})


def create_url_list(request: ApiRequest) -> Reply:
    """`POST /coverage/url-lists`: 201 with a provisioning list, or 409."""
    validator = BodyValidator()
    fields = read_json_object(request.content, validator)
    name = None
    if fields is not None:
        if "name" not in fields:
            validator.missing(("name",), fields)
        else:
            name = validator.string(("name",), fields["name"], optional=False)
            if name is not None and not 1 <= len(name) <= MAX_NAME_LENGTH:
                kind, bound = (
                    ("string_too_short", 1) if not name else ("string_too_long", MAX_NAME_LENGTH)
                )
                word = "at least" if kind == "string_too_short" else "at most"
                limit = "min_length" if kind == "string_too_short" else "max_length"
                validator.add(
                    ("name",),
                    kind,
                    f"String should have {word} {bound} character{'s' * (bound > 1)}",
                    name,
                    {limit: bound},
                )
    if validator.issues or name is None:
        return 422, {"detail": validator.issues}
    store = _store(request)
    live = store.live(request.now)
    if any(item.name == name for item in live):
        return 409, {"detail": "url_list_name_conflict"}
    if len(live) >= MAX_LIVE_LISTS:
        return 409, {"detail": "url_list_limit_exceeded"}
    url_list = FakeUrlList(
        url_list_id=store.new_id(), name=name, created=request.now, updated=request.now
    )
    store.lists[url_list.url_list_id] = url_list
    return 201, url_list.view(request.now)


@attrs.frozen
class _Window:
    offset: int
    limit: int


def _page(request: ApiRequest, kind: str, total: int) -> _Window | Reply:
    """Where the page asked for starts and how long it is, or the error reply."""
    validator = BodyValidator("query")
    limit = read_page_query(request, validator)
    if validator.issues:
        return 422, {"detail": validator.issues}
    cursor = request.query.get("cursor")
    offset = 0
    if cursor:
        decoded = decode_cursor(kind, cursor)
        if decoded is None or decoded > total:
            return 400, {"detail": "invalid_cursor"}
        offset = decoded
    return _Window(offset, limit)


def list_url_lists(request: ApiRequest) -> Reply:
    """`GET /coverage/url-lists`: newest first, lists being deleted included."""
    lists = list(reversed(_store(request).visible(request.now)))
    paging = _page(request, "url-lists", len(lists))
    if not isinstance(paging, _Window):
        return paging
    offset, limit = paging.offset, paging.limit
    page = lists[offset : offset + limit]
    more = offset + limit < len(lists)
    return 200, {
        "items": [item.view(request.now) for item in page],
        "nextCursor": encode_cursor("url-lists", offset + limit) if more else None,
    }


def get_url_list(request: ApiRequest) -> Reply:
    """`GET /coverage/url-lists/{urlListId}`."""
    url_list = _found(request)
    return _NOT_FOUND if url_list is None else (200, url_list.view(request.now))


def delete_url_list(request: ApiRequest) -> Reply:
    """`DELETE /coverage/url-lists/{urlListId}`: 202, `delete_pending` until teardown ends;
    a repeat meanwhile answers the same."""
    url_list = _found(request)
    if url_list is None:
        return _NOT_FOUND
    if url_list.deleted is None:
        url_list.deleted = request.now
        url_list.updated = request.now
    return 202, url_list.view(request.now)


def _read_urls(request: ApiRequest) -> list[str] | Reply:
    validator = BodyValidator()
    fields = read_json_object(request.content, validator)
    urls = None
    if fields is not None:
        if "urls" not in fields:
            validator.missing(("urls",), fields)
        else:
            urls = validator.string_list(("urls",), fields["urls"])
    if urls is not None and not validator.issues:
        if not 1 <= len(urls) <= MAX_BATCH:
            short = len(urls) < 1
            validator.add(
                ("urls",),
                "too_short" if short else "too_long",
                f"List should have at {'least 1 item' if short else 'most 1000 items'} "
                f"after validation, not {len(urls)}",
                urls if short else f"[{len(urls)} items]",
                {
                    "field_type": "List",
                    "min_length" if short else "max_length": 1 if short else MAX_BATCH,
                },
            )
        for index, url in enumerate(urls):
            if len(url) > MAX_URL_LENGTH:
                validator.add(
                    ("urls", index),
                    "string_too_long",
                    f"String should have at most {MAX_URL_LENGTH} characters",
                    url[:100],
                    {"max_length": MAX_URL_LENGTH},
                )
    if validator.issues or urls is None:
        return 422, {"detail": validator.issues}
    return urls


def _editable(request: ApiRequest) -> FakeUrlList | Reply:
    url_list = _found(request)
    if url_list is None:
        return _NOT_FOUND
    if url_list.deleted is not None:
        return 409, {"detail": "url_list_deleting"}
    return url_list


def _rejection(url: str) -> dict[str, str]:
    return {
        "url": url,
        "code": "invalid_url",
        "message": "The URL has no host and cannot be normalized.",
    }


def add_url_list_urls(request: ApiRequest) -> Reply:
    """`POST .../urls`: an idempotent set-add; 409 when it would pass 100,000 members
    (nothing is added then)."""
    target = _editable(request)
    if not isinstance(target, FakeUrlList):
        return target
    urls = _read_urls(request)
    if not isinstance(urls, list):
        return urls
    normalized = [(url, normalize_list_url(url)) for url in urls]
    new = {key for _, key in normalized if key is not None and key not in target.members}
    if len(target.members) + len(new) > MAX_LIST_URLS:
        return 409, {"detail": "list_url_capacity_exceeded"}
    accepted, rejected = [], []
    for url, key in normalized:
        if key is None:
            rejected.append(_rejection(url))
            continue
        target.members.setdefault(key, (url, request.now))
        accepted.append({"url": url, "normalizedUrl": key})
    if new:
        target.updated = request.now
    return 200, _change(target, accepted, rejected, request)


def remove_url_list_urls(request: ApiRequest) -> Reply:
    """`POST .../urls/remove`: an idempotent set-remove (any variant removes a member)."""
    target = _editable(request)
    if not isinstance(target, FakeUrlList):
        return target
    urls = _read_urls(request)
    if not isinstance(urls, list):
        return urls
    accepted, rejected = [], []
    for url in urls:
        key = normalize_list_url(url)
        if key is None:
            rejected.append(_rejection(url))
            continue
        if target.members.pop(key, None) is not None:
            target.updated = request.now
        accepted.append({"url": url, "normalizedUrl": key})
    return 200, _change(target, accepted, rejected, request)


def _change(
    target: FakeUrlList, accepted: list[Any], rejected: list[Any], request: ApiRequest
) -> dict[str, Any]:
    return {
        "accepted": accepted,
        "rejected": rejected,
        "urlCount": len(target.members),
        "requestId": request.request_id,
    }


def check_url_list_urls(request: ApiRequest) -> Reply:
    """`POST .../urls/contains`: membership of each URL, in request order."""
    url_list = _found(request)
    if url_list is None:
        return _NOT_FOUND
    urls = _read_urls(request)
    if not isinstance(urls, list):
        return urls
    results = []
    for url in urls:
        key = normalize_list_url(url)
        member = url_list.members.get(key) if key is not None else None
        results.append(
            {
                "url": url,
                "normalizedUrl": key,
                "present": member is not None,
                "addedAt": iso(member[1]) if member is not None else None,
            }
        )
    return 200, {"results": results}


def list_url_list_urls(request: ApiRequest) -> Reply:
    """`GET .../urls`: the members in insertion order."""
    url_list = _found(request)
    if url_list is None:
        return _NOT_FOUND
    members = url_list.members
    paging = _page(request, f"urls-{url_list.url_list_id}", len(members))
    if not isinstance(paging, _Window):
        return paging
    offset, limit = paging.offset, paging.limit
    page = list(itertools.islice(members.items(), offset, offset + limit))
    more = offset + limit < len(members)
    return 200, {
        "items": [
            {"url": url, "normalizedUrl": key, "addedAt": iso(added)} for key, (url, added) in page
        ],
        "nextCursor": encode_cursor(f"urls-{url_list.url_list_id}", offset + limit)
        if more
        else None,
    }
