"""Schema of instance/kiosk.db: what the kiosk keeps about sessions (and, later, learners)."""

from sqlite_utils.migrations import Migrations

migrations = Migrations("kiosk")


@migrations(transactional=False)
def use_write_ahead_log(db):
    db.enable_wal()


@migrations()
def create_sessions(db):
    db["sessions"].create(
        {
            "id": str,  # the opaque token in the learner's cookie
            "created_at": float,
            "last_seen": float,
            "world_id": str,  # the learner's sandbox, None until a site is started
            "data": str,  # JSON: language, CSRF token, current site…
        },
        pk="id",
    )
    db["sessions"].create_index(["last_seen"])


@migrations()
def create_learning_records(db):
    # Pseudonymous learner codes: nothing else is known about a learner.
    db["learners"].create({"code": str, "created_at": float, "last_seen": float}, pk="code")
    db["attempts"].create(
        {
            "id": int,
            "session_id": str,
            "learner_code": str,  # None for a guest
            "world_id": str,
            "scenario_id": str,
            "site": str,
            "mode": str,  # guide | entrainement | autonomie
            "lang": str,
            "status": str,  # running | passed | failed | abandoned
            "current_step": int,  # index of the step being done
            "hint_level": int,  # 0–3 on the current step (the ladder)
            "step_mistakes": int,  # mistakes on the current step
            "feedback": str,  # JSON of the feedback to show: {"mistake": id, "step": index}
            "score": float,
            "stars": int,
            "started_at": float,
            "step_started_at": float,
            "ended_at": float,
        },
        pk="id",
    )
    db["attempts"].create_index(["world_id", "status"])
    db["attempts"].create_index(["session_id"])
    db["attempts"].create_index(["learner_code"])
    db["step_results"].create(
        {
            "id": int,
            "attempt_id": int,
            "step_index": int,
            "step_id": str,
            "hint_level": int,  # highest rung of the ladder reached
            "highlight": int,  # the highlight with its arrow was shown
            "mistakes": int,
            "outcome": str,  # alone | hints | highlight | mistakes
            "score": float,
            "started_at": float,
            "done_at": float,
        },
        pk="id",
        foreign_keys=[("attempt_id", "attempts", "id")],
    )
    db["step_results"].create_index(["attempt_id"])
    db["help_requests"].create(
        {"id": int, "session_id": str, "attempt_id": int, "created_at": float,
         "acknowledged_at": float},
        pk="id",
    )


@migrations()
def add_critical_mistakes(db):
    # A critical mistake (giving one's codes to a scam site) makes the step worth nothing.
    db["attempts"].add_column("step_critical", int, not_null_default=0)
    db["step_results"].add_column("critical", int, not_null_default=0)


@migrations()
def create_kiosks_and_notices(db):
    # The terminals of the branch: each page sends a heartbeat, so the console knows which
    # kiosk is alive, free or in use, and on which page.
    db["kiosks"].create(
        {"id": str, "first_seen": float, "last_beat": float, "session_id": str, "page": str},
        pk="id",
    )
    # What the adviser sends to a learner's screen: a message, « J'arrive », more time, the end.
    db["kiosk_notices"].create(
        {"id": int, "session_id": str, "kind": str, "text": str, "seconds": int,
         "created_at": float, "delivered_at": float},
        pk="id",
    )
    db["kiosk_notices"].create_index(["session_id", "delivered_at"])


@migrations()
def create_adviser_console(db):
    # The adviser console (issue 5). No default account: advisers are created on the command line
    # (run_kiosk.py adviser add NAME); name_key is the case-folded name that logins compare.
    db["advisers"].create(
        {"id": int, "name": str, "name_key": str, "password_hash": str, "created_at": float,
         "password_changed_at": float, "last_login_at": float},
        pk="id",
    )
    db["advisers"].create_index(["name_key"], unique=True)
    # The console's own server-side sessions, never mixed with the learners' (another cookie).
    db["adviser_sessions"].create(
        {"id": str, "adviser_id": int, "created_at": float, "last_seen": float, "data": str},
        pk="id",
    )
    db["adviser_sessions"].create_index(["adviser_id"])
    # Failed logins, per account (the name typed) and per address: shared by every worker
    # process and kept across restarts (reference: kiosk-security-reliability §3.5).
    db["login_failures"].create({"id": int, "scope": str, "key": str, "at": float}, pk="id")
    db["login_failures"].create_index(["scope", "key", "at"])
    # The parcours an adviser gave to a learner code.
    db["learners"].add_column("parcours_id", str)
    # One row per ended learner session, for the reports per period and per kiosk: the terminal,
    # the pseudonymous code (or none), when it started and ended. Nothing else.
    db["session_log"].create(
        {"id": int, "kiosk_id": str, "learner_code": str, "started_at": float, "ended_at": float,
         "end_reason": str},
        pk="id",
    )
    db["session_log"].create_index(["ended_at"])
    db["session_log"].create_index(["learner_code"])


