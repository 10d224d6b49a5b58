"""create_app(): the kiosk server, with the simulated world inside it."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from pathlib import Path

from flask import Flask, current_app, g, has_request_context, request, session
from werkzeug.middleware.proxy_fix import ProxyFix

from kiosk import compression, config, csrf, database, errors, i18n, security, sessions
from kiosk.agent.sessions import SessionsByPath
from kiosk.coach.loader import SCENARIOS_DIR
from kiosk.public_cache import PublicPageCache
from simulator import htmx, sites
from simulator.events import world_event
from simulator.sandbox import Worlds
from simulator.sites import DEVICES, SITES, SITES_BY_NAME


def create_app(test_config: Mapping | None = None) -> Flask:
    overrides = {**config.from_environment(), **(test_config or {})}
    instance_path = overrides.get("INSTANCE_PATH")
    app = KioskFlask(
        __name__,
        instance_path=str(Path(instance_path).resolve()) if instance_path else None,
        instance_relative_config=True,
    )
    app.config.from_mapping(config.DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.update(overrides)
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    app.config.setdefault("KIOSK_DATABASE", str(instance / "kiosk.db"))
    app.config.setdefault("WORLDS_DIR", str(instance / "worlds"))
    app.config.setdefault("SCENARIOS_DIR", str(SCENARIOS_DIR))
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = config.secret_key(instance)

    # The adviser console (/agent) has its own sessions and cookie, never a learner's.
    app.session_interface = SessionsByPath(sessions.KioskSessionInterface())
    app.extensions["pasapas.worlds"] = Worlds(Path(app.config["WORLDS_DIR"]),
                                              app.config.get("GOLDEN_DIR"))
    compression.init_app(app)  # first: its after-request function must run last
    app.after_request(commit_world)  # second: after everything that records the request
    database.init_app(app)
    csrf.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)

    sites.register(app)
    from kiosk.coach import bp as coach_bp
    from kiosk.coach.engine import on_world_event
    from kiosk.coach.loader import load_catalog
    from kiosk.shell import bp as shell_bp

    app.register_blueprint(shell_bp)
    app.register_blueprint(coach_bp)
    from kiosk.glossary import bp as glossary_bp
    from kiosk.terminal.status import bp as terminal_bp

    app.register_blueprint(glossary_bp)
    app.register_blueprint(terminal_bp)
    from kiosk.agent import bp as agent_bp

    app.register_blueprint(agent_bp)
    from kiosk.records.console import bp as records_bp

    app.register_blueprint(records_bp)  # « Registres » in the console
    app.extensions["pasapas.catalog"] = load_catalog(Path(app.config["SCENARIOS_DIR"]))
    for problem in app.extensions["pasapas.catalog"].errors:
        app.logger.warning("scenario disabled: %s", problem)
    world_event.connect(on_world_event)
    _start_here(app)
    app.before_request(bind_world)
    app.teardown_request(close_world)
    app.context_processor(frame_context)

    # Inside the proxy fix: the cache's key holds the visitor's real address.
    app.wsgi_app = PublicPageCache(app.wsgi_app, float(app.config["PUBLIC_PAGE_CACHE_SECONDS"]))
    if app.config["TRUSTED_PROXIES"]:
        # The console's login throttling counts per address: behind the branch's HTTPS proxy
        # every kiosk would otherwise look like 127.0.0.1.
        proxies = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    if app.config["BENCHMARK_ROUTES"]:
        app.add_url_rule("/_bench/bare", "bench_bare", lambda: "ok")
        app.add_url_rule("/sites/_bench/world", "bench_world", _bench_world)

    with app.app_context():
        sessions.sweep(app, at_start_up=True)  # worlds left by a previous run are wiped
    return app


def _start_here(app: Flask) -> None:
    """« Par où commencer ? » (its rules in scenarios/diagnostic.yaml) and « Mon carnet »."""
    from kiosk.diagnostic import bp as diagnostic_bp
    from kiosk.diagnostic import engine as diagnostic_engine
    from kiosk.diagnostic.model import load as load_diagnostic

    app.register_blueprint(diagnostic_bp)
    from kiosk.carnet import bp as carnet_bp

    app.register_blueprint(carnet_bp)
    loaded = load_diagnostic(Path(app.config["SCENARIOS_DIR"]) / "diagnostic.yaml")
    app.extensions["pasapas.diagnostic"] = loaded
    for problem in loaded.errors:
        app.logger.warning("« Par où commencer ? » is off: %s", problem)
    world_event.connect(diagnostic_engine.on_world_event)
    sessions.learner_session_ended.connect(diagnostic_engine.on_session_ended)


class KioskFlask(Flask):
    """Flask, with the addresses of its pages remembered once built.

    A replica page names forty-odd addresses (its links, its forms, the kiosk's scripts and
    style sheets), and building each one through the URL map cost about a millisecond a page
    in all, a tenth of a bank page (benchmarks/RESULTS.md). They depend only on the endpoint and
    its values (no address here is external, none varies with the host)."""

    _URLS_KEPT = 4096  # a world's own tokens make new addresses: the memory stays bounded

    def url_for(self, endpoint: str, /, *, _anchor: str | None = None,
                _method: str | None = None, _scheme: str | None = None,
                _external: bool | None = None, **values) -> str:
        plain = all(type(value) in (str, int) for value in values.values())
        if (_anchor or _method or _scheme or _external or endpoint[:1] == "." or not plain
                or not has_request_context()):
            return super().url_for(endpoint, _anchor=_anchor, _method=_method,
                                   _scheme=_scheme, _external=_external, **values)
        key = (request.script_root, endpoint, *sorted(values.items()))
        kept = self.__dict__.setdefault("_urls", {})
        url = kept.get(key)
        if url is None:
            url = super().url_for(endpoint, **values)
            if len(kept) >= self._URLS_KEPT:
                kept.clear()
            kept[key] = url
        return url


def _bench_world() -> str:
    """The floor of any logged-in page (benchmarks/wrk_ratio.py): the learner's session and
    world opened and one row of the world read, as every replica page does first; no page."""
    from simulator.world import current_world

    return str(current_world().today)


def bind_world():
    """Every replica request runs in the learner's world; without one, back to the kiosk home.
    The kiosk's own pages see the world too (the devices of the kiosk bar, its date); it opens
    only when something reads it."""
    if "/static/" in request.path or request.path.startswith("/agent"):
        return None
    if not request.path.startswith("/sites/"):
        if getattr(session, "world_id", None):
            sessions.world_of_request()
        return None
    sessions.sweep_now_and_then(current_app._get_current_object())
    world = sessions.world_of_request()
    if world is None:
        return htmx.redirect("/")
    return None


def commit_world(response):
    """A request's writes in its world are one transaction, committed here, after the coach
    has recorded what they meant (a step done, its statement queued, committed in kiosk.db
    during the request). A server killed in between leaves the world as it was before the
    tap and the coach one step ahead: the learner taps again, the world catches up, and no
    step is lost or counted twice (the other order loses the step: docs/reliability.md)."""
    world = g.get("world")
    if world is None:
        return response
    try:
        world.release_writes(commit=response.status_code < 500)
    except (sqlite3.DatabaseError, OSError) as exc:
        world.release_writes(commit=False)
        from kiosk import storage

        if not storage.is_storage_error(exc):
            raise
        if request.method in ("GET", "HEAD"):
            # A page that shows something wrote only bookkeeping (the bank's session clock):
            # on a full disk it is shown all the same, the bookkeeping waits.
            storage.note_failed_bookkeeping(exc)
            return response
        page = storage.response_for(exc)
        if page is None:
            raise
        return page
    return response


def close_world(_exc: BaseException | None = None) -> None:
    world = g.pop("world", None)
    if world is not None:
        world.close()  # a transaction still open (the request failed) is rolled back


def frame_context():
    """What the simulated browser frame shows: the site's address and the learner's session."""
    site = SITES_BY_NAME.get((request.blueprint or "").split(".")[0])
    address = ""
    if g.get("replica_address"):  # a page that stands for another host (a provider's login)
        address = g.replica_address
    elif site and site.address:
        suffix = request.path.removeprefix(f"/sites/{site.name}")
        address = site.address + (suffix if suffix not in ("", "/") else "/")
    return {
        "site_frame_template": "shell/frame.html",
        "site_stylesheets": _site_stylesheets(),
        "current_site": site,
        "site_address": address,
        "in_session": bool(getattr(session, "world_id", None)),
        "devices": DEVICES,
    }


def _site_stylesheets() -> list[str]:
    """Each replica's own stylesheet, loaded on every page (boosted navigation keeps <head>)."""
    from flask import url_for

    kept = current_app.extensions.get("pasapas.site_stylesheets")
    if kept is None:
        kept = current_app.extensions["pasapas.site_stylesheets"] = [
            url_for(f"{site.name}.static", filename=f"{site.name}.css")
            for site in SITES if site.blueprint.has_static_folder]
    return kept
