"""The process-wide shared client: `configure`, `configuration`, `client`,
`shutdown_shared_client`, `reset_configuration`.

`configure` keeps the options it was given, not a finished config: the shared client is
built from them like `Client(**options)`, so every `OCTO_*` variable is a default beneath
them, read when the client is built.

One lock guards the configuration and the client. After a fork (gunicorn `--preload`,
Celery prefork, multiprocessing) the child forgets the parent's client without closing
it: closing would touch sockets the parent still uses (a TLS close_notify on a shared
connection would end the parent's session). The child's first `client()` builds its own.
"""

from __future__ import annotations

import atexit
import os
import threading
from typing import Unpack

import octogen  # annotations name `octogen.ClientConfig`: it loads when they are resolved

from ._client import Client
from ._options import ClientOptions, shows_options

# Reentrant, so a signal handler that runs `shutdown_shared_client()` while the main
# thread is inside `client()` does not deadlock on it.
_lock = threading.RLock()
_options: ClientOptions = {}
_shared: Client | None = None
_shared_pid = os.getpid()
_atexit_registered = False
# Clients inherited across a fork: kept referenced, never closed, in the child.
_inherited: list[Client] = []


@shows_options(changes_only=True)
def configure(**options: Unpack[ClientOptions]) -> octogen.ClientConfig:
    """Set options of the shared client (over those set before) and return the settings
    it will have: these options over the `OCTO_*` environment, over the defaults.

    ```python
    octogen.configure(api_key=settings.OCTOGEN_API_KEY, pool_size=20, max_retries=3)
    ```

    If the shared client exists it is closed; the next `octogen.client()` builds one
    with the new settings. Options not set here come from `OCTO_*` variables (the key
    from `OCTO_API_KEY`, else `OCTOGEN_PLATFORM_API_KEY`) when it is built.

    Raises:
        ConfigurationError: An option or `OCTO_*` variable is unknown or invalid
            (nothing changes then).
    """
    from ._config import ClientConfig

    global _options
    with _lock:
        merged = _merged(_options, options)
        configuration = ClientConfig.from_env(**merged)
        _options = merged
        _close_shared()
    return configuration


def configuration() -> octogen.ClientConfig:
    """The shared client's settings: `configure`'s options over the `OCTO_*` environment
    as it is now, over the defaults.

    Raises:
        ConfigurationError: An `OCTO_*` variable is invalid.
    """
    from ._config import ClientConfig

    with _lock:
        options = _options
    return ClientConfig.from_env(**options)


@shows_options()
def client(**overrides: Unpack[ClientOptions]) -> Client:
    """The shared `Client`, built on first use from `configure`'s options over the
    `OCTO_*` environment.

    Thread-safe: concurrent first calls build one client. Safe after a fork: a child
    process gets its own client, never the parent's connections.

    With arguments (`octogen.client(api_key="per-user-token")`) it returns a new
    one-off `Client` with those settings over the configured ones, which the caller
    closes; the shared client is untouched.

    Raises:
        MissingAPIKeyError: No key configured and none in the environment.
        ConfigurationError: An override or `OCTO_*` variable is unknown or invalid.
    """
    if overrides:
        with _lock:
            options = _options
        return Client(**_merged(options, overrides))
    with _lock:
        global _shared, _shared_pid, _atexit_registered
        if _shared is not None and _shared_pid != os.getpid():
            _forget_inherited()  # forked by a path that skipped os.register_at_fork
        if _shared is None or _shared.is_closed:
            _shared = Client(**_options)
            _shared_pid = os.getpid()
            if not _atexit_registered:
                atexit.register(shutdown_shared_client)
                _atexit_registered = True
        return _shared


def shutdown_shared_client() -> None:
    """Close the shared client, if there is one; the next `client()` builds a new one.

    Idempotent, and safe on a worker's exit path (a SIGTERM handler, `atexit`, Celery's
    `worker_process_shutdown`). Also called at interpreter exit.
    """
    with _lock:
        _close_shared()


def reset_configuration() -> None:
    """Back to the default settings, closing the shared client (for tests, mostly)."""
    global _options
    with _lock:
        _options = {}
        _close_shared()


def _merged(options: ClientOptions, changes: ClientOptions) -> ClientOptions:
    merged = options.copy()
    merged.update(changes)
    return merged


def _close_shared() -> None:
    global _shared
    shared, _shared = _shared, None
    if shared is None:
        return
    if _shared_pid == os.getpid():
        shared.close()
    else:
        _inherited.append(shared)


def _forget_inherited() -> None:
    global _shared
    if _shared is not None:
        _inherited.append(_shared)
        _shared = None


def _after_fork_in_child() -> None:
    global _lock
    # The parent's lock may have been held by another thread at the fork: start afresh.
    _lock = threading.RLock()
    _forget_inherited()


os.register_at_fork(after_in_child=_after_fork_in_child)
