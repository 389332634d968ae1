"""The `octogen` command (the optional `octogen[cli]` extra: click and rich)."""

from __future__ import annotations

import gc
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
    try:
        cli.main(prog_name="octogen")
    finally:
        # The process ends here: spare Python's exit its walks of every object still alive
        # (the modules, their classes and functions) in search of cycles, some 20 ms of a
        # short command. Frozen objects are never collected, and only these, at exit.
        gc.freeze()
