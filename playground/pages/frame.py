"""What every page's frame posts to: the sidebar's settings and the log's Clear button."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

import octogen

from ..sessions import csrf_ok
from ..settings import SCENARIOS, parse_base_urls

router = APIRouter()


def forbidden() -> Response:
    """The plain page a failed CSRF check gets."""
    return Response(
        "403 Forbidden: the form's CSRF token is missing or stale. "
        "Reload the page and submit it again.\n",
        status_code=403,
        media_type="text/plain",
    )


def back_to(next_path: str) -> RedirectResponse:
    """A redirect to `next_path` if it is a path of this site, else to the dashboard."""
    safe = next_path.startswith("/") and not next_path.startswith("//") and "\\" not in next_path
    return RedirectResponse(next_path if safe else "/", status_code=303)


@router.post("/settings")
def update_settings(
    request: Request,
    csrf_token: Annotated[str, Form()] = "",
    scenario: Annotated[str, Form()] = "fake",
    api_key: Annotated[str, Form()] = "",
    forget_key: Annotated[str, Form()] = "",
    base_urls: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    """Apply the sidebar's settings to the session, then go back to the page."""
    if not csrf_ok(request, csrf_token):
        return forbidden()
    session = request.app.state.sessions.for_request(request)
    settings = session.settings
    try:
        if scenario not in SCENARIOS:
            raise octogen.ConfigurationError(
                f"unknown scenario {scenario!r}; expected one of {', '.join(SCENARIOS)}",
                option="scenario",
            )
        key = None if forget_key else (api_key.strip() or settings.api_key)
        if key:
            octogen.ClientConfig(api_key=key)  # refuses whitespace and control characters
        urls = parse_base_urls(base_urls)
    except octogen.ConfigurationError as error:
        session.settings_error = str(error)
        return back_to(next)
    session.update(settings.__class__(scenario=scenario, api_key=key, base_urls=urls))
    return back_to(next)


@router.post("/log/clear")
def clear_log(
    request: Request,
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    """Empty the session's request log."""
    if not csrf_ok(request, csrf_token):
        return forbidden()
    request.app.state.sessions.for_request(request).log.clear()
    return back_to(next)
