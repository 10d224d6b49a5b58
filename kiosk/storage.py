"""When the disk or a database fails: a kind page for the learner, a clear line for the operator,
and whatever can be done at once to recover.

A branch's server runs unattended. Its disk fills up, a world file gets truncated, kiosk.db is
damaged: the learner must never see a traceback, only « La borne a besoin d'un moment » with a
way on; the operator must read in the log what happened and what to do; and the kiosk must
work again by itself as soon as it can (space freed by the janitor or the operator, a damaged
world put aside so the learner starts a fresh one). docs/reliability.md has the drills.
"""

from __future__ import annotations

import errno
import logging
import shutil
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app, g, has_request_context, request, session
from flask_babel import gettext as _

from simulator import htmx

log = logging.getLogger("pasapas.storage")

# OSErrors that mean the storage itself is in trouble (not a closed socket, not a bad path).
STORAGE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EROFS}
# What SQLite says when the file is not, or no longer, a database.
CORRUPT_WORDS = ("malformed", "not a database", "file is encrypted", "disk image",
                 "no such table", "no such column")
FULL_WORDS = ("disk is full", "database or disk is full")
NEARLY_FULL_BYTES = 256 * 1024  # less than a world and its journal: writes are failing


@dataclass(frozen=True)
class Trouble:
    kind: str  # "full", "world", "kiosk_db", "busy" (locked, I/O)
    detail: str


def is_storage_error(exc: BaseException | None) -> bool:
    if isinstance(exc, sqlite3.DatabaseError):
        return True
    return isinstance(exc, OSError) and exc.errno in STORAGE_ERRNOS


def diagnose(app: Flask, exc: BaseException) -> Trouble | None:
    """What failed: the disk, the learner's world, or kiosk.db (each checked, cheaply); None
    when the storage is sound and the error is the code's (the ordinary 500 page then)."""
    text = f"{type(exc).__name__}: {exc}"
    free = _free_bytes(Path(app.instance_path))
    if (isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)) or any(
            w in text for w in FULL_WORDS) or (free is not None and free < NEARLY_FULL_BYTES):
        # SQLite often says « disk I/O error » when it could not grow a file: look at the disk.
        return Trouble("full", text)
    world = g.get("world") if has_request_context() else None
    if world is not None and not _is_sound(world.path):
        return Trouble("world", f"{world.id}: {text}")
    if not _is_sound(Path(app.config["KIOSK_DATABASE"])):
        return Trouble("kiosk_db", text)
    if isinstance(exc, OSError) or any(w in text for w in ("locked", "busy", "I/O", "readonly")):
        return Trouble("busy", text)
    return None


BUSY_WORDS = ("locked", "busy")


def _is_sound(path: Path) -> bool:
    """A quick look (PRAGMA quick_check) on a connection of its own, read-only. A file that
    another request is writing answers « database is locked »: busy, not damaged (the soak
    drill found 158 sound worlds put aside, their exercises lost, when the machine was slow)."""
    try:
        if not path.exists() or path.stat().st_size == 0:
            return False
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2)
        try:
            verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
        return verdict == "ok" and tables > 0
    except sqlite3.OperationalError as exc:
        return any(word in str(exc) for word in BUSY_WORDS)
    except sqlite3.DatabaseError:
        return False


# --- what the operator reads -------------------------------------------------------------

_last_said: dict[str, float] = {}
_said_lock = threading.Lock()
SAY_AGAIN_AFTER_SECONDS = 60


def _tell_operator(trouble: Trouble, instance: Path) -> None:
    """One explicit line per damaged world; for what fails every request (a full disk, a
    damaged kiosk.db), one line per minute."""
    if trouble.kind != "world":
        key = f"{instance}:{trouble.kind}"
        with _said_lock:
            now = time.monotonic()
            if now - _last_said.get(key, -1e9) < SAY_AGAIN_AFTER_SECONDS:
                return
            _last_said[key] = now
    free = _free_bytes(instance)
    if trouble.kind == "full":
        log.error("STOCKAGE PLEIN : le disque de %s est plein (%s octets libres). Les apprenants "
                  "voient « La borne a besoin d'un moment ». Le ménage automatique a été lancé ; "
                  "libérez de la place (docs/operators.md). Détail : %s",
                  instance, free, trouble.detail)
    elif trouble.kind == "world":
        log.error("MONDE ABÎMÉ : le monde %s est illisible ; il est mis de côté (worlds/abimes/) "
                  "et l'apprenant recommence avec un monde neuf.", trouble.detail)
    elif trouble.kind == "kiosk_db":
        log.critical("BASE ABÎMÉE : %s/kiosk.db est illisible (%s). Les bornes ne peuvent plus "
                     "ouvrir de séance. Redémarrez le serveur : il remet la dernière sauvegarde "
                     "en place ; ou suivez « Restaurer kiosk.db » dans docs/operators.md.",
                     instance, trouble.detail)
    else:
        log.warning("STOCKAGE : une écriture a échoué (%s) ; la borne a demandé à l'apprenant "
                    "de réessayer.", trouble.detail)


