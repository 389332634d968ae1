"""Every resource of the SDK, run against an in-process stand-in API: no key, no network.

uv run python examples/console_mock.py
"""

from __future__ import annotations

from standin_api import standin_transport

import octogen


def main() -> None:
    with octogen.Client(api_key="demo-key", transport=standin_transport()) as client:
        print(f"client: {client!r}")

        print("\ncatalogs:")
        for catalog in client.catalogs.list():
            name, count = catalog.display_name, catalog.product_count
            print(f"  {catalog.catalog:<14} {name:<16} {count} products")

        page = client.products.search("hoodie", price_max=200, limit=2)
        print(f"\nsearch 'hoodie', price <= 200, 2 per page (more pages: {page.has_next_page}):")
        for product in page.items:
            brand = product.brand.name if product.brand else "-"
            print(f"  {product.title:<22} {brand:<14} {product.current_price:>7.2f}")

        following = client.products.search(
            "hoodie", price_max=200, limit=2, cursor=page.next_cursor
        )
        print(f"next page: {[product.title for product in following.items]}")

        print("\nevery linen dress, 2 per request, followed lazily:")
        for product in client.products.iter_search("linen dress", page_size=2, max_items=5):
            print(f"  {product.uuid}  {product.title}")

        result = client.products.lookup("https://warrenlotas.com/products/black-hoodie?ref=x")
        product = result.product
        print(
            f"\nlookup: {product.title} ({result.source}), in stock: {product.in_stock}, "
            f"materials: {', '.join(product.details.materials)}"
        )

        try:
            client.products.lookup("https://warrenlotas.com/products/unknown")
        except octogen.OctogenNotFoundError as error:
            print(f"lookup of an unknown URL: {error}")

        try:
            client.products.search("hoodie", limit=500)
        except octogen.InvalidRequestError as error:
            print(f"an invalid argument, caught before sending: {error}")


if __name__ == "__main__":
    main()
