"""Settings of the kiosk server, with their defaults.

Every setting can be overridden by an environment variable ``PASAPAS_<NAME>`` (JSON values are
parsed: ``PASAPAS_BANQUE_SESSION_MINUTES=5``), by ``instance/config.py``, or by the mapping
given to :func:`kiosk.app.create_app` (tests).
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

DEFAULTS = {
    # Languages of the kiosk chrome (the replica pages stay in French, like the real sites).
    # Each name is written in its own language. Turkish, Portuguese and Romanian are spoken by
    # many of the people who come to post offices in priority neighbourhoods.
    "LANGUAGES": {"fr": "Français", "en": "English", "ar": "العربية", "tr": "Türkçe",
                  "pt": "Português", "ro": "Română"},
    "RTL_LANGUAGES": ["ar"],
    "BABEL_DEFAULT_LOCALE": "fr",
    # Inactivity: after KIOSK_IDLE_SECONDS without a tap, « Vous êtes toujours là ? » with a
    # countdown (never under 20 s); then the session ends and the world is wiped.
    "KIOSK_IDLE_SECONDS": 180,
    "KIOSK_IDLE_COUNTDOWN_SECONDS": 60,
    # The server forgets a session without any request after the warning, its countdown and a
    # margin (None: computed from the two above); the adviser can add time.
    "KIOSK_SESSION_IDLE_SECONDS": None,
    # Each page tells the server every few seconds that its kiosk is alive (and asks whether
    # the adviser sent something).
    "KIOSK_HEARTBEAT_SECONDS": 5,
    # The simulated world.
    "SIMULATOR_TODAY": None,  # "YYYY-MM-DD" pins the date (tests)
    "SIMULATOR_CLOCK_SHIFT_SECONDS": None,  # moves the kiosk's clock (midnight/DST drills)
    "SIMULATOR_SEED": None,  # an integer makes every world's random draws reproducible (tests)
    "KEYPAD_SEED_FROM_URL": False,  # lets ?seed=N fix the keypad layout (tests only)
    "GOLDEN_DIR": None,  # where personas' golden databases are kept (default: WORLDS_DIR/golden)
    # The bank replica.
    "BANQUE_SESSION_MINUTES": 10,  # « Session expirée » after this long without a bank page
    "BANQUE_MAX_CODE_FAILURES": 3,  # wrong secret codes before the access is blocked
    "BANQUE_BENEFICIARY_ACTIVATION_MINUTES": 0,  # « en cours d'activation » delay; 0 = at once
    # France Travail (simulation).
    "FRANCETRAVAIL_MAX_PASSWORD_FAILURES": 3,  # wrong passwords before the space is locked
    # The adviser's reply « arrives later in the session »: this long after the message (a
    # scenario sets its world option francetravail.reply_seconds, 0 in tests).
    "FRANCETRAVAIL_REPLY_SECONDS": 180,
    # Flask and its extensions.
    "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session: slow readers are welcome
    "WTF_CSRF_SSL_STRICT": True,
    "MAX_CONTENT_LENGTH": 64 * 1024,
    "SESSION_COOKIE_NAME": "pasapas",
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SECURE": False,  # set True when the kiosks reach the server over HTTPS
    "TEMPLATES_AUTO_RELOAD": False,
    # The home page seen without a session is drawn once per browser this often, and answered
    # from memory in between (kiosk/public_cache.py). 0: drawn for every request.
    "PUBLIC_PAGE_CACHE_SECONDS": 30,
    "BENCHMARK_ROUTES": False,  # /_bench/bare: the bare Flask page of the load benchmark
    # Behind a reverse proxy (Caddy, nginx) for HTTPS: how many proxies to trust for the
    # client's address (X-Forwarded-For) and scheme. 0: none (the server faces the kiosks).
    "TRUSTED_PROXIES": 0,
    # Learning records (xAPI, kiosk/records, docs/records.md). Actors, activities and our
    # extensions are IRIs under XAPI_HOMEPAGE: the organisation's address, never a person's.
    "XAPI_HOMEPAGE": "https://pasapas.example",
    "XAPI_LRS_URL": None,  # the LRS's xAPI endpoint, e.g. "https://lrs.example.org/xAPI/"
    "XAPI_LRS_USERNAME": None,  # HTTP basic authentication
    "XAPI_LRS_PASSWORD": None,
    "XAPI_RELAY_IN_SERVER": True,  # False when `run_kiosk.py records relay` runs on its own
    "XAPI_RELAY_POLL_SECONDS": 5.0,  # how often an idle relay looks for new statements
    "XAPI_BATCH_SIZE": 50,
    "XAPI_TIMEOUT_SECONDS": 10.0,
    "XAPI_RETRY_MIN_SECONDS": 30.0,  # backoff: min(max, min·2^n), with jitter
    "XAPI_RETRY_MAX_SECONDS": 3600.0,
    "XAPI_MAX_TRIES": 20,  # error answers before a statement is « failed » (re-queueable)
    "XAPI_AUTH_PAUSE_SECONDS": 600.0,  # the LRS refused our credentials: wait, then try again
    "XAPI_KEEP_SENT_DAYS": 30,  # statements the LRS holds are kept this long, then deleted
}


def from_environment(prefix: str = "PASAPAS_") -> dict:
    """Settings given as environment variables, JSON-decoded where they parse as JSON."""
    settings = {}
    for name, raw in os.environ.items():
        if not name.startswith(prefix):
            continue
        try:
            settings[name[len(prefix) :]] = json.loads(raw)
        except json.JSONDecodeError:
            settings[name[len(prefix) :]] = raw
    return settings


def secret_key(instance: Path) -> str:
    """A per-installation secret, created once, shared by every worker process."""
    path = instance / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
    return path.read_text().strip()
