"""Rendering: the Jinja2 templates, the navigation, and what every page shows around its
own content (the sidebar, the error card, the request log)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import attrs
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

import octogen

from .sessions import csrf_token
from .settings import SCENARIOS

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
# Image hosts under reserved top-level domains (the fake's demo data) never resolve.
_UNREACHABLE_TLDS = (".example", ".test", ".invalid", ".localhost")


@attrs.frozen
class NavEntry:
    """One link in the navigation: a page's path and label."""

    path: str
    label: str


def loadable_image(url: str | None) -> str | None:
    """`url` if a browser could load it; None for the fake's demo hosts (a placeholder)."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return None if not host or host.endswith(_UNREACHABLE_TLDS) else url


def pretty_json(value: Any) -> str:
    """`value` (a model, a list of models or plain data) as indented JSON."""
    if hasattr(value, "to_dict"):
        value = value.to_dict()
    elif isinstance(value, list):
        value = [item.to_dict() if hasattr(item, "to_dict") else item for item in value]
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


def money(amount: float | None, currency: str | None) -> str:
    """`129.00 EUR`, or an empty string without an amount."""
    if amount is None:
        return ""
    return f"{amount:,.2f} {currency or ''}".strip()


def query_url(path: str, **params: Any) -> str:
    """`path` with `params` (those not None or empty) as its query string."""
    kept = {name: value for name, value in params.items() if value not in (None, "")}
    return f"{path}?{urlencode(kept)}" if kept else path


templates.env.globals.update(
    loadable_image=loadable_image, money=money, pretty_json=pretty_json, query_url=query_url
)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render `template` with the page frame's context: nav, sidebar, log, CSRF token."""
    session = request.app.state.sessions.for_request(request)
    backend = session.backend
    client = backend.current_client
    error = session.settings_error
    session.settings_error = None
    base = {
        "nav": request.app.state.nav,
        "path": request.url.path,
        "settings": session.settings,
        "scenarios": SCENARIOS,
        "settings_error": error,
        "config": backend.config(),
        "rate_limit": client.rate_limit if client is not None else None,
        "log": list(session.log),
        "csrf_token": csrf_token(request),
        "here": str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""),
        "version": octogen.__version__,
    }
    base.update(context)
    return templates.TemplateResponse(request, template, base, status_code=status_code)
