"""« Par où commencer ? » as the adviser reads it on the learner's page of the console (in
French, like the console): each task with what it showed, each answer, the proposal."""

from __future__ import annotations

from flask import current_app

from kiosk.diagnostic import store

OUTCOME_WORDS = {"a_l_aise": "à l'aise", "hesitant": "hésitant", "pas_encore": "pas encore"}
ANSWER_WORDS = {"sait": "Je sais faire", "pas_sur": "Je ne suis pas sûr",
                "ne_sait_pas": "Je ne sais pas"}
MODE_WORDS = {"guide": "Guidé", "entrainement": "Entraînement"}
STATUS_WORDS = {"done": "terminé", "stopped": "arrêté avant la fin", "running": "en cours"}


def of_learner(db, code: str) -> list[dict]:
    loaded = current_app.extensions["pasapas.diagnostic"].diagnostic
    tasks = {t.id: t for t in loaded.tasks} if loaded else {}
    questions = {q.id: q for q in loaded.questions} if loaded else {}
    rules = {r.id: r for r in loaded.rules} if loaded else {}
    titles = {p.id: p.title["fr"] for p in current_app.extensions["pasapas.catalog"].parcours}
    shown = []
    for found in store.of_learner(db, code):
        shown.append({
            "started_at": found["started_at"],
            "status": STATUS_WORDS.get(found["status"], found["status"]),
            "tasks": [{"gesture": tasks[tid].gesture["fr"] if tid in tasks else tid,
                       "outcome": OUTCOME_WORDS.get(r["outcome"], r["outcome"]),
                       "seconds": r["seconds"], "wrong": r["wrong"]}
                      for tid, r in found["results"].items()],
            "answers": [{"question": " ".join(questions[qid].text["fr"].split("\n"))
                         if qid in questions else qid,
                         "answer": ANSWER_WORDS.get(a, a)} for qid, a in found["answers"].items()],
            "proposal": [{"title": titles.get(p["parcours"], p["parcours"]),
                          "mode": MODE_WORDS.get(p["mode"], p["mode"]),
                          "why": rules[p["rule"]].why["fr"] if p["rule"] in rules
                          else (loaded.default.why["fr"] if loaded else ""),
                          "rule": p["rule"]} for p in found["proposal"]],
        })
    return shown
