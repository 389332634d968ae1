"""The benchmark entry point: every speed goal of issue 18, as a ratio measured in one run.

    uv run python bench/run.py            # the full run (a few minutes on 2 cores)
    uv run python bench/run.py --quick    # fewer rounds, a 20,000-product export
    uv run python bench/run.py --no-write # print only; leave bench/README.md and the chart

Each goal is a ratio against a baseline measured in the same run (raw httpx, `orjson.loads`,
`import httpx`), so the numbers compare across machines. Rounds alternate between the two
sides and the best round of each counts, so that noise from other processes hits both.
Peers run the same measurement where they can: the official SDK (`octogen-ai-sdk`, async
only) and `octaspace`, each skipped with its reason when it is not installed or has no
equivalent call. The run rewrites the table between the markers in bench/README.md and
docs/benchmarks.svg (the docs site's chart); nothing in the test suite asserts a time.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import attrs
import httpx
import orjson

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from chart import render_svg  # noqa: E402
from payloads import search_page_bytes  # noqa: E402
from servers import start_page_server, start_search_server  # noqa: E402

import octogen  # noqa: E402
from octogen import ProductPage, _wire  # noqa: E402
from octogen._resources.products import search as search_call  # noqa: E402

KEY = "octo_live_bench"
HEADERS = {"Content-Type": "application/json", "X-RateLimit-Limit": "600",
           "X-RateLimit-Remaining": "599", "X-RateLimit-Reset": "1795000000"}  # fmt: skip
BODY = search_page_bytes(50)
README = BENCH / "README.md"
CHART = ROOT / "docs" / "benchmarks.svg"
TIMES = "\u00d7"  # the multiplication sign, spelt out for ruff
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


@attrs.define
class Goal:
    """One goal's row: octogen's ratio, the bound it must meet, and the peers' ratios."""

    name: str
    measure: str  # what the ratio divides, in words
    ratio: float
    bound: float
    higher_is_better: bool
    detail: str = ""
    unit: str = TIMES
    peers: dict[str, float | str] = attrs.Factory(dict)  # a ratio, or the reason skipped

    @property
    def met(self) -> bool:
        return self.ratio >= self.bound if self.higher_is_better else self.ratio <= self.bound

    def target(self) -> str:
        return f"{'≥' if self.higher_is_better else '≤'} {self.bound:g}{self.unit}"


@attrs.define
class Settings:
    rounds: int
    seconds: float
    starts: int
    export_products: int


# -- timing helpers ----------------------------------------------------------------------


def rate(call: Callable[[], object], seconds: float) -> float:
    calls, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        for _ in range(10):
            call()
        calls += 10
    return calls / elapsed


async def arate(call: Callable[[], Awaitable[object]], seconds: float) -> float:
    calls, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        for _ in range(10):
            await call()
        calls += 10
    return calls / elapsed


def best_rates(sides: dict[str, Callable[[], object]], s: Settings) -> dict[str, float]:
    """Calls per second of each side: rounds alternate, the best round counts."""
    for call in sides.values():
        rate(call, s.seconds / 2)  # warm pools and generated builders
    best = dict.fromkeys(sides, 0.0)
    for _ in range(s.rounds):
        for name, call in sides.items():
            best[name] = max(best[name], rate(call, s.seconds))
    return best


async def abest_rates(
    sides: dict[str, Callable[[], Awaitable[object]]], s: Settings
) -> dict[str, float]:
    for call in sides.values():
        await arate(call, s.seconds / 2)
    best = dict.fromkeys(sides, 0.0)
    for _ in range(s.rounds):
        for name, call in sides.items():
            best[name] = max(best[name], await arate(call, s.seconds))
    return best


def best_seconds(function: Callable[[], object], number: int, repeat: int) -> float:
    """Seconds per call of `function`, the best of `repeat` rounds of `number` calls.

    The garbage collector stays on (timeit turns it off by default): a page of models
    allocates hundreds of objects, and the collections they trigger are part of what a
    caller pays.
    """
    return interleaved_best_seconds({"function": function}, number, repeat)["function"]


