"""Responses compressed for the terminals (Flask-Compress): zstd where the browser takes it
(Chromium does), gzip otherwise.

A kiosk's Chromium starts with an empty profile for every learner, so every session loads the
page and all its assets cold: uncompressed, a bank page and its scripts and style sheets weighed
up to 270 KB; compressed, under 80 KB. Compressing costs well under a millisecond per response
with zstd.
"""

from __future__ import annotations

from flask import Flask, Response, request
from flask_compress import Compress

compress = Compress()


def init_app(app: Flask) -> None:
    """Call before anything else registers an after-request function: Flask runs them last
    registered first, so compression comes after every hook that still changes the body (the
    coach's out-of-band panel appended to a fragment, for one)."""
    app.config.setdefault("COMPRESS_ALGORITHM", ["zstd", "gzip"])
    compress.init_app(app)
    app.after_request(read_static_files_whole)  # runs just before compression


def read_static_files_whole(response: Response) -> Response:
    """A static file is sent as a stream, and Flask-Compress would wrap the stream in a
    generator that never closes the file. Our static files are small: read each whole and close
    it; it is then compressed in one piece like a page (and answered 304 when the browser
    already has the compressed copy)."""
    if (request.endpoint or "").rsplit(".", 1)[-1] == "static" and response.direct_passthrough:
        response.direct_passthrough = False
        response.make_sequence()  # reads the file; its close() is kept for the response's
        response.close()  # … and run now: nothing else holds the file
    return response
