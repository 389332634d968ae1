"""A fleet recipe: look up a file of product URLs across Celery workers (see README.md)."""
