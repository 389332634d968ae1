"""`OCTO_LOG`: turn on the `octogen` logger's output from the environment.

The SDK logs to the `octogen` logger and installs no handler, so a program that
configured no logging prints nothing. `OCTO_LOG=debug` (every attempt) or `OCTO_LOG=info`
(retries, failovers, pacing, warnings) adds one stderr handler, the way `OPENAI_LOG` does
for openai-python; it is read when a client is built, once per process.
"""

from __future__ import annotations

import logging
import os
import threading

LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING}
_installed: logging.Handler | None = None
_lock = threading.Lock()


def setup_from_environment() -> None:
    """Install the stderr handler `OCTO_LOG` asks for (once; a bad value is ignored with a
    warning rather than failing the client)."""
    global _installed
    value = os.environ.get("OCTO_LOG", "").strip().lower()
    if not value or _installed is not None:
        return
    with _lock:
        if _installed is not None:
            return
        logger = logging.getLogger("octogen")
        level = LEVELS.get(value)
        if level is None:
            logger.warning(
                "OCTO_LOG=%r is not one of %s; ignoring it", value, ", ".join(sorted(LEVELS))
            )
            return
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(level)
        _installed = handler
