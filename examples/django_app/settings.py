"""Minimal settings. `OCTOGEN` holds octogen options; apps.py hands them to configure()."""

from __future__ import annotations

import os

SECRET_KEY = "example-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
ROOT_URLCONF = "django_app.urls"
INSTALLED_APPS = ["django_app.apps.OctogenExampleConfig"]
MIDDLEWARE: list[str] = []
DATABASES: dict[str, dict[str, str]] = {}
USE_TZ = True

if os.environ.get("OCTO_API_KEY"):
    OCTOGEN = {"api_key": os.environ["OCTO_API_KEY"], "max_retries": 3, "pool_size": 10}
else:  # no key: the built-in fake API, in-process
    from octogen.testing import DEMO_API_KEY, FakeOctogen

    OCTOGEN = {"api_key": DEMO_API_KEY, "transport": FakeOctogen().transport()}
