"""`/lookup`: `client.products.lookup` by URL, resolution mode and cache policy, and the
product in full."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from .. import forms
from ..errors import attempt
from ..web import NavEntry, render

router = APIRouter()
NAV = NavEntry("/lookup", "Lookup")
FIELDS = ("url", "resolution_mode", "cache_policy")
RESOLUTION_MODES = ("auto", "index_only", "on_demand_only")
CACHE_POLICIES = ("prefer_cache", "refresh")


@router.get("/lookup", response_class=HTMLResponse)
def lookup(request: Request) -> HTMLResponse:
    """The lookup form; with `url` in the query string, the product it finds."""
    form = {name: request.query_params.get(name, "") for name in FIELDS}
    response = error = None
    if request.query_params:
        backend = request.app.state.sessions.for_request(request).backend
        options: dict[str, Any] = {
            name: value
            for name in ("resolution_mode", "cache_policy")
            if (value := forms.text_or_none(form[name])) is not None
        }
        url = form["url"].strip()
        response, error = attempt(
            lambda: backend.run(lambda client: client.products.with_response.lookup(url, **options))
        )
    return render(
        request,
        "pages/lookup.html",
        form=form,
        response=response,
        error=error,
        resolution_modes=RESOLUTION_MODES,
        cache_policies=CACHE_POLICIES,
    )
