"""`POST /products/resolve-from-html`: one product read out of HTML the caller supplies,
as the API does it: JSON-LD `schema.org/Product` first, then Open Graph, then plain HTML
meta tags; no JavaScript, no fetch, no storage. The HTML is read with `html.parser`."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import attrs

from ._request import ApiRequest, Reply
from ._urls import is_product_url, normalize_url
from ._validation import BodyValidator

MAX_HTML_BYTES = 5 * 1024 * 1024
MAX_BODY_BYTES = 8 * 1024 * 1024
MAX_DESCRIPTION = 10_000
MAX_IMAGES = 50
COMPLETE_FIELDS = ("title", "brand", "images", "price", "currency")
# What a status scenario answers with on this route, where it differs from the generic one.
RESOLVE_ERROR_DETAILS = {
    404: "product_not_found",
    413: "request_body_too_large",
    429: "product_resolution_rate_limited",
    503: "product_resolution_unavailable",
    504: "product_resolution_timed_out",
}


class PageReader(HTMLParser):
    """Collects what extraction reads: JSON-LD blocks, `<meta>` tags, the canonical link
    and the `<title>`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.json_ld: list[str] = []
        self.meta: dict[str, list[str]] = {}
        self.canonical: str | None = None
        self.title: str | None = None
        self._in: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        found = {name.lower(): value or "" for name, value in attributes}
        if tag == "script" and found.get("type", "").lower() == "application/ld+json":
            self._in, self._text = "json_ld", []
        elif tag == "title" and self.title is None:
            self._in, self._text = "title", []
        elif tag == "meta":
            key = found.get("property") or found.get("name") or found.get("itemprop")
            if key and "content" in found:
                self.meta.setdefault(key.lower(), []).append(found["content"].strip())
        elif (
            tag == "link"
            and "canonical" in found.get("rel", "").lower().split()
            and self.canonical is None
        ):
            self.canonical = found.get("href", "").strip() or None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._in == "json_ld" and tag == "script":
            self.json_ld.append("".join(self._text))
            self._in = None
        elif self._in == "title" and tag == "title":
            self.title = " ".join("".join(self._text).split()) or None
            self._in = None

    def first(self, *keys: str) -> str | None:
        for key in keys:
            for value in self.meta.get(key, []):
                if value:
                    return value
        return None


@attrs.define
class Extracted:
    """The product fields one kind of evidence gave."""

    method: str
    title: str | None = None
    brand: str | None = None
    images: list[str] = attrs.field(factory=list)
    price: float | None = None
    currency: str | None = None
    in_stock: bool | None = None
    description: str | None = None
    url: str | None = None


def _product_nodes(value: Any) -> list[dict[str, Any]]:
    """Every JSON-LD node typed `Product` (or `ProductGroup`), `@graph`s and lists included."""
    found: list[dict[str, Any]] = []
    if isinstance(value, list):
        for item in value:
            found += _product_nodes(item)
    elif isinstance(value, dict):
        kind = value.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(str(k).rsplit("/", 1)[-1] in ("Product", "ProductGroup") for k in kinds):
            found.append(value)
        if "@graph" in value:
            found += _product_nodes(value["@graph"])
    return found


def _text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, str)), None)
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        return text or None
    return None


def _image_list(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    urls: list[str] = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("url") or item.get("contentUrl")
        if isinstance(item, str) and item.strip():
            urls.append(item.strip())
    return urls


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.replace(",", "").strip())
        except ValueError:
            return None
    return None


def _availability(value: Any) -> bool | None:
    if not isinstance(value, str) or not value:
        return None
    word = value.rsplit("/", 1)[-1].lower().replace("_", "").replace(" ", "")
    if word in ("instock", "limitedavailability", "onlineonly", "preorder", "presale"):
        return True
    if word in ("outofstock", "soldout", "discontinued"):
        return False
    return None


