"""The production server: gunicorn, embedded, with threads (gthread workers)."""

from __future__ import annotations

from collections.abc import Callable

from gunicorn.app.base import BaseApplication


class KioskServer(BaseApplication):
    def __init__(self, app_factory: Callable, *, host: str, port: int, workers: int = 2,
                 threads: int = 4, access_log: bool = False):
        self.app_factory = app_factory
        self.options = {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            "timeout": 30,
            "graceful_timeout": 5,
            # The app (and the persona databases it builds) is loaded once, then forked.
            "preload_app": True,
            "max_requests": 2000,
            "max_requests_jitter": 200,
            # Request lines only, never bodies; forms carry nothing secret in URLs anyway.
            "accesslog": "-" if access_log else None,
            "errorlog": "-",
            "loglevel": "warning",
            # The learning records' relay, in each worker (one of them is elected):
            # kiosk/records/relay.py says why not in the master.
            "post_worker_init": on_worker_start,
        }
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if value is not None:
                self.cfg.set(key, value)

    def load(self):
        return self.app_factory()


def on_worker_start(worker) -> None:
    """gunicorn hook, in each new worker: kiosk.db's files kept (kiosk.database says why), and
    the learning records' relay thread when an LRS is configured (XAPI_LRS_URL)."""
    config = getattr(worker.wsgi, "config", None)
    if config is not None:
        from kiosk.database import keep_the_log_open
        from kiosk.records.relay import start_in_background

        keep_the_log_open(config["KIOSK_DATABASE"])
        start_in_background(config)
