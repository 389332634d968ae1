"""The operation table: every API operation declared once.

Each row (an `Operation`, see `declaration.py`) says everything the SDK needs to speak
one operation: method, path template and path parameters, where each argument goes and
how it is checked, success statuses, the model, paging and the retry class. Both
clients, their `with_response` views, the iterators, the CLI and the playground read
these rows; `Operation.call(arguments)` turns a method's arguments into a checked
`ApiCall`. Adding an operation is a row, a model, a method in `_resources/` and tests.

The rows load on first use (`operations.SEARCH_PRODUCTS`): the retry policy and the
argument checks read `declaration.py` alone, so that `import octogen` builds no row and
no model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .coverage_and_voyages import (
        ADD_URL_LIST_URLS,
        CHECK_URL_LIST_URLS,
        CREATE_URL_LIST,
        DELETE_URL_LIST,
        GET_URL_LIST,
        GET_VOYAGE,
        LIST_URL_LIST_URLS,
        LIST_URL_LISTS,
        LIST_VOYAGES,
        MAX_DOMAIN_LENGTH,
        MAX_LIST_URL_LENGTH,
        MAX_URL_LIST_NAME,
        REMOVE_URL_LIST_URLS,
        START_VOYAGE,
        URL_BATCH_SIZE,
        check_list_url,
        check_url_list_name,
    )
    from .declaration import (
        Check,
        Location,
        Operation,
        Paging,
        Param,
        optional_text,
        page_size,
        required_path_id,
    )
    from .limits import (
        CACHE_POLICIES,
        DEFAULT_LIMIT,
        DEFAULT_POLL_INTERVAL,
        EMBEDDING_COLUMNS,
        IMAGE_READ_TIMEOUT,
        MAX_CONCURRENCY,
        MAX_HTML_BODY_BYTES,
        MAX_HTML_BYTES,
        MAX_IMAGE_BYTES,
        MAX_MLT_CATALOGS,
        MAX_REFRESH_BATCH,
        MLT_DEFAULT_LIMIT,
        PRICE_PREFERENCES,
        RESOLUTION_MODES,
        SOURCE_ARGUMENTS,
        VOYAGE_STATUSES,
        CachePolicy,
        EmbeddingColumn,
        PricePreference,
        ResolutionMode,
    )
    from .products import (
        LIST_CATALOGS,
        LOOKUP_PRODUCT,
        MORE_LIKE_THIS_PRODUCTS,
        REFRESH_PRODUCTS,
        RESOLVE_FROM_HTML,
        SEARCH_PRODUCTS,
    )
    from .retry_class import RetryClass

__all__ = [
    "ADD_URL_LIST_URLS",
    "CACHE_POLICIES",
    "CHECK_URL_LIST_URLS",
    "CREATE_URL_LIST",
    "DEFAULT_LIMIT",
    "DEFAULT_POLL_INTERVAL",
    "DELETE_URL_LIST",
    "EMBEDDING_COLUMNS",
    "GET_URL_LIST",
    "GET_VOYAGE",
    "IMAGE_READ_TIMEOUT",
    "LIST_CATALOGS",
    "LIST_URL_LISTS",
    "LIST_URL_LIST_URLS",
    "LIST_VOYAGES",
    "LOOKUP_PRODUCT",
    "MAX_CONCURRENCY",
    "MAX_DOMAIN_LENGTH",
    "MAX_HTML_BODY_BYTES",
    "MAX_HTML_BYTES",
    "MAX_IMAGE_BYTES",
    "MAX_LIST_URL_LENGTH",
    "MAX_MLT_CATALOGS",
    "MAX_REFRESH_BATCH",
    "MAX_URL_LIST_NAME",
    "MLT_DEFAULT_LIMIT",
    "MORE_LIKE_THIS_PRODUCTS",
    "PRICE_PREFERENCES",
    "REFRESH_PRODUCTS",
    "REMOVE_URL_LIST_URLS",
    "RESOLUTION_MODES",
    "RESOLVE_FROM_HTML",
    "SEARCH_PRODUCTS",
    "SOURCE_ARGUMENTS",
    "START_VOYAGE",
    "URL_BATCH_SIZE",
    "VOYAGE_STATUSES",
    "CachePolicy",
    "Check",
    "EmbeddingColumn",
    "Location",
    "Operation",
    "Paging",
    "Param",
    "PricePreference",
    "ResolutionMode",
    "RetryClass",
    "check_list_url",
    "check_url_list_name",
    "optional_text",
    "page_size",
    "required_path_id",
]

# Where the names live, lightest first: the retry policy needs `retry_class` alone, the
# CLI's options `limits` alone.
_SUBMODULES = ("retry_class", "limits", "declaration", "products", "coverage_and_voyages")

if not TYPE_CHECKING:  # a module __getattr__ would hide misspelt names from mypy

    def __getattr__(name: str) -> Any:
        """Import the submodules on first use (PEP 562), until one defines `name`."""
        if name in __all__:
            for submodule in _SUBMODULES:
                module = importlib.import_module(f"{__name__}.{submodule}")
                if hasattr(module, name):
                    value = globals()[name] = getattr(module, name)
                    return value
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