def _node_for(nodes: list[dict[str, Any]], url: str) -> dict[str, Any] | None:
    """The node whose `url` is the page's: the same normalized URL, else the same page
    without its query (a captured URL carries variant parameters, canonicals do not)."""
    wanted = normalize_url(url)
    addresses = [
        (normalize_url(urljoin(url, node["url"])), node)
        for node in nodes
        if isinstance(node.get("url"), str)
    ]
    for address, node in addresses:
        if address == wanted:
            return node
    for address, node in addresses:
        if address.partition("?")[0] == wanted.partition("?")[0]:
            return node
    return None


def from_json_ld(reader: PageReader, url: str | None) -> Extracted | None:
    """The `Product` node of the page (the one whose `url` is the page's, on
    multi-product pages), or None."""
    nodes: list[dict[str, Any]] = []
    for block in reader.json_ld:
        try:
            nodes += _product_nodes(json.loads(block))
        except ValueError:
            continue
    if not nodes:
        return None
    node = nodes[0]
    if url is not None and len(nodes) > 1:
        node = _node_for(nodes, url) or node
    offers = node.get("offers")
    if isinstance(offers, list):
        offers = offers[0] if offers else None
    offer = offers if isinstance(offers, dict) else {}
    price = _number(offer.get("price", offer.get("lowPrice")))
    return Extracted(
        method="json_ld",
        title=_text(node.get("name")),
        brand=_text(node.get("brand")),
        images=_image_list(node.get("image")),
        price=price,
        currency=_text(offer.get("priceCurrency")),
        in_stock=_availability(offer.get("availability")),
        description=_text(node.get("description")),
        url=node.get("url") if isinstance(node.get("url"), str) else None,
    )


def from_open_graph(reader: PageReader) -> Extracted | None:
    """The product the Open Graph tags describe, when they describe one."""
    kind = (reader.first("og:type") or "").lower()
    price = _number(reader.first("product:price:amount", "og:price:amount"))
    if "product" not in kind and price is None:
        return None
    return Extracted(
        method="open_graph",
        title=reader.first("og:title"),
        brand=reader.first("product:brand", "og:brand"),
        images=[url for url in reader.meta.get("og:image", []) if url],
        price=price,
        currency=reader.first("product:price:currency", "og:price:currency"),
        in_stock=_availability(reader.first("product:availability", "og:availability")),
        description=reader.first("og:description"),
        url=reader.first("og:url"),
    )


def from_html_meta(reader: PageReader) -> Extracted | None:
    """A product from plain meta tags (`price`, `priceCurrency`, `brand`, `image`) and
    the `<title>`: only when a title and a price are there."""
    price = _number(reader.first("price", "product:price", "twitter:data1"))
    if reader.title is None or price is None:
        return None
    image = reader.first("image", "twitter:image")
    return Extracted(
        method="html_meta",
        title=reader.title,
        brand=reader.first("brand"),
        images=[image] if image else [],
        price=price,
        currency=reader.first("pricecurrency", "currency"),
        in_stock=_availability(reader.first("availability")),
        description=reader.first("description"),
    )


def extract(html: str, url: str | None) -> tuple[Extracted, PageReader] | None:
    """The product on the page by the first evidence that has one, or None."""
    reader = PageReader()
    reader.feed(html)
    reader.close()
    product = from_json_ld(reader, url) or from_open_graph(reader) or from_html_meta(reader)
    return None if product is None else (product, reader)


def _absolute(reference: str, base: str | None) -> str | None:
    """`reference` as an absolute http(s) URL, or None when it cannot be one."""
    if urlsplit(reference).scheme in ("http", "https"):
        return reference
    if base is None:
        return None
    joined = urljoin(base, reference)
    return joined if urlsplit(joined).scheme in ("http", "https") else None


