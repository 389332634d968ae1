"""Keep a coverage URL list in step with a local file of URLs, idempotently.

uv run python examples/coverage_sync.py                      # on the fake API, sample URLs
OCTO_API_KEY=... python examples/coverage_sync.py urls.txt my-list

Adds the file's URLs the list lacks and removes the members the file no longer has;
running it again changes nothing. The list is found by name, or created. The file is
read in batches (membership is asked 1,000 URLs at a time), so a file of 100,000 URLs
is fine; only the normalized URLs are kept in memory to compare.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import octogen


def urls_in(path: Path) -> Iterator[str]:
    """The URLs in a file, one a line; blank lines and `#` comments skipped."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            url = line.strip()
            if url and not url.startswith("#"):
                yield url


def find_or_create(client: octogen.Client, name: str) -> octogen.UrlList:
    """The live list called `name`, created when there is none."""
    for url_list in client.coverage.url_lists.iter():
        if url_list.name == name and url_list.status != "delete_pending":
            return url_list
    try:
        return client.coverage.url_lists.create(name)
    except octogen.OctogenAPIError as error:
        if error.detail != "url_list_name_conflict":
            raise
        # Created meanwhile (by another run, or by our own attempt that timed out).
        return next(u for u in client.coverage.url_lists.iter() if u.name == name)


def sync(client: octogen.Client, name: str, path: Path) -> tuple[int, int, int]:
    """Bring list `name` in step with the file; (added, removed, size after)."""
    lists = client.coverage.url_lists
    url_list = find_or_create(client, name)
    list_id = url_list.url_list_id
    wanted: set[str] = set()
    missing: list[str] = []
    for membership in lists.check_urls(list_id, urls_in(path)):
        if membership.normalized_url is not None:
            wanted.add(membership.normalized_url)
        if not membership.present:
            missing.append(membership.url)
    size = lists.get(list_id).url_count
    added = 0
    if missing:
        result = lists.add_urls(list_id, missing)
        added, size = len(result.accepted), result.url_count
        for rejection in result.rejected:
            print(f"  rejected {rejection.url}: {rejection.message}", file=sys.stderr)
    gone = [entry.url for entry in lists.iter_urls(list_id) if entry.normalized_url not in wanted]
    if gone:
        size = lists.remove_urls(list_id, gone).url_count
    return added, len(gone), size


def sample_file(directory: str) -> Path:
    path = Path(directory) / "urls.txt"
    lines = [f"https://shop.example/products/{index}?utm_source=feed" for index in range(2500)]
    path.write_text("# sample product pages\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    arguments = sys.argv[1:]
    name = arguments[1] if len(arguments) > 1 else "coverage-sync-example"
    if os.environ.get("OCTO_API_KEY"):
        client = octogen.Client()
    else:
        from octogen.testing import FakeOctogen

        print("OCTO_API_KEY is not set: using the built-in fake API")
        client = FakeOctogen().client()
    with client, tempfile.TemporaryDirectory() as scratch:
        path = Path(arguments[0]) if arguments else sample_file(scratch)
        added, removed, size = sync(client, name, path)
        print(f"{name}: added {added}, removed {removed}; the list holds {size} URLs")
        if not arguments:  # show the other two cases on the sample
            print(
                "again, unchanged:",
                "added {}, removed {}, size {}".format(*sync(client, name, path)),
            )
            path.write_text("https://shop.example/products/1\nhttps://shop.example/new\n")
            print(
                "after editing the file:",
                "added {}, removed {}, size {}".format(*sync(client, name, path)),
            )


if __name__ == "__main__":
    main()