def interleaved_best_seconds(
    functions: dict[str, Callable[[], object]], number: int, repeat: int
) -> dict[str, float]:
    """`best_seconds` of each function, their rounds taken in turn, so that a busy spell
    of the machine (or of the collector) weighs on each of them alike. The collector
    stays on (see `best_seconds`)."""
    import timeit

    best = dict.fromkeys(functions, float("inf"))
    for _ in range(repeat):
        for name, function in functions.items():
            timing = timeit.timeit(function, setup="import gc; gc.enable()", number=number)
            best[name] = min(best[name], timing / number)
    return best


def official_sdk() -> Any:
    """The official SDK's module, or the reason it cannot run."""
    try:
        import octogen_ai_sdk
    except ImportError as error:
        return f"skipped: octogen-ai-sdk is not installed ({error})"
    return octogen_ai_sdk


def octaspace_reason() -> str:
    try:
        import octaspace  # noqa: F401
    except ImportError:
        # PyPI's `octaspace` (0.1.0) describes itself as the SDK of the OctaSpace API, not
        # of Octogen's catalog: it is not installed here.
        return "skipped: octaspace is not installed in the bench environment"
    return "skipped: octaspace has no catalog search call to compare"


# -- in-process and loopback calls --------------------------------------------------------


def mock_transport() -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(200, content=BODY, headers=HEADERS))


def sync_calls(s: Settings) -> list[Goal]:
    base = "https://api.test/v1"
    url = f"{base}/products/search"
    transport = mock_transport()
    with (
        httpx.Client(transport=transport) as raw,
        octogen.Client(api_key=KEY, base_url=base, transport=transport) as sdk,
    ):
        rates = best_rates(
            {
                "raw httpx, stdlib json": lambda: raw.post(
                    url, json={"q": "hoodie", "limit": 50}
                ).json(),
                "raw httpx, orjson": lambda: orjson.loads(
                    raw.post(url, json={"q": "hoodie", "limit": 50}).content
                ),
                "octogen": lambda: sdk.products.search("hoodie", limit=50),
            },
            s,
        )
    sdk_rate = rates["octogen"]
    detail = f"{sdk_rate:,.0f} calls/s (50-item page)"
    return [
        Goal(
            "sync in-process vs raw httpx (stdlib json)",
            "octogen calls/s ÷ raw httpx `post().json()` calls/s",
            sdk_rate / rates["raw httpx, stdlib json"],
            1.0,
            True,
            detail,
            peers={"official SDK": "skipped: async only"},
        ),
        Goal(
            "sync in-process vs raw httpx + orjson",
            "octogen calls/s ÷ raw httpx `orjson.loads(post().content)` calls/s",
            sdk_rate / rates["raw httpx, orjson"],
            0.75,
            True,
            detail,
            peers={"official SDK": "skipped: async only"},
        ),
    ]


def retry_layer(s: Settings) -> Goal:
    """The retry layer's own cost per call, its first attempt succeeding.

    A difference of two whole calls (~1 ms each) drowns a few microseconds in noise, so
    both sides run with the attempt itself replaced by one that returns at once:
    `send` (the first attempt, the retry check, the budget's refund) against the bare
    sequence without a retry layer (count the call in, attempt, count it out).
    """
    with octogen.Client(api_key=KEY, base_url="https://api.test/v1",
                        transport=mock_transport()) as sdk:  # fmt: skip
        transport = sdk._transport  # type: ignore[attr-defined]
        call = search_call("hoodie", limit=50)
        answer = object()
        transport._attempt = lambda state: answer

        def bare() -> object:
            state = transport._begin(call)
            try:
                return transport._attempt(state)
            finally:
                transport._end()

        number = 20_000 if s.rounds >= 5 else 5_000
        with_layer = min(best_seconds(lambda: transport.send(call), number, 5) for _ in range(3))
        without = min(best_seconds(bare, number, 5) for _ in range(3))
    return Goal(
        "retry layer, first attempt succeeds",
        "µs per call of `send` over the same call with no retry layer (attempt stubbed)",
        (with_layer - without) * 1e6,
        5.0,
        False,
        f"{with_layer * 1e6:.2f} µs vs {without * 1e6:.2f} µs",
        unit=" µs",
    )


