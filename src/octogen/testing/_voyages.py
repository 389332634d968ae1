"""Voyages on the fake (`POST /voyage`, `GET /voyage/{task_id}`, `GET /voyage`).

One voyage per normalized domain, whichever organization asked first; the others join
it (200) without using quota. A voyage moves through its phases as the fake's clock
moves (`FakeOctogen(clock=...)`): queued for a minute, then discovering the site,
sampling products, building extraction, in review and publishing, and completes two
hours after it started with a catalog named after the domain. A domain whose first
label is `fail` (`fail.example.com`, `fail-shop.com`) fails while building extraction;
one whose first label starts with `cancel` is cancelled in review. A domain that names
a catalog the fake serves is joined, already completed.

Each organization may run 5 voyages at once and start 20 a UTC month (`VOYAGE_QUOTAS`);
beyond either, 429 with the object detail `voyage_quota_exceeded`. `blocked.example`,
and marketplaces such as `amazon.com`, answer 409 `voyage_domain_blocked`; IPs,
`localhost`, private and single-label hosts 422 `voyage_invalid_domain`. Organizations
whose name starts with `merchant` get 403 `voyage_org_type_forbidden`.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import itertools
from typing import Any
from urllib.parse import urlsplit

import attrs

from ._clock import iso, month_start, next_month_start
from ._request import ApiRequest, Reply
from ._validation import BodyValidator, read_json_object

VOYAGE_ERROR_DETAILS = {403: "voyage_org_type_forbidden", 503: "voyage_unavailable"}
VOYAGE_TASK_ERROR_DETAILS = {**VOYAGE_ERROR_DETAILS, 404: "voyage_not_found"}
VOYAGE_QUOTAS = {"concurrent": 5, "monthly": 20}
BLOCKED_DOMAINS = frozenset({"blocked.example", "amazon.com", "ebay.com", "etsy.com"})
STATUSES = ("queued", "running", "in_review", "completed", "failed", "cancelled")
TERMINAL = frozenset({"completed", "failed", "cancelled"})

# (seconds after the start, status, phase, label, progress at the start of the phase)
_SCHEDULE = (
    (0, "queued", "discovering_site", "Queued", 0),
    (60, "running", "discovering_site", "Discovering site", 5),
    (600, "running", "sampling_products", "Sampling products", 20),
    (1800, "running", "building_extraction", "Building product extraction", 45),
    (3600, "in_review", "in_review", "In review", 75),
    (5400, "running", "publishing_catalog", "Publishing catalog", 85),
    (7200, "completed", "complete", "Complete", 100),
)
VOYAGE_DURATION = 7200.0


def _progress(elapsed: float) -> tuple[int, int]:
    """(index of the phase in `_SCHEDULE`, progress percent) `elapsed` seconds in;
    progress grows within a phase and never decreases."""
    index = max(i for i, step in enumerate(_SCHEDULE) if elapsed >= step[0])
    at, _, _, _, progress = _SCHEDULE[index]
    if index + 1 < len(_SCHEDULE):
        following = _SCHEDULE[index + 1]
        share = (elapsed - at) / (following[0] - at)
        progress += int(share * (following[4] - progress) * 0.99)
    return index, progress


def normalize_domain(value: str) -> str:
    """The registrable domain as the API keeps it: host lower-cased; scheme, path, port
    and a leading `www.` stripped."""
    text = value.strip()
    if "://" not in text:
        text = "http://" + text
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:
        return ""
    return host.lower().rstrip(".").removeprefix("www.")


def is_invalid_domain(domain: str) -> bool:
    """Not a public registrable domain: empty, an IP, localhost, private or one label."""
    if not domain or "." not in domain or domain == "localhost":
        return True
    if domain.endswith((".localhost", ".local", ".internal", ".lan")):
        return True
    try:
        ipaddress.ip_address(domain)
    except ValueError:
        return not all(label and label.replace("-", "").isalnum() for label in domain.split("."))
    return True


@attrs.define
class FakeVoyage:
    """One voyage, computed from its start time and the clock."""

    task_id: str
    domain: str
    started: float
    outcome: str = "completed"  # or "failed", "cancelled"
    catalog: str | None = None
    product_count: int = 0

    def view(self, now: float) -> dict[str, Any]:
        """The `VoyageTask` at time `now`."""
        elapsed = max(0.0, now - self.started)
        stop = {"failed": 3, "cancelled": 4}.get(self.outcome)
        if stop is not None:
            ends = _SCHEDULE[stop][0] + 300.0  # five minutes into the phase
            if elapsed >= ends:
                ended = self.started + ends
                error = None
                phase = _SCHEDULE[stop][2]
                if self.outcome == "failed":
                    phase = "failed"
                    error = {
                        "code": "extraction_failed",
                        "message": "No product pages could be extracted from this site.",
                    }
                label = self.outcome.capitalize()
                progress = _progress(ends)[1]
                return self._task(self.outcome, phase, label, progress, ended, ended, error)
        index, progress = _progress(elapsed)
        at, status, phase, label, _ = _SCHEDULE[index]
        completed = self.started + VOYAGE_DURATION if status == "completed" else None
        return self._task(status, phase, label, progress, self.started + at, completed)

    def status(self, now: float) -> str:
        return str(self.view(now)["status"])

    def _task(
        self,
        status: str,
        phase: str,
        label: str,
        progress: int,
        updated: float,
        completed: float | None,
        error: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        result = None
        if status == "completed":
            result = {
                "catalog": self.catalog,
                "productCount": self.product_count,
                "search": "/v1/products/search",
                "lookup": "/v1/products/lookup",
            }
        return {
            "taskId": self.task_id,
            "domain": self.domain,
            "status": status,
            "phase": phase,
            "phaseLabel": label,
            "progressPercent": progress,
            "createdAt": iso(self.started),
            "updatedAt": iso(updated),
            "completedAt": iso(completed) if completed is not None else None,
            "error": error,
            "result": result,
        }


class VoyageRegistry:
    """Every voyage the fake knows, one per domain (shared by every organization)."""

    def __init__(self) -> None:
        self.by_domain: dict[str, FakeVoyage] = {}
        self.by_id: dict[str, FakeVoyage] = {}
        self._serial = itertools.count(1)

    def start(self, domain: str, now: float) -> FakeVoyage:
        label = domain.split(".")[0]
        stamp = iso(now)[:19].replace("T", "-").replace(":", "-")
        task_id = f"{stamp}-{label}"
        if task_id in self.by_id:
            task_id = f"{task_id}-{next(self._serial)}"
        outcome = "completed"
        if label == "fail" or label.startswith("fail-"):
            outcome = "failed"
        elif label.startswith("cancel"):
            outcome = "cancelled"
        voyage = FakeVoyage(
            task_id=task_id,
            domain=domain,
            started=now,
            outcome=outcome,
            catalog=label.replace("-", ""),
            product_count=1000 + sum(map(ord, domain)) % 1000,
        )
        self.by_domain[domain] = voyage
        self.by_id[task_id] = voyage
        return voyage

    def existing(self, domain: str, now: float) -> FakeVoyage | None:
        """The voyage a request for `domain` joins: one running or completed."""
        voyage = self.by_domain.get(domain)
        if voyage is None or voyage.status(now) in ("failed", "cancelled"):
            return None
        return voyage


@attrs.define
class VoyageAccount:
    """One organization's voyages: those it asked for, and those it started (quota)."""

    attached: dict[str, float] = attrs.field(factory=dict)  # task id -> when asked
    started: list[tuple[str, float]] = attrs.field(factory=list)

    def running(self, registry: VoyageRegistry, now: float) -> int:
        return sum(
            1 for task_id, _ in self.started if registry.by_id[task_id].status(now) not in TERMINAL
        )

    def this_month(self, now: float) -> int:
        begins = month_start(now).timestamp()
        return sum(1 for _, when in self.started if when >= begins)

    def quotas(self, registry: VoyageRegistry, now: float) -> dict[str, Any]:
        return {
            "concurrent": {
                "limit": VOYAGE_QUOTAS["concurrent"],
                "used": self.running(registry, now),
            },
            "monthly": {
                "limit": VOYAGE_QUOTAS["monthly"],
                "used": self.this_month(now),
                "periodStart": month_start(now).date().isoformat(),
                "resetsAt": iso(next_month_start(now).timestamp()),
            },
        }


