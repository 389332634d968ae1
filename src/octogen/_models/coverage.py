"""Coverage URL lists: `UrlList` and its pages, the results of changing and checking
membership, and the members themselves (CONTRACT-LIVE.md §5)."""

from datetime import datetime

import attrs

from . import reads_as_octogen
from .base import WireModel

URL_LIST_STATUSES = ("provisioning", "active", "delete_pending")


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class BigQueryListing(WireModel):
    """Where a URL list's coverage is published in BigQuery (Analytics Hub).

    Attributes:
        exchange_id: The data exchange (`"catalogs_prod"`).
        listing_id: The list's listing in it.
        shared_dataset_id: The dataset readers get.
        view_id: The products view (`"products_current_v1"`).
        last_exported_at: When the daily export last ran, or None before the first.
        last_row_count: Rows in the last export, or None.
        reader_count: How many registered BigQuery readers have access, or None.
    """

    exchange_id: str | None = None
    listing_id: str | None = None
    shared_dataset_id: str | None = None
    view_id: str | None = None
    last_exported_at: datetime | None = None
    last_row_count: int | None = None
    reader_count: int | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class UrlList(WireModel):
    """A named list of product URLs whose coverage Octogen exports daily to BigQuery.

    Attributes:
        url_list_id: The list's id (`"cul_01KZ..."`), for every other call.
        name: Its name, unique among the organization's live lists.
        status: `"provisioning"` (BigQuery being set up; URLs can already be added),
            `"active"` (exported daily) or `"delete_pending"` (being torn down).
        url_count: Members, after normalization and deduplication.
        big_query: Where the coverage is published; None until provisioned.
        created_at / updated_at: When it was made and last changed.
    """

    url_list_id: str
    name: str
    status: str
    url_count: int = 0
    big_query: BigQueryListing | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class UrlListPage(WireModel):
    """One page of the organization's URL lists, newest first (lists being deleted
    included until their teardown ends).

    Attributes:
        items: The lists on this page.
        next_cursor: Pass it as `cursor=` for the next page; None on the last page.
    """

    items: list[UrlList]
    next_cursor: str | None = None

    @property
    def has_next_page(self) -> bool:
        """True when another page follows this one."""
        return self.next_cursor is not None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class UrlChange(WireModel):
    """One URL that an add or remove took.

    Attributes:
        url: The URL as you sent it.
        normalized_url: The member it stands for (scheme and host lower-cased, no
            fragment, trailing slash or tracking parameters).
    """

    url: str
    normalized_url: str | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class UrlRejection(WireModel):
    """One URL that an add or remove refused (the others still went through).

    Attributes:
        url: The URL as you sent it, when the API names it.
        code: Why: `"invalid_url"` (it cannot be normalized).
        message: The reason in words.
    """

    url: str | None = None
    code: str | None = None
    message: str | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class UrlChangeResult(WireModel):
    """What `add_urls` or `remove_urls` did, every batch merged in input order.

    Attributes:
        accepted: The URLs taken (re-adding a member, or removing a non-member, is
            accepted and changes nothing).
        rejected: The URLs refused, with why.
        url_count: The list's size after the last batch.
        request_id: The last batch's mutation id, to quote to support.
    """

    accepted: list[UrlChange] = attrs.field(factory=list)
    rejected: list[UrlRejection] = attrs.field(factory=list)
    url_count: int = 0
    request_id: str | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class UrlMembership(WireModel):
    """Whether one URL is a member of a list (membership, not catalog coverage).

    Attributes:
        url: The URL as you sent it.
        normalized_url: The member it stands for.
        present: True when the list holds it (in any variant that normalizes alike).
        added_at: When it was added; None when it is not present.
    """

    url: str
    present: bool
    normalized_url: str | None = None
    added_at: datetime | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class UrlListEntry(WireModel):
    """One member of a URL list.

    Attributes:
        url: The URL as first added.
        normalized_url: The normalized form, the member's identity.
        added_at: When it was added.
    """

    url: str
    normalized_url: str | None = None
    added_at: datetime | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class UrlListUrlsPage(WireModel):
    """One page of a list's members, in the order they were added.

    Attributes:
        items: The members on this page.
        next_cursor: Pass it as `cursor=` (with the same `limit`) for the next page;
            None on the last page.
    """

    items: list[UrlListEntry]
    next_cursor: str | None = None

    @property
    def has_next_page(self) -> bool:
        """True when another page follows this one."""
        return self.next_cursor is not None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class UrlMembershipResults(WireModel):
    """The body of a membership check: one result per URL, in request order."""

    results: list[UrlMembership]


reads_as_octogen(
    BigQueryListing,
    UrlChange,
    UrlChangeResult,
    UrlList,
    UrlListEntry,
    UrlListPage,
    UrlListUrlsPage,
    UrlMembership,
    UrlRejection,
)
