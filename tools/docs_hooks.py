"""MkDocs hooks: links from a doc page to a file of the repository outside docs/.

`docs/web-apps.md` links `../examples/flask_app.py` so that the link works where the
markdown is read on GitHub. The site has no such file, so each such link is rewritten to
the file's page in the source repository (`repo_url`), and a link to a file that does not
exist is reported as a warning, which `mkdocs build --strict` turns into a failure.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.plugins.octogen")

# A markdown link or image target that climbs out of docs/: ](../examples/x.py) or ](../x#y)
OUTSIDE_LINK = re.compile(r"\]\((\.\./[^)\s#]+)(#[^)\s]*)?\)")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Point links to repository files outside docs/ at the source repository."""
    docs_dir = Path(config["docs_dir"]).resolve()
    repository = docs_dir.parent
    page_dir = (docs_dir / page.file.src_path).parent
    source = str(config["repo_url"]).rstrip("/")

    def rewrite(match: re.Match[str]) -> str:
        target = (page_dir / match.group(1)).resolve()
        if docs_dir in target.parents or not target.is_relative_to(repository):
            return match.group(0)
        if not target.exists():
            log.warning("%s links %s, which does not exist", page.file.src_path, match.group(1))
            return match.group(0)
        kind = "tree" if target.is_dir() else "blob"
        relative = target.relative_to(repository).as_posix()
        return f"]({source}/{kind}/main/{relative}{match.group(2) or ''})"

    return OUTSIDE_LINK.sub(rewrite, markdown)
