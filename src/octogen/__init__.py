"""octogen: the Python SDK for Octogen's Catalog API.

```python
import octogen

with octogen.Client() as client:  # reads OCTO_API_KEY
    page = client.products.search("linen dress", facets={"gender": "female"}, limit=20)
    for product in page.items:
        print(product.title, product.current_price)
```

Everything public is re-exported here; the underscore modules are internal. `import
octogen` loads the clients, their configuration and the errors; the transport loads with
the first client (as httpx loads its connection machinery with its first transport), and
the models (`Product`, `ProductPage`, ...) and resources on first use.
"""

import importlib
from typing import TYPE_CHECKING, Any

from ._client import AsyncClient, Client
from ._errors import (
    ConfigurationError,
    InvalidRequestError,
    MissingAPIKeyError,
    OctogenAPIError,
    OctogenAuthenticationError,
    OctogenBadRequestError,
    OctogenConflictError,
    OctogenConnectionError,
    OctogenError,
    OctogenForbiddenError,
    OctogenNotFoundError,
    OctogenPayloadTooLargeError,
    OctogenRateLimitError,
    OctogenResponseError,
    OctogenServerError,
    OctogenTimeoutError,
    OctogenValidationError,
)
from ._ratelimiter import RedisRateLimiter
from ._shared import (
    client,
    configuration,
    configure,
    reset_configuration,
    shutdown_shared_client,
)
from ._version import __version__

if TYPE_CHECKING:
    from ._config import ClientConfig
    from ._core.hooks import RequestContext, RetryContext
    from ._headers import RateLimit
    from ._models.catalog import Catalog
    from ._models.coverage import (
        BigQueryListing,
        UrlChange,
        UrlChangeResult,
        UrlList,
        UrlListEntry,
        UrlListPage,
        UrlListUrlsPage,
        UrlMembership,
        UrlRejection,
    )
    from ._models.facet import Facet, FacetName
    from ._models.lookup import LookupResult, Resolution
    from ._models.outcome import LookupOutcome
    from ._models.product import Brand, Image, ProductSummary, Rating
    from ._models.product_view import (
        Audience,
        Breadcrumb,
        Category,
        Color,
        Enrichment,
        Identifiers,
        Product,
        ProductDetails,
        Promotion,
        Review,
        Variant,
        Video,
    )
    from ._models.refresh import RefreshRejection, RefreshResult, RefreshTarget
    from ._models.search import ProductPage
    from ._models.similar import SimilarProductsPage, SourceProduct
    from ._models.voyage import Voyage, VoyageError, VoyagePage, VoyageQuotas, VoyageResult
    from ._response import APIResponse

# Loaded on first use (PEP 562); each class names `octogen` as its module (`reads_as_octogen`).
# `ClientConfig` (and attrs), `RateLimit`, the hooks' contexts and `APIResponse` load with
# the first client or config.
_LAZY = {
    "._config": ("ClientConfig",),
    "._core.hooks": ("RequestContext", "RetryContext"),
    "._headers": ("RateLimit",),
    "._models.catalog": ("Catalog",),
    "._models.coverage": (
        "BigQueryListing",
        "UrlChange",
        "UrlChangeResult",
        "UrlList",
        "UrlListEntry",
        "UrlListPage",
        "UrlListUrlsPage",
        "UrlMembership",
        "UrlRejection",
    ),
    "._models.facet": ("Facet", "FacetName"),
    "._models.lookup": ("LookupResult", "Resolution"),
    "._models.outcome": ("LookupOutcome",),
    "._models.product": ("Brand", "Image", "ProductSummary", "Rating"),
    "._models.product_view": (
        "Audience",
        "Breadcrumb",
        "Category",
        "Color",
        "Enrichment",
        "Identifiers",
        "Product",
        "ProductDetails",
        "Promotion",
        "Review",
        "Variant",
        "Video",
    ),
    "._models.refresh": ("RefreshRejection", "RefreshResult", "RefreshTarget"),
    "._models.search": ("ProductPage",),
    "._models.similar": ("SimilarProductsPage", "SourceProduct"),
    "._models.voyage": ("Voyage", "VoyageError", "VoyagePage", "VoyageQuotas", "VoyageResult"),
    "._response": ("APIResponse",),
}
_MODULE_OF = {name: module for module, names in _LAZY.items() for name in names}


__all__ = [
    "APIResponse",
    "AsyncClient",
    "Audience",
    "BigQueryListing",
    "Brand",
    "Breadcrumb",
    "Catalog",
    "Category",
    "Client",
    "ClientConfig",
    "Color",
    "ConfigurationError",
    "Enrichment",
    "Facet",
    "FacetName",
    "Identifiers",
    "Image",
    "InvalidRequestError",
    "LookupOutcome",
    "LookupResult",
    "MissingAPIKeyError",
    "OctogenAPIError",
    "OctogenAuthenticationError",
    "OctogenBadRequestError",
    "OctogenConflictError",
    "OctogenConnectionError",
    "OctogenError",
    "OctogenForbiddenError",
    "OctogenNotFoundError",
    "OctogenPayloadTooLargeError",
    "OctogenRateLimitError",
    "OctogenResponseError",
    "OctogenServerError",
    "OctogenTimeoutError",
    "OctogenValidationError",
    "Product",
    "ProductDetails",
    "ProductPage",
    "ProductSummary",
    "Promotion",
    "RateLimit",
    "Rating",
    "RedisRateLimiter",
    "RefreshRejection",
    "RefreshResult",
    "RefreshTarget",
    "RequestContext",
    "Resolution",
    "RetryContext",
    "Review",
    "SimilarProductsPage",
    "SourceProduct",
    "UrlChange",
    "UrlChangeResult",
    "UrlList",
    "UrlListEntry",
    "UrlListPage",
    "UrlListUrlsPage",
    "UrlMembership",
    "UrlRejection",
    "Variant",
    "Video",
    "Voyage",
    "VoyageError",
    "VoyagePage",
    "VoyageQuotas",
    "VoyageResult",
    "__version__",
    "client",
    "configuration",
    "configure",
    "reset_configuration",
    "shutdown_shared_client",
]

# Reprs and tracebacks read `octogen.Client`, not `octogen._client.Client`.
for _name in set(__all__) - _MODULE_OF.keys():
    _public = globals()[_name]
    if hasattr(_public, "__module__") and not isinstance(_public, str):
        _public.__module__ = __name__
del _name, _public


if not TYPE_CHECKING:  # a module __getattr__ would hide misspelt names from mypy

    def __getattr__(name: str) -> Any:
        """Import the module of a model (or of the hooks' contexts, or `APIResponse`)
        when it is first named (PEP 562)."""
        try:
            module = _MODULE_OF[name]
        except KeyError:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
        value = globals()[name] = getattr(importlib.import_module(module, __name__), name)
        return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
