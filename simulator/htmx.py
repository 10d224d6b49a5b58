"""The one place that decides between a full page and an htmx fragment.

Boosted links and forms and history restores also send ``HX-Request``; they must get the full
page. Only a plain htmx request (``hx-get``/``hx-post`` on an element) gets the fragment.
Routes never read ``HX-*`` headers themselves.
"""

from __future__ import annotations

from typing import Any

from flask import Response, make_response, render_template, request


def is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


def wants_fragment() -> bool:
    """True for an htmx request that swaps a part of the page (not boosted, not history)."""
    return (
        is_htmx()
        and request.headers.get("HX-Boosted") != "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def render(page: str, fragment: str | None = None, *, status: int = 200,
           **context: Any) -> Response:
    """Render ``fragment`` for an htmx swap, ``page`` otherwise (the page includes the fragment)."""
    template = fragment if fragment and wants_fragment() else page
    response = make_response(render_template(template, **context), status)
    response.vary.add("HX-Request")
    return response


def redirect(location: str, status: int = 303) -> Response:
    """Post/Redirect/Get that also works for a plain htmx request (full navigation)."""
    if wants_fragment():
        response = make_response("", 200)
        response.headers["HX-Location"] = location
        return response
    response = make_response("", status)
    response.headers["Location"] = location
    return response


def trigger(response: Response, event: str) -> Response:
    """Ask htmx to fire ``event`` on the page once the response is swapped."""
    existing = response.headers.get("HX-Trigger")
    response.headers["HX-Trigger"] = f"{existing}, {event}" if existing else event
    return response


def followed_a_link() -> bool:
    """True when htmx brought the page (a link or a form of the site); False for a page loaded
    anew by the browser itself: its back or reload button, or a first visit."""
    return is_htmx() and request.headers.get("HX-History-Restore-Request") != "true"
