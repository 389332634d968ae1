"""`/`: the configuration, `transport_stats()`, the rate limit and the latest calls."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..errors import attempt
from ..web import NavEntry, pretty_json, render

router = APIRouter()
NAV = NavEntry("/", "Dashboard")


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request) -> HTMLResponse:
    """The dashboard."""
    backend = request.app.state.sessions.for_request(request).backend
    # Building the client does no I/O; without one (`real` with no key) the card says why.
    client, error = attempt(lambda: backend.client)
    stats = pretty_json(client.transport_stats()) if client is not None else None
    return render(
        request,
        "pages/dashboard.html",
        stats=stats,
        error=error,
        client_repr=repr(client) if client is not None else None,
    )
