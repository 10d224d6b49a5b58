"""The simulated world's idea of "now".

Replica rules depend on the date (working days, "opérations à venir", the 90-day strong
authentication), so tests pin it with the ``SIMULATOR_TODAY`` setting (YYYY-MM-DD); the time of
day stays the real one so that inactivity timers keep working.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

PARIS = ZoneInfo("Europe/Paris")


def now() -> dt.datetime:
    """Current time in Paris, on the pinned day when the configuration pins one."""
    real = dt.datetime.now(PARIS)
    pinned = current_app.config.get("SIMULATOR_TODAY") if has_app_context() else None
    if not pinned:
        return real
    day = dt.date.fromisoformat(str(pinned))
    return real.replace(year=day.year, month=day.month, day=day.day)


def today() -> dt.date:
    return now().date()


def timestamp() -> float:
    """Seconds since the epoch, for inactivity arithmetic (never pinned)."""
    return dt.datetime.now(PARIS).timestamp()
