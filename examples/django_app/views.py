"""Views call `octogen.client()`: one shared client (and keep-alive pool) per process."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse

import octogen


def search(request: HttpRequest) -> JsonResponse:
    try:
        page = octogen.client().products.search(
            request.GET.get("q"), limit=int(request.GET.get("limit", "10"))
        )
    except octogen.InvalidRequestError as error:
        return JsonResponse({"error": str(error), "argument": error.argument}, status=400)
    except octogen.OctogenError as error:
        return JsonResponse({"error": str(error)}, status=502)
    items = [{"title": item.title, "price": item.current_price} for item in page.items]
    return JsonResponse({"items": items, "next_cursor": page.next_cursor})
