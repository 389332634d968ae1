"""Every resource of the SDK, run against `octogen.testing`'s fake API: no key, no network.

uv run python examples/console_mock.py

`console_real.py` runs the same tour against the real API.
"""

from __future__ import annotations

import octogen
from octogen.testing import FakeOctogen


def tour(client: octogen.Client, *, on_demand_url: str | None = None) -> None:
    """Catalogs, a search page and the next one, a lazy iteration, lookups, and errors."""
    print(f"client: {client!r}")

    print("\ncatalogs:")
    for catalog in client.catalogs.list():
        name, count = catalog.display_name, catalog.product_count
        print(f"  {catalog.catalog:<14} {name:<24} {count:>7,} products")

    page = client.products.search("hoodie", price_max=200, limit=3)
    print(f"\nsearch 'hoodie', price <= 200, 3 per page (more pages: {page.has_next_page}):")
    for product in page.items:
        brand = product.brand.name if product.brand else "-"
        price = f"{product.current_price:.2f} {product.currency}"
        print(f"  {product.title:<36} {brand:<14} {price:>11}")

    if page.next_cursor is not None:
        following = client.products.search(
            "hoodie", price_max=200, limit=3, cursor=page.next_cursor
        )
        print(f"next page: {[product.title for product in following.items]}")

    black_or_white = client.products.search(
        "linen dress", facets={"color_family": ["Black", "White"]}, limit=100
    )
    print(f"\nblack or white linen dresses: {len(black_or_white.items)}")

    print("\nwomen's leggings, 2 per request, followed lazily, 5 at most:")
    leggings = client.products.iter_search(
        "leggings", facets={"gender": "female"}, page_size=2, max_items=5
    )
    for product in leggings:
        print(f"  {product.uuid}  {product.title}")

    if page.items:
        # A shared link, as users paste them: tracking parameters and all.
        shared_link = page.items[0].product_url + "?utm_source=newsletter"
        result = client.products.lookup(shared_link)
        product = result.product
        materials = ", ".join(product.details.materials) or "-"
        print(
            f"\nlookup: {product.title} ({result.source}, {result.catalog_display_name}), "
            f"in stock: {product.in_stock}, materials: {materials}"
        )

    if on_demand_url is not None:
        resolved = client.products.lookup(on_demand_url)
        print(f"lookup of a page in no catalog: {resolved.product.title} ({resolved.source})")

    try:
        client.products.lookup("https://shop.example.com/p/unknown", resolution_mode="index_only")
    except octogen.OctogenNotFoundError as error:
        print(f"lookup of a URL in no catalog, index only: {error}")

    try:
        client.products.search("hoodie", limit=500)
    except octogen.InvalidRequestError as error:
        print(f"an invalid argument, caught before sending: {error}")

    stats = client.transport_stats()
    mode, requests, retries = stats["mode"], stats["requests"], stats["retries"]
    print(f"\ntransport: {mode}, {requests} requests, {retries} retries")


SAVED_PAGE = """<!doctype html><html><head>
<link rel="canonical" href="https://example.com/products/blue-linen-dress">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product",
 "name": "Blue Linen Dress", "brand": {"@type": "Brand", "name": "Example Brand"},
 "image": "/media/dress.jpg", "offers": {"@type": "Offer", "price": "148.00",
 "priceCurrency": "USD", "availability": "https://schema.org/InStock"}}</script>
</head><body>...</body></html>"""


def tour_live(client: octogen.Client) -> None:
    """Similar products (by URL and by image), a refresh of 1,200 targets in batches, and
    a product read out of saved HTML. Not in `console_real.py`'s tour: a refresh
    schedules real work."""
    source = client.products.search("rain jacket", limit=1).items[0]
    similar = client.products.more_like_this(source.product_url, price_preference="lower", limit=3)
    print(f"\nlike '{source.title}' ({source.current_price:.2f}), but cheaper:")
    for product in similar.items:
        print(f"  {product.title:<36} {product.current_price:>8.2f} {product.catalog_key}")

    by_image = client.products.more_like_this(image=b"\xff\xd8\xff a photo of a coat", limit=2)
    print(
        f"like an image (hash {by_image.source_image_hash}, {by_image.resolution}): "
        f"{[product.title for product in by_image.items]}"
    )

    urls = [product.product_url for product in client.products.iter_search(max_items=300)]
    # A generator: refresh reads it one batch of 500 at a time.
    targets = (urls[number % len(urls)] for number in range(1_200))
    response = client.products.with_response.refresh(targets, uuids=["prod_no_such_product"])
    result = response.data
    print(
        f"\nrefresh of {result.submitted:,} targets in batches of 500: "
        f"{len(result.accepted):,} scheduled, {len(result.rejected)} rejected "
        f"({result.rejected[0].code}); the last batch answered {response.status_code}"
    )

    found = client.products.resolve_from_html(
        SAVED_PAGE, url="https://example.com/products/blue-linen-dress?size=M"
    )
    product, resolution = found.product, found.resolution
    brand = product.brand.name if product.brand else "-"
    method = resolution.method if resolution else None
    print(
        f"\nfrom saved HTML: {product.title} by {brand}, {product.current_price:.2f} "
        f"{product.currency} ({found.source}, read from {method})"
    )

    try:
        client.products.more_like_this(image=b"\0" * 8_000_001)
    except octogen.InvalidRequestError as error:
        print(f"an image too large, caught before sending: {error}")


def main() -> None:
    fake = FakeOctogen()  # the built-in demo: 4 catalogs, 320 products
    with fake.client() as client:
        tour(client, on_demand_url=fake.dataset.off_index_pages[0]["productUrl"])
        tour_live(client)


if __name__ == "__main__":
    main()
