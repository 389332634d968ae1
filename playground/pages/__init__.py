"""The playground's pages: one module each, with a `router` and (if it is in the nav) a
`NAV` entry. `PAGES` is the order of the navigation.

To add a page (e.g. "Similar" for `products.similar`): write `pages/similar.py` with a
`router` (a `GET /similar` that reads its form from the query string and renders
`pages/similar.html`) and `NAV = NavEntry("/similar", "Similar")`, write the template
(extending `base.html`, using the `error_card` and `product_card` macros), and add the
module to `PAGES` below.
"""

from __future__ import annotations

from types import ModuleType

from . import catalogs, dashboard, diagnostics, frame, lookup, search

# In navigation order; `frame` (settings, log, CSRF) has no nav entry.
PAGES: tuple[ModuleType, ...] = (dashboard, search, lookup, catalogs, diagnostics, frame)
