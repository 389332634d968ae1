"""The resources of a client (`catalogs`, `products`) and their `with_response` views."""
