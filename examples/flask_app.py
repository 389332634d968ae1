"""A Flask app that configures octogen from `app.config` and uses the shared client.

uv run python examples/flask_app.py       # one request through Flask's test client, on the fake
OCTOGEN_API_KEY=octo_live_... flask --app flask_app run     # from examples/, on the API

Every `OCTOGEN_<OPTION>` config key is an octogen option: set it in the app's config, or
as an environment variable (`OCTOGEN_API_KEY`, `OCTOGEN_MAX_RETRIES=3`, ...). gunicorn
`--preload` is safe (each worker builds its own client).
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Mapping
from typing import Any

from flask import Config, Flask, jsonify, request

import octogen

# The option names `octogen.configure` takes (`api_key`, `max_retries`, ...), read from its
# signature. Other OCTOGEN_* variables are not options: OCTOGEN_PLATFORM_API_KEY is the
# SDK's own variable for the key, and a deployment may have switches of its own.
OPTIONS = frozenset(inspect.signature(octogen.configure).parameters)
_READ_BY_THE_SDK = frozenset({"PLATFORM_API_KEY"})
log = logging.getLogger(__name__)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The app factory: every `OCTOGEN_*` config key becomes an octogen option."""
    app = Flask(__name__)
    app.config.update(octogen_environment())
    app.config.update(config or {})  # what the caller passes wins over the environment
    # OCTOGEN_API_KEY -> api_key, OCTOGEN_MAX_RETRIES -> max_retries, ...
    octogen.configure(**app.config.get_namespace("OCTOGEN_"))

    @app.get("/search")
    def search() -> Any:
        page = octogen.client().products.search(
            request.args.get("q"), limit=int(request.args.get("limit", 10))
        )
        return jsonify(
            items=[{"title": item.title, "price": item.current_price} for item in page.items],
            next_cursor=page.next_cursor,
        )

    @app.errorhandler(octogen.InvalidRequestError)
    def bad_request(error: octogen.InvalidRequestError) -> Any:
        return jsonify(error=str(error), argument=error.argument), 400

    @app.errorhandler(octogen.OctogenError)
    def upstream_failed(error: octogen.OctogenError) -> Any:
        return jsonify(error=str(error)), 502

    return app


def octogen_environment() -> dict[str, Any]:
    """The `OCTOGEN_*` environment variables, under their full names.

    Flask's `from_prefixed_env("OCTOGEN")` strips the prefix (`OCTOGEN_API_KEY` would
    become `API_KEY`), so it reads them into a scratch `Config` and the prefix goes back
    on. Values are parsed as JSON where they are JSON, as Flask does: `OCTOGEN_MAX_RETRIES=3`
    is the number 3. Only the names of octogen's options are kept, each other one named
    in a warning; `OCTOGEN_PLATFORM_API_KEY` is left to the SDK, which reads it itself.
    """
    environment = Config(".")
    environment.from_prefixed_env("OCTOGEN")
    options = {}
    for name, value in environment.items():
        if name.lower() in OPTIONS:
            options[f"OCTOGEN_{name}"] = value
        elif name not in _READ_BY_THE_SDK:  # a typo, or a variable of someone else's
            log.warning("OCTOGEN_%s is not an octogen option; not passed to configure()", name)
    return options


if __name__ == "__main__":
    from octogen.testing import DEMO_API_KEY, FakeOctogen

    app = create_app(
        {"OCTOGEN_API_KEY": DEMO_API_KEY, "OCTOGEN_TRANSPORT": FakeOctogen().transport()}
    )
    response = app.test_client().get("/search?q=linen+dress&limit=3")
    print(response.status_code, response.get_json())
    octogen.shutdown_shared_client()
