"""The `octogen` command (the optional `octogen[cli]` extra: click and rich)."""

from __future__ import annotations

import sys

_EXTRA_MODULES = frozenset({"click", "rich", "markdown_it", "pygments"})


def main() -> None:
    """Run the `octogen` command; say how to install it when its extra is missing."""
    try:
        from ._app import cli
    except ImportError as exc:
        if (exc.name or "").partition(".")[0] not in _EXTRA_MODULES:
            raise
        print(
            f"octogen: the command line needs the cli extra ({exc.name} is missing): "
            "pip install 'octogen[cli]'",
            file=sys.stderr,
        )
        raise SystemExit(1) from None
    cli.main(prog_name="octogen")
