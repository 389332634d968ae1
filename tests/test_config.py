"""ClientConfig: defaults, validation naming the option, evolve, from_env, redaction."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest

import octogen
from octogen import ClientConfig, ConfigurationError
from octogen._config import ClientOptions
from octogen.testing import DEMO_API_KEY, FakeOctogen
from tests.support import API_KEY, open_client


def test_defaults_match_the_documented_values() -> None:
    config = ClientConfig()
    assert config.base_url == "https://api.octogen.ai/v1"
    assert config.urls == ("https://api.octogen.ai/v1",)
    assert config.keep_alive is True
    assert config.max_retries == 2
    assert config.retry_budget is True
    assert config.pace is False
    # A cold on-demand lookup takes about 8 s: the read timeout must allow it.
    assert config.read_timeout >= 8


def test_options_typeddict_lists_every_config_field() -> None:
    assert set(ClientOptions.__annotations__) == {f.name for f in attrs.fields(ClientConfig)}


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("pool_size", -1),
        ("pool_size", 0),
        ("pool_size", True),
        ("pool_size", "10"),
        ("max_connections", 0),
        ("max_retries", -1),
        ("read_timeout", 0),
        ("read_timeout", float("nan")),
        ("open_timeout", -3),
        ("retry_interval", -0.1),
        ("call_timeout", 0),
        ("keep_alive", "yes"),
        ("base_url", "api.octogen.ai/v1"),
        ("base_url", "ftp://api.octogen.ai"),
        ("base_url", ""),
        ("base_urls", []),
        ("base_urls", "https://a.test/v1"),
        ("base_urls", ["https://a.test/v1", "https://a.test/v1/"]),
        ("ssl_verify", "/no/such/bundle.pem"),
        ("on_request", "print"),
        ("logger", 3),
        ("default_headers", {"Authorization": "Bearer x"}),
        ("default_headers", {"X-Team": 3}),
        ("transport", object()),
        ("http_client", object()),
        ("backoff_factor", 0.5),
    ],
)
def test_an_invalid_option_raises_configuration_error_naming_it(option: str, value: Any) -> None:
    with pytest.raises(ConfigurationError, match=f"`{option}`") as caught:
        ClientConfig(**{option: value})
    assert caught.value.option == option
    assert isinstance(caught.value, ValueError)


def test_pool_size_above_max_connections_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="cannot exceed `max_connections`"):
        ClientConfig(pool_size=50, max_connections=20)


def test_a_key_with_whitespace_is_refused_without_echoing_it() -> None:
    with pytest.raises(ConfigurationError, match="trailing newline") as caught:
        ClientConfig(api_key=API_KEY + "\n")
    assert API_KEY not in str(caught.value)


@pytest.mark.parametrize(
    "pasted",
    [
        API_KEY[:20] + "\u2019" + API_KEY[20:],  # a smart quote
        API_KEY.replace("o", "\u043e", 1),  # a Cyrillic o
        API_KEY + "\u2026",  # a trailing ellipsis
    ],
    ids=["smart quote", "cyrillic letter", "trailing ellipsis"],
)
def test_a_non_ascii_key_is_a_configuration_error_that_never_shows_it(pasted: str) -> None:
    with pytest.raises(ConfigurationError, match="non-ASCII") as caught:
        ClientConfig(api_key=pasted)
    assert caught.value.option == "api_key"
    shown = f"{caught.value} {caught.value!r} {caught.value.args!r}"
    assert API_KEY[10:22] not in shown
    assert "Bearer" not in shown


def test_a_non_ascii_key_is_refused_by_the_client_before_any_io() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise AssertionError("nothing may be sent")

    for make in (octogen.Client, octogen.AsyncClient):
        with pytest.raises(ConfigurationError, match="`api_key`"):
            make(api_key=API_KEY + "\u2026", transport=httpx.MockTransport(refuse))


def test_a_non_ascii_key_in_the_environment_names_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OCTO_API_KEY", API_KEY + "\u2026")
    with pytest.raises(ConfigurationError, match="OCTO_API_KEY") as caught:
        octogen.Client()
    assert API_KEY[10:22] not in str(caught.value)


@pytest.mark.parametrize(
    "user_agent", ["shopbot/1.2 \u00e9dition", "shopbot\r\nX-Evil: 1", "shop\x00bot"]
)
def test_a_user_agent_that_cannot_be_sent_is_refused(user_agent: str) -> None:
    with pytest.raises(ConfigurationError, match="`user_agent`") as caught:
        ClientConfig(user_agent=user_agent)
    assert caught.value.option == "user_agent"


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Team": "caf\u00e9"},
        {"X-Team": "a\r\nX-Injected: 1"},
        {"X-Team": "a\nb"},
        {"X-Team": "a\x00b"},
        {"X Team": "a"},
        {"X-Team:": "a"},
        {"": "a"},
        {"X-\u00c9quipe": "a"},
    ],
)
def test_default_headers_that_cannot_be_sent_are_refused(headers: dict[str, str]) -> None:
    with pytest.raises(ConfigurationError, match="`default_headers`") as caught:
        ClientConfig(default_headers=headers)
    assert caught.value.option == "default_headers"


def test_a_refused_header_value_is_not_echoed() -> None:
    with pytest.raises(ConfigurationError) as caught:
        ClientConfig(default_headers={"X-API-Key": "s3cr3t-t0ken\n"})
    assert "s3cr3t" not in str(caught.value)
    assert "X-API-Key" in str(caught.value)


def test_ordinary_headers_and_user_agents_are_accepted() -> None:
    config = ClientConfig(
        user_agent="shopbot/1.2 (+https://shop.example/bot)",
        default_headers={"X-Team": "search\tranking", "X-Trace_Id": 'a=b; c="d"'},
    )
    assert config.default_headers["X-Team"] == "search\tranking"


def test_a_key_of_any_shape_is_accepted() -> None:
    assert ClientConfig(api_key="test-key-123").api_key == "test-key-123"


def test_base_urls_trailing_slashes_are_dropped_and_rotation_urls_win() -> None:
    config = ClientConfig(base_url="https://a.test/v1/", base_urls=["https://b.test/v1/"])
    assert config.base_url == "https://a.test/v1"
    assert config.urls == ("https://b.test/v1",)


@pytest.mark.parametrize("option", ["base_url", "base_urls"])
def test_a_base_url_with_credentials_is_refused_without_echoing_them(option: str) -> None:
    url = "https://robot:s3cret-pass@api.test/v1"
    with pytest.raises(ConfigurationError, match="must not hold credentials") as caught:
        ClientConfig(**{option: url if option == "base_url" else [url]})
    assert "s3cret" not in str(caught.value)


@pytest.mark.parametrize("url", ["https://api.test/v1?team=a", "https://api.test/v1#x"])
def test_a_base_url_with_a_query_or_fragment_is_refused(url: str) -> None:
    with pytest.raises(ConfigurationError, match="must not have a query or fragment"):
        ClientConfig(base_url=url)


def test_evolve_returns_a_validated_copy() -> None:
    config = ClientConfig(api_key=API_KEY)
    changed = config.evolve(max_retries=5)
    assert changed.max_retries == 5
    assert config.max_retries == 2
    with pytest.raises(ConfigurationError, match="`max_retries`"):
        config.evolve(max_retries=-1)


def test_an_unknown_option_suggests_the_nearest_name() -> None:
    with pytest.raises(
        ConfigurationError, match="unknown option `pool_sise`; did you mean `pool_size`"
    ):
        ClientConfig().evolve(pool_sise=3)  # type: ignore[call-arg]


def test_repr_shows_the_key_redacted() -> None:
    text = repr(ClientConfig(api_key=API_KEY))
    assert API_KEY not in text
    assert "octo_live_…" in text


ENVIRONMENT = {
    "OCTO_API_KEY": API_KEY,
    "OCTO_BASE_URL": "https://a.test/v1",
    "OCTO_BASE_URLS": "https://a.test/v1, https://b.test/v1,",
    "OCTO_KEEP_ALIVE": "false",
    "OCTO_POOL_SIZE": "4",
    "OCTO_MAX_CONNECTIONS": "8",
    "OCTO_POOL_TIMEOUT": "1.5",
    "OCTO_IDLE_TIMEOUT": "2",
    "OCTO_OPEN_TIMEOUT": "3",
    "OCTO_READ_TIMEOUT": "12",
    "OCTO_WRITE_TIMEOUT": "4",
    "OCTO_MAX_RETRIES": "5",
    "OCTO_RETRY_INTERVAL": "0.1",
    "OCTO_BACKOFF_FACTOR": "3",
    "OCTO_MAX_RETRY_DELAY": "6",
    "OCTO_MAX_RETRY_AFTER": "20",
    "OCTO_CALL_TIMEOUT": "45",
    "OCTO_RETRY_BUDGET": "off",
    "OCTO_PACE": "on",
    "OCTO_FAILURE_COOLDOWN": "10",
    "OCTO_SSL_VERIFY": "no",
    "OCTO_LOGGER": "myapp.octogen",
    "OCTO_USER_AGENT": "myapp/2.0",
    "OCTO_REDIS_URL": "redis://cache.test:6379/0",
}


def test_from_env_reads_every_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    config = ClientConfig.from_env()
    assert config == ClientConfig(
        api_key=API_KEY,
        base_url="https://a.test/v1",
        base_urls=["https://a.test/v1", "https://b.test/v1"],
        keep_alive=False,
        pool_size=4,
        max_connections=8,
        pool_timeout=1.5,
        idle_timeout=2.0,
        open_timeout=3.0,
        read_timeout=12.0,
        write_timeout=4.0,
        max_retries=5,
        retry_interval=0.1,
        backoff_factor=3.0,
        max_retry_delay=6.0,
        max_retry_after=20.0,
        call_timeout=45.0,
        retry_budget=False,
        pace=True,
        failure_cooldown=10.0,
        ssl_verify=False,
        logger="myapp.octogen",
        user_agent="myapp/2.0",
        rate_limiter=octogen.RedisRateLimiter("redis://cache.test:6379/0"),
    )


def test_the_documented_table_names_every_variable() -> None:
    from octogen._config import ENVIRONMENT as TABLE

    docs = (Path(__file__).parents[1] / "docs" / "configuration.md").read_text()
    for variable, (option, _) in TABLE.items():
        assert f"| `{option}` |" in docs and f"`{variable}`" in docs, variable


def test_every_option_a_string_can_express_has_a_variable() -> None:
    from octogen._config import ENVIRONMENT as TABLE

    assert set(TABLE) == set(ENVIRONMENT)
    without = {f.name for f in attrs.fields(ClientConfig)} - {opt for opt, _ in TABLE.values()}
    assert without == {
        "on_request", "on_response", "on_retry", "default_headers", "transport", "http_client",
    }  # fmt: skip


def test_from_env_overrides_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OCTO_MAX_RETRIES", "5")
    monkeypatch.setenv("OCTO_POOL_SIZE", "-1")
    assert ClientConfig.from_env(max_retries=1, pool_size=3).max_retries == 1


def test_from_env_treats_empty_variables_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OCTO_MAX_RETRIES", "")
    assert ClientConfig.from_env().max_retries == 2


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("OCTO_POOL_SIZE", "ten"),
        ("OCTO_READ_TIMEOUT", "30s"),
        ("OCTO_KEEP_ALIVE", "maybe"),
        ("OCTO_SSL_VERIFY", "/no/such/ca.pem"),
        ("OCTO_MAX_RETRIES", "-2"),
        ("OCTO_BASE_URL", "not a url"),
        ("OCTO_READ_TIMEOUT", "inf"),
    ],
)
def test_an_unparsable_variable_is_named(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigurationError, match=f"environment variable {variable}"):
        ClientConfig.from_env()


def test_ssl_verify_accepts_a_ca_bundle_path(tmp_path: Any) -> None:
    import certifi

    config = ClientConfig(ssl_verify=certifi.where())
    assert config.httpx_verify() is not False


def test_keep_alive_off_keeps_no_idle_connections() -> None:
    assert ClientConfig(keep_alive=False).httpx_limits().max_keepalive_connections == 0
    assert ClientConfig(pool_size=7).httpx_limits().max_keepalive_connections == 7


def test_timeouts_map_onto_httpx() -> None:
    timeout = ClientConfig(
        open_timeout=1, read_timeout=2, write_timeout=3, pool_timeout=4
    ).httpx_timeout()
    assert (timeout.connect, timeout.read, timeout.write, timeout.pool) == (1, 2, 3, 4)


def test_a_named_logger_and_a_logger_object_are_both_accepted() -> None:
    assert ClientConfig(logger=logging.getLogger("x")).logger.name == "x"  # type: ignore[union-attr]


def test_client_accepts_a_config_and_applies_options_over_it() -> None:
    config = ClientConfig(api_key=API_KEY, max_retries=4)
    with octogen.Client(config=config, read_timeout=9) as client:
        assert client.config.max_retries == 4
        assert client.config.read_timeout == 9


def test_client_refuses_something_that_is_not_a_config() -> None:
    with pytest.raises(ConfigurationError, match="`config`"):
        octogen.Client(config={"api_key": API_KEY})  # type: ignore[arg-type]


def test_client_reads_the_key_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OCTO_API_KEY", API_KEY)
    with octogen.Client() as client:
        assert client.config.api_key == API_KEY


def test_client_without_a_key_raises_before_any_io(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("no client may be opened without a key")

    monkeypatch.setattr(httpx.Client, "__init__", refuse)
    with pytest.raises(octogen.MissingAPIKeyError, match="OCTO_API_KEY"):
        octogen.Client()
    with pytest.raises(octogen.MissingAPIKeyError):
        octogen.Client(api_key="")


# --- the environment beneath every entry point -------------------------------------------


def test_the_testing_recipe_reaches_the_fake_through_oct_base_url(
    monkeypatch: pytest.MonkeyPatch, client_kind: str
) -> None:
    fake = FakeOctogen()
    with fake.serve() as base_url:
        monkeypatch.setenv("OCTO_BASE_URL", base_url)
        monkeypatch.setenv("OCTO_API_KEY", DEMO_API_KEY)
        with open_client(client_kind) as client:
            assert client.config.base_url == base_url
            assert len(client.catalogs.list()) == 4
    assert len(fake.requests) == 1


def test_the_shared_client_reads_the_environment_beneath_configure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OCTO_API_KEY", API_KEY)
    monkeypatch.setenv("OCTO_BASE_URL", "https://env.test/v1")
    monkeypatch.setenv("OCTO_MAX_RETRIES", "5")
    try:
        configured = octogen.configure(max_retries=1)
        assert configured.base_url == "https://env.test/v1" and configured.max_retries == 1
        shared = octogen.client()
        assert shared.config.base_url == "https://env.test/v1"
        assert shared.config.max_retries == 1  # configure() wins over the environment
        with octogen.client(read_timeout=3) as one_off:
            assert one_off.config.base_url == "https://env.test/v1"
            assert (one_off.config.max_retries, one_off.config.read_timeout) == (1, 3)
    finally:
        octogen.reset_configuration()


def test_a_keyword_wins_over_the_environment_which_wins_over_the_default(
    monkeypatch: pytest.MonkeyPatch, client_kind: str
) -> None:
    monkeypatch.setenv("OCTO_READ_TIMEOUT", "3")
    monkeypatch.setenv("OCTO_PACE", "yes")
    with open_client(client_kind, api_key=API_KEY, read_timeout=7) as client:
        assert client.config.read_timeout == 7
        assert client.config.pace is True
        assert client.config.max_retries == 2


def test_a_config_is_complete_as_given_and_the_environment_only_fills_its_key(
    monkeypatch: pytest.MonkeyPatch, client_kind: str
) -> None:
    monkeypatch.setenv("OCTO_API_KEY", API_KEY)
    monkeypatch.setenv("OCTO_BASE_URL", "https://env.test/v1")
    monkeypatch.setenv("OCTO_READ_TIMEOUT", "3")
    monkeypatch.setenv("OCTO_POOL_SIZE", "not a number")  # never read with config=
    config = ClientConfig(max_retries=4)
    with open_client(client_kind, config=config, write_timeout=2) as client:
        assert client.config.api_key == API_KEY
        assert client.config.base_url == "https://api.octogen.ai/v1"
        assert client.config.read_timeout == 30
        assert (client.config.max_retries, client.config.write_timeout) == (4, 2)


def test_a_bad_variable_fails_the_client_naming_it(
    monkeypatch: pytest.MonkeyPatch, client_kind: str
) -> None:
    monkeypatch.setenv("OCTO_POOL_SIZE", "ten")
    with (
        pytest.raises(ConfigurationError, match="environment variable OCTO_POOL_SIZE"),
        open_client(client_kind, api_key=API_KEY),
    ):
        pass


def test_the_official_sdk_key_variable_is_read_when_octo_api_key_is_unset(
    monkeypatch: pytest.MonkeyPatch, client_kind: str
) -> None:
    monkeypatch.setenv("OCTOGEN_PLATFORM_API_KEY", API_KEY)
    with open_client(client_kind) as client:
        assert client.config.api_key == API_KEY
    with open_client(client_kind, config=ClientConfig()) as client:
        assert client.config.api_key == API_KEY
    assert ClientConfig.from_env().api_key == API_KEY
    monkeypatch.setenv("OCTO_API_KEY", "octo_test_the_other_key")
    with open_client(client_kind) as client:
        assert client.config.api_key == "octo_test_the_other_key"


def test_a_malformed_key_in_the_official_variable_is_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OCTOGEN_PLATFORM_API_KEY", API_KEY + "\u2019")
    with pytest.raises(ConfigurationError, match="OCTOGEN_PLATFORM_API_KEY") as caught:
        octogen.Client()
    assert API_KEY[10:22] not in str(caught.value)
    with pytest.raises(ConfigurationError, match="OCTOGEN_PLATFORM_API_KEY"):
        octogen.Client(config=ClientConfig())


def test_api_key_none_means_not_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OCTO_API_KEY", API_KEY)
    with octogen.Client(api_key=None) as client:
        assert client.config.api_key == API_KEY
