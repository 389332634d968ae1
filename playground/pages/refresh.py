"""`/refresh`: `client.products.refresh` for pasted or uploaded URLs and UUIDs; what was
scheduled and what was not, and why.

Refreshing schedules work, so it runs on a POST (with the CSRF token); the GET form is
filled from the query string (`?urls=...&catalog=...`) and sends nothing.
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
NAV = NavEntry("/refresh", "Refresh")
FIELDS = ("urls", "uuids", "catalog")
FILE_FIELD = "urls_file"


def _page(request: Request, form: dict[str, str], **context: Any) -> HTMLResponse:
    return render(request, "pages/refresh.html", form=form, **context)


@router.get("/refresh", response_class=HTMLResponse)
def refresh_form(request: Request) -> HTMLResponse:
    """The form, filled from the query string; nothing is sent."""
    return _page(request, {name: request.query_params.get(name, "") for name in FIELDS})


@router.post("/refresh", response_class=HTMLResponse)
async def refresh(request: Request) -> Response:
    """Refresh the pasted (and uploaded) URLs and UUIDs."""
    try:
        fields, files = await forms.read_form(request, files=(FILE_FIELD,))
    except octogen.InvalidRequestError as unreadable:
        return _page(request, dict.fromkeys(FIELDS, ""), error=error_view(unreadable))
    if not csrf_ok(request, fields.get("csrf_token")):
        return forbidden()
    form = {name: fields.get(name, "") for name in FIELDS}
    backend = request.app.state.sessions.for_request(request).backend

    def run() -> Any:
        urls = forms.lines(form["urls"])
        if FILE_FIELD in files:
            urls += forms.lines(forms.uploaded_text(files[FILE_FIELD], "urls"))
        uuids = forms.lines(form["uuids"])
        catalog = forms.text_or_none(form["catalog"])
        return backend.run(
            lambda client: client.products.with_response.refresh(urls, uuids=uuids, catalog=catalog)
        )

    response, error = await run_in_threadpool(lambda: attempt(run))
    return await run_in_threadpool(_page, request, form, response=response, error=error)
