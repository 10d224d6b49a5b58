"""Inactivity (reference kiosk-security-reliability §2): after KIOSK_IDLE_SECONDS without a tap,
« Vous êtes toujours là ? » with a countdown; without an answer the session ends like
« Terminer » (idle.js posts the same form). The page learns its timings from data attributes
on ``.page`` (no inline script); the server learns of the learner's activity from
``/seance/presence``, so that a learner who taps without loading pages is not expired.
"""

from __future__ import annotations

from flask import current_app, session

from kiosk.sessions import BOOKKEEPING_KEYS
from kiosk.shell import bp

# Whatever the configuration says, a learner gets at least this long to answer.
MIN_COUNTDOWN_SECONDS = 20
# Session keys that say nothing about the learner (the terminal, the CSRF secrets, the time the
# adviser added): a session holding only these has nothing to forget.
NOT_THE_LEARNER = BOOKKEEPING_KEYS | {"extra_seconds"}


def timings(config) -> dict:
    """The warning's delay and its countdown, in seconds, as the page uses them."""
    return {
        "seconds": max(1, int(config["KIOSK_IDLE_SECONDS"])),
        "countdown": max(MIN_COUNTDOWN_SECONDS, int(config["KIOSK_IDLE_COUNTDOWN_SECONDS"])),
    }


def learner_present() -> bool:
    """Something of a learner is in the session: a world, a language, display options, a code."""
    if getattr(session, "world_id", None):
        return True
    return any(key not in NOT_THE_LEARNER for key in session.keys())


@bp.post("/seance/presence")
def presence():
    """« Je suis encore là », or taps without a page load: the session's clock starts again
    (the session interface records the request as activity)."""
    return "", 204


@bp.app_context_processor
def idle_context():
    return {"idle_timings": timings(current_app.config) if learner_present() else None}
