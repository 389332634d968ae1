"""Product refresh: `RefreshResult`, `RefreshTarget` and `RefreshRejection`."""

import attrs

from . import reads_as_octogen
from .base import WireModel


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class RefreshTarget(WireModel):
    """One product to refresh, as sent or as the API accepted it.

    Attributes:
        url: The product page's URL, when the target named (or resolved to) one.
        uuid: The Octogen product UUID, when the target named one.
        catalog: The catalog key the target is pinned to (or was resolved to).
    """

    url: str | None = None
    uuid: str | None = None
    catalog: str | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class RefreshRejection(WireModel):
    """A target the API did not schedule, and why.

    Attributes:
        target: The target as it was sent.
        code: Why: `"product_not_found"`, `"ambiguous_url"` (several catalogs hold the
            URL: pass `catalog=`), or a newer code, kept as given.
        message: The API's explanation, for people.
    """

    target: RefreshTarget = attrs.field(factory=RefreshTarget)
    code: str
    message: str | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class RefreshResult(WireModel):
    """What `products.refresh` scheduled: data changes show up within a few hours.

    When the targets were sent in several batches (more than 500), the lists hold every
    batch's entries in input order, `submitted` counts them all, and the ids are the
    last batch's.

    Attributes:
        request_id: The API's id of the (last) refresh request, for support.
        submitted: How many targets were sent.
        workflow_id: The id of the background workflow, when one started (for support;
            there is no API to poll it).
        workflow_error: Set when the targets were accepted but the workflow could not
            be launched automatically (not fatal).
        accepted: The targets scheduled, as the API resolved them.
        rejected: The targets not scheduled, each with its `code` and `message`.
    """

    request_id: str
    submitted: int
    workflow_id: str | None = None
    workflow_error: str | None = None
    accepted: list[RefreshTarget] = attrs.field(factory=list)
    rejected: list[RefreshRejection] = attrs.field(factory=list)


reads_as_octogen(RefreshRejection, RefreshResult, RefreshTarget)
