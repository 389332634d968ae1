"""Run one request through the Django app with Django's test client (on the fake API)."""

from __future__ import annotations

import os

import django

import octogen

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "django_app.settings")
django.setup()

from django.test import Client  # noqa: E402  (needs the settings above)

response = Client().get("/search", {"q": "hoodie", "limit": 3})
print(response.status_code, response.json())
octogen.shutdown_shared_client()
