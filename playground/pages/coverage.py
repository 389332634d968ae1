"""`/coverage`: `client.coverage.url_lists`: create a list, add, remove and check URLs
(pasted or uploaded), browse its members, and delete it after a confirmation.

`/coverage` lists the organization's lists; `/coverage?url_list_id=...` is one list
(its members paged by `cursor` and `limit`); `/coverage/delete?url_list_id=...` asks
before deleting. Every change is a POST with the CSRF token.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

import octogen

from .. import forms
from ..errors import ErrorView, attempt, error_view, invalid, unique
from ..sessions import csrf_ok
from ..web import NavEntry, query_url, render
from .frame import forbidden

router = APIRouter()
NAV = NavEntry("/coverage", "Coverage")
FIELDS = ("url_list_id", "name", "urls", "cursor", "limit")
FILE_FIELD = "urls_file"
# The membership form's buttons (`action`) and the SDK method each one calls.
ACTIONS = {"add": "add_urls", "remove": "remove_urls", "check": "check_urls"}


def _page(
    request: Request,
    form: dict[str, str],
    *,
    outcome: Any = None,
    action: str | None = None,
    error: ErrorView | None = None,
    confirm_delete: bool = False,
    notice: str | None = None,
) -> HTMLResponse:
    """The list `form["url_list_id"]` names with a page of its members, or every list."""
    backend = request.app.state.sessions.for_request(request).backend
    url_list = members = listing = None
    next_url = None
    errors: list[ErrorView | None] = [error]
    list_id = form["url_list_id"].strip()
    if error is not None and error.is_transient:
        pass  # the reads would fail the same way, slowly: one card says why
    elif list_id:
        url_list, failed = attempt(
            lambda: backend.run(lambda client: client.coverage.url_lists.with_response.get(list_id))
        )
        if failed is None and not confirm_delete:

            def members_page() -> Any:
                arguments: dict[str, Any] = {
                    "cursor": forms.text_or_none(form["cursor"]),
                    "limit": forms.number(form["limit"]),
                }
                given = {name: value for name, value in arguments.items() if value is not None}
                return backend.run(
                    lambda client: client.coverage.url_lists.with_response.list_urls(
                        list_id, **given
                    )
                )

            members, failed = attempt(members_page)
            if members is not None and members.data.next_cursor:
                next_url = query_url(
                    "/coverage",
                    url_list_id=list_id,
                    limit=form["limit"],
                    cursor=members.data.next_cursor,
                )
        errors.append(failed)
    else:
        listing, failed = attempt(
            lambda: backend.run(lambda client: client.coverage.url_lists.with_response.list())
        )
        errors.append(failed)
    return render(
        request,
        "pages/coverage.html",
        form=form,
        url_list=url_list,
        members=members,
        listing=listing,
        next_url=next_url,
        outcome=outcome,
        action=action,
        errors=unique(errors),
        confirm_delete=confirm_delete,
        notice=notice,
    )


def _blank(**given: str) -> dict[str, str]:
    return dict.fromkeys(FIELDS, "") | given


@router.get("/coverage", response_class=HTMLResponse)
def coverage(request: Request) -> HTMLResponse:
    """Every list (and the create form), or one list with its members."""
    return _page(request, {name: request.query_params.get(name, "") for name in FIELDS})


@router.get("/coverage/delete", response_class=HTMLResponse)
def confirm_delete(request: Request) -> HTMLResponse:
    """Ask before deleting the list `url_list_id` names."""
    form = _blank(url_list_id=request.query_params.get("url_list_id", ""))
    return _page(request, form, confirm_delete=True)


@router.post("/coverage", response_class=HTMLResponse)
def create(
    request: Request, csrf_token: Annotated[str, Form()] = "", name: Annotated[str, Form()] = ""
) -> Response:
    """Create the list `name`; show it."""
    if not csrf_ok(request, csrf_token):
        return forbidden()
    backend = request.app.state.sessions.for_request(request).backend
    created, error = attempt(
        lambda: backend.run(lambda client: client.coverage.url_lists.with_response.create(name))
    )
    if created is None:
        return _page(request, _blank(name=name), error=error)
    form = _blank(url_list_id=created.data.url_list_id)
    return _page(request, form, outcome=created, action="create")


@router.post("/coverage/urls", response_class=HTMLResponse)
async def change_urls(request: Request) -> Response:
    """Add, remove or check (`action`) the pasted and uploaded URLs."""
    try:
        fields, files = await forms.read_form(request, files=(FILE_FIELD,))
    except octogen.InvalidRequestError as unreadable:
        return await run_in_threadpool(_page, request, _blank(), error=error_view(unreadable))
    if not csrf_ok(request, fields.get("csrf_token")):
        return forbidden()
    form = _blank(url_list_id=fields.get("url_list_id", ""), urls=fields.get("urls", ""))
    action = fields.get("action", "")
    backend = request.app.state.sessions.for_request(request).backend

    def run() -> Any:
        method_name = ACTIONS.get(action)
        if method_name is None:
            raise invalid(
                f"unknown action {action!r}; expected one of {', '.join(ACTIONS)}", "action"
            )
        urls = forms.lines(form["urls"])
        if FILE_FIELD in files:
            urls += forms.lines(forms.uploaded_text(files[FILE_FIELD], "urls"))
        list_id = form["url_list_id"].strip()
        return backend.run(
            lambda client: getattr(client.coverage.url_lists.with_response, method_name)(
                list_id, urls
            )
        )

    outcome, error = await run_in_threadpool(lambda: attempt(run))
    if action != "check" and error is None:
        form["urls"] = ""
    return await run_in_threadpool(
        _page, request, form, outcome=outcome, action=action, error=error
    )


@router.post("/coverage/delete", response_class=HTMLResponse)
def delete(
    request: Request,
    csrf_token: Annotated[str, Form()] = "",
    url_list_id: Annotated[str, Form()] = "",
    confirm: Annotated[str, Form()] = "",
) -> Response:
    """Delete the list, when the confirmation box is ticked."""
    if not csrf_ok(request, csrf_token):
        return forbidden()
    list_id = url_list_id.strip()
    if confirm != "yes":
        unconfirmed = error_view(
            invalid("tick the box to confirm: deleting a list cannot be undone", "confirm")
        )
        form = _blank(url_list_id=list_id)
        return _page(request, form, confirm_delete=True, error=unconfirmed)
    backend = request.app.state.sessions.for_request(request).backend
    deleted, error = attempt(
        lambda: backend.run(lambda client: client.coverage.url_lists.with_response.delete(list_id))
    )
    if deleted is None:
        return _page(request, _blank(url_list_id=list_id), confirm_delete=True, error=error)
    notice = (
        f"Deleted {deleted.data.name!r}: it is {deleted.data.status} while its BigQuery "
        "listing and URLs are removed, then it is gone. Its name is free again."
    )
    return _page(request, _blank(), outcome=deleted, action="delete", notice=notice)
