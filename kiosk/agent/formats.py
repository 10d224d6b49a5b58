"""How the console writes durations, dates and numbers: the French way, plainly."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from kiosk.agent import bp


@bp.app_template_filter("agent_duration")
def duration(seconds: float | None) -> str:
    """« à l'instant », « 4 min », « 1 h 05 »: minutes are enough to see who waits."""
    if seconds is None:
        return "—"
    minutes = int(seconds // 60)
    if minutes < 1:
        return _("moins d'une minute")
    if minutes < 60:
        return _("%(n)s min", n=minutes)
    return _("%(h)s h %(m)02d", h=minutes // 60, m=minutes % 60)


def duration_words(seconds: float | None) -> str:
    """A total time for the reports: « 2 h 10 », « 12 min », « 40 s »."""
    if seconds is None:
        return "—"
    if seconds < 60:
        return _("%(n)s s", n=int(round(seconds)))
    return duration(seconds)


bp.add_app_template_filter(duration_words, "agent_total")


@bp.app_template_filter("agent_datetime")
def date_time(timestamp: float | None) -> str:
    if not timestamp:
        return "—"
    return datetime.fromtimestamp(timestamp).strftime("%d/%m/%Y %H:%M")


@bp.app_template_filter("agent_date")
def date(timestamp: float | None) -> str:
    if not timestamp:
        return "—"
    return datetime.fromtimestamp(timestamp).strftime("%d/%m/%Y")


def decimal_fr(value: float | None, places: int = 1) -> str:
    """0.75 → « 0,8 » (places=1): a decimal comma, as a French spreadsheet reads it."""
    if value is None:
        return ""
    return f"{value:.{places}f}".replace(".", ",")


@bp.app_template_filter("agent_percent")
def percent(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{round(value * 100)} %"
