"""`/similar`: `client.products.more_like_this` from a product's URL or UUID, or an image
URL, with its filters in the query string; product cards and the next page by cursor.
Every product card links here."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from .. import forms
from ..errors import attempt
from ..web import NavEntry, query_url, render

router = APIRouter()
NAV = NavEntry("/similar", "Similar")
FIELDS = (
    "url",
    "uuid",
    "image_url",
    "catalogs",
    "include_facets",
    "exclude_facets",
    "price_preference",
    "limit",
    "cursor",
)
PRICE_PREFERENCES = ("lower", "any", "higher")


def arguments(form: dict[str, str]) -> dict[str, Any]:
    """The form's fields as `more_like_this` keyword arguments (blank ones left out).

    Raises:
        octogen.InvalidRequestError: A facets field does not parse.
    """
    found: dict[str, Any] = {
        "url": forms.text_or_none(form["url"]),
        "uuid": forms.text_or_none(form["uuid"]),
        "image_url": forms.text_or_none(form["image_url"]),
        "catalogs": forms.listed(form["catalogs"]),
        "include_facets": forms.facets(form["include_facets"], "include_facets"),
        "exclude_facets": forms.facets(form["exclude_facets"], "exclude_facets"),
        "price_preference": forms.text_or_none(form["price_preference"]),
        "limit": forms.number(form["limit"]),
        "cursor": forms.text_or_none(form["cursor"]),
    }
    return {name: value for name, value in found.items() if value is not None}


@router.get("/similar", response_class=HTMLResponse)
def similar(request: Request) -> HTMLResponse:
    """The form; with any field in the query string, the similar products too."""
    form = {name: request.query_params.get(name, "") for name in FIELDS}
    response = error = None
    next_url = None
    if any(form.values()):
        backend = request.app.state.sessions.for_request(request).backend

        def run() -> Any:
            given = arguments(form)
            return backend.run(lambda client: client.products.with_response.more_like_this(**given))

        response, error = attempt(run)
        if response is not None and response.data.next_cursor:
            next_url = query_url("/similar", **{**form, "cursor": response.data.next_cursor})
    return render(
        request,
        "pages/similar.html",
        form=form,
        response=response,
        error=error,
        next_url=next_url,
        price_preferences=PRICE_PREFERENCES,
    )
