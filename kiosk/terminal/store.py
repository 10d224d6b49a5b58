"""The SQL of the terminals' status (instance/kiosk.db, table kiosks)."""

from __future__ import annotations

from simulator.db import write_transaction


def count_session_end(db, kiosk_id: str, session_id: str) -> bool:
    """The session on this kiosk's screen has ended: count it. A session the screen no longer
    shows (the one a restarted browser left behind, which expires minutes later) is not
    counted: it must not restart the browser of the learner who came next."""
    with write_transaction(db):
        changed = db.execute(
            "UPDATE kiosks SET sessions_ended = sessions_ended + 1 WHERE id = ? AND session_id = ?",
            [kiosk_id, session_id]).rowcount
    return bool(changed)


def status(db, kiosk_id: str) -> tuple[int, float | None]:
    """How many sessions of this kiosk have ended, and when its page last sent a heartbeat."""
    row = db.execute("SELECT sessions_ended, last_beat FROM kiosks WHERE id = ?",
                     [kiosk_id]).fetchone()
    return (row[0], row[1]) if row else (0, None)
