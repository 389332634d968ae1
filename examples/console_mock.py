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


def main() -> None:
    fake = FakeOctogen()  # the built-in demo: 4 catalogs, 320 products
    with fake.client() as client:
        tour(client, on_demand_url=fake.dataset.off_index_pages[0]["productUrl"])


if __name__ == "__main__":
    main()
