"""`client.catalogs` (sync and async): the merchant catalogs available to your key."""

from __future__ import annotations

import builtins

from .._core.calls import build_list_catalogs_call
from .._models.catalog import Catalog
from .._response import APIResponse
from .sender import AsyncSender, Sender


class CatalogsWithResponse:
    """`client.catalogs.with_response`: the same methods, returning `APIResponse[T]`."""

    def __init__(self, transport: Sender) -> None:
        self._transport = transport

    def list(self) -> APIResponse[builtins.list[Catalog]]:
        """Like `client.catalogs.list()`, with the HTTP exchange around the result."""
        return self._transport.send(build_list_catalogs_call())


class Catalogs:
    """`client.catalogs`: the merchant catalogs your key can search."""

    def __init__(self, transport: Sender) -> None:
        self.with_response = CatalogsWithResponse(transport)

    def list(self) -> builtins.list[Catalog]:
        """List the catalogs available to your key (`GET /catalogs`).

        Returns:
            The catalogs; an empty list when the key has none (not an error).

        Raises:
            OctogenNotFoundError: Catalog listing is not available to your
                organization (the API answers 404 or 410 where it was retired).
            OctogenAPIError: Any other error status.
        """
        return self.with_response.list().data


class AsyncCatalogsWithResponse:
    """`aclient.catalogs.with_response`: the same methods, returning `APIResponse[T]`."""

    def __init__(self, transport: AsyncSender) -> None:
        self._transport = transport

    async def list(self) -> APIResponse[builtins.list[Catalog]]:
        """Like `await aclient.catalogs.list()`, with the HTTP exchange around the result."""
        return await self._transport.send(build_list_catalogs_call())


class AsyncCatalogs:
    """`aclient.catalogs`: the merchant catalogs your key can search, awaited."""

    def __init__(self, transport: AsyncSender) -> None:
        self.with_response = AsyncCatalogsWithResponse(transport)

    async def list(self) -> builtins.list[Catalog]:
        """List the catalogs available to your key (`GET /catalogs`); as `Catalogs.list`."""
        return (await self.with_response.list()).data
