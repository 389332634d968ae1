"""The voyages and coverage URL list operations (CONTRACT-LIVE.md §4 and §5)."""

from __future__ import annotations

from ... import _wire
from ..._errors import InvalidRequestError
from ..._models.coverage import (
    UrlChangeResult,
    UrlList,
    UrlListPage,
    UrlListUrlsPage,
    UrlMembership,
    UrlMembershipResults,
)
from ..._models.voyage import Voyage, VoyagePage
from ..._types import JSONValue
from .. import params
from .declaration import (
    Operation,
    Paging,
    Param,
    RetryClass,
    optional_text,
    page_size,
    reads,
    required_path_id,
)
from .limits import VOYAGE_STATUSES

MAX_DOMAIN_LENGTH = 2048
MAX_URL_LIST_NAME = 80
MAX_LIST_URL_LENGTH = 2048
URL_BATCH_SIZE = 1000  # URLs per add/remove/check request (the API's maximum)


def _check_domain(value: object, name: str) -> str:
    """A domain or any public URL, as a non-empty string (the API normalizes it)."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidRequestError(
            f"`{name}` must be a domain such as 'example.com' (or a URL on it); got {value!r}",
            argument=name,
        )
    domain = params.check_encodable(value.strip(), name)
    if len(domain) > MAX_DOMAIN_LENGTH or any(character.isspace() for character in domain):
        raise InvalidRequestError(
            f"`{name}` must be one domain or URL without spaces; got {value[:80]!r}",
            argument=name,
        )
    return domain


def _check_voyage_status(value: object, name: str) -> str | None:
    return params.check_choice(value, name, VOYAGE_STATUSES)


def check_url_list_name(value: object, name: str = "name") -> str:
    """A list name of 1 to 80 characters."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidRequestError(
            f"`{name}` must be a non-empty string of at most {MAX_URL_LIST_NAME} characters; "
            f"got {value!r}",
            argument=name,
        )
    if len(value) > MAX_URL_LIST_NAME:
        raise InvalidRequestError(
            f"`{name}` must be at most {MAX_URL_LIST_NAME} characters; got {len(value)}",
            argument=name,
        )
    return params.check_encodable(value, name)


def check_list_url(value: object, name: str) -> str:
    """One URL for a list: a non-empty string of at most 2,048 characters.

    Only what would make the API refuse the whole request is checked here; a URL the API
    cannot normalize is sent, and comes back in `rejected` (`invalid_url`) on its own.
    """
    if not isinstance(value, str) or not value:
        raise InvalidRequestError(
            f"`{name}` must be a non-empty URL string; got {value!r}", argument=name
        )
    if len(value) > MAX_LIST_URL_LENGTH:
        raise InvalidRequestError(
            f"`{name}` is {len(value)} characters long; a list URL may have at most "
            f"{MAX_LIST_URL_LENGTH}",
            argument=name,
        )
    return params.check_encodable(value, name)


def _check_url_batch(value: object, name: str) -> list[JSONValue]:
    """One batch of 1 to 1,000 URLs, each checked by `check_list_url` already."""
    if not isinstance(value, list) or not 1 <= len(value) <= URL_BATCH_SIZE:
        raise InvalidRequestError(
            f"`{name}` must hold 1 to {URL_BATCH_SIZE} URLs per request", argument=name
        )
    return [check_list_url(url, f"{name}[{index}]") for index, url in enumerate(value)]


def _parse_memberships(data: JSONValue) -> list[UrlMembership]:
    return _wire.build(UrlMembershipResults, data).results


_TASK_ID = Param("task_id", "path", required_path_id)
_URL_LIST_ID = Param("url_list_id", "path", required_path_id, wire="urlListId")
_URL_BATCH = Param("urls", "body", _check_url_batch)
_PAGE = (Param("cursor", "query", optional_text), Param("limit", "query", page_size))
# A normalization migration briefly locks a list's membership: try again soon.
_MIGRATING = frozenset({"url_list_migrating"})