@migrations()
def create_xapi_outbox(db):
    # Learning records waiting for the LRS (kiosk/records): each statement's id and timestamp
    # are fixed when it is queued, in the transaction that changed the attempt, so a retry
    # sends the very same bytes and the LRS keeps it once (reference
    # kiosk-security-reliability.md §5.5). Rows are never deleted silently: « failed » ones
    # wait for an operator to re-queue them.
    db.execute("""
        CREATE TABLE xapi_outbox (
            id TEXT PRIMARY KEY,                -- the statement's UUID
            attempt_id INTEGER,
            learner_code TEXT,                  -- None for a guest: deleting a code deletes
                                                -- its rows
            verb TEXT NOT NULL,                 -- short name: initialized, interacted, passed…
            statement TEXT NOT NULL,            -- the JSON sent, byte for byte, on every try
            timestamp REAL NOT NULL,            -- the statement's timestamp (epoch seconds)
            created_at REAL NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'sent', 'failed')),
            tries INTEGER NOT NULL DEFAULT 0,   -- answers from the LRS that were not « stored »
            next_attempt_at REAL NOT NULL,
            last_status INTEGER,                -- the LRS's last HTTP status for this row
            last_error TEXT,
            sent_at REAL
        )""")
    db.execute("CREATE INDEX xapi_outbox_due ON xapi_outbox (status, next_attempt_at)")
    db.execute("CREATE INDEX xapi_outbox_attempt ON xapi_outbox (attempt_id)")
    db.execute("CREATE INDEX xapi_outbox_learner ON xapi_outbox (learner_code)")
    # What the relay last saw of the LRS, for `run_kiosk.py records status` and the console.
    db["xapi_relay_status"].create(
        {"id": int, "state": str, "detail": str, "updated_at": float, "last_sent_at": float},
        pk="id",
    )


@migrations()
def count_session_ends_per_kiosk(db):
    # The terminal's launcher restarts Chromium with a fresh profile after every session of its
    # kiosk: it watches this number (kiosk/terminal/status.py, GET /borne/<id>/etat).
    db["kiosks"].add_column("sessions_ended", int, not_null_default=0)


@migrations()
def create_diagnostics(db):
    # « Par où commencer ? » (kiosk/diagnostic): what each task showed and each answer, the
    # proposal; with the learner code when there is one (the adviser sees it), pseudonymous.
    db["diagnostics"].create(
        {
            "id": int,
            "session_id": str,
            "learner_code": str,  # None for a guest
            "world_id": str,
            "lang": str,
            "status": str,  # running | done | stopped
            "phase": str,  # tasks | questions | done
            "task_index": int,
            "task_started_at": float,
            "task_done": int,  # the current task is done: « Continuer » is offered
            "task_wrong": int,  # wrong taps on the current task
            "results": str,  # JSON {task id: {outcome, seconds, wrong}}
            "answers": str,  # JSON {question id: sait | pas_sur | ne_sait_pas}
            "questions": str,  # JSON [question id…]: those asked, in order
            "proposal": str,  # JSON [{parcours, mode, rule}]
            "started_at": float,
            "ended_at": float,
        },
        pk="id",
    )
    db["diagnostics"].create_index(["session_id"])
    db["diagnostics"].create_index(["learner_code"])
    db["diagnostics"].create_index(["world_id", "status"])
    # Its learning records ride in the same outbox as the attempts'.
    db["xapi_outbox"].add_column("diagnostic_id", int)
    db.execute("CREATE INDEX xapi_outbox_diagnostic ON xapi_outbox (diagnostic_id)")
