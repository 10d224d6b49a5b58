"""Bare Flask on the kiosk's server shape: the ceiling the kiosk's pages are measured against.

    python -m benchmarks.bare_flask --port 8123

A Flask application with one route that answers « ok », nothing else (no session, no hook, no
compression), served by the kiosk's own gunicorn settings (kiosk.server: gthread, 2 workers ×
4 threads, preload). ``/_bench/bare`` of the kiosk server is the same page *with* every hook of
the kiosk: the difference between the two is what the kiosk costs before any page is drawn.
"""

from __future__ import annotations

import argparse

from flask import Flask

from kiosk.server import KioskServer


def create_bare_app() -> Flask:
    app = Flask(__name__)
    app.add_url_rule("/", "bare", lambda: "ok")
    app.add_url_rule("/healthz", "health", lambda: "ok")
    return app


class BareServer(KioskServer):
    def __init__(self, **kwargs):
        super().__init__(create_bare_app, **kwargs)
        self.options.pop("post_worker_init")  # the kiosk's database and relay: none here
        self.cfg.set("post_worker_init", lambda worker: None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    BareServer(host="127.0.0.1", port=args.port, workers=args.workers,
               threads=args.threads).run()


if __name__ == "__main__":
    main()
