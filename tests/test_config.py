"""ClientConfig: defaults, validation naming the option, evolve, from_env, redaction."""

from __future__ import annotations

import logging
from typing import Any

import attrs
import httpx
import pytest

import octogen
from octogen import ClientConfig, ConfigurationError
from octogen._config import ClientOptions
from tests.support import API_KEY


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


def test_a_key_of_any_shape_is_accepted() -> None:
    assert ClientConfig(api_key="test-key-123").api_key == "test-key-123"


def test_base_urls_trailing_slashes_are_dropped_and_rotation_urls_win() -> None:
    config = ClientConfig(base_url="https://a.test/v1/", base_urls=["https://b.test/v1/"])
    assert config.base_url == "https://a.test/v1"
    assert config.urls == ("https://b.test/v1",)


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
    "OCTO_SSL_VERIFY": "no",
    "OCTO_LOGGER": "myapp.octogen",
    "OCTO_USER_AGENT": "myapp/2.0",
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
        ssl_verify=False,
        logger="myapp.octogen",
        user_agent="myapp/2.0",
    )


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
