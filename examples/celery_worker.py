"""Celery: one shared octogen client per worker process, closed when the process ends.

celery -A celery_worker worker --loglevel=info     # with a broker (CELERY_BROKER_URL)
uv run python examples/celery_worker.py             # runs the task eagerly, on the fake API

With the prefork pool, Celery forks its worker processes from the main one. octogen
never reuses a parent's connections after a fork, so configuring in the main process
is safe; `worker_process_init` is still the natural place, and `worker_process_shutdown`
closes the process's client.
"""

from __future__ import annotations

import os
from typing import Any

from celery import Celery
from celery.signals import worker_process_init, worker_process_shutdown

import octogen

app = Celery("octogen_example", broker=os.environ.get("CELERY_BROKER_URL", "memory://"))


@worker_process_init.connect
def configure_octogen(**_: Any) -> None:
    if os.environ.get("OCTO_API_KEY"):
        octogen.configure(max_retries=3, pool_size=4)  # key from OCTO_API_KEY
    else:
        from octogen.testing import DEMO_API_KEY, FakeOctogen

        octogen.configure(api_key=DEMO_API_KEY, transport=FakeOctogen().transport())


@worker_process_shutdown.connect
def close_octogen(**_: Any) -> None:
    octogen.shutdown_shared_client()


@app.task(autoretry_for=(octogen.OctogenRateLimitError,), retry_backoff=True, max_retries=5)
def cheapest_in_stock(query: str) -> dict[str, Any] | None:
    """The cheapest product for `query`, from the first 300 results."""
    best = None
    for item in octogen.client().products.iter_search(query, max_items=300):
        if item.current_price is not None and (best is None or item.current_price < best[1]):
            best = (item.title, item.current_price, item.product_url)
    if best is None:
        return None
    return {"title": best[0], "price": best[1], "url": best[2]}


if __name__ == "__main__":
    app.conf.task_always_eager = True  # run in this process, without a broker
    configure_octogen()
    print(cheapest_in_stock.delay("linen dress").get())
    close_octogen()
