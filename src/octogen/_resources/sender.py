"""`Sender` and `AsyncSender`: what a resource needs from its client's transport."""

from __future__ import annotations

from typing import Protocol, TypeVar

from .._core.calls import ApiCall
from .._response import APIResponse

T = TypeVar("T")


class Sender(Protocol):
    """Sends one `ApiCall` and returns its typed response (the sync transport)."""

    def send(self, call: ApiCall[T]) -> APIResponse[T]:
        """Send `call`; raise an `Octogen*Error` when it fails."""
        ...


class AsyncSender(Protocol):
    """Sends one `ApiCall` and returns its typed response (the async transport)."""

    async def send(self, call: ApiCall[T]) -> APIResponse[T]:
        """Send `call`; raise an `Octogen*Error` when it fails."""
        ...
