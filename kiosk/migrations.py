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
