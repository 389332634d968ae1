"""The Flask, Django and worker examples, run with the real frameworks on the fake API."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import octogen
from octogen.testing import FakeOctogen
from tests.support import API_KEY

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture(autouse=True)
def examples_importable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(EXAMPLES))


def test_flask_configures_from_app_config_and_views_use_the_shared_client() -> None:
    from flask_app import create_app

    fake = FakeOctogen()
    app = create_app(
        {
            "OCTOGEN_API_KEY": API_KEY,
            "OCTOGEN_TRANSPORT": fake.transport(),
            "OCTOGEN_MAX_RETRIES": 4,
        }
    )
    assert octogen.configuration().max_retries == 4
    with app.test_client() as http:
        first = http.get("/search?q=hoodie&limit=2")
        second = http.get("/search?q=linen+dress&limit=2")
        refused = http.get("/search?q=hoodie&limit=500")
    assert first.status_code == second.status_code == 200
    assert len(first.get_json()["items"]) == 2
    assert refused.status_code == 400 and refused.get_json()["argument"] == "limit"
    assert [request.body["q"] for request in fake.requests] == ["hoodie", "linen dress"]
    assert octogen.client().config.api_key == API_KEY


def test_flask_reads_its_octogen_options_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What `flask run` does: no config dict, only `OCTOGEN_*` environment variables."""
    from flask_app import create_app

    fake = FakeOctogen(api_keys=[API_KEY])
    with fake.serve() as base_url:
        monkeypatch.setenv("OCTOGEN_API_KEY", API_KEY)
        monkeypatch.setenv("OCTOGEN_BASE_URL", base_url)
        monkeypatch.setenv("OCTOGEN_MAX_RETRIES", "4")
        app = create_app()
        with app.test_client() as http:
            response = http.get("/search?q=hoodie&limit=2")

    assert response.status_code == 200, response.get_json()
    assert len(response.get_json()["items"]) == 2
    assert [request.path for request in fake.requests] == ["/products/search"]
    assert octogen.configuration().max_retries == 4


def test_flask_passes_on_only_octogens_options_and_names_the_others(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Another OCTOGEN_* variable (a deployment's own switch, a typo) is not an option:
    it is named in a warning instead of failing the app with `unknown option`."""
    from flask_app import create_app

    monkeypatch.setenv("OCTOGEN_API_KEY", API_KEY)
    monkeypatch.setenv("OCTOGEN_REQUIRE_BROWSER", "1")
    monkeypatch.setenv("OCTOGEN_MAX_RETRYS", "4")
    with caplog.at_level("WARNING", logger="flask_app"):
        create_app()
    assert octogen.configuration().api_key == API_KEY
    assert "OCTOGEN_REQUIRE_BROWSER is not an octogen option" in caplog.text
    assert "OCTOGEN_MAX_RETRYS is not an octogen option" in caplog.text


def test_flask_app_config_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from flask_app import create_app

    monkeypatch.setenv("OCTOGEN_API_KEY", "octo_test_from_the_environment")
    monkeypatch.setenv("OCTOGEN_MAX_RETRIES", "4")
    create_app({"OCTOGEN_API_KEY": API_KEY, "OCTOGEN_TRANSPORT": FakeOctogen().transport()})

    assert octogen.configuration().api_key == API_KEY
    assert octogen.configuration().max_retries == 4


def test_flask_leaves_the_sdk_s_own_key_variable_to_the_sdk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`OCTOGEN_PLATFORM_API_KEY` is the SDK's variable, not an `OCTOGEN_<OPTION>`."""
    from flask_app import create_app

    monkeypatch.setenv("OCTOGEN_PLATFORM_API_KEY", API_KEY)
    app = create_app({"OCTOGEN_API_KEY": API_KEY, "OCTOGEN_TRANSPORT": FakeOctogen().transport()})

    assert app.test_client().get("/search?q=hoodie&limit=1").status_code == 200


@pytest.fixture(scope="module")
def django_ready() -> Iterator[None]:
    import django
    from django.conf import settings

    settings.configure(
        SECRET_KEY="test",
        ALLOWED_HOSTS=["testserver"],
        ROOT_URLCONF="django_app.urls",
        INSTALLED_APPS=["django_app.apps.OctogenExampleConfig"],
        DATABASES={},
        OCTOGEN={"api_key": API_KEY, "transport": FakeOctogen().transport()},
    )
    sys.path.insert(0, str(EXAMPLES))
    django.setup()
    yield
    sys.path.remove(str(EXAMPLES))


def test_django_configures_in_app_ready_and_a_view_uses_the_shared_client(
    django_ready: None,
) -> None:
    from django.apps import apps
    from django.test import Client as DjangoClient

    apps.get_app_config("django_app").ready()  # what django.setup() ran, after our reset
    assert octogen.configuration().api_key == API_KEY
    response = DjangoClient().get("/search", {"q": "hoodie", "limit": 3})
    assert response.status_code == 200
    assert len(response.json()["items"]) == 3
    shared = octogen.client()
    assert DjangoClient().get("/search", {"q": "parka"}).status_code == 200
    assert octogen.client() is shared


def test_the_worker_finishes_its_job_closes_the_client_and_exits_0_on_sigterm() -> None:
    command = [sys.executable, str(EXAMPLES / "worker.py"), "--jobs", "0", "--job-seconds", "0.3"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=EXAMPLES) as worker:
        try:
            assert worker.stdout is not None
            lines = [worker.stdout.readline() for _ in range(2)]  # started, job 1
            assert lines[1].startswith("job 1:"), lines
            worker.send_signal(signal.SIGTERM)
            rest = worker.stdout.read().splitlines()
            assert worker.wait(timeout=30) == 0
        finally:
            if worker.poll() is None:
                worker.kill()
    assert rest[0] == "received SIGTERM: finishing the current job"
    assert rest[-1] == "shared client closed; worker exiting"
    assert all(line.startswith("job ") for line in rest[1:-1]) and len(rest) <= 4