def _forbidden(request: ApiRequest) -> Reply | None:
    if request.organization.startswith("merchant"):
        return 403, {"detail": "voyage_org_type_forbidden"}
    return None


def _catalog_voyage(request: ApiRequest, registry: VoyageRegistry, domain: str) -> None:
    """A domain the fake already serves gets a completed voyage to join."""
    if domain in registry.by_domain:
        return
    for catalog in request.dataset.catalogs:
        base = catalog.get("sourceBaseUrl")
        if isinstance(base, str) and normalize_domain(base) == domain:
            voyage = registry.start(domain, request.now - VOYAGE_DURATION)
            voyage.catalog = catalog["catalog"]
            voyage.product_count = int(catalog.get("productCount") or 0)
            return


def start_voyage(request: ApiRequest) -> Reply:
    """`POST /voyage`: start a voyage (202) or join the domain's voyage (200)."""
    refused = _forbidden(request)
    if refused is not None:
        return refused
    validator = BodyValidator()
    fields = read_json_object(request.content, validator)
    domain_text = None
    if fields is not None:
        if "domain" not in fields:
            validator.missing(("domain",), fields)
        else:
            domain_text = validator.string(("domain",), fields["domain"], optional=False)
    if validator.issues or domain_text is None:
        return 422, {"detail": validator.issues}
    domain = normalize_domain(domain_text)
    if is_invalid_domain(domain):
        return 422, {"detail": "voyage_invalid_domain"}
    if domain in BLOCKED_DOMAINS:
        return 409, {"detail": "voyage_domain_blocked"}
    registry = request.shared(VoyageRegistry)
    account = request.state(VoyageAccount)
    now = request.now
    _catalog_voyage(request, registry, domain)
    joined = registry.existing(domain, now)
    if joined is not None:
        account.attached.setdefault(joined.task_id, now)
        return 200, joined.view(now)
    for quota, used in (
        ("concurrent", account.running(registry, now)),
        ("monthly", account.this_month(now)),
    ):
        if used >= VOYAGE_QUOTAS[quota]:
            detail = {
                "code": "voyage_quota_exceeded",
                "quota": quota,
                "limit": VOYAGE_QUOTAS[quota],
                "used": used,
                "message": f"The {quota} voyage quota of your organization is used up.",
            }
            return 429, {"detail": detail}
    voyage = registry.start(domain, now)
    account.attached[voyage.task_id] = now
    account.started.append((voyage.task_id, now))
    return 202, voyage.view(now)


