"""The playground's pages: one module each, with a `router` and (if it is in the nav) a
`NAV` entry. `PAGES` is the order of the navigation.

To add a page: write `pages/<name>.py` with a `router` (a `GET /<name>` that reads its
form from the query string and renders `pages/<name>.html`; a `POST` with the CSRF
token for a change or a large body) and `NAV = NavEntry("/<name>", "<Label>")`, write
the template (extending `base.html`, using the macros of `_macros.html`), and add the
module to `PAGES` below. `similar.py` is the shortest example.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    catalogs,
    coverage,
    dashboard,
    diagnostics,
    frame,
    lookup,
    refresh,
    resolve,
    search,
    similar,
    voyages,
)

# In navigation order; `frame` (settings, log, CSRF) has no nav entry.
PAGES: tuple[ModuleType, ...] = (
    dashboard,
    search,
    lookup,
    similar,
    resolve,
    refresh,
    catalogs,
    voyages,
    coverage,
    diagnostics,
    frame,
)
