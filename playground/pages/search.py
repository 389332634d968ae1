"""`/search`: `client.products.search` with its form in the query string, product cards,
and the next page by cursor."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from .. import forms
from ..errors import attempt
from ..web import NavEntry, query_url, render

router = APIRouter()
NAV = NavEntry("/search", "Search")
FIELDS = ("q", "catalog", "facets", "price_min", "price_max", "limit", "cursor")


@router.get("/search", response_class=HTMLResponse)
def search(request: Request) -> HTMLResponse:
    """The search form; with any field in the query string, the search's page too."""
    form = {name: request.query_params.get(name, "") for name in FIELDS}
    response = error = None
    next_url = None
    if request.query_params:
        backend = request.app.state.sessions.for_request(request).backend

        def run() -> Any:
            arguments: dict[str, Any] = {
                "catalog": forms.text_or_none(form["catalog"]),
                "facets": forms.facets(form["facets"]),
                "price_min": forms.number(form["price_min"]),
                "price_max": forms.number(form["price_max"]),
                "limit": forms.number(form["limit"]),
                "cursor": forms.text_or_none(form["cursor"]),
            }
            arguments = {name: value for name, value in arguments.items() if value is not None}
            q = forms.text_or_none(form["q"])
            return backend.run(lambda client: client.products.with_response.search(q, **arguments))

        response, error = attempt(run)
        if response is not None and response.data.next_cursor:
            next_url = query_url("/search", **{**form, "cursor": response.data.next_cursor})
    return render(
        request,
        "pages/search.html",
        form=form,
        response=response,
        error=error,
        next_url=next_url,
        searched=bool(request.query_params),
    )