async def async_calls(s: Settings, base: str, transport: Any, label: str, bound: float) -> Goal:
    url = f"{base}/products/search"
    sdk_module = official_sdk()
    async with (
        httpx.AsyncClient(transport=transport) as raw,
        octogen.AsyncClient(api_key=KEY, base_url=base, transport=transport) as sdk,
        httpx.AsyncClient(transport=transport) as official_http,
    ):

        async def raw_call() -> object:
            return (await raw.post(url, json={"q": "hoodie", "limit": 50})).json()

        async def sdk_call() -> object:
            return await sdk.products.search("hoodie", limit=50)

        sides: dict[str, Callable[[], Awaitable[object]]] = {"raw": raw_call, "octogen": sdk_call}
        peers: dict[str, float | str] = {}
        if isinstance(sdk_module, str):
            peers["official SDK"] = sdk_module
        else:
            official = sdk_module.OctogenClient(
                api_key=KEY, base_url=base, http_client=official_http
            )

            async def official_call() -> object:
                return await official.search_products(q="hoodie", limit=50)

            sides["official SDK"] = official_call
        rates = await abest_rates(sides, s)
    peers.update({name: rates[name] / rates["raw"] for name in sides if name == "official SDK"})
    peers["octaspace"] = octaspace_reason()
    return Goal(
        label,
        "octogen calls/s ÷ raw httpx calls/s",
        rates["octogen"] / rates["raw"],
        bound,
        True,
        f"{rates['octogen']:,.0f} calls/s",
        peers=peers,
    )


def loopback_sync(s: Settings, base: str) -> Goal:
    url = f"{base}/products/search"
    with (
        httpx.Client() as raw,
        octogen.Client(api_key=KEY, base_url=base) as sdk,
    ):
        rates = best_rates(
            {
                "raw": lambda: raw.post(url, json={"q": "hoodie", "limit": 50}).json(),
                "octogen": lambda: sdk.products.search("hoodie", limit=50),
            },
            s,
        )
    return Goal(
        "sync loopback socket, keep-alive",
        "octogen calls/s ÷ raw httpx calls/s, a server in another process",
        rates["octogen"] / rates["raw"],
        0.95,
        True,
        f"{rates['octogen']:,.0f} calls/s",
        peers={"official SDK": "skipped: async only"},
    )


# -- building a page ----------------------------------------------------------------------


def page_building(s: Settings) -> Goal:
    body = search_page_bytes(100)
    number = 100 if s.rounds < 5 else 300
    times = interleaved_best_seconds(
        {
            "baseline": lambda: orjson.loads(body),
            "ours": lambda: _wire.build(ProductPage, _wire.loads(body)),
        },
        number,
        7,
    )
    baseline, ours = times["baseline"], times["ours"]
    accelerator = _wire.orjson
    _wire.orjson = None  # type: ignore[assignment]
    try:
        stdlib = best_seconds(lambda: _wire.build(ProductPage, _wire.loads(body)), number, 7)
    finally:
        _wire.orjson = accelerator
    peers: dict[str, float | str] = {}
    sdk_module = official_sdk()
    if isinstance(sdk_module, str):
        peers["official SDK"] = sdk_module
    else:
        from octogen_ai_sdk.models import ProgrammaticProductSearchPage as Page

        Page.model_validate_json(body)
        peers["official SDK"] = (
            best_seconds(lambda: Page.model_validate_json(body), number, 7) / baseline
        )
    peers["octaspace"] = octaspace_reason()
    return Goal(
        "building a 100-item page, decode included",
        "`_wire.build(ProductPage, loads(body))` time ÷ `orjson.loads(body)` time",
        ours / baseline,
        2.0,
        False,
        f"{ours * 1e6:,.0f} µs; stdlib json {stdlib / baseline:.2f}{TIMES}",
        peers=peers,
    )


# -- start-up -----------------------------------------------------------------------------


def start_time(argv: list[str], starts: int, bytecode: str) -> float:
    """The best wall time of `starts` fresh processes running `argv`, with the compiled
    bytecode of every module cached under `bytecode` (as an installed package has it)."""
    env = {**os.environ, "OCTO_API_KEY": "", "COLUMNS": "100", "PYTHONPYCACHEPREFIX": bytecode}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    best = float("inf")
    for _ in range(starts):
        started = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)
        best = min(best, time.perf_counter() - started)
    return best