START_VOYAGE: Operation[Voyage] = Operation(
    name="startVoyage",
    method="POST",
    path="/voyage",
    params=(Param("domain", "body", _check_domain),),
    parse=reads(Voyage),
    success=frozenset({200, 202}),  # 202: started (uses quota); 200: joined
    retry=RetryClass.IDEMPOTENT_CHANGE,  # one voyage per normalized domain
    final_codes=frozenset({"voyage_quota_exceeded"}),  # a quota, not a rate
)

GET_VOYAGE: Operation[Voyage] = Operation(
    name="getVoyage",
    method="GET",
    path="/voyage/{task_id}",
    params=(_TASK_ID,),
    parse=reads(Voyage),
)

LIST_VOYAGES: Operation[VoyagePage] = Operation(
    name="listVoyages",
    method="GET",
    path="/voyage",
    params=(Param("status", "query", _check_voyage_status), *_PAGE),
    parse=reads(VoyagePage),
    paging=Paging(cursor_in="query"),
)

CREATE_URL_LIST: Operation[UrlList] = Operation(
    name="createUrlList",
    method="POST",
    path="/coverage/url-lists",
    params=(Param("name", "body", check_url_list_name),),
    parse=reads(UrlList),
    success=frozenset({201}),
    retry=RetryClass.CREATE,  # a repeat after success is 409 url_list_name_conflict
)

LIST_URL_LISTS: Operation[UrlListPage] = Operation(
    name="listUrlLists",
    method="GET",
    path="/coverage/url-lists",
    params=_PAGE,
    parse=reads(UrlListPage),
    paging=Paging(cursor_in="query"),
)

GET_URL_LIST: Operation[UrlList] = Operation(
    name="getUrlList",
    method="GET",
    path="/coverage/url-lists/{urlListId}",
    params=(_URL_LIST_ID,),
    parse=reads(UrlList),
)

DELETE_URL_LIST: Operation[UrlList] = Operation(
    name="deleteUrlList",
    method="DELETE",
    path="/coverage/url-lists/{urlListId}",
    params=(_URL_LIST_ID,),
    parse=reads(UrlList),
    success=frozenset({202}),
    retry=RetryClass.IDEMPOTENT_CHANGE,  # a repeat while pending answers the same
)

ADD_URL_LIST_URLS: Operation[UrlChangeResult] = Operation(
    name="addUrlListUrls",
    method="POST",
    path="/coverage/url-lists/{urlListId}/urls",
    params=(_URL_LIST_ID, _URL_BATCH),
    parse=reads(UrlChangeResult),
    retry=RetryClass.IDEMPOTENT_CHANGE,  # a set-add
    retried_codes=_MIGRATING,
)

REMOVE_URL_LIST_URLS: Operation[UrlChangeResult] = Operation(
    name="removeUrlListUrls",
    method="POST",
    path="/coverage/url-lists/{urlListId}/urls/remove",
    params=(_URL_LIST_ID, _URL_BATCH),
    parse=reads(UrlChangeResult),
    retry=RetryClass.IDEMPOTENT_CHANGE,  # a set-remove
    retried_codes=_MIGRATING,
)

CHECK_URL_LIST_URLS: Operation[list[UrlMembership]] = Operation(
    name="checkUrlListUrls",
    method="POST",
    path="/coverage/url-lists/{urlListId}/urls/contains",
    params=(_URL_LIST_ID, _URL_BATCH),
    parse=_parse_memberships,
)

LIST_URL_LIST_URLS: Operation[UrlListUrlsPage] = Operation(
    name="listUrlListUrls",
    method="GET",
    path="/coverage/url-lists/{urlListId}/urls",
    params=(_URL_LIST_ID, *_PAGE),
    parse=reads(UrlListUrlsPage),
    paging=Paging(cursor_in="query"),
)
