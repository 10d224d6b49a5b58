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
            # A stopping worker waits for the requests it is serving (up to the time one may
            # take): gunicorn's gthread worker closes its wake-up pipe, then threads still
            # serving write a zero byte to that file descriptor number — by then often a
            # learner's world opened meanwhile, whose first bytes turned to zeros
            # (docs/reliability.md, soak drill).
            "graceful_timeout": 30,
            # The app (and the persona databases it builds) is loaded once, then forked.
            "preload_app": True,
            # No recycling after N requests: every recycle stopped a worker under load (see
            # above), and the soak drill measured the memory flat without needing it.
            "max_requests": 0,
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
        app = self.app_factory()
        warm_up(app)
        return app


def warm_up(app) -> None:
    """Read once, in the master before it forks, what every worker would otherwise read at the
    first page that needs it: the templates (~8 ms each to compile), the glossary (half a
    second of YAML), the personas and the job offers. The first learner to open a page waited
    100–500 ms more for it (benchmarks/replay_times.py: tap-to-screen). ~2.5 s at start-up."""
    from jinja2 import TemplateError

    from kiosk.glossary.detect import glossary
    from simulator.personas import PersonaNotFound, available, load_persona
    from simulator.sites.francetravail import offers_data

    for name in app.jinja_env.list_templates():
        try:
            app.jinja_env.get_template(name)
        except TemplateError as exc:  # the page itself will say so when it is asked for
            app.logger.warning("template %s does not compile: %s", name, exc)
    glossary()  # a broken file is logged there, and the kiosk goes on without it
    for persona_id in available():
        try:
            load_persona(persona_id)
        except (PersonaNotFound, ValueError) as exc:  # said again when a learner needs it
            app.logger.warning("persona %s does not load: %s", persona_id, exc)
    try:
        offers_data.data()
    except (OSError, ValueError) as exc:
        app.logger.warning("France Travail's offers do not load: %s", exc)


def on_worker_start(worker) -> None:
    """gunicorn hook, in each new worker: kiosk.db's files kept (kiosk.database says why), and
    the learning records' relay thread when an LRS is configured (XAPI_LRS_URL)."""
    config = getattr(worker.wsgi, "config", None)
    if config is not None:
        from kiosk.database import keep_the_log_open
        from kiosk.records.relay import start_in_background

        keep_the_log_open(config["KIOSK_DATABASE"])
        start_in_background(config)