def start_up(s: Settings) -> list[Goal]:
    python = sys.executable
    octogen_bin = str(Path(python).parent / "octogen")
    commands = {
        "python": [python, "-c", "pass"],
        "httpx": [python, "-c", "import httpx"],
        "octogen": [python, "-c", "import octogen"],
        # The transport (ours, and httpx's httpcore) loads with the first client: shown
        # beside the import, so that no cost hides behind laziness.
        "httpx client": [python, "-c", "import httpx; httpx.Client()"],
        "octogen client": [python, "-c", "import octogen; octogen.Client(api_key='k')"],
        "help": [octogen_bin, "--help"],
        "mock": [octogen_bin, "--mock", "search", "x"],
        "official": [python, "-c", "import octogen_ai_sdk"],
    }
    if isinstance(official_sdk(), str):
        del commands["official"]
    times = dict.fromkeys(commands, float("inf"))
    # Bytecode is cached as on a user's machine, where a module is compiled once (at
    # install, or on its first import), not on every start; a first run fills the cache.
    with tempfile.TemporaryDirectory(prefix="octogen-bench-pycache-") as bytecode:
        for argv in commands.values():
            start_time(argv, 1, bytecode)
        for _ in range(s.starts):  # interleaved, so that a busy spell hits every command
            for name, argv in commands.items():
                times[name] = min(times[name], start_time(argv, 1, bytecode))
    httpx_time = times["httpx"]
    sdk = official_sdk()
    import_peers: dict[str, float | str] = {
        "official SDK": sdk if isinstance(sdk, str) else times["official"] / httpx_time,
        "octaspace": octaspace_reason(),
    }
    note = (
        f"`python -c pass` {times['python'] * 1e3:.0f} ms, `import httpx` {httpx_time * 1e3:.0f} ms"
    )
    return [
        Goal(
            "`import octogen`",
            "`python -c 'import octogen'` ÷ `python -c 'import httpx'`, wall time, bytecode cached",
            times["octogen"] / httpx_time,
            1.2,
            False,
            f"{times['octogen'] * 1e3:.0f} ms; {note}; import and a first client "
            f"{times['octogen client'] / times['httpx client']:.2f}{TIMES} httpx's "
            f"({times['octogen client'] * 1e3:.0f} ms vs {times['httpx client'] * 1e3:.0f} ms)",
            peers=import_peers,
        ),
        Goal(
            "`octogen --help`",
            "wall time ÷ `python -c 'import httpx'`",
            times["help"] / httpx_time,
            1.5,
            False,
            f"{times['help'] * 1e3:.0f} ms",
        ),
        Goal(
            "`octogen --mock search x`",
            "wall time ÷ `python -c 'import httpx'`",
            times["mock"] / httpx_time,
            1.5,
            False,
            f"{times['mock'] * 1e3:.0f} ms",
        ),
    ]


# -- bulk export --------------------------------------------------------------------------

RAW_EXPORT = """
import json, os, sys
import httpx
base, count, body = sys.argv[1], 0, {"limit": 100}
with httpx.Client(headers={"Authorization": "Bearer octo_live_bench"}) as http, \\
        open(os.devnull, "wb") as out:
    while True:
        page = http.post(base + "/products/search", json=body).json()
        for item in page["items"]:
            out.write(json.dumps(item, separators=(",", ":")).encode() + b"\\n")
            count += 1
        if not page.get("nextCursor"):
            break
        body = {"limit": 100, "cursor": page["nextCursor"]}
print(count)
"""


