"""`python -m octogen.testing`: serve the fake Octogen API over HTTP until Ctrl-C."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence

from ._dataset import Dataset
from ._demo import DEFAULT_PRODUCTS_PER_CATALOG, DEFAULT_SEED
from ._fake import FakeOctogen
from ._scenarios import SCENARIO_NAMES, Scenario


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m octogen.testing",
        description="Serve a fake Octogen Catalog API (the built-in demo dataset) over HTTP.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    parser.add_argument(
        "--api-key",
        action="append",
        dest="api_keys",
        metavar="KEY",
        help="accept only this key (repeat for more); by default any Bearer token works",
    )
    parser.add_argument(
        "--rate-limit", type=int, metavar="N", help="refuse beyond N requests a minute"
    )
    parser.add_argument(
        "--scenario",
        type=Scenario.parse,
        metavar="NAME",
        help=f"misbehave on every request: {', '.join(SCENARIO_NAMES)}",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="demo dataset seed")
    parser.add_argument(
        "--products-per-catalog",
        type=int,
        default=DEFAULT_PRODUCTS_PER_CATALOG,
        metavar="N",
        help="demo dataset size",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the server; returns the exit code."""
    arguments = _parser().parse_args(argv)
    fake = FakeOctogen(
        dataset=Dataset.demo(
            seed=arguments.seed, products_per_catalog=arguments.products_per_catalog
        ),
        api_keys=arguments.api_keys,
        rate_limit=arguments.rate_limit,
        scenario=arguments.scenario,
    )
    server = fake.start_server(arguments.host, arguments.port)
    print(f"fake Octogen API on {server.base_url} (Ctrl-C to stop)", flush=True)
    print(f"  try: OCTO_BASE_URL={server.base_url} OCTO_API_KEY=any ...", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
