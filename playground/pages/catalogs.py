"""`/catalogs`: `client.catalogs.list()`, each catalog linking to a search in it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..errors import attempt
from ..web import NavEntry, render

router = APIRouter()
NAV = NavEntry("/catalogs", "Catalogs")


@router.get("/catalogs", response_class=HTMLResponse)
def catalogs(request: Request) -> HTMLResponse:
    """The catalogs the key can search."""
    backend = request.app.state.sessions.for_request(request).backend
    result, error = attempt(lambda: backend.run(lambda client: client.catalogs.list()))
    return render(request, "pages/catalogs.html", catalogs=result, error=error)
