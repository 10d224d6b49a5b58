"""The FranceConnect round trip, as a service and a provider see it.

A service (a replica's login page) calls :func:`start` and sends the learner to the URL it
returns; FranceConnect shows the providers, the chosen provider identifies the learner and calls
:func:`provider_authenticated`; the learner confirms « Continuer sur … »; FranceConnect sends them
back to the service's return endpoint with a single-use ``code`` and the ``state``; the service
calls :func:`finish` and gets the verified :class:`Identity`, or a :class:`Refused` whose page
it shows. Like OpenID Connect: ``state`` and ``nonce`` are drawn for each login and kept in the
world; a ``state`` of another world, a forged one, a code used twice or too late is refused with
FranceConnect's own error page. Call these inside the caller's ``write_transaction``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import sqlite_utils
from flask import url_for

from simulator.events import emit
from simulator.sites.franceconnect import store
from simulator.sites.franceconnect.registry import SERVICES, Identity

CODE_SECONDS = 600  # a code not used within 10 minutes is refused (the real one: 30 s to 10 min)
REQUEST_SECONDS = 3600  # a login left unfinished this long starts again

# The error pages: (code shown, message) — the wording of FranceConnect's own error pages.
RECONNECT = ("Une erreur technique est survenue, fermez l’onglet de votre navigateur et "
             "reconnectez-vous.")
SESSION = ("Votre session a expiré ou est invalide, fermez l’onglet de votre navigateur et "
           "reconnectez-vous.")
ERRORS = {
    "missing": ("Y000003", RECONNECT),  # no state or no code in the return
    "unknown_state": ("Y150001", SESSION),  # forged, or from another session's world
    "wrong_service": ("Y000004", RECONNECT),
    "wrong_code": ("Y000004", RECONNECT),
    "replayed": ("Y000004", RECONNECT),  # the code was already used
    "expired": ("Y150001", SESSION),
    "not_authenticated": ("Y000004", RECONNECT),  # the steps were skipped
    "unavailable": (None, "Vous ne pouvez actuellement pas vous identifier en utilisant "
                               "FranceConnect. Vous pouvez contacter le support FranceConnect."),
}


@dataclass(frozen=True)
class Refused:
    reason: str  # a key of ERRORS

    @property
    def url(self) -> str:
        return url_for("franceconnect.error", raison=self.reason)


def start(db: sqlite_utils.Database, service_key: str) -> str:
    """A new login through FranceConnect for ``service_key``: the URL of the choice page."""
    service = SERVICES[service_key]
    request = store.new_request(db, service.key)
    return url_for("franceconnect.authorize", client_id=service.key, state=request["state"],
                   nonce=request["nonce"], redirect_uri=url_for(service.return_endpoint),
                   scope="openid given_name family_name birthdate birthplace gender email")


def pending(db: sqlite_utils.Database, state: str | None) -> dict | None:
    """The login in progress for this ``state``, if it is still going on."""
    request = store.request_by_state(db, state)
    if request is None or request["status"] in ("code_issued", "consumed"):
        return None
    if time.time() - request["created_at"] > REQUEST_SECONDS:
        return None
    return request


def provider_authenticated(db: sqlite_utils.Database, state: str, provider: str) -> str | None:
    """The provider identified the learner: FranceConnect takes over (its session opens). Returns
    the URL of « Continuer sur … », or None if that login is not going on."""
    request = pending(db, state)
    if request is None:
        return None
    store.update_request(db, request["id"], status="authenticated", provider=provider)
    store.open_session(db, provider)
    return url_for("franceconnect.confirm", state=state)


def finish(db: sqlite_utils.Database, service_key: str, state: str | None,
           code: str | None) -> Identity | Refused:
    """The service's return: check ``state`` and ``code``, use the code up, give the identity."""
    refused = _check(db, service_key, state, code)
    if refused:
        emit("franceconnect.return.refused", service=service_key, reason=refused.reason)
        return refused
    request = store.request_by_state(db, state)
    store.update_request(db, request["id"], status="consumed")
    found = identity_of(db, request["provider"], request["nonce"])
    if found is None or found.nonce != request["nonce"]:
        emit("franceconnect.return.refused", service=service_key, reason="not_authenticated")
        return Refused("not_authenticated")
    emit("franceconnect.returned", service=service_key, provider=request["provider"])
    return found


def _check(db, service_key: str, state: str | None, code: str | None) -> Refused | None:
    if not state or not code:
        return Refused("missing")
    request = store.request_by_state(db, state)
    if request is None:
        return Refused("unknown_state")
    if request["service"] != service_key:
        return Refused("wrong_service")
    if request["status"] == "consumed":
        return Refused("replayed")
    if request["status"] != "code_issued":
        return Refused("not_authenticated")
    if not isinstance(code, str) or code != request["code"]:
        return Refused("wrong_code")
    if time.time() - (request["code_at"] or 0) > CODE_SECONDS:
        return Refused("expired")
    return None


def identity_of(db: sqlite_utils.Database, provider: str, nonce: str) -> Identity | None:
    from simulator.sites.messagerie.store import address

    person = store.identity(db)
    if person is None:
        return None
    return Identity(provider=provider, given_name=person["given_name"],
                    family_name=person["family_name"], birthdate=person["birthdate"],
                    birthplace=person["birthplace"], gender=person["gender"],
                    email=address(db) or "", sub=f"fc-{person['birthdate']}-{person['id']}",
                    nonce=nonce)


def logout_url(service_key: str) -> str:
    """Where a service sends a learner who logged in through FranceConnect, after its own logout:
    « Voulez-vous aussi vous déconnecter de FranceConnect ? »."""
    return url_for("franceconnect.logout", client_id=service_key)
