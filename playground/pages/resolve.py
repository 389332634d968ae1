"""`/resolve`: `client.products.resolve_from_html`, with the HTML pasted or uploaded and
the page's URL; the product in full, as `/lookup` shows it.

The HTML goes in a POST (it may be megabytes); the GET form is filled from the query
string (`?url=...`, and `html` for a short snippet) but sends nothing.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

import octogen

from .. import forms
from ..errors import attempt, error_view
from ..sessions import csrf_ok
from ..web import NavEntry, render
from .frame import forbidden

router = APIRouter()
NAV = NavEntry("/resolve", "Resolve HTML")
FILE_FIELD = "html_file"


def _page(request: Request, form: dict[str, str], **context: Any) -> HTMLResponse:
    return render(request, "pages/resolve.html", form=form, **context)


@router.get("/resolve", response_class=HTMLResponse)
def resolve_form(request: Request) -> HTMLResponse:
    """The form, filled from the query string; nothing is sent."""
    form = {name: request.query_params.get(name, "") for name in ("url", "html")}
    return _page(request, form)


@router.post("/resolve", response_class=HTMLResponse)
async def resolve(request: Request) -> Response:
    """Resolve the uploaded file (when one is chosen) or the pasted `html`."""
    try:
        fields, files = await forms.read_form(request, files=(FILE_FIELD,))
    except octogen.InvalidRequestError as unreadable:  # nothing runs: no CSRF check needed
        return _page(request, {"url": "", "html": ""}, error=error_view(unreadable))
    if not csrf_ok(request, fields.get("csrf_token")):
        return forbidden()
    url = forms.text_or_none(fields.get("url"))
    upload = files.get(FILE_FIELD)
    html: str | bytes = upload if upload is not None else fields.get("html", "")
    backend = request.app.state.sessions.for_request(request).backend
    response, error = await run_in_threadpool(
        lambda: attempt(
            lambda: backend.run(
                lambda client: client.products.with_response.resolve_from_html(html, url=url)
            )
        )
    )
    # An uploaded page is not put back in the textarea: it may be megabytes.
    form = {"url": fields.get("url", ""), "html": "" if upload is not None else str(html)}
    return await run_in_threadpool(
        _page, request, form, response=response, error=error, uploaded=upload is not None
    )
