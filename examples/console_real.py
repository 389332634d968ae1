"""The tour of `console_mock.py`, against the real API: set OCTO_API_KEY first.

OCTO_API_KEY=octo_live_... uv run python examples/console_real.py

Without a key it says so and makes no call (exit code 0): nothing here can run without
one. OCTO_BASE_URL and the other OCTO_* variables apply as they do everywhere.
"""

from __future__ import annotations

import os

from console_mock import tour

import octogen


def main() -> None:
    if not os.environ.get("OCTO_API_KEY", "").strip():
        print(
            "OCTO_API_KEY is not set: skipping every call, since each one needs a key.\n"
            "Set it to run this tour against the API, or run console_mock.py to see it "
            "on the built-in fake."
        )
        return
    with octogen.Client(config=octogen.ClientConfig.from_env()) as client:
        tour(client)


if __name__ == "__main__":
    main()
