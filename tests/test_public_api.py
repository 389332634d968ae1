"""The public surface is exactly ../shared/API.md's names, documented and typed."""

from __future__ import annotations

import importlib
import inspect
import re
import subprocess
import sys
import typing
from pathlib import Path

import pytest

import octogen
from tests.support import run_fresh

API_MD = Path(__file__).parents[2] / "shared" / "API.md"

# Named in API.md, built by later issues; each leaves this table when it lands.
NOT_YET_BUILT: dict[str, str] = {}
# Named in API.md as `octogen.<name>`, but subpackages imported on their own, so that
# `import octogen` stays light.
SUBPACKAGES = {"testing"}


def names_in_api_md(text: str) -> set[str]:
    names = {"OctogenError"}  # the root of the error tree, drawn without a branch
    names |= set(re.findall(r"(?<![\w.])octogen\.([A-Za-z_]\w*)", text))  # not api.octogen.ai
    names |= set(re.findall(r"── ([A-Z]\w+)", text))
    names |= set(re.findall(r"on_\w+\((\w+Context)\)", text))  # the hook contexts
    names |= set(re.findall(r"`([A-Z]\w+)`:", text))  # nested models: "(`VoyageError`: ..."
    for cell in re.findall(r"^\| (`[A-Z][^|]*)\|", text, re.MULTILINE):
        names |= set(re.findall(r"`([A-Z]\w+)[`(]", cell))
    return names


def test_all_is_sorted_and_holds_only_real_names() -> None:
    assert octogen.__all__ == sorted(octogen.__all__)
    for name in octogen.__all__:
        assert hasattr(octogen, name), name


@pytest.mark.skipif(not API_MD.exists(), reason="../shared/API.md is not beside this checkout")
def test_all_matches_the_names_of_api_md() -> None:
    documented = names_in_api_md(API_MD.read_text())
    exported = set(octogen.__all__) - {"__version__"}
    assert exported == documented - set(NOT_YET_BUILT) - SUBPACKAGES


@pytest.mark.parametrize("name", sorted(SUBPACKAGES))
def test_each_subpackage_imports_and_documents_its_names(name: str) -> None:
    module = importlib.import_module(f"octogen.{name}")
    assert inspect.getdoc(module)
    for public in module.__all__:
        value = getattr(module, public)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert inspect.getdoc(value), f"octogen.{name}.{public} has no docstring"


@pytest.mark.parametrize("name", [n for n in octogen.__all__ if n != "__version__"])
def test_every_public_name_has_a_docstring_and_reads_as_octogen(name: str) -> None:
    public = getattr(octogen, name)
    assert inspect.getdoc(public), f"octogen.{name} has no docstring"
    assert public.__module__ == "octogen"


@pytest.mark.parametrize(
    "name", [n for n in octogen.__all__ if isinstance(getattr(octogen, n), type)]
)
def test_every_public_class_has_type_hints_that_resolve(name: str) -> None:
    # Reading as `octogen.<Name>` must not leave annotations naming what only the defining
    # module imported (cattrs, `attrs.resolve_types` and IDEs call get_type_hints).
    typing.get_type_hints(getattr(octogen, name))


def test_public_methods_have_docstrings() -> None:
    with octogen.Client(api_key="k") as client:
        resources = [client.catalogs, client.products, client.voyages]
        resources += [client.coverage.url_lists]
    classes = [octogen.Client, octogen.ClientConfig, octogen.RateLimit, octogen.ProductPage]
    classes += [type(resource) for resource in resources]
    classes += [type(resource.with_response) for resource in resources]
    for cls in classes:
        for attribute, member in vars(cls).items():
            if callable(member) and not attribute.startswith("_"):
                assert inspect.getdoc(member), f"{cls.__name__}.{attribute}"


def public_members(cls: type) -> dict[str, str]:
    """Public attribute names of a class, with the async spelling folded onto the sync one
    and whether each is a property or a method."""
    folded = {"aclose": "close", "__aenter__": "__enter__", "__aexit__": "__exit__"}
    members: dict[str, str] = {}
    for klass in reversed(cls.__mro__[:-1]):
        for name, member in vars(klass).items():
            if name.startswith("_") and name not in folded and name not in folded.values():
                continue
            kind = "property" if isinstance(member, property) else "method"
            members[folded.get(name, name)] = kind
    return members


def test_client_and_async_client_offer_the_same_names() -> None:
    sync, asynchronous = public_members(octogen.Client), public_members(octogen.AsyncClient)
    assert sync == asynchronous
    assert sync["is_closed"] == "property"


def test_the_package_is_typed() -> None:
    assert (Path(octogen.__file__).parent / "py.typed").exists()


def test_import_stays_light() -> None:
    """`import octogen` must not pull in the fake, a CLI, tenacity (imported when a call
    first retries) or anything heavy beyond what httpx itself imports (httpx loads its
    own CLI's click and rich when they are there)."""

    def modules_after(statement: str) -> set[str]:
        code = f"import sys; {statement}; print(' '.join(sorted(sys.modules)))"
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        return set(result.stdout.split())

    added = modules_after("import octogen") - modules_after("import httpx")
    heavy_modules = ("octogen.testing", "tenacity", "respx", "hypothesis", "fastapi", "click")
    for heavy in (*heavy_modules, "rich", "redis"):
        assert heavy not in added


def test_asyncio_loads_with_the_first_async_client_only() -> None:
    code = (
        "import sys, octogen\n"
        "octogen.Client(api_key='k').close()\n"
        "print('asyncio' in sys.modules, 'difflib' in sys.modules)\n"
        "octogen.AsyncClient(api_key='k')\n"
        "print('asyncio' in sys.modules)\n"
    )
    assert run_fresh(code).split() == ["False", "False", "True"]


