"""The Celery side of the fleet: the app, the shared octogen client, the one task.

Every worker process configures the shared client from the `OCTO_*` environment:
`OCTO_API_KEY`, and `OCTO_REDIS_URL` so that every process on every machine takes its
tokens from the organization's one bucket in Redis (`octogen.RedisRateLimiter`).

    CELERY_BROKER_URL=redis://cache:6379/0 OCTO_REDIS_URL=redis://cache:6379/0 \\
        celery -A celery_fleet.tasks worker --concurrency 4
"""

from __future__ import annotations

import os
from typing import Any

from celery import Celery
from celery.signals import worker_process_init, worker_process_shutdown

import octogen

BROKER = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0")
# Lookups in flight per task: with Celery's --concurrency, per worker process.
CONCURRENCY = int(os.environ.get("FLEET_LOOKUP_CONCURRENCY", "4"))

app = Celery("celery_fleet", broker=BROKER, backend=os.environ.get("CELERY_RESULT_BACKEND", BROKER))
app.conf.update(
    # A worker that dies mid-batch loses nothing: the message is acknowledged only once
    # the batch is done, and given back to the queue if the process running it is lost.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,  # a batch waits in the queue, not behind a busy worker
    result_expires=3600,
)


@worker_process_init.connect
def configure_octogen(**_: Any) -> None:
    """Each worker process: the shared client, from OCTO_API_KEY and OCTO_REDIS_URL."""
    octogen.configure(max_retries=5)


@worker_process_shutdown.connect
def close_octogen(**_: Any) -> None:
    octogen.shutdown_shared_client()


@app.task(
    autoretry_for=(octogen.OctogenConnectionError, octogen.OctogenServerError),
    retry_backoff=True,
    max_retries=5,
)
def lookup_batch(urls: list[str]) -> list[dict[str, Any]]:
    """Look up one batch of URLs: one JSON-ready outcome per URL, in order.

    Idempotent (lookups only read), so Celery may run a batch again after a lost worker.
    A URL that fails is an outcome with `"ok": false`, not a failed task.
    """
    outcomes = octogen.client().products.lookup_many(urls, concurrency=CONCURRENCY)
    return [outcome.to_dict() for outcome in outcomes]