def resolve_html(html: str, url: str | None, request_id: str) -> tuple[int, dict[str, Any]]:
    """The lookup envelope for the product in `html`, or 404 `product_not_found`."""
    found = extract(html, url)
    if found is None:
        return 404, {"detail": "product_not_found"}
    product, reader = found
    declared = product.url or reader.first("og:url") or reader.canonical
    canonical = _absolute(declared, url) if declared else None
    canonical = canonical or url
    if canonical is None:
        return 404, {"detail": "product_not_found"}
    warnings: list[str] = []
    if url is None:
        warnings.append("source_url_missing")
    images = [image for image in (_absolute(i, url) for i in product.images) if image]
    images = list(dict.fromkeys(images))
    description = product.description
    clamped = len(images) > MAX_IMAGES or len(description or "") > MAX_DESCRIPTION
    if clamped:
        images = images[:MAX_IMAGES]
        description = description[:MAX_DESCRIPTION] if description else description
        warnings.append("product_fields_clamped")
    present = {
        "title": product.title,
        "brand": product.brand,
        "images": images or None,
        "price": product.price,
        "currency": product.currency,
    }
    missing = [name for name in COMPLETE_FIELDS if present[name] is None]
    view = {
        "uuid": None,
        "catalogKey": None,
        "isActive": None,
        "productUrl": canonical,
        "title": product.title,
        "brand": {"name": product.brand} if product.brand else None,
        "imageUrl": None,
        "primaryImage": {"url": images[0]} if images else None,
        "images": [{"url": image} for image in images],
        "currentPrice": product.price,
        "currency": product.currency,
        "inStock": product.in_stock,
        "description": description,
    }
    return 200, {
        "requestId": request_id,
        "source": "client_html",
        "product": view,
        "catalogKey": None,
        "catalogDisplayName": None,
        "sourceBaseUrl": None,
        "requestedUrl": url,
        "normalizedUrl": None,
        "resolvedUrl": None,
        "canonicalUrl": canonical,
        "resolution": {
            "completeness": "partial" if missing else "complete",
            "method": product.method,
            "rendered": False,
            "missingFields": missing,
        },
        "cacheStatus": None,
        "warnings": warnings,
    }


def _read_body(content: bytes, validator: BodyValidator) -> tuple[str, str | None] | None:
    """(html, url) from the body; problems never echo the document (no `input`)."""
    try:
        body = json.loads(content) if content.strip() else None
    except (ValueError, UnicodeDecodeError):
        validator.issues.append(
            {"type": "json_invalid", "loc": ["body"], "msg": "JSON decode error"}
        )
        return None
    if not isinstance(body, dict):
        validator.issues.append(
            {"type": "model_attributes_type", "loc": ["body"], "msg": "Input should be an object"}
        )
        return None
    html = body.get("html")
    if not isinstance(html, str):
        kind, message = ("missing", "Field required") if html is None else (
            "string_type", "Input should be a valid string"
        )  # fmt: skip
        validator.issues.append({"type": kind, "loc": ["body", "html"], "msg": message})
    elif not html.strip():
        validator.issues.append(
            {"type": "string_too_short", "loc": ["body", "html"], "msg": "html must not be empty"}
        )
    elif len(html.encode("utf-8", "surrogatepass")) > MAX_HTML_BYTES:
        validator.issues.append(
            {
                "type": "string_too_long",
                "loc": ["body", "html"],
                "msg": f"html must be at most {MAX_HTML_BYTES} bytes",
                "ctx": {"max_length": MAX_HTML_BYTES},
            }
        )
    url = body.get("url")
    if url is not None and (not isinstance(url, str) or not is_product_url(url)):
        validator.issues.append(
            {
                "type": "url_parsing",
                "loc": ["body", "url"],
                "msg": "Input should be a valid absolute http(s) URL",
                "input": url,
            }
        )
    if validator.issues:
        return None
    assert isinstance(html, str)
    return html, url


def resolve_product_from_html(request: ApiRequest) -> Reply:
    """`POST /products/resolve-from-html`: the product in the HTML (lookup envelope,
    `source: client_html`); 413 `request_body_too_large` past 8 MiB, 422 for a missing,
    empty or over-5-MiB `html` or a bad `url`, 404 `product_not_found` when the page has
    no believable product or no canonical URL."""
    if len(request.content) > MAX_BODY_BYTES:
        return 413, {"detail": "request_body_too_large"}
    validator = BodyValidator()
    read = _read_body(request.content, validator)
    if read is None:
        return 422, {"detail": validator.issues}
    html, url = read
    return resolve_html(html, url, request.request_id)
