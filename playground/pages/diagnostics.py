"""`/diagnostics`: run any SDK call with a JSON payload and see the typed result or the
error; "Run smoke" runs the SDK's smoke check, one line per check."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

import octogen
from octogen._smoke import CheckResult, run_smoke

from .. import forms
from ..errors import attempt, error_view, invalid
from ..operations import OPERATIONS
from ..sessions import csrf_ok
from ..web import NavEntry, render
from .frame import forbidden

router = APIRouter()
NAV = NavEntry("/diagnostics", "Diagnostics")


def _page(request: Request, operation: str, payload: str, **context: Any) -> HTMLResponse:
    return render(
        request,
        "pages/diagnostics.html",
        operations=OPERATIONS,
        form={"operation": operation, "payload": payload},
        **context,
    )


@router.get("/diagnostics", response_class=HTMLResponse)
def diagnostics(request: Request) -> HTMLResponse:
    """The form, filled from the query string (`?operation=...&payload=...`)."""
    operation = request.query_params.get("operation", "products.search")
    default = OPERATIONS[operation].example if operation in OPERATIONS else "{}"
    return _page(request, operation, request.query_params.get("payload", default))


@router.post("/diagnostics", response_class=HTMLResponse)
async def run_operation(request: Request) -> Response:
    """Run `operation` with `payload`; show its typed result or its error card."""
    try:
        fields, _ = await forms.read_form(request)
    except octogen.InvalidRequestError as unreadable:  # nothing runs: no CSRF check needed
        return _page(request, "products.search", "", error=error_view(unreadable))
    if not csrf_ok(request, fields.get("csrf_token")):
        return forbidden()
    operation, payload = fields.get("operation", ""), fields.get("payload", "")
    backend = request.app.state.sessions.for_request(request).backend

    def run() -> Any:
        chosen = OPERATIONS.get(operation)
        if chosen is None:
            raise invalid(
                f"unknown operation {operation!r}; expected one of {', '.join(OPERATIONS)}",
                "operation",
            )
        arguments = forms.json_object(payload)
        return backend.run(lambda client: chosen.run(client, arguments))

    # The SDK's sync client blocks: run it off the event loop.
    response, error = await run_in_threadpool(lambda: attempt(run))
    return await run_in_threadpool(
        _page, request, operation, payload, response=response, error=error
    )


@router.post("/diagnostics/smoke", response_class=HTMLResponse)
def smoke(request: Request, csrf_token: Annotated[str, Form()] = "") -> Response:
    """Run the smoke check with the session's settings."""
    if not csrf_ok(request, csrf_token):
        return forbidden()
    backend = request.app.state.sessions.for_request(request).backend
    results: list[CheckResult] = []
    summary = None
    options, error = attempt(backend.options)
    if options is not None:
        report = run_smoke(label=backend.label, on_result=results.append, **options)
        summary = report.summary()
    return _page(
        request,
        "products.search",
        OPERATIONS["products.search"].example,
        smoke=results,
        smoke_summary=summary,
        error=error,
    )