def get_voyage(request: ApiRequest) -> Reply:
    """`GET /voyage/{task_id}`: a voyage this organization asked for, else 404."""
    refused = _forbidden(request)
    if refused is not None:
        return refused
    task_id = request.params["task_id"]
    account = request.state(VoyageAccount)
    voyage = request.shared(VoyageRegistry).by_id.get(task_id)
    if voyage is None or task_id not in account.attached:
        return 404, {"detail": "voyage_not_found"}
    return 200, voyage.view(request.now)


def encode_cursor(kind: str, offset: int) -> str:
    """An opaque cursor for position `offset` of a listing of `kind`."""
    return base64.urlsafe_b64encode(f"{kind}:{offset}".encode()).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str) -> int | None:
    """The offset in a cursor made by `encode_cursor(kind, ...)`, or None."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    prefix, _, offset = text.rpartition(":")
    if prefix != kind or not offset.isdigit():
        return None
    return int(offset)


def read_page_query(request: ApiRequest, validator: BodyValidator) -> int:
    """The `limit` query parameter (default 50, 1-100), problems recorded in `validator`."""
    if "limit" not in request.query:
        return 50
    limit = validator.integer(("limit",), request.query["limit"])
    if limit is None:
        return 50
    validator.between(("limit",), limit, 1, 100)
    return limit


def list_voyages(request: ApiRequest) -> Reply:
    """`GET /voyage`: the organization's voyages, newest first, with its quotas."""
    refused = _forbidden(request)
    if refused is not None:
        return refused
    validator = BodyValidator("query")
    limit = read_page_query(request, validator)
    status = request.query.get("status")
    if status is not None:
        status = validator.choice(("status",), status, STATUSES)
    offset = 0
    cursor = request.query.get("cursor")
    if cursor:
        decoded = decode_cursor("voyages", cursor)
        if decoded is None:
            validator.add(("cursor",), "value_error", "Value error, invalid cursor", cursor)
        else:
            offset = decoded
    if validator.issues:
        return 422, {"detail": validator.issues}
    registry = request.shared(VoyageRegistry)
    account = request.state(VoyageAccount)
    now = request.now
    voyages = [registry.by_id[task_id] for task_id in account.attached]
    voyages.sort(key=lambda voyage: (voyage.started, voyage.task_id), reverse=True)
    views = [voyage.view(now) for voyage in voyages]
    if status is not None:
        views = [view for view in views if view["status"] == status]
    page = views[offset : offset + limit]
    more = offset + limit < len(views)
    return 200, {
        "items": page,
        "nextCursor": encode_cursor("voyages", offset + limit) if more else None,
        "quotas": account.quotas(registry, now),
    }
