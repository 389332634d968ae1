"""A minimal Django project using octogen's shared client (see apps.py and views.py).

cd examples && uv run python -m django_app      # one request through Django's test client
"""
