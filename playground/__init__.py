"""The octogen playground: a development-only web app for trying the SDK by hand.

Run it with `uv run --group playground python -m playground` (it is never in the wheel).
`playground.app.create_app()` builds the app for tests and for `uvicorn --factory`.
With no API key it runs on the built-in fake (`octogen.testing`).
"""
