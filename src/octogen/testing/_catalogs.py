"""`GET /catalogs` (listCatalogs): the catalogs the caller's key may use."""

from __future__ import annotations

from ._request import ApiRequest, Reply


def list_catalogs(request: ApiRequest) -> Reply:
    """Every catalog granted to the key, in the dataset's order."""
    return 200, [c for c in request.dataset.catalogs if c["catalog"] in request.catalogs]
