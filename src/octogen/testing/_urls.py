"""Product-page URL normalization and safety checks, as the lookup endpoint applies them."""

from __future__ import annotations

import ipaddress
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only track a visit; they never change which product a page shows.
_TRACKING_PARAMS = frozenset(
    {"gclid", "fbclid", "msclkid", "dclid", "yclid", "mc_cid", "mc_eid", "ref", "ref_src",
     "srsltid", "_ga", "_gl", "igshid", "si"}
)  # fmt: skip


def normalize_url(url: str) -> str:
    """The form a product page is indexed under: https, no `www.`, lower-case host, no
    fragment, no trailing slash, no tracking parameters, the other parameters sorted.

    `https://WWW.Shop.com/p/Dress/?utm_source=x&b=2&a=1#top` → `https://shop.com/p/Dress?a=1&b=2`
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    kept = sorted(
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not name.lower().startswith("utm_") and name.lower() not in _TRACKING_PARAMS
    )
    path = parts.path.rstrip("/")
    return urlunsplit(("https", host, path, urlencode(kept), ""))


def is_product_url(url: str) -> bool:
    """Whether `url` is an absolute http(s) URL with a host."""
    try:
        parts = urlsplit(url.strip())
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


def is_unsafe_url(url: str) -> bool:
    """Whether fetching `url` would reach this machine or a private network (SSRF)."""
    host = (urlsplit(url.strip()).hostname or "").lower()
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return not address.is_global
