"""Choosing an exercise and a mode, the coach panel's buttons, the end screen, learner codes."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

from flask import abort, current_app, g, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from markupsafe import Markup, escape

from kiosk import store as kiosk_store
from kiosk.coach import bp, engine, store
from kiosk.coach.codes import new_code, normalise
from kiosk.coach.panel import build
from kiosk.coach.progress import parcours_progress
from kiosk.coach.summary import summary_of
from kiosk.coach.world_setup import prepare_world
from kiosk.database import get_db
from kiosk.sessions import create_row
from simulator import htmx


def _lang() -> str:
    return str(get_locale())


@bp.get("/parcours/<parcours_id>")
def parcours(parcours_id: str):
    chosen = next((p for p in engine.catalog().parcours if p.id == parcours_id), None)
    if chosen is None:
        abort(404)
    return render_template("coach/parcours.html", parcours=chosen,
                           progress=parcours_progress(chosen, _passed()), lang=_lang())


@bp.get("/exercices/<scenario_id>")
def scenario_intro(scenario_id: str):
    scenario = engine.catalog().scenarios.get(scenario_id) or abort(404)
    return render_template("coach/intro.html", scenario=scenario, lang=_lang(),
                           modes=engine.MODES)


@bp.post("/exercices/<scenario_id>/commencer")
def start(scenario_id: str):
    scenario = engine.catalog().scenarios.get(scenario_id) or abort(404)
    mode = request.form.get("mode", "")
    if mode not in engine.MODES:
        abort(400)
    current_app.extensions["pasapas.worlds"].destroy(session.world_id)
    world = prepare_world(scenario, seed=current_app.config["SIMULATOR_SEED"])
    session.bind_world(world.id)
    session.update(site=scenario.site, persona=scenario.persona, started_at=time.time())
    store.create_attempt(get_db(), session_id=create_row(session),
                         learner_code=session.get("learner"),
                         world_id=world.id, scenario_id=scenario.id, site=scenario.site,
                         mode=mode, lang=_lang())
    return redirect(url_for("shell.persona_card"), 303)


def _running_attempt():
    attempt = store.latest_attempt_for_session(get_db(), session.sid)
    if attempt is None or attempt["world_id"] != session.world_id:
        return None
    return attempt


def _panel_response():
    """After a button of the panel: the new panel for htmx, the same page again without it."""
    if not htmx.wants_fragment():
        back = request.referrer if _same_origin(request.referrer) else url_for("shell.home")
        return redirect(back, 303)
    return panel_fragment()


@bp.get("/coach/panneau")
def panel_fragment():
    """The panel as it is now: the page asks after something it cannot see (a download)."""
    attempt = _running_attempt()
    if attempt is None:
        return "", 204
    scenario = engine.scenario_of(attempt)
    return render_template("coach/_panel.html", panel=build(attempt, scenario, _lang()),
                           help_request=store.open_help_request(get_db(), session.sid))


@bp.post("/coach/indice")
def hint():
    attempt = _running_attempt()
    if attempt:
        engine.ask_hint(attempt)
    return _panel_response()


@bp.post("/coach/aide")
def ask_for_help():
    attempt = _running_attempt()
    if session.sid:
        store.record_help_request(get_db(), session.sid, attempt["id"] if attempt else None)
        if session.get("kiosk"):
            # The board names the kiosk at once, without waiting for the next heartbeat.
            kiosk_store.record_heartbeat(get_db(), session["kiosk"], time.time(), session.sid,
                                         urlsplit(request.referrer or "").path)
    return _panel_response()


@bp.post("/coach/arreter")
def stop():
    attempt = _running_attempt()
    if attempt and attempt["status"] == "running":
        engine.stop(attempt)
    return htmx.redirect(url_for("coach.result"))


@bp.get("/coach/resultat")
def result():
    attempt = store.latest_attempt_for_session(get_db(), session.sid)
    if attempt is None:
        return redirect(url_for("shell.home"))
    scenario = engine.scenario_of(attempt) or abort(404)
    return render_template("coach/result.html", summary=summary_of(attempt, scenario, _lang(),
                                                                    _passed()))


# --- learner codes --------------------------------------------------------------------------

@bp.get("/code")
def code_page():
    return render_template("coach/code.html", error=None, new=None)


@bp.post("/code")
def enter_code():
    code = normalise(request.form.get("code"))
    if code is None or not store.learner_exists(get_db(), code):
        return render_template("coach/code.html", error=True, new=None,
                               typed=(request.form.get("code") or "")[:20])
    session["learner"] = code
    store.touch_learner(get_db(), code)
    # A code the adviser gave with a parcours opens that parcours: the learner is where the
    # adviser meant them to start, without having to find it.
    assigned = store.assigned_parcours(get_db(), code)
    if assigned and any(p.id == assigned for p in engine.catalog().parcours):
        fallback = url_for("coach.parcours", parcours_id=assigned)
    else:
        fallback = url_for("shell.home")
    return redirect(_local(request.form.get("next")) or fallback, 303)


@bp.post("/code/nouveau")
def create_code():
    for _ in range(20):
        code = new_code()
        if store.create_learner(get_db(), code):
            break
    else:  # pragma: no cover - 64 million codes
        abort(500)
    session["learner"] = code
    return render_template("coach/code.html", error=None, new=code)


@bp.post("/code/oublier")
def forget_code():
    session.pop("learner", None)
    return redirect(url_for("shell.home"), 303)


def _passed() -> dict[str, int]:
    return store.passed_scenarios(get_db(), learner_code=session.get("learner"),
                                  session_id=session.sid)


def _same_origin(url: str | None) -> bool:
    return bool(url) and url.startswith(request.host_url)


def _local(target: str | None) -> str | None:
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return None


@bp.app_context_processor
def coach_context():
    """The coach panel is drawn on every page of the frame while an attempt is on."""

    def coach_panel():
        if getattr(g, "_coach_panel", None) is None:
            attempt = _running_attempt() if session.world_id and session.sid else None
            scenario = engine.scenario_of(attempt) if attempt else None
            g._coach_panel = (build(attempt, scenario, _lang()) if scenario else False)
        return g._coach_panel or None

    def help_request():
        return store.open_help_request(get_db(), session.sid) if session.sid else None

    return {"coach_panel": coach_panel, "coach_help_request": help_request}


@bp.app_template_filter("text_in")
def _text_in(texts: dict, lang: str) -> str:
    from kiosk.coach.model import text_in

    return text_in(texts, lang)


@bp.app_template_filter("lines_in")
def _lines_in(texts: dict, lang: str) -> list[str]:
    from kiosk.coach.model import lines_in

    return lines_in(texts, lang)


@bp.app_template_filter("isolate_quotes")
def _isolate_quotes(line: str) -> Markup:
    """Each « quoted » word of the replica is isolated: in Arabic, a French word in guillemets
    (« Valider ? », « 520,00 € ») would otherwise come out in the wrong order."""
    escaped = str(escape(line))
    return Markup(re.sub(r"«[^»]*»", lambda m: f"<bdi>{m.group(0)}</bdi>", escaped))


@bp.app_template_global("scenarios_by_id")
def _scenario_by_id(scenario_id: str):
    return engine.catalog().scenarios.get(scenario_id)


@bp.after_app_request
def refresh_the_coach_out_of_band(response):
    """A fragment swap on the replica moved the exercise on: send the new panel with it."""
    if (getattr(g, "coach_changed", False) and htmx.wants_fragment()
            and response.status_code == 200 and response.mimetype == "text/html"
            and not request.path.startswith("/coach/")):
        g._coach_panel = None
        context = coach_context()
        panel = context["coach_panel"]()
        if panel:
            response.set_data(response.get_data(as_text=True) + render_template(
                "coach/_panel.html", panel=panel, oob=True))
    return response
