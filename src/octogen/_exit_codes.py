"""The exit codes of the `octogen` command and the smoke check: one per class of error.

Scripts branch on these (retry later on 5, fix the key on 3), so they are part of the
public behaviour and documented in docs/cli.md.
"""

from __future__ import annotations

import enum

from ._errors import (
    ConfigurationError,
    InvalidRequestError,
    MissingAPIKeyError,
    OctogenAuthenticationError,
    OctogenConflictError,
    OctogenConnectionError,
    OctogenForbiddenError,
    OctogenNotFoundError,
    OctogenPayloadTooLargeError,
    OctogenRateLimitError,
    OctogenServerError,
    OctogenValidationError,
)


class ExitCode(enum.IntEnum):
    """Why the `octogen` command or the smoke check ended."""

    OK = 0
    ERROR = 1  # anything else: an unreadable response, a 400, a failed check
    USAGE = 2  # a wrong option or argument, or one the API refused (413, 422); click's code
    AUTH = 3  # no API key, a key refused (401) or without permission (403)
    NOT_FOUND = 4  # 404: no such catalog or product
    RATE_LIMITED = 5  # 429, still after the retries
    NETWORK = 6  # the API could not be reached: refused, reset, DNS, timeout
    SERVER = 7  # 5xx, still after the retries
    CONFLICT = 8  # 409: the request conflicts with the current state (a name taken, ...)
    INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


# The first class an error is an instance of decides; subclasses come before bases.
_EXIT_CODES: tuple[tuple[type[BaseException], ExitCode], ...] = (
    (ConfigurationError, ExitCode.USAGE),
    (InvalidRequestError, ExitCode.USAGE),
    (OctogenValidationError, ExitCode.USAGE),
    (OctogenPayloadTooLargeError, ExitCode.USAGE),
    (MissingAPIKeyError, ExitCode.AUTH),
    (OctogenAuthenticationError, ExitCode.AUTH),
    (OctogenForbiddenError, ExitCode.AUTH),
    (OctogenNotFoundError, ExitCode.NOT_FOUND),
    (OctogenConflictError, ExitCode.CONFLICT),
    (OctogenRateLimitError, ExitCode.RATE_LIMITED),
    (OctogenConnectionError, ExitCode.NETWORK),
    (OctogenServerError, ExitCode.SERVER),
)


def exit_code_for(error: BaseException) -> ExitCode:
    """The exit code for a run that ended with `error`."""
    for error_class, code in _EXIT_CODES:
        if isinstance(error, error_class):
            return code
    return ExitCode.ERROR
