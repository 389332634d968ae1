"""`octogen.testing`: a fake Octogen Catalog API for your tests, examples and demos.

It answers `GET /catalogs`, `POST /products/search` and `POST /products/lookup` the way
the real API does (filters, facets, cursors, 422 details, auth, rate limits), from a
deterministic demo dataset of four catalogs, and it can misbehave on purpose.

```python
from octogen.testing import FakeOctogen

fake = FakeOctogen()
with fake.client() as client:                  # in-process: no key, no network
    page = client.products.search("linen dress", limit=5)

fake.queue("503", "429")                        # the next two requests fail
with fake.serve() as base_url:                  # a real server on 127.0.0.1
    ...

assert fake.last_request.body == {"q": "linen dress", "limit": 5}
```

Run it for other processes with `python -m octogen.testing --port 8080`.
"""

import importlib
from typing import TYPE_CHECKING, Any

from ._dataset import Dataset
from ._fake import DEMO_API_KEY, FakeOctogen, RecordedRequest
from ._response import FakeResponse
from ._transport import FakeTransport

if TYPE_CHECKING:
    from ._scenarios import SCENARIO_NAMES, Scenario
    from ._server import FakeServer

__all__ = [
    "DEMO_API_KEY",
    "SCENARIO_NAMES",
    "Dataset",
    "FakeOctogen",
    "FakeResponse",
    "FakeServer",
    "FakeTransport",
    "RecordedRequest",
    "Scenario",
]


# Imported when first named (PEP 562): a fake that answers normally, in-process (`octogen
# --mock`), needs neither a server nor a scenario.
_LAZY = {"FakeServer": "_server", "SCENARIO_NAMES": "_scenarios", "Scenario": "_scenarios"}

if not TYPE_CHECKING:  # a module __getattr__ would hide misspelt names from mypy

    def __getattr__(name: str) -> Any:
        """Import `FakeServer`, `Scenario` and `SCENARIO_NAMES` when first named."""
        if name in _LAZY:
            module = importlib.import_module(f"{__name__}.{_LAZY[name]}")
            value = globals()[name] = getattr(module, name)
            return value
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