def bulk_export(s: Settings) -> list[Goal]:
    base, stop = start_page_server(s.export_products)
    try:
        python = sys.executable
        octogen_bin = str(Path(python).parent / "octogen")
        raw_argv = [python, "-c", RAW_EXPORT, base]
        sdk_argv = [octogen_bin, "--base-url", base, "--api-key", KEY, "search", "--all",
                    "--format", "jsonl"]  # fmt: skip
        best = {"raw": float("inf"), "octogen": float("inf")}
        peak = {"raw": 0.0, "octogen": 0.0}
        for _ in range(max(1, s.rounds // 2)):
            for name, argv in (("raw", raw_argv), ("octogen", sdk_argv)):
                elapsed, rss = run_peak(argv)
                best[name] = min(best[name], elapsed)
                peak[name] = max(peak[name], rss)
    finally:
        stop()
    n = f"{s.export_products:,} products"
    return [
        Goal(
            "bulk export: time",
            f"`octogen search --all --format jsonl` ÷ a raw httpx cursor loop, {n}, loopback",
            best["octogen"] / best["raw"],
            1.1,
            False,
            f"{best['octogen']:.2f} s vs {best['raw']:.2f} s",
        ),
        Goal(
            "bulk export: peak memory",
            f"peak resident memory of `octogen search --all`, {n}",
            peak["octogen"],
            60.0,
            False,
            f"raw httpx loop {peak['raw']:.0f} MB",
            unit=" MB",
        ),
    ]


# Linux keeps a process's peak resident size across exec, so a child forked straight from
# this (large) process would report this process's size; a small launcher forks it instead.
LAUNCHER = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
sys.exit(code)
"""


def run_peak(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one child process running `argv`."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", LAUNCHER, *argv], capture_output=True)
    elapsed = time.perf_counter() - started
    if done.returncode:
        raise RuntimeError(f"{argv[:4]} exited {done.returncode}: {done.stderr[-500:]!r}")
    return elapsed, float(done.stdout)


# -- report -------------------------------------------------------------------------------


def format_value(goal: Goal, value: float) -> str:
    if goal.unit == TIMES:
        return f"{value:.2f}{TIMES}"
    return f"{value:.1f}{goal.unit}"


def table(goals: list[Goal]) -> str:
    peers = sorted({name for goal in goals for name in goal.peers})
    head = ["goal", "octogen", "target", "met", *peers, "measure", "detail"]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for goal in goals:
        cells = [goal.name, format_value(goal, goal.ratio), goal.target(),
                 "yes" if goal.met else "**no**"]  # fmt: skip
        for peer in peers:
            value = goal.peers.get(peer, "")
            cells.append(format_value(goal, value) if isinstance(value, float) else
                         (value.removeprefix("skipped: ") and "—" if value else ""))  # fmt: skip
        cells += [goal.measure, goal.detail]
        lines.append("| " + " | ".join(cells) + " |")
    reasons = sorted({value for goal in goals for value in goal.peers.values()
                      if isinstance(value, str)})  # fmt: skip
    if reasons:
        why = "; ".join(reason.removeprefix("skipped: ") for reason in reasons)
        lines += ["", f"Peers not measured (—): {why}."]
    return "\n".join(lines)


def write_readme(goals: list[Goal], s: Settings, quick: bool, load: float) -> None:
    """Write the table of `goals` into bench/README.md; `load` is the machine's one-minute
    load average when the run started (other work competes for the cores)."""
    machine = (
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores"
    )
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    block = "\n".join([
        START,
        f"Last run: {stamp}, `uv run python bench/run.py{' --quick' if quick else ''}`"
        f" ({machine}, best of {s.rounds} rounds; load average {load:.2f} when it started).",
        "",
        table(goals),
        END,
    ])  # fmt: skip
    text = README.read_text()
    if START in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + block + after
    else:
        text = text + "\n" + block + "\n"
    README.write_text(text)
    CHART.write_text(render_svg([attrs.asdict(goal) | {"met": goal.met} for goal in goals]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, a smaller export")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--only", help="comma-separated sections: calls,async,loopback,page,"
                        "start,export")  # fmt: skip
    options = parser.parse_args()
    load = os.getloadavg()[0]
    s = (
        Settings(rounds=3, seconds=0.3, starts=3, export_products=20_000)
        if options.quick
        else Settings(rounds=5, seconds=0.6, starts=7, export_products=100_000)
    )
    only = set(options.only.split(",")) if options.only else None
    wanted = lambda name: only is None or name in only  # noqa: E731
    goals: list[Goal] = []
    if wanted("calls"):
        goals += sync_calls(s)
        goals.append(retry_layer(s))
    if wanted("async"):
        goals.append(asyncio.run(async_calls(
            s, "https://api.test/v1", mock_transport(), "async in-process", 0.95)))  # fmt: skip
    if wanted("loopback") or wanted("async"):
        base, stop = start_search_server(BODY, HEADERS)
        try:
            if wanted("loopback"):
                goals.append(loopback_sync(s, base))
            if wanted("async"):
                goals.append(asyncio.run(async_calls(
                    s, base, None, "async loopback socket, keep-alive", 0.95)))  # fmt: skip
        finally:
            stop()
    if wanted("page"):
        goals.append(page_building(s))
    if wanted("start"):
        goals += start_up(s)
    if wanted("export"):
        goals += bulk_export(s)
    print(table(goals))
    if not options.no_write and only is None:
        write_readme(goals, s, options.quick, load)
        print(f"\nwrote {README.relative_to(ROOT)} and {CHART.relative_to(ROOT)}")


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn", force=True)
    main()
