"""The simulated world's idea of "now".

Each world has its own date, fixed when it is created (``world_meta.today``): the day its golden
database was built for, so that the bank's history, France Travail's monthly window, a payslip's
month and the phone's clock all agree. A scenario may put its world on another day
(``setup.date``: the next 2nd of a month, to be inside the actualisation window whatever the real
day). Outside a world, tests pin the kiosk's date with ``SIMULATOR_TODAY`` (YYYY-MM-DD). The time
of day stays the real one, so that inactivity timers keep working.

A world's date moves on with the real one: a session that crosses midnight is on the next day
after it, as a learner would be on the real site (its clock never runs backwards: a beneficiary
activated at 23:59 is still active at 00:01). ``SIMULATOR_CLOCK_SHIFT_SECONDS`` moves the
kiosk's clock (the midnight and daylight-saving drills); elapsed times (inactivity, an
exercise's duration) are counted in seconds since the epoch, which no clock change touches.
"""

from __future__ import annotations

import calendar
import datetime as dt
import time
from zoneinfo import ZoneInfo

from flask import current_app, g, has_app_context

PARIS = ZoneInfo("Europe/Paris")


def real_now() -> dt.datetime:
    """The kiosk's own time, in Paris (shifted by the drills' setting)."""
    shift = current_app.config.get("SIMULATOR_CLOCK_SHIFT_SECONDS") if has_app_context() else None
    return dt.datetime.fromtimestamp(time.time() + float(shift or 0), PARIS)


def real_today() -> dt.date:
    """The kiosk's own date: the pinned day when the configuration pins one, else today."""
    pinned = current_app.config.get("SIMULATOR_TODAY") if has_app_context() else None
    if pinned:
        return dt.date.fromisoformat(str(pinned))
    return real_now().date()


def days_since(day: str | None) -> int:
    """Real days gone since ``day`` (YYYY-MM-DD) for the kiosk; 0 outside it (a tool, a test
    reading a world file: the kiosk's clock, perhaps pinned, is not known there)."""
    if not day or not has_app_context():
        return 0
    return max(0, (real_today() - dt.date.fromisoformat(day)).days)


def today() -> dt.date:
    """The date of the learner's world (or the kiosk's date outside a world)."""
    world = g.get("world") if has_app_context() else None
    if world is not None:
        return world.today
    return real_today()


def now() -> dt.datetime:
    """The world's date at the real time of day, in Paris."""
    real = real_now()
    day = today()
    return real.replace(year=day.year, month=day.month, day=day.day)


def timestamp() -> float:
    """Seconds since the epoch, for inactivity arithmetic (never pinned)."""
    return dt.datetime.now(PARIS).timestamp()


def nearest_day_of_month(base: dt.date, day: int) -> dt.date:
    """The date closest to ``base`` that falls on ``day`` of a month (ties: the later one).

    ``nearest_day_of_month(26 Nov, 2)`` is 2 Dec; ``(10 Dec, 2)`` is 2 Dec; ``(20 Dec, 2)`` is
    2 Jan. A world is never moved more than about two weeks from the real day.
    """
    candidates = []
    for shift in (-1, 0, 1):
        month_index = base.year * 12 + base.month - 1 + shift
        year, month = divmod(month_index, 12)
        last = calendar.monthrange(year, month + 1)[1]
        candidates.append(dt.date(year, month + 1, min(day, last)))
    return min(candidates, key=lambda d: (abs((d - base).days), -d.toordinal()))
