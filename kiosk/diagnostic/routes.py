"""« Par où commencer ? »: the presentation, the tasks' panel, the questions, the proposal."""

from __future__ import annotations

import time

from flask import abort, current_app, g, redirect, render_template, request, session, url_for
from flask_babel import get_locale

from kiosk.database import get_db
from kiosk.diagnostic import bp, engine, store
from kiosk.diagnostic.model import ANSWERS
from kiosk.sessions import create_row
from simulator import htmx

# The panel's words for what a finished task showed: kind, never a mark.
DONE, SKIPPED = "done", "skipped"


def _lang() -> str:
    return str(get_locale())


def _running() -> dict | None:
    found = store.latest_for_session(get_db(), session.sid)
    if found is None or found["status"] != "running":
        return None
    return found


@bp.get("/commencer")
def intro():
    """Writes nothing: the session is born when the learner taps « Commencer »."""
    if engine.definition() is None:
        abort(404)
    return render_template("diagnostic/intro.html", task_count=len(engine.definition().tasks),
                           question_count=len(engine.asked_questions()))


@bp.post("/commencer")
def begin():
    definition = engine.definition() or abort(404)
    worlds = current_app.extensions["pasapas.worlds"]
    worlds.destroy(session.world_id)
    from simulator import clock

    world = worlds.create(definition.persona, day=clock.real_today(),
                          seed=current_app.config["SIMULATOR_SEED"])
    session.bind_world(world.id)
    session.update(site="gestes", persona=definition.persona, started_at=time.time())
    running = engine.start(get_db(), session_id=create_row(session),
                           learner_code=session.get("learner"), world=world, lang=_lang())
    world.close()
    return redirect(definition.tasks[running["task_index"]].start, 303)


@bp.post("/commencer/passer")
def skip():
    running = _running()
    if running:
        engine.skip_task(running)
    return _back_to_page()


@bp.post("/commencer/suivant")
def next_step():
    running = _running()
    if running is None:
        return htmx.redirect(url_for("shell.home"))
    if running["phase"] == "tasks" and running["task_done"]:
        if engine.next_task(running):
            world = current_app.extensions["pasapas.worlds"].open(session.world_id)
            if world is None:
                return htmx.redirect(url_for("shell.home"))
            start = engine.begin_task(world, store.get(get_db(), running["id"]))
            world.close()
            return htmx.redirect(start)
    if running["phase"] == "tasks" and not running["task_done"]:
        return _back_to_page()
    return htmx.redirect(url_for("diagnostic.question"))


@bp.post("/commencer/arreter")
def stop():
    running = _running()
    if running:
        engine.finish(running, stopped=True)
        _fresh_world(running)
    return htmx.redirect(url_for("diagnostic.result"))


def _fresh_world(running: dict) -> None:
    """The tasks are over: their world (a fake SMS perhaps unread) gives way to a quiet one, so
    that the home page does not say an exercise is running; « Terminer » stays."""
    worlds = current_app.extensions["pasapas.worlds"]
    worlds.destroy(session.world_id)
    from simulator import clock

    world = worlds.create(engine.definition().persona, day=clock.real_today(),
                          seed=current_app.config["SIMULATOR_SEED"])
    world.close()
    session.bind_world(world.id)
    # The diagnostic keeps the quiet world's id: the home page knows no exercise is running.
    store.update(get_db(), running["id"], world_id=world.id)


@bp.route("/commencer/question", methods=["GET", "POST"])
def question():
    running = _running()
    if running is None:
        return redirect(url_for("diagnostic.result" if session.sid else "shell.home"))
    if running["phase"] == "tasks":
        return redirect(engine.definition().tasks[running["task_index"]].start)
    asked = {q.id: q for q in engine.asked_questions() if q.id in running["questions"]}
    if request.method == "POST":
        chosen = asked.get(request.form.get("question", ""))
        given = request.form.get("reponse", "")
        if chosen is None or given not in ANSWERS:
            abort(400)
        if chosen.id not in running["answers"]:
            engine.answer(running, chosen, given)
        return redirect(url_for("diagnostic.question"), 303)
    waiting = [asked[qid] for qid in running["questions"]
               if qid in asked and qid not in running["answers"]]
    if not waiting:
        engine.finish(running)
        _fresh_world(running)
        return redirect(url_for("diagnostic.result"))
    number = len(running["answers"]) + 1
    return render_template("diagnostic/question.html", question=waiting[0], number=number,
                           total=len(asked), lang=_lang())


