"""`python -m playground.screenshots [--out DIR]`: screenshots of the main pages at
1280 px and 390 px wide, taken with Debian's Chromium (`/usr/bin/chromium`) through
Playwright, from a fresh playground on the fake. The browser tests run the same code,
so the pictures in docs/ show the pages as they are.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from playwright.sync_api import Browser, BrowserType, Page, sync_playwright

from .app import create_app
from .server import serve_in_thread

CHROMIUM = "/usr/bin/chromium"
DOCS_IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images" / "playground"
WIDTHS = {"desktop": (1280, 1000), "phone": (390, 844)}
# The file name of each picture and the page it shows, in the order they are taken (the
# dashboard last, when the calls before it fill its stats and the log).
SHOTS: tuple[tuple[str, str], ...] = (
    ("search", "/search?q=linen+dress&limit=6"),
    (
        "lookup",
        "/lookup?url=https%3A%2F%2Fmaisonlune.example%2Fproducts%2Frelaxed-charcoal-linen-dress-5",
    ),
    (
        "similar",
        "/similar?url=https%3A%2F%2Fmaisonlune.example%2Fproducts%2Frelaxed-charcoal-linen-dress-5"
        "&limit=6",
    ),
    ("resolve", "/resolve?url=https%3A%2F%2Fexample.com%2Fproducts%2Fblue-linen-dress"),
    ("voyages", "/voyages"),
    ("coverage", "/coverage"),
    ("diagnostics-smoke", "/diagnostics"),
    ("error-429", "/search?q=hoodie&limit=4"),
    ("dashboard", "/"),
)
# At 390 px, the pages whose layout changes most.
PHONE_SHOTS = ("search", "lookup", "voyages", "coverage", "error-429")
RESOLVE_EXAMPLE = (
    '<html><head><script type="application/ld+json">{"@type": "Product", '
    '"name": "Blue linen dress", "brand": {"name": "Maison Lune"}, '
    '"description": "A relaxed dress in washed linen.", "image": "/images/dress.jpg", '
    '"offers": {"price": "89.00", "priceCurrency": "EUR", '
    '"availability": "https://schema.org/InStock"}}</script></head></html>'
)
PAGE_TIMEOUT_MS = 15_000


def launch(chromium: BrowserType) -> Browser:
    """Debian's Chromium, headless (never a downloaded browser)."""
    return chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])


def choose_scenario(page: Page, scenario: str) -> None:
    """Pick `scenario` in the sidebar; the page reloads with it applied."""
    with page.expect_navigation():
        page.select_option("select[name=scenario]", scenario)


def take_screenshots(
    out: Path,
    widths: Sequence[str] = tuple(WIDTHS),
    shots: Sequence[tuple[str, str]] = SHOTS,
    browser: Browser | None = None,
) -> list[Path]:
    """Write `<page>-<width>.png` for each of `shots` at each of `widths` into `out`, from
    a fresh playground on the fake; return the files written. `browser` is a Chromium
    already launched (by the browser tests); by default one is launched and closed."""
    out.mkdir(parents=True, exist_ok=True)
    app = create_app(fake_options={"read_timeout": 2.0, "call_timeout": 8.0, "max_retries": 1})
    with serve_in_thread(app) as base_url:
        if browser is not None:
            return _shoot(browser, base_url, out, widths, shots)
        with sync_playwright() as playwright:
            launched = launch(playwright.chromium)
            try:
                return _shoot(launched, base_url, out, widths, shots)
            finally:
                launched.close()


def _shoot(
    browser: Browser,
    base_url: str,
    out: Path,
    widths: Sequence[str],
    shots: Sequence[tuple[str, str]],
) -> list[Path]:
    written: list[Path] = []
    for width in widths:
        viewport_width, height = WIDTHS[width]
        context = browser.new_context(viewport={"width": viewport_width, "height": height})
        page = context.new_page()
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        for name, path in shots:
            if width == "phone" and name not in PHONE_SHOTS:
                continue
            if name == "error-429":
                choose_scenario(page, "429")
            page.goto(base_url + path)
            _prepare(page, name)
            target = out / f"{name}-{width}.png"
            page.screenshot(path=str(target))
            written.append(target)
            if name == "error-429":
                choose_scenario(page, "fake")
        context.close()
    return written


def _submit(page: Page, button: str = "form.form button[type=submit]") -> None:
    with page.expect_navigation():
        page.click(button)


def _prepare(page: Page, name: str) -> None:
    """Fill and run the page's form where the picture shows a result."""
    if name == "diagnostics-smoke":
        _submit(page, "[data-testid=run-smoke]")
    elif name == "resolve":
        page.fill("textarea[name=html]", RESOLVE_EXAMPLE)
        _submit(page)
    elif name == "voyages":
        for domain in ("maisonlune.example", "fail-shop.com", "https://www.new-shop.com/sale"):
            page.fill("input[name=domain]", domain)
            _submit(page)
        page.goto(page.url.split("?")[0])  # the list, with its quotas and progress bars
    elif name == "coverage":
        page.fill("input[name=name]", "q3-campaign")
        _submit(page, "[data-testid=create-list]")
        page.fill(
            "textarea[name=urls]", "\n".join(f"https://shop.example/p/{n}" for n in (1, 2, 3))
        )
        _submit(page, "[data-testid=add-urls]")
        page.fill(
            "textarea[name=urls]",
            "https://SHOP.example/p/2/?utm_source=mail\nhttps://shop.example/p/9",
        )
        _submit(page, "[data-testid=check-urls]")


def main(argv: Sequence[str] | None = None) -> None:
    """Take the screenshots into `--out` (docs/images/playground/ by default)."""
    parser = argparse.ArgumentParser(prog="python -m playground.screenshots")
    parser.add_argument("--out", type=Path, default=DOCS_IMAGES, help="directory for the PNGs")
    args = parser.parse_args(argv)
    for path in take_screenshots(args.out):
        print(path)


if __name__ == "__main__":
    main()