def test_star_import_gives_every_public_name() -> None:
    code = (
        "from octogen import *\n"
        "import octogen\n"
        "print(' '.join(n for n in octogen.__all__ if n not in globals()))"
    )
    assert run_fresh(code).split() == []


def test_dir_lists_every_public_name() -> None:
    assert set(octogen.__all__) <= set(dir(octogen))


def test_an_unknown_name_is_an_attribute_error_that_names_it() -> None:
    with pytest.raises(AttributeError, match="'Prodcut'"):
        octogen.Prodcut  # type: ignore[attr-defined]  # noqa: B018


# Imported when first used rather than by `import octogen`: the models, each resource with
# its operation rows, and the fake.
LOADED_ON_FIRST_USE = (
    "octogen._models.product",
    "octogen._models.search",
    "octogen._models.coverage",
    "octogen._models.voyage",
    "octogen._resources.products",
    "octogen._resources.coverage",
    "octogen._core.operations.products",
    "octogen._core.operations.coverage_and_voyages",
    "octogen.testing",
)


def test_import_and_a_new_client_leave_models_and_resources_for_first_use() -> None:
    code = (
        "import sys, octogen\n"
        "client = octogen.Client(api_key='k')\n"
        f"print(' '.join(m for m in {LOADED_ON_FIRST_USE!r} if m in sys.modules))\n"
        "client.products\n"
        "print(' '.join(m for m in ('octogen._resources.products', 'octogen._models.product',"
        " 'octogen._resources.coverage') if m in sys.modules))"
    )
    before, after = run_fresh(code).splitlines()
    assert before == ""
    assert after.split() == ["octogen._resources.products", "octogen._models.product"]


# Imported with the first client rather than by `import octogen` (as httpx imports
# httpcore with its first transport): the transport, the core and the wire readers.
LOADED_WITH_THE_FIRST_CLIENT = (
    "octogen._transport",
    "octogen._core.exchange",
    "octogen._core.hooks",
    "octogen._response",
    "octogen._wire",
)


def test_the_transport_and_the_core_load_with_the_first_client() -> None:
    code = (
        "import sys, octogen\n"
        "print(octogen.ClientConfig(api_key='k').api_key == 'k', octogen.OctogenError)\n"
        f"print(' '.join(m for m in {LOADED_WITH_THE_FIRST_CLIENT!r} if m in sys.modules))\n"
        "octogen.Client(api_key='k').close()\n"
        f"print(' '.join(m for m in {LOADED_WITH_THE_FIRST_CLIENT!r} if m in sys.modules))\n"
    )
    configured, before, after = run_fresh(code).splitlines()
    assert configured == "True <class 'octogen.OctogenError'>"
    assert before == ""
    assert after.split() == list(LOADED_WITH_THE_FIRST_CLIENT)


# A search builds summaries only: the full view of a product and the answers of the
# other product operations load when one of them first answers (or is named).
NOT_LOADED_BY_A_SEARCH = (
    "octogen._models.product_view",
    "octogen._models.lookup",
    "octogen._models.outcome",
    "octogen._models.refresh",
    "octogen._models.similar",
)


def test_a_search_leaves_the_full_product_view_for_first_use() -> None:
    code = (
        "import sys, typing\n"
        "from octogen.testing import FakeOctogen\n"
        "client = FakeOctogen().client()\n"
        "page = client.products.search('hoodie', limit=2)\n"
        f"print(' '.join(m for m in {NOT_LOADED_BY_A_SEARCH!r} if m in sys.modules) or '-')\n"
        "result = client.products.lookup(page.items[0].product_url)\n"
        "print(type(result.product).__module__, type(result.product).__name__)\n"
    )
    before, after = run_fresh(code).splitlines()
    assert before == "-"
    assert after == "octogen Product"


def test_the_methods_hints_resolve_models_not_loaded_yet() -> None:
    code = (
        "import typing, octogen\n"
        "products = octogen.Client(api_key='k').products\n"
        "print(typing.get_type_hints(products.lookup_many)['return'])\n"
        "print(typing.get_type_hints(products.with_response.refresh)['return'])\n"
        "print(typing.get_type_hints(products.more_like_this)['return'])\n"
    )
    assert run_fresh(code).splitlines() == [
        "collections.abc.Iterator[octogen.LookupOutcome]",
        "octogen.APIResponse[octogen.RefreshResult]",
        "<class 'octogen.SimilarProductsPage'>",
    ]


def test_a_resource_is_made_once_per_client_and_bound_to_its_transport() -> None:
    with octogen.Client(api_key="k") as client:
        assert client.products is client.products
        derived = client.with_options(read_timeout=5)
        assert derived.products is not client.products
        assert derived.products._transport is derived._transport


def test_a_model_reads_as_octogen_however_it_was_first_reached() -> None:
    """A model reached through its module (as a search result's class is) before
    `octogen.<Name>` was ever named still reads, pickles and compares as `octogen.<Name>`."""
    code = (
        "import importlib, pickle, octogen\n"
        "for module, names in octogen._LAZY.items():\n"
        "    loaded = importlib.import_module(module, 'octogen')\n"
        "    for name in names:\n"
        "        cls = getattr(loaded, name)\n"
        "        assert cls.__module__ == 'octogen', name\n"
        "        assert pickle.loads(pickle.dumps(cls)) is cls is getattr(octogen, name)\n"
        "print('ok')"
    )
    assert run_fresh(code).strip() == "ok"