@bp.get("/commencer/resultat")
def result():
    found = store.latest_for_session(get_db(), session.sid)
    if found is None or found["status"] == "running":
        return redirect(url_for("shell.home"))
    catalog = current_app.extensions["pasapas.catalog"]
    titles = {p.id: p.title for p in catalog.parcours}
    proposals = [{**item, "title": titles[item["parcours"]], "why": engine.why(item, _lang())}
                 for item in found["proposal"] if item["parcours"] in titles]
    return render_template("diagnostic/result.html", proposals=proposals,
                           stopped=found["status"] == "stopped", lang=_lang())


def _back_to_page():
    """After a button of the panel: the new panel for htmx, the page again without it."""
    if htmx.wants_fragment():
        return panel_fragment()
    back = request.referrer if (request.referrer or "").startswith(request.host_url) else None
    return redirect(back or url_for("shell.home"), 303)


def panel_fragment():
    panel = _panel()
    if panel is None:
        return "", 204
    return render_template("diagnostic/_panel.html", panel=panel)


def _panel() -> dict | None:
    running = _running() if session.sid and session.world_id else None
    if running is None or running["world_id"] != session.world_id or running["phase"] != "tasks":
        return None
    definition = engine.definition()
    task = definition.tasks[running["task_index"]]
    result = running["results"].get(task.id) if running["task_done"] else None
    return {"task": task, "number": running["task_index"] + 1, "total": len(definition.tasks),
            "state": (SKIPPED if result and result["outcome"] == "pas_encore"
                      else DONE if result else "doing"),
            "lang": _lang()}


@bp.app_context_processor
def diagnostic_context():
    def diagnostic_panel():
        if getattr(g, "_diagnostic_panel", None) is None:
            g._diagnostic_panel = _panel() or False
        return g._diagnostic_panel or None

    def diagnostic_proposal() -> list[dict]:
        """What « Par où commencer ? » proposed to this learner (code) or this guest session."""
        if getattr(g, "_diagnostic_proposal", None) is None:
            g._diagnostic_proposal = store.latest_proposal(
                get_db(), learner_code=session.get("learner"), session_id=session.sid)
        return g._diagnostic_proposal

    def after_diagnostic() -> bool:
        """The session's world is the quiet one left by a finished diagnostic."""
        if not (session.sid and session.world_id):
            return False
        latest = store.latest_for_session(get_db(), session.sid)
        return bool(latest and latest["status"] != "running"
                    and latest["world_id"] == session.world_id)

    def advised_mode(scenario_id: str) -> str | None:
        """The mode proposed for the parcours this exercise belongs to, if any."""
        parcours = {p.id: p for p in current_app.extensions["pasapas.catalog"].parcours}
        return next((item["mode"] for item in diagnostic_proposal()
                     if item["parcours"] in parcours
                     and scenario_id in parcours[item["parcours"]].scenarios), None)

    return {"diagnostic_panel": diagnostic_panel, "diagnostic_proposal": diagnostic_proposal,
            "advised_mode": advised_mode,
            "diagnostic_offered": engine.definition() is not None,
            "after_diagnostic": after_diagnostic}


@bp.after_app_request
def refresh_the_panel_out_of_band(response):
    """A fragment swap on the replica finished a task: send the new panel with it."""
    if (getattr(g, "diagnostic_changed", False) and htmx.wants_fragment()
            and response.status_code == 200 and response.mimetype == "text/html"
            and not request.path.startswith("/commencer")):
        g._diagnostic_panel = None
        panel = _panel()
        if panel:
            response.set_data(response.get_data(as_text=True) + render_template(
                "diagnostic/_panel.html", panel=panel, oob=True))
    return response
