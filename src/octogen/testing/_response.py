"""`FakeResponse` and `Responder`: what the fake answers, and what answers it.

The bottom of `octogen.testing`: the in-process transport and the loopback server carry
out a `FakeResponse` from any `Responder` (a `FakeOctogen`), and import nothing above.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, Protocol

import attrs

from .._field_methods import FieldMethods

Fault = Literal["hang", "drop", "truncate", "trickle"]


@attrs.frozen(kw_only=True, eq=False, repr=False)
class FakeResponse(FieldMethods):
    """What the fake answers: a status, headers and body, possibly with a misbehaviour.

    `delay` is waited before answering. `fault` replaces the answer: `"hang"` says
    nothing for `hang_seconds` then hangs up, `"drop"` closes the connection at once,
    `"truncate"` sends the headers and half the body, then closes; `"trickle"` sends
    everything one byte every `delay` seconds.
    """

    status: int
    headers: list[tuple[str, str]]
    body: bytes
    delay: float = 0.0
    fault: Fault | None = None
    hang_seconds: float = 0.0


class Responder(Protocol):
    """Anything that answers one HTTP request with a `FakeResponse` (a `FakeOctogen`)."""

    def handle(
        self, method: str, target: str, headers: Mapping[str, str], body: bytes
    ) -> FakeResponse:
        """Answer one request: `target` is the path with its query string."""
        ...
