"""The API's argument choices, limits and defaults, without an operation row or a model: the
CLI builds its options from them (`--mode`, `--limit`, `--status`, ...) without loading
the operation table."""

from typing import Literal

# --- catalogs and products (CONTRACT.md) -------------------------------------------------

ResolutionMode = Literal["auto", "index_only", "on_demand_only"]
CachePolicy = Literal["prefer_cache", "refresh"]
RESOLUTION_MODES: tuple[str, ...] = ("auto", "index_only", "on_demand_only")
CACHE_POLICIES: tuple[str, ...] = ("prefer_cache", "refresh")
DEFAULT_LIMIT = 50  # products per `search` page when the caller gives no `limit`

# --- the live product API (CONTRACT-LIVE.md §3) ------------------------------------------

PricePreference = Literal["lower", "any", "higher"]
EmbeddingColumn = Literal["embedding", "style_embedding", "tags_embedding", "attributes_embedding"]
PRICE_PREFERENCES: tuple[str, ...] = ("lower", "any", "higher")
EMBEDDING_COLUMNS: tuple[str, ...] = (
    "embedding",
    "style_embedding",
    "tags_embedding",
    "attributes_embedding",
)
MAX_MLT_CATALOGS = 100
# C14: "8 MB" is not said to be 10**6 or 2**20 bytes; the smaller reading is never refused.
MAX_IMAGE_BYTES = 8_000_000
IMAGE_READ_TIMEOUT = 15.0  # image sources take ~11 s the first time (CONTRACT-LIVE.md §3.1)
MLT_DEFAULT_LIMIT = 12
MAX_REFRESH_BATCH = 500
MAX_HTML_BYTES = 5 * 1024 * 1024
MAX_HTML_BODY_BYTES = 8 * 1024 * 1024
SOURCE_ARGUMENTS: tuple[str, ...] = ("url", "uuid", "image_url", "image")

# --- voyages and bulk lookups -------------------------------------------------------------

VOYAGE_STATUSES = ("queued", "running", "in_review", "completed", "failed", "cancelled")
DEFAULT_POLL_INTERVAL = 300.0  # the API asks for at most one progress read per 5 minutes
MAX_CONCURRENCY = 100  # lookups in flight at most in `lookup_many`
