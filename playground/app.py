"""`create_app()`: the playground's FastAPI app (for `python -m playground`, uvicorn's
`--factory` and tests)."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from .pages import PAGES
from .sessions import SessionStore
from .settings import Settings, parse_base_urls
from .web import HERE, NavEntry


def create_app(
    *,
    api_key: str | None = None,
    base_urls: str | Sequence[str] | None = None,
    secret_key: str | None = None,
    fake_options: dict[str, Any] | None = None,
) -> FastAPI:
    """The playground app.

    Args:
        api_key: The key a new session starts with. With one, sessions start on the
            `real` scenario; without one, on the `fake`.
        base_urls: The API's base URL(s) for `real` (a string may list several,
            separated by commas or spaces); the SDK's default when None.
        secret_key: Signs the session cookie; random per process by default (or
            `PLAYGROUND_SECRET_KEY`), so sessions end with the process.
        fake_options: Client options for the fake scenarios (default: a 2 s read
            timeout and an 8 s call timeout, so `timeout` ends soon).

    Raises:
        octogen.ConfigurationError: A base URL or the key is invalid.
    """
    if isinstance(base_urls, str):
        urls = parse_base_urls(base_urls)
    else:
        urls = parse_base_urls(" ".join(base_urls or ()))
    defaults = Settings(scenario="real" if api_key else "fake", api_key=api_key, base_urls=urls)
    sessions = SessionStore(defaults, fake_options)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        sessions.close()

    app = FastAPI(
        title="octogen playground",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
    )
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret_key or os.environ.get("PLAYGROUND_SECRET_KEY") or secrets.token_hex(32),
        session_cookie="octogen_playground",
        same_site="strict",
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    nav: list[NavEntry] = []
    for page in PAGES:
        app.include_router(page.router)
        if hasattr(page, "NAV"):
            nav.append(page.NAV)
    app.state.sessions = sessions
    app.state.nav = tuple(nav)
    return app
