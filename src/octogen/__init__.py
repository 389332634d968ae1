"""octogen: the Python SDK for Octogen's Catalog API.

```python
import octogen

with octogen.Client() as client:  # reads OCTO_API_KEY
    page = client.products.search("linen dress", facets={"gender": "female"}, limit=20)
    for product in page.items:
        print(product.title, product.current_price)
```

Everything public is re-exported here; the underscore modules are internal.
"""

from ._client import AsyncClient, Client
from ._config import ClientConfig
from ._core.hooks import RequestContext, RetryContext
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
from ._models.lookup import LookupResult, Resolution
from ._models.outcome import LookupOutcome
from ._models.product import (
    Audience,
    Brand,
    Breadcrumb,
    Category,
    Color,
    Enrichment,
    Identifiers,
    Image,
    Product,
    ProductDetails,
    ProductSummary,
    Promotion,
    Rating,
    Review,
    Variant,
    Video,
)
from ._models.refresh import RefreshRejection, RefreshResult, RefreshTarget
from ._models.search import Facet, FacetName, ProductPage
from ._models.similar import SimilarProductsPage, SourceProduct
from ._models.voyage import Voyage, VoyageError, VoyagePage, VoyageQuotas, VoyageResult
from ._ratelimiter import RedisRateLimiter
from ._response import APIResponse
from ._shared import (
    client,
    configuration,
    configure,
    reset_configuration,
    shutdown_shared_client,
)
from ._version import __version__

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
for _name in __all__:
    _public = globals()[_name]
    if hasattr(_public, "__module__") and not isinstance(_public, str):
        _public.__module__ = __name__
del _name, _public
