"""Configure octogen once, when Django is ready, from `settings.OCTOGEN`."""

from __future__ import annotations

from django.apps import AppConfig
from django.conf import settings

import octogen


class OctogenExampleConfig(AppConfig):
    name = "django_app"

    def ready(self) -> None:
        # Every key of settings.OCTOGEN is an octogen option (api_key, pool_size, ...).
        # The shared client is built lazily, in each worker process after any fork.
        octogen.configure(**getattr(settings, "OCTOGEN", {}))
