"""« Registres » in the adviser console (/agent/registres): how many learning records wait,
failed or went to the LRS, re-queue the failed ones, download the waiting ones as JSON lines.

The console speaks French only (staff): these strings are extracted with the console's
(kiosk/agent/babel.cfg), not with the learners' chrome.
"""

from __future__ import annotations

import time
import urllib.parse

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError

from kiosk.agent import add_console_page
from kiosk.agent import errors as console_errors
from kiosk.agent.auth import login_required
from kiosk.database import get_db
from kiosk.records import store

bp = Blueprint("records", __name__, url_prefix="/agent/registres",
               template_folder="templates")
add_console_page("records.console", _l("Registres"))

# The console's own error pages (its menu, plain words), not the learners' ones.
bp.register_error_handler(CSRFError, console_errors.expired_form)
for _code in (400, 404, 405):
    bp.register_error_handler(_code, console_errors.http_error)

EXPORTABLE = ("pending", "failed")
# What each statement says, in the adviser's words.
VERB_NAMES = {"initialized": _l("début d'exercice"), "interacted": _l("étape faite"),
              "completed": _l("exercice terminé"), "passed": _l("réussi"),
              "failed": _l("pas réussi"), "terminated": _l("fin d'exercice"),
              "abandoned": _l("exercice arrêté")}


@bp.get("/")
@login_required
def console():
    db = get_db()
    oldest = store.oldest_pending_at(db)
    return render_template(
        "records/console.html", active_page="records.console", counts=store.counts(db),
        oldest_seconds=time.time() - oldest if oldest else None, verb_names=VERB_NAMES,
        lrs_host=_host(current_app.config.get("XAPI_LRS_URL")), relay=store.relay_status(db),
        failures=store.failures(db, limit=20),
        keep_days=current_app.config["XAPI_KEEP_SENT_DAYS"])


@bp.post("/remettre-en-file")
@login_required
def requeue():
    count = store.requeue_failed(get_db())
    flash(_("%(n)s déclaration(s) remise(s) en file : le relais va les renvoyer.", n=count)
          if count else _("Aucune déclaration en échec."))
    return redirect(url_for("records.console"), 303)


@bp.get("/export")
@login_required
def export():
    status = request.args.get("statut", "pending")
    if status not in EXPORTABLE:
        abort(400)
    lines = list(store.statements(get_db(), status))  # read now: the connection is per request
    name = f"pasapas-registres-{'en-attente' if status == 'pending' else 'en-echec'}-" \
           f"{time.strftime('%Y-%m-%d')}.jsonl"
    return Response(stream_with_context(line + "\n" for line in lines),
                    mimetype="application/x-ndjson",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _host(url: str | None) -> str | None:
    """Where the LRS is, without anything that may sit in its address (a password)."""
    if not url:
        return None
    parts = urllib.parse.urlsplit(str(url))
    return f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")
