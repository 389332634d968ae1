"""Constants and helpers the tests share (fixtures live in conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"

# Shaped like a real key (`octo_live_<32 hex>_<base64url secret>`) so that redaction is
# tested on what users hold. Tests assert it appears in no repr, log or message.
API_KEY = "octo_live_0123456789abcdef0123456789abcdef_c2VjcmV0LXRva2VuLXZhbHVl"
BASE_URL = "https://api.test/v1"


def load_fixture(name: str) -> Any:
    """A contract payload from tests/fixtures/, decoded."""
    return json.loads((FIXTURES / name).read_text())
