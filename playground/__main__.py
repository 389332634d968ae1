"""`python -m playground [--host H] [--port P]`: serve the playground with uvicorn."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence

import uvicorn

from .app import create_app


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the command line and serve until interrupted."""
    parser = argparse.ArgumentParser(
        prog="python -m playground",
        description="The octogen playground: try the SDK in a browser, on the fake or the API.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    args = parser.parse_args(argv)
    app = create_app(
        api_key=os.environ.get("OCTO_API_KEY") or None,
        base_urls=os.environ.get("OCTO_BASE_URLS") or os.environ.get("OCTO_BASE_URL") or None,
    )
    print(f"octogen playground on http://{args.host}:{args.port}/ (Ctrl-C stops it)")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
