"""The options in signatures: `inspect.signature` of the clients, `configure`, `client`
and `ClientConfig.evolve`/`from_env` lists every option with its type and default,
although `import octogen` loads neither `ClientConfig` nor attrs."""

from __future__ import annotations

import inspect
import pickle

import octogen
from octogen._config import OPTION_NAMES
from tests.support import run_fresh

KEYWORD_ONLY = inspect.Parameter.KEYWORD_ONLY


def test_the_client_signature_lists_every_option_with_its_type_and_default() -> None:
    parameters = inspect.signature(octogen.Client).parameters
    assert next(iter(parameters)) == "config"
    assert set(parameters) >= OPTION_NAMES
    read_timeout = parameters["read_timeout"]
    assert (read_timeout.kind, read_timeout.annotation, read_timeout.default) == (
        KEYWORD_ONLY,
        float,
        30.0,
    )
    assert "options" not in parameters


def test_what_changes_options_shows_each_as_unchanged() -> None:
    changers = [
        octogen.configure,
        octogen.ClientConfig.evolve,
        octogen.ClientConfig.from_env,
        octogen.Client(api_key="k").with_options,
    ]
    for function in changers:
        parameter = inspect.signature(function).parameters["read_timeout"]
        assert repr(parameter.default) == "<unchanged>", function


def test_an_options_signature_behaves_as_a_plain_one() -> None:
    signature = inspect.signature(octogen.Client.__init__)
    plain = inspect.Signature(
        list(signature.parameters.values()), return_annotation=signature.return_annotation
    )
    assert signature == plain
    assert str(signature) == str(plain)
    assert repr(signature) == repr(plain)
    assert pickle.loads(pickle.dumps(signature)) == plain
    bound = signature.bind(None, read_timeout=5)
    assert bound.arguments["read_timeout"] == 5
    assert signature.replace(return_annotation=int).return_annotation is int


def test_import_loads_no_attrs_yet_signatures_and_hints_resolve() -> None:
    code = (
        "import sys, inspect, typing, octogen\n"
        "print('attrs' in sys.modules)\n"
        "print(inspect.signature(octogen.Client).parameters['read_timeout'])\n"
        "print(typing.get_type_hints(octogen.Client.__init__)['config'])\n"
        "print(typing.get_type_hints(octogen.configure)['return'])\n"
        "print(typing.get_type_hints(octogen.RedisRateLimiter.observe)['rate_limit'])\n"
        "print(typing.get_type_hints(octogen.Client.rate_limit.fget)['return'])\n"
    )
    assert run_fresh(code).splitlines() == [
        "False",
        "read_timeout: float = 30.0",
        "octogen.ClientConfig | None",
        "<class 'octogen.ClientConfig'>",
        "octogen.RateLimit | None",
        "octogen.RateLimit | None",
    ]
