"""A Flask app that configures octogen from `app.config` and uses the shared client.

uv run python examples/flask_app.py       # one request through Flask's test client, on the fake

In production: `OCTOGEN_API_KEY` (and any other `OCTOGEN_<OPTION>`) in the app's config,
e.g. from the environment; gunicorn `--preload` is safe (each worker builds its own client).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, jsonify, request

import octogen


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The app factory: every `OCTOGEN_*` config key becomes an octogen option."""
    app = Flask(__name__)
    app.config.from_prefixed_env("OCTOGEN")  # OCTOGEN_API_KEY=... in the environment
    app.config.update(config or {})
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


if __name__ == "__main__":
    from octogen.testing import DEMO_API_KEY, FakeOctogen

    app = create_app(
        {"OCTOGEN_API_KEY": DEMO_API_KEY, "OCTOGEN_TRANSPORT": FakeOctogen().transport()}
    )
    response = app.test_client().get("/search?q=linen+dress&limit=3")
    print(response.status_code, response.get_json())
    octogen.shutdown_shared_client()
