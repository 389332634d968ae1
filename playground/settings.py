"""What the sidebar sets for a session: the transport scenario, the API key, base URLs.

The key is kept server-side (never in the cookie) and only ever shown redacted.
"""

from __future__ import annotations

import re

import attrs

import octogen

# The sidebar's `<select name="scenario">`, in its order: the value and what it does.
SCENARIOS: dict[str, str] = {
    "fake": "the fake API, demo data",
    "real": "the Octogen API",
    "401": "fake, 401 invalid key",
    "403": "fake, 403 forbidden",
    "404": "fake, 404 not found",
    "409": "fake, 409 conflict",
    "422": "fake, 422 invalid body",
    "429": "fake, 429 Retry-After 1",
    "500": "fake, 500 server error",
    "503": "fake, 503 unavailable",
    "slow": "fake, 0.5 s late",
    "timeout": "fake, no answer in time",
    "network-error": "fake, connection dropped",
    "failover": "dead base URL, then the fake",
}
# Scenarios played by `FakeOctogen.set_scenario` under the same name.
FAKE_FAILURES = frozenset(SCENARIOS) - {"fake", "real", "failover"}
_KEY_PREFIX = re.compile(r"^(octo_[a-z]+_)")


def redact_key(api_key: str | None) -> str | None:
    """At most the key's kind and last four characters: `octo_live_…abcd`."""
    if not api_key:
        return None
    prefix = match.group(1) if (match := _KEY_PREFIX.match(api_key)) else ""
    tail = api_key[-4:] if len(api_key) >= 16 else ""
    return f"{prefix}…{tail}"


def parse_base_urls(text: str) -> tuple[str, ...]:
    """The base URLs in `text` (separated by spaces, commas or new lines), validated.

    Raises:
        octogen.ConfigurationError: One is not an http(s) URL, or one is listed twice.
    """
    urls = tuple(part for part in re.split(r"[\s,]+", text) if part)
    if urls:
        octogen.ClientConfig(base_urls=urls)  # validates, naming the option
    return urls


@attrs.frozen(kw_only=True)
class Settings:
    """One session's settings.

    Attributes:
        scenario: A key of `SCENARIOS`.
        api_key: The key to send, or None (the fake needs none).
        base_urls: Base URLs for the `real` scenario; empty means the SDK's default.
    """

    scenario: str = "fake"
    api_key: str | None = attrs.field(default=None, repr=False)
    base_urls: tuple[str, ...] = ()

    @property
    def key_hint(self) -> str | None:
        """The key as the page may show it."""
        return redact_key(self.api_key)

    @property
    def on_fake(self) -> bool:
        """Whether calls go to the built-in fake (every scenario but `real`)."""
        return self.scenario != "real"

    @property
    def problem(self) -> str | None:
        """Why calls cannot work as set, for the sidebar; None when they can."""
        if self.scenario == "real" and not self.api_key:
            return "The `real` scenario needs an API key: enter one above (or set OCTO_API_KEY)."
        return None
