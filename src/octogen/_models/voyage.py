"""Voyages: `Voyage` (a domain being added to the index) and `VoyagePage` with the
organization's `VoyageQuotas` (CONTRACT-LIVE.md §4)."""

from datetime import datetime

import attrs

from . import reads_as_octogen
from .base import WireModel

# A voyage in one of these statuses will not change again.
TERMINAL_STATUSES = frozenset({"completed", "failed", "cancelled"})


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class VoyageError(WireModel):
    """Why a voyage failed.

    Attributes:
        code: A stable machine-readable reason (the API does not publish the list).
        message: A sentence safe to show to people.
    """

    code: str | None = None
    message: str | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class VoyageResult(WireModel):
    """What a completed voyage published.

    Attributes:
        catalog: The new catalog's key: pass it as `catalog=` to `products.search`.
        product_count: How many products the catalog holds.
    """

    catalog: str | None = None
    product_count: int | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class Voyage(WireModel):
    """A voyage: Octogen crawling a domain and publishing it as a catalog (wire name
    `VoyageTask`).

    Attributes:
        task_id: The voyage's id, for `voyages.get` and `voyages.wait`.
        domain: The normalized registrable domain (`"example.com"`).
        status: `"queued"`, `"running"`, `"in_review"`, `"completed"`, `"failed"` or
            `"cancelled"` (newer values are kept as given).
        phase: `"discovering_site"`, `"sampling_products"`, `"building_extraction"`,
            `"in_review"`, `"publishing_catalog"`, `"complete"` or `"failed"`.
        phase_label: The phase in words for people.
        progress_percent: 0-100; never decreases.
        created_at / updated_at: When the voyage started and last changed.
        completed_at: When it reached a terminal status, else None.
        error: Why it failed (status `"failed"`), else None.
        result: The published catalog (status `"completed"`), else None.
    """

    task_id: str
    domain: str
    status: str
    phase: str
    phase_label: str = ""
    progress_percent: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None
    completed_at: datetime | None = None
    error: VoyageError | None = None
    result: VoyageResult | None = None

    @property
    def is_terminal(self) -> bool:
        """True once the voyage is `completed`, `failed` or `cancelled`: it will not
        change again (`voyages.wait` stops here)."""
        return self.status in TERMINAL_STATUSES


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class VoyageQuota(WireModel):
    """One voyage quota: how many voyages the organization may run, and has.

    Attributes:
        limit: The cap, or None when the API does not say.
        used: How much of it is used, or None when the API does not say.
        period_start: The monthly quota's period start (midnight UTC on the first of the
            month); None for the concurrent quota.
        resets_at: When the monthly quota drops back to zero; None for the concurrent one.
    """

    limit: int | None = None
    used: int | None = None
    period_start: datetime | None = None
    resets_at: datetime | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class VoyageQuotas(WireModel):
    """The organization's voyage quotas. Starting a voyage beyond either raises
    `OctogenRateLimitError` with the detail object `voyage_quota_exceeded`.

    Attributes:
        concurrent: Voyages not yet in a terminal status (`limit`, `used`); joined
            voyages do not count.
        monthly: Voyages started this UTC month (`limit`, `used`, `period_start`,
            `resets_at`).
    """

    concurrent: VoyageQuota | None = None
    monthly: VoyageQuota | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class VoyagePage(WireModel):
    """One page of the organization's voyages, newest first.

    Attributes:
        items: The voyages on this page.
        next_cursor: Pass it as `cursor=` (with the same `status` and `limit`) for the
            next page; None on the last page.
        quotas: The organization's quotas and their use, when the API sends them.
    """

    items: list[Voyage]
    next_cursor: str | None = None
    quotas: VoyageQuotas | None = None

    @property
    def has_next_page(self) -> bool:
        """True when another page follows this one."""
        return self.next_cursor is not None


reads_as_octogen(Voyage, VoyageError, VoyagePage, VoyageQuotas, VoyageResult)
