"""`/voyages`: `client.voyages`: start one for a domain, the organization's voyages with
their quotas and progress, and one voyage in detail (`?task_id=...`).

Starting a voyage runs on a POST (with the CSRF token); everything else is a GET, its
form filled from the query string.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from .. import forms
from ..errors import ErrorView, attempt, unique
from ..sessions import csrf_ok
from ..web import NavEntry, query_url, render
from .frame import forbidden

router = APIRouter()
NAV = NavEntry("/voyages", "Voyages")
FIELDS = ("domain", "task_id", "status", "limit", "cursor")
STATUSES = ("queued", "running", "in_review", "completed", "failed", "cancelled")


def _page(
    request: Request,
    form: dict[str, str],
    started: Any = None,
    error: ErrorView | None = None,
) -> HTMLResponse:
    """The page: the started voyage (if any), the one asked for, and the list."""
    backend = request.app.state.sessions.for_request(request).backend
    detail = listing = None
    next_url = None
    errors: list[ErrorView | None] = [error]
    task_id = form["task_id"].strip()
    if task_id:
        detail, failed = attempt(
            lambda: backend.run(lambda client: client.voyages.with_response.get(task_id))
        )
        errors.append(failed)

    def list_page() -> Any:
        arguments: dict[str, Any] = {
            "status": forms.text_or_none(form["status"]),
            "limit": forms.number(form["limit"]),
            "cursor": forms.text_or_none(form["cursor"]),
        }
        given = {name: value for name, value in arguments.items() if value is not None}
        return backend.run(lambda client: client.voyages.with_response.list(**given))

    if not any(e is not None and e.is_transient for e in errors):
        # (after a rate limit or a server error, the list would fail the same way, slowly)
        listing, failed = attempt(list_page)
        errors.append(failed)
        if listing is not None and listing.data.next_cursor:
            next_url = query_url(
                "/voyages", **{**form, "task_id": "", "cursor": listing.data.next_cursor}
            )
    return render(
        request,
        "pages/voyages.html",
        form=form,
        started=started,
        detail=detail,
        listing=listing,
        next_url=next_url,
        errors=unique(errors),
        statuses=STATUSES,
    )


@router.get("/voyages", response_class=HTMLResponse)
def voyages(request: Request) -> HTMLResponse:
    """The start form, the voyage `task_id` names (if any), and the list."""
    return _page(request, {name: request.query_params.get(name, "") for name in FIELDS})


@router.post("/voyages", response_class=HTMLResponse)
def start(
    request: Request, csrf_token: Annotated[str, Form()] = "", domain: Annotated[str, Form()] = ""
) -> Response:
    """Start (or join) the voyage for `domain`."""
    if not csrf_ok(request, csrf_token):
        return forbidden()
    backend = request.app.state.sessions.for_request(request).backend
    started, error = attempt(
        lambda: backend.run(lambda client: client.voyages.with_response.start(domain.strip()))
    )
    form = dict.fromkeys(FIELDS, "") | {"domain": domain}
    return _page(request, form, started=started, error=error)
