"""Display options of the learner's screen: text size, high contrast, less motion.

They belong to the learner's session (the server-side session, so they follow every page and
are forgotten with everything else when the session ends) and show as classes on the page
wrapper (``.page``): boosted navigation swaps what is inside <body>, never <body> itself.
"""

from __future__ import annotations

from flask import abort, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l

from kiosk.shell import bp
from kiosk.shell.routes import _local_path
from simulator import htmx

# Three steps of text size: the class zooms the screen's content (the replicas size their text in
# pixels, like the real sites, so only a zoom makes everything bigger together).
TEXT_SIZES = {
    "normal": {"label": _l("Normale"), "class": ""},
    "grand": {"label": _l("Grande"), "class": "display-text-large"},
    "tres-grand": {"label": _l("Très grande"), "class": "display-text-larger"},
}
# The on/off options: form field → (session key, class on .page).
SWITCHES = {
    "contraste": ("contrast", "display-contrast"),
    "animations": ("calm", "display-calm"),
}
DEFAULT = {"text": "normal", "contrast": False, "calm": False}


def current() -> dict:
    """The learner's display options (the defaults until they change one)."""
    chosen = session.get("display") or {}
    options = {**DEFAULT, **{k: v for k, v in chosen.items() if k in DEFAULT}}
    if options["text"] not in TEXT_SIZES:
        options["text"] = DEFAULT["text"]
    return options


def page_classes(options: dict) -> str:
    classes = [TEXT_SIZES[options["text"]]["class"]]
    classes += [css for key, css in SWITCHES.values() if options[key]]
    return " ".join(c for c in classes if c)


@bp.post("/affichage")
def set_display():
    """One change per tap: ``texte=grand``, ``contraste=oui|non`` or ``animations=moins|normal``."""
    options = current()
    if "texte" in request.form:
        if request.form["texte"] not in TEXT_SIZES:
            abort(400)
        options["text"] = request.form["texte"]
    elif "contraste" in request.form:
        options["contrast"] = _switch(request.form["contraste"], on="oui", off="non")
    elif "animations" in request.form:
        options["calm"] = _switch(request.form["animations"], on="moins", off="normal")
    else:
        abort(400)
    session["display"] = options
    if htmx.wants_fragment():
        # The panel comes back, still open; display.js copies its classes onto .page.
        return render_template("shell/partials/_display_switch.html", panel_open=True,
                               display_next=_local_path(request.form.get("next")))
    return redirect(_local_path(request.form.get("next")) or url_for("shell.home"), 303)


def _switch(value: str, *, on: str, off: str) -> bool:
    if value not in (on, off):
        abort(400)
    return value == on


@bp.app_context_processor
def display_context():
    options = current()
    return {"display": options, "display_classes": page_classes(options),
            "text_sizes": TEXT_SIZES}
