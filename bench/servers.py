"""HTTP servers for the benchmarks, each in a process of its own on 127.0.0.1.

`start_search_server` answers every POST with one fixed body (the per-call cost of a
client, with the server as cheap as it can be). `start_page_server` serves a catalog of
`n` products 100 a page, the cursor being the next offset, for the bulk export: its pages
are encoded once at start, so that the clients' cost is what the export measures.
"""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from payloads import search_page

PAGE = 100


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    wbufsize = 256 * 1024
    answer: Callable[[bytes], bytes]
    headers_out: dict[str, str]

    def do_POST(self) -> None:
        request = self.rfile.read(int(self.headers["Content-Length"]))
        body = type(self).answer(request)
        self.send_response(200)
        for name, value in self.headers_out.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def _serve(kind: str, argument: object, headers: dict[str, str], port: object) -> None:
    if kind == "fixed":
        body = argument
        answer = lambda request: body  # noqa: E731
    else:
        total = int(argument)  # type: ignore[call-overload]
        pages = {
            start: json.dumps(
                search_page(
                    min(PAGE, total - start),
                    start,
                    str(start + PAGE) if start + PAGE < total else None,
                )
            ).encode()
            for start in range(0, total, PAGE)
        }
        answer = lambda request: pages[int(json.loads(request).get("cursor") or 0)]  # noqa: E731
    handler = type("Handler", (_Handler,), {"answer": staticmethod(answer), "headers_out": headers})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    port.value = server.server_address[1]  # type: ignore[attr-defined]
    server.serve_forever()


def _start(kind: str, argument: object, headers: dict[str, str]) -> tuple[str, Callable[[], None]]:
    context = multiprocessing.get_context("spawn")
    port = context.Value("i", 0)
    process = context.Process(target=_serve, args=(kind, argument, headers, port), daemon=True)
    process.start()
    import time

    deadline = time.monotonic() + 120
    while not port.value:
        if time.monotonic() > deadline or not process.is_alive():
            process.terminate()
            raise RuntimeError("the bench server did not start")
        time.sleep(0.02)

    def stop() -> None:
        process.terminate()
        process.join(10)

    return f"http://127.0.0.1:{port.value}/v1", stop


def start_search_server(body: bytes, headers: dict[str, str]) -> tuple[str, Callable[[], None]]:
    """A server answering every request with `body`; its base URL and a stop function."""
    return _start("fixed", body, headers)


def start_page_server(products: int) -> tuple[str, Callable[[], None]]:
    """A server paging through `products` products; its base URL and a stop function."""
    headers = {"Content-Type": "application/json", "X-RateLimit-Limit": "100000",
               "X-RateLimit-Remaining": "99999", "X-RateLimit-Reset": "1795000000"}  # fmt: skip
    return _start("pages", products, headers)
