"""The route table: each operation a (method, path template) and a handler that gets a
parsed request (path and query parameters, body, organization, clock) and keeps state
per organization."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import octogen
import octogen.testing
from octogen.testing import FakeOctogen
from octogen.testing._request import ApiRequest, Reply
from octogen.testing._routes import ROUTES, Route, match_route
from tests.support import API_KEY

BASE = "https://api.octogen.ai/v1"
seen: list[ApiRequest] = []


class Counter:
    def __init__(self) -> None:
        self.count = 0


def echo(request: ApiRequest) -> Reply:
    seen.append(request)
    return 200, {"params": dict(request.params), "query": dict(request.query)}


def count(request: ApiRequest) -> Reply:
    counter = request.state(Counter)
    counter.count += 1
    return 201, {"count": counter.count}, {"Location": f"/v1/things/{counter.count}"}


def count_everyone(request: ApiRequest) -> Reply:
    counter = request.shared(Counter)
    counter.count += 1
    return 202, {"count": counter.count}


THINGS = (
    Route("GET", "/things/{thingId}/parts/{partId}", echo, error_details={404: "part_not_found"}),
    Route("DELETE", "/things/{thingId}/parts/{partId}", echo),
    Route("POST", "/things", count),
    Route("POST", "/things/everyone", count_everyone),
)


@pytest.fixture
def things(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOctogen]:
    """A fake that also routes the test operations above."""
    monkeypatch.setattr("octogen.testing._fake.ROUTES", (*ROUTES, *THINGS))
    seen.clear()
    yield FakeOctogen(organizations={"a1": "acme", "a2": "acme", "b1": "globex"}, clock=lambda: 1e9)


def call(
    fake: FakeOctogen, method: str, path: str, key: str = "a1", **kwargs: object
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {key}", "X-Request-ID": "req_mine"}
    with httpx.Client(transport=fake.transport(), base_url=BASE, headers=headers) as raw:
        return raw.request(method, path, **kwargs)  # type: ignore[arg-type]


def test_a_handler_gets_path_and_query_parameters_body_organization_and_clock(
    things: FakeOctogen,
) -> None:
    response = call(things, "GET", "/things/cul%201/parts/p2?limit=5&cursor=&status=running")
    assert response.status_code == 200
    assert response.json() == {
        "params": {"thingId": "cul 1", "partId": "p2"},
        "query": {"limit": "5", "cursor": "", "status": "running"},
    }
    request = seen[-1]
    assert (request.method, request.path) == ("GET", "/things/cul%201/parts/p2")
    assert (request.api_key, request.organization) == ("a1", "acme")
    assert (request.request_id, request.now, request.body) == ("req_mine", 1e9, None)
    assert request.catalogs == things.dataset.catalog_keys


def test_a_handlers_request_keeps_the_key_and_headers_out_of_its_repr(
    things: FakeOctogen,
) -> None:
    call(things, "GET", "/things/a/parts/b", key="a1-secret-key")
    shown = repr(seen[-1])
    assert "a1-secret-key" not in shown
    assert "'/things/a/parts/b'" in shown and "req_mine" in shown


def test_a_json_body_arrives_decoded_and_a_broken_one_as_none(things: FakeOctogen) -> None:
    call(things, "DELETE", "/things/a/parts/b", content=b'{"hard": true}')
    call(things, "DELETE", "/things/a/parts/b", content=b"{oops")
    assert [(request.body, request.content) for request in seen] == [
        ({"hard": True}, b'{"hard": true}'),
        (None, b"{oops"),
    ]


def test_a_handler_answers_any_status_with_extra_headers_and_the_usual_ones(
    things: FakeOctogen,
) -> None:
    response = call(things, "POST", "/things")
    assert (response.status_code, response.json()) == (201, {"count": 1})
    assert response.headers["Location"] == "/v1/things/1"
    assert response.headers["X-Request-ID"] == "req_mine"
    assert response.headers["Content-Type"] == "application/json"
    assert "X-RateLimit-Remaining" in response.headers


def test_state_is_kept_per_organization_and_shared_state_by_everyone(
    things: FakeOctogen,
) -> None:
    counts = [call(things, "POST", "/things", key).json()["count"] for key in ("a1", "a2", "b1")]
    assert counts == [1, 2, 1]  # a1 and a2 are acme; b1 is globex
    shared = [call(things, "POST", "/things/everyone", key).json()["count"] for key in ("a1", "b1")]
    assert shared == [1, 2]
    things.reset()
    assert call(things, "POST", "/things", "a1").json()["count"] == 1


def test_a_known_template_asked_with_another_method_is_405_listing_the_allowed_ones(
    things: FakeOctogen,
) -> None:
    response = call(things, "POST", "/things/a/parts/b")
    assert (response.status_code, response.json()) == (405, {"detail": "Method Not Allowed"})
    assert response.headers["Allow"] == "GET, DELETE"
    assert call(things, "GET", "/things/a/parts").status_code == 404
    assert call(things, "GET", "/things/a/parts/b/c").status_code == 404
    assert seen == []


def test_routing_comes_before_auth_as_on_fastapi(things: FakeOctogen) -> None:
    with httpx.Client(transport=things.transport(), base_url=BASE) as anonymous:
        assert anonymous.get("/nowhere").status_code == 404
        assert anonymous.put("/things").status_code == 405
        assert anonymous.post("/things").status_code == 401


def test_a_status_scenario_answers_with_the_operations_own_detail(things: FakeOctogen) -> None:
    things.queue("404", "404", "503")
    assert call(things, "DELETE", "/things/a/parts/b").json() == {"detail": "part_not_found"}
    assert call(things, "GET", "/catalogs").json() == {"detail": "not_found"}
    assert call(things, "POST", "/things").json() == {"detail": "service_unavailable"}


def test_a_template_matches_whole_segments_only() -> None:
    found = match_route(THINGS, "GET", "/things/a/parts/b")
    assert found.route is THINGS[0] and found.params == {"thingId": "a", "partId": "b"}
    assert match_route(THINGS, "GET", "/things/a/b/parts/c").route is None
    assert match_route(THINGS, "POST", "/things/everyone").route is THINGS[3]


def test_every_route_names_a_handler_and_error_details_that_exist() -> None:
    for route in ROUTES:
        assert callable(route.handler), route.template
        assert all(isinstance(status, int) for status in route.error_details), route.template
        assert all(isinstance(detail, str) for detail in route.error_details.values())


def test_a_fake_imports_a_handler_only_when_its_route_is_first_asked() -> None:
    """The fake starts without the handlers of routes nobody asks (`octogen --mock` starts
    faster): searching imports the search handler and no other."""
    handlers = sorted({str(route._handler).partition(":")[0] for route in ROUTES})
    code = (
        "import sys\n"
        "from octogen.testing import FakeOctogen\n"
        "fake = FakeOctogen()\n"
        "def loaded(): return [m for m in HANDLERS if 'octogen.testing.' + m in sys.modules]\n"
        "print(' '.join(loaded()))\n"
        "with fake.client() as client:\n"
        "    client.products.search('dress', limit=1)\n"
        "print(' '.join(loaded()))\n"
    ).replace("HANDLERS", repr(handlers))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    before, after = result.stdout.split("\n")[:2]
    assert before == ""
    assert after == "_search"


def test_recorded_requests_keep_their_query_parameters(fake: FakeOctogen) -> None:
    with fake.client() as client:
        client.catalogs.list()
    call(fake, "GET", "/catalogs?limit=5&cursor=&status=running")
    assert fake.requests[0].query == {}
    assert fake.last_request.query == {"limit": "5", "cursor": "", "status": "running"}


def test_the_fake_transport_is_a_plain_httpx_transport_reporting_mode_mock(
    fake: FakeOctogen,
) -> None:
    transport = fake.transport()
    assert not isinstance(transport, httpx.MockTransport)
    assert isinstance(transport, httpx.BaseTransport | httpx.AsyncBaseTransport)
    with octogen.Client(api_key=API_KEY, transport=transport) as client:
        assert client.transport_stats()["mode"] == "mock"


def relative_imports(module: str) -> set[str]:
    """The `octogen.testing` modules `module` imports (`from ._x import ...`)."""
    source = (Path(octogen.testing.__file__).parent / f"{module}.py").read_text()
    return {
        node.module or ""
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.level == 1
    }


def test_the_server_and_transport_import_nothing_above_them() -> None:
    assert relative_imports("_response") == set()
    assert relative_imports("_server") == {"_response"}
    assert relative_imports("_transport") == {"_response"}
