"""Sessions: a signed cookie names the session; its settings, key and log stay here.

The cookie (Starlette's `SessionMiddleware`) holds only a random session id and the CSRF
token. At most `MAX_SESSIONS` are kept; the least recently used one is closed first.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from typing import Any

from starlette.requests import Request

from .backend import DEMO_DATASETS, Backend
from .request_log import RequestLog
from .settings import Settings

MAX_SESSIONS = 64


class Session:
    """One browser's playground: settings, the request log, the SDK client and a flash."""

    def __init__(self, settings: Settings, backend: Backend, log: RequestLog) -> None:
        self.settings = settings
        self.backend = backend
        self.log = log
        self.settings_error: str | None = None  # shown once in the sidebar
        backend.apply(settings)

    def update(self, settings: Settings) -> None:
        """Apply new settings from the next call on."""
        self.settings = settings
        self.backend.apply(settings)


class SessionStore:
    """The sessions of one app."""

    def __init__(self, defaults: Settings, fake_options: dict[str, Any] | None = None) -> None:
        self.defaults = defaults
        self._fake_options = fake_options
        self._datasets = DEMO_DATASETS
        self._sessions: OrderedDict[str, Session] = OrderedDict()
        self._lock = threading.Lock()

    def for_request(self, request: Request) -> Session:
        """The request's session, created (with a new cookie) when it has none."""
        cookie = request.session
        found = cookie.get("sid")
        session_id = found if isinstance(found, str) else ""
        with self._lock:
            session = self._sessions.get(session_id)
            if session is None:
                session_id = secrets.token_urlsafe(16)
                cookie["sid"] = session_id
                cookie["csrf"] = secrets.token_urlsafe(24)
                log = RequestLog()
                session = Session(
                    self.defaults, Backend(log, self._datasets, self._fake_options), log
                )
                self._sessions[session_id] = session
                while len(self._sessions) > MAX_SESSIONS:
                    _, evicted = self._sessions.popitem(last=False)
                    evicted.backend.close()
            self._sessions.move_to_end(session_id)
            return session

    def close(self) -> None:
        """Close every session's client and fake server."""
        with self._lock:
            for session in self._sessions.values():
                session.backend.close()
            self._sessions.clear()


def csrf_token(request: Request) -> str:
    """The session's CSRF token, for POST forms."""
    token = request.session.get("csrf")
    return token if isinstance(token, str) else ""


def csrf_ok(request: Request, submitted: str | None) -> bool:
    """Whether a POSTed token is the session's."""
    expected = csrf_token(request)
    return bool(expected) and bool(submitted) and secrets.compare_digest(expected, submitted or "")
