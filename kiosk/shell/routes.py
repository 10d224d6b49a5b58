"""Home, language, starting and ending a session, the persona card, the health check."""

from __future__ import annotations

import time

from flask import abort, current_app, redirect, render_template, request, session, url_for

from kiosk.coach.mission import mission_for_session
from kiosk.coach.progress import parcours_overview
from kiosk.database import get_db
from kiosk.shell import bp
from kiosk.shell.persona_card import card_for
from simulator import clock
from simulator.sites import LEARNER_SITES


@bp.get("/")
def home(kiosk_id: str | None = None):
    """Shows the choices and writes nothing: the session is born when the learner acts."""
    tiles = [{"site": site.name, "title": site.tile.title, "text": site.tile.text,
              "icon": site.tile.icon} for site in LEARNER_SITES]
    overview = parcours_overview()
    by_id = {item["parcours"].id: item for item in overview}
    return render_template("shell/home.html", tiles=tiles, ended=request.args.get("fin"),
                           parcours=overview, parcours_by_id=by_id.get,
                           **({"terminal_id": kiosk_id} if kiosk_id else {}))


@bp.post("/langue")
def choose_language():
    lang = request.form.get("lang", "")
    if lang not in current_app.config["LANGUAGES"]:
        abort(400)
    session["lang"] = lang
    return redirect(_local_path(request.form.get("next")) or url_for("shell.home"), 303)


@bp.post("/seance/commencer")
def start():
    site_name = request.form.get("site", "")
    site = next((s for s in LEARNER_SITES if s.name == site_name), None)
    if site is None:
        abort(400)
    worlds = current_app.extensions["pasapas.worlds"]
    worlds.destroy(session.world_id)
    world = worlds.create(
        site.default_persona,
        day=clock.real_today(),
        seed=current_app.config["SIMULATOR_SEED"],
    )
    session.bind_world(world.id)
    session["site"] = site.name
    session["persona"] = site.default_persona
    session["started_at"] = time.time()
    return redirect(url_for("shell.persona_card"), 303)


@bp.get("/seance/fiche")
def persona_card():
    if not session.world_id:
        return redirect(url_for("shell.home"))
    site = session.get("site")
    mission, start_url = mission_for_session(site)
    return render_template("shell/persona_card.html", card=card_for(session["persona"], site),
                           mission=mission, start_url=start_url)


@bp.post("/seance/terminer")
def end():
    """« Terminer »: the world, the session and what the browser kept are wiped."""
    kiosk_id = session.get("kiosk")
    # The inactivity countdown posts this form too (idle.js): the records tell the two apart.
    session.end("expired" if request.form.get("raison") == "inactivite" else "finished")
    # Back to the kiosk's own address, so the next learner's session still knows the terminal.
    target = url_for("shell.kiosk_start", kiosk_id=kiosk_id, fin=1) if kiosk_id else url_for(
        "shell.home", fin=1)
    response = redirect(target, 303)
    # Honoured on HTTPS and localhost; the home page also clears storage itself (kiosk.js).
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response


@bp.get("/healthz")
def health():
    get_db().execute("SELECT 1").fetchone()
    return {"status": "ok"}


def _local_path(target: str | None) -> str | None:
    """Only paths on this server are followed after a language change."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@bp.app_context_processor
def side_panel_context():
    def persona_card_for_panel():
        return card_for(session["persona"], session.get("site"))

    return {"persona_card_for_panel": persona_card_for_panel}
