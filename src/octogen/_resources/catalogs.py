"""`client.catalogs` (sync and async): the merchant catalogs available to your key."""

from __future__ import annotations

from .._core import operations
from .._core.calls import ApiCall
from .._models.catalog import Catalog
from .methods import Resource, awaits_data, awaits_response, returns_data, returns_response

__all__ = ["AsyncCatalogs", "AsyncCatalogsWithResponse", "Catalogs", "CatalogsWithResponse"]


def list_catalogs() -> ApiCall[list[Catalog]]:
    """List the catalogs available to your key (`GET /catalogs`).

    Catalog listing is retired for Developer organizations (CONTRACT-LIVE.md §2.1):
    search without `catalog` covers every catalog, and each result's `catalog_key`
    names its catalog.

    Returns:
        The catalogs; an empty list when the key has none (not an error).

    Raises:
        OctogenNotFoundError: Catalog listing is not available to your organization (the
            API answers 404 or 410 where it was retired); the message says so.
        OctogenAPIError: Any other error status.
    """
    return operations.LIST_CATALOGS.call({})


class CatalogsWithResponse(Resource):
    """`client.catalogs.with_response`: the same methods, returning `APIResponse[T]`."""

    list = returns_response(list_catalogs)


class Catalogs(Resource):
    """`client.catalogs`: the merchant catalogs your key can search."""

    list = returns_data(list_catalogs)

    def __init__(self, transport: object) -> None:
        super().__init__(transport)
        self.with_response = CatalogsWithResponse(transport)


class AsyncCatalogsWithResponse(Resource):
    """`aclient.catalogs.with_response`: the same methods, returning `APIResponse[T]`."""

    list = awaits_response(list_catalogs)


class AsyncCatalogs(Resource):
    """`aclient.catalogs`: the merchant catalogs your key can search, awaited."""

    list = awaits_data(list_catalogs)

    def __init__(self, transport: object) -> None:
        super().__init__(transport)
        self.with_response = AsyncCatalogsWithResponse(transport)