def _free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


# --- what the learner sees ----------------------------------------------------------------

def response_for(exc: BaseException):
    """The page for a request that met ``exc``, after doing what can be done about it; None
    when the storage is not to blame."""
    app = current_app._get_current_object()
    trouble = diagnose(app, exc)
    if trouble is None:
        return None
    instance = Path(app.instance_path)
    _tell_operator(trouble, instance)
    _forget_session_changes()
    if trouble.kind == "full":
        from kiosk import janitor

        janitor.free_space_now_and_then(app)
    if trouble.kind == "world":
        _put_world_aside(app)
    else:
        # The kind page is drawn without the world: its bar would read it again (the phone's
        # unread count) and fail the same way. The request's writes in it are rolled back.
        world = g.pop("world", None)
        if world is not None:
            world.close()
    return _page(trouble)


def note_failed_bookkeeping(exc: BaseException) -> None:
    """A write that only kept time failed (a page was shown all the same): tell the operator
    and free space if the disk is full, without changing the learner's page."""
    app = current_app._get_current_object()
    trouble = diagnose(app, exc)
    if trouble is None:
        return
    _tell_operator(trouble, Path(app.instance_path))
    if trouble.kind == "full":
        from kiosk import janitor

        janitor.free_space_now_and_then(app)


def _forget_session_changes() -> None:
    """The session is not saved with this answer: kiosk.db may be what is failing (and when
    it could not even be read, the page is drawn for a visitor without one)."""
    from flask.globals import request_ctx

    from kiosk.sessions import KioskSession

    if getattr(request_ctx, "_session", False) is None:  # Flask 3.1: opened lazily, asserted
        request_ctx._session = KioskSession()
    g.quiet_request = True
    if getattr(session, "modified", None) is not None and not getattr(session, "ended", False):
        session.modified = False


def _put_world_aside(app: Flask) -> None:
    """A damaged world cannot be mended: it is moved aside for the operator, the running
    exercise is closed (its records say why), and the learner starts again with a new world."""
    from kiosk.coach import store as coach_store
    from kiosk.database import get_db

    world = g.pop("world", None)
    if world is None:
        return
    world.close()
    aside = Path(app.config["WORLDS_DIR"]) / "abimes"
    try:
        aside.mkdir(parents=True, exist_ok=True)
        shutil.move(str(world.path), aside / world.path.name)
    except OSError:
        world.path.unlink(missing_ok=True)
    for suffix in ("-journal", "-wal", "-shm"):
        Path(f"{world.path}{suffix}").unlink(missing_ok=True)
    sid = getattr(session, "sid", None)
    if sid:
        try:
            coach_store.abandon_running(get_db(), sid, "world_lost")
            session.bind_world(None)
            for key in ("site", "persona"):
                session.pop(key, None)
            session.modified = True
            g.quiet_request = False
        except sqlite3.DatabaseError:
            pass


def _page(trouble: Trouble):
    if trouble.kind == "world":
        explanation = _("Cet exercice s'est arrêté. Ce n'est pas de votre faute. "
                        "Vous pouvez le recommencer depuis l'accueil.")
        retry = None
    else:
        explanation = _("Ce n'est pas de votre faute. Rien de ce que vous avez fait n'est perdu. "
                        "Réessayez dans un instant, ou appelez le conseiller.")
        retry = _retry_address()
    response = htmx.render("errors/needs_a_moment.html", status=503,
                           title=_("La borne a besoin d'un moment."), explanation=explanation,
                           retry=retry, in_session=False)
    response.headers["Retry-After"] = "30"
    if htmx.is_htmx():
        response.headers["HX-Retarget"] = "body"
        response.headers["HX-Reswap"] = "innerHTML"
    return response


def _retry_address() -> str:
    """Where « Réessayer » goes: the page the learner was on (htmx tells it), or this one."""
    current = request.headers.get("HX-Current-URL", "")
    if current.startswith(request.host_url):
        return "/" + current[len(request.host_url):]
    if request.method == "GET":
        return request.full_path.rstrip("?")
    return "/"
