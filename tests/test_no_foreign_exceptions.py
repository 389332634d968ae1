"""Whatever the server sends, a public call raises only Octogen*Error (STYLE.md §9),
and the key shows up in no message, repr or log line."""

from __future__ import annotations

import logging

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import octogen
from tests.support import API_KEY

bodies = st.one_of(
    st.binary(max_size=64),
    st.sampled_from(
        [
            b'{"items": [], "nextCursor": null}',
            b'{"items": [{"uuid": 1}]}',
            b'{"detail": null}',
            b'{"detail": [{"loc": "x"}]}',
            b'{"detail": [1, 2]}',
            b'[{"catalog": "c"}]',
            b'{"source": "indexed"}',
            b"null",
            b'"text"',
            b"\xff\xfe\x00",
        ]
    ),
)
statuses = st.sampled_from(
    [200, 201, 204, 301, 400, 401, 403, 404, 408, 410, 418, 422, 429, 500, 502, 503, 504, 599]
)
headers = st.dictionaries(
    st.sampled_from(
        [
            "Retry-After",
            "X-RateLimit-Reset",
            "X-RateLimit-Remaining",
            "X-RateLimit-Limit",
            "Content-Type",
            "X-Request-ID",
        ]
    ),
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=12),
)
calls = st.sampled_from(
    [
        lambda c: c.catalogs.list(),
        lambda c: c.products.search("x"),
        lambda c: list(c.products.iter_search("x", max_items=3)),
        lambda c: c.products.lookup("https://shop.test/p"),
    ]
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(status=statuses, body=bodies, extra_headers=headers, call=calls)
def test_any_response_gives_a_result_or_an_octogen_error(
    status: int, body: bytes, extra_headers: dict[str, str], call: object
) -> None:
    transport = httpx.MockTransport(
        lambda request: httpx.Response(status, content=body, headers=extra_headers)
    )
    with octogen.Client(
        api_key=API_KEY, base_url="https://api.test/v1", transport=transport, max_retries=0
    ) as client:
        try:
            call(client)  # type: ignore[operator]
        except octogen.OctogenError as exc:
            assert API_KEY not in str(exc)
            assert "\n" not in str(exc)


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("refused"),
        httpx.ReadError("reset by peer"),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
        httpx.ConnectTimeout("slow"),
        httpx.ReadTimeout("slow"),
        httpx.WriteTimeout("slow"),
        httpx.PoolTimeout("busy"),
        httpx.ProxyError("proxy said no"),
        httpx.UnsupportedProtocol("gopher"),
        httpx.DecodingError("bad gzip"),
    ],
)
def test_every_httpx_failure_becomes_an_octogen_error(failure: Exception) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise failure

    transport = httpx.MockTransport(fail)
    with (
        octogen.Client(
            api_key=API_KEY, base_url="https://api.test/v1", transport=transport, max_retries=0
        ) as client,
        pytest.raises(octogen.OctogenError) as caught,
    ):
        client.products.search("x")
    assert isinstance(caught.value.__cause__, httpx.HTTPError)
    expected = (
        octogen.OctogenTimeoutError
        if isinstance(failure, httpx.TimeoutException)
        else octogen.OctogenError
    )
    assert isinstance(caught.value, expected)


def test_the_key_is_in_no_log_line_and_each_attempt_is_logged_at_debug(
    caplog: pytest.LogCaptureFixture,
) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=[]))
    caplog.set_level(logging.DEBUG, logger="octogen")
    with octogen.Client(
        api_key=API_KEY, base_url="https://api.test/v1", transport=transport
    ) as client:
        client.catalogs.list()
        (record,) = [r for r in caplog.records if r.name == "octogen"]
        assert record.levelno == logging.DEBUG
        assert "GET https://api.test/v1/catalogs -> 200" in record.getMessage()
        assert API_KEY not in caplog.text
        assert API_KEY not in repr(client)
        assert API_KEY not in repr(client.config)
        assert API_KEY not in repr(client.with_options(max_retries=1))


def test_a_named_logger_receives_the_logs(caplog: pytest.LogCaptureFixture) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=[]))
    caplog.set_level(logging.DEBUG, logger="myapp.api")
    with octogen.Client(api_key=API_KEY, transport=transport, logger="myapp.api") as client:
        client.catalogs.list()
    assert [r.name for r in caplog.records] == ["myapp.api"]
