"""The security baseline of every response (reference: kiosk-security-reliability §3)."""

from __future__ import annotations

from flask import Flask, Response, request

# No inline script or style anywhere: htmx runs with allowEval off and its indicator styles
# come from our stylesheet, so the strict policy holds.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Strict-Transport-Security": "max-age=31536000",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


def add_security_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if not request.path.startswith("/static/") and "/static/" not in request.path:
        # A shared kiosk: nothing a learner saw may be kept by the browser's cache.
        response.headers["Cache-Control"] = "no-store"
    return response


def refuse_cross_site_writes() -> Response | None:
    """Defence in depth beside the CSRF token: a state change never comes from another site."""
    if request.method in ("POST", "PUT", "PATCH", "DELETE") and request.headers.get(
        "Sec-Fetch-Site"
    ) == "cross-site":
        from flask import abort

        abort(400)
    return None


def init_app(app: Flask) -> None:
    app.before_request(refuse_cross_site_writes)
    app.after_request(add_security_headers)
