"""How long records are kept, and forgetting a learner code for good.

Other parts of the kiosk that keep something about a learner (the learning records' outbox)
listen to :data:`learner_forgotten` and :data:`records_purged` and delete their own rows.
"""

from __future__ import annotations

from blinker import Namespace

from kiosk.agent import store
from simulator.db import write_transaction

_signals = Namespace()
#: Sent with ``sender=<database>`` and ``code`` when a learner code and its records are deleted.
learner_forgotten = _signals.signal("learner-forgotten")
#: Sent with ``sender=<database>`` and ``before`` (epoch seconds) after a purge.
records_purged = _signals.signal("records-purged")

# What a purge deletes, table by table: rows older than the cut-off. A running attempt is never
# deleted (a learner may be doing it right now).
_PURGES = {
    "step_results": "DELETE FROM step_results WHERE attempt_id IN (SELECT id FROM attempts "
                    "WHERE status != 'running' AND COALESCE(ended_at, started_at) < :before)",
    "help_requests": "DELETE FROM help_requests WHERE created_at < :before",
    "attempts": "DELETE FROM attempts WHERE status != 'running' "
                "AND COALESCE(ended_at, started_at) < :before",
    "kiosk_notices": "DELETE FROM kiosk_notices WHERE created_at < :before",
    "diagnostics": "DELETE FROM diagnostics WHERE status != 'running' "
                   "AND COALESCE(ended_at, started_at) < :before",
    "session_log": "DELETE FROM session_log WHERE ended_at < :before",
    "login_failures": "DELETE FROM login_failures WHERE at < :before",
    # A code not used since the cut-off, with nothing left behind it, goes too.
    "learners": "DELETE FROM learners WHERE last_seen < :before AND code NOT IN "
                "(SELECT learner_code FROM attempts WHERE learner_code IS NOT NULL) "
                "AND code NOT IN "
                "(SELECT learner_code FROM diagnostics WHERE learner_code IS NOT NULL) "
                "AND code NOT IN "
                "(SELECT json_extract(data, '$.learner') FROM sessions "
                "WHERE json_extract(data, '$.learner') IS NOT NULL)",
    "kiosks": "DELETE FROM kiosks WHERE last_beat < :before",
}


def purge_older_than(db, before: float) -> dict[str, int]:
    """Delete every record older than ``before``; returns how many rows went, per table."""
    removed = {}
    with write_transaction(db):
        for table, sql in _PURGES.items():
            removed[table] = db.execute(sql, {"before": before}).rowcount
    records_purged.send(db, before=before)
    return removed


def forget_learner(db, code: str) -> None:
    """Everything kept locally about a code. A session still using it is ended by the caller."""
    store.delete_learner(db, code)
    if "xapi_outbox" in db.table_names():  # its statements, not yet sent, name the code
        with write_transaction(db):
            db.execute("DELETE FROM xapi_outbox WHERE learner_code = ?", [code])
    learner_forgotten.send(db, code=code)
