"""FranceConnect, both ways: the tax space as a service (« S'identifier avec FranceConnect »),
and as the provider « impots.gouv » for the other services (its own login page)."""

from __future__ import annotations

from flask import abort, g, request, url_for

from simulator import htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.sites import franceconnect as fc
from simulator.sites.impots import bp, rules, store
from simulator.sites.impots.routes.guard import taxpayer_or_none
from simulator.world import current_world


@bp.get("/franceconnect")
def franceconnect_start():
    db = current_world().db
    if taxpayer_or_none() is None:
        return htmx.redirect(url_for("impots.no_file"))
    with write_transaction(db):
        target = fc.start(db, "impots")
    return htmx.redirect(target)


@bp.get("/franceconnect/retour")
def franceconnect_return():
    db = current_world().db
    taxpayer = taxpayer_or_none()
    if taxpayer is None:
        return htmx.redirect(url_for("impots.no_file"))
    with write_transaction(db):
        identity = fc.finish(db, "impots", request.args.get("state"), request.args.get("code"))
    if isinstance(identity, fc.Refused):
        return htmx.redirect(identity.url)
    person = taxpayer["person"]
    if (identity.family_name.upper(), identity.birthdate) != (person["nom"].upper(),
                                                              person["naissance"]):
        abort(400)  # cannot happen in one world: FranceConnect knows only its persona
    if taxpayer["status"] == "absent":
        with write_transaction(db):
            store.update_taxpayer(db, creation_step="identified", created_via="franceconnect")
        emit("impots.creation.identified", via="franceconnect")
        return htmx.redirect(url_for("impots.creation_account"))
    if taxpayer["status"] == "a_activer" or taxpayer["blocked"]:
        return htmx.redirect(url_for("impots.login"))
    with write_transaction(db):
        store.open_session(db, "franceconnect")
    emit("impots.login.succeeded", via="franceconnect")
    return htmx.redirect(url_for("impots.dashboard"))


# --- « impots.gouv » as a FranceConnect provider -------------------------------------------


def _interaction():
    db = current_world().db
    state = request.values.get("interaction")
    fc_request = fc.pending(db, state)
    if fc_request is None or fc_request["provider"] != "impots":
        return None
    return fc_request


def _provider_page(fc_request: dict, *, error: str | None = None, typed: str = ""):
    g.replica_address = "https://cfspart-idp.impots.gouv.fr/oauth2/authorize"
    return htmx.render("impots/pages/provider_login.html", fc_request=fc_request, error=error,
                       typed=typed)


@bp.get("/fc/connexion")
def provider_login():
    fc_request = _interaction()
    if fc_request is None:
        return htmx.redirect(url_for("franceconnect.error", raison="unknown_state"))
    return _provider_page(fc_request)


@bp.post("/fc/connexion")
def provider_login_submit():
    db = current_world().db
    fc_request = _interaction()
    taxpayer = taxpayer_or_none()
    if fc_request is None or taxpayer is None:
        return htmx.redirect(url_for("franceconnect.error", raison="unknown_state"))
    typed = (request.form.get("spi") or "")[:40]
    reason = rules.check_fiscal(typed, taxpayer["numero_fiscal"])
    if reason is None and taxpayer["status"] != "actif":
        reason = "not_activated"
    if reason is None and taxpayer["blocked"]:
        reason = "blocked"
    if reason:
        emit("franceconnect.provider.login_failed", provider="impots",
             reason="blocked" if reason == "blocked" else "no_account"
             if reason == "not_activated" else "format")
        return _provider_page(fc_request, error=rules.MESSAGES[reason],
                              typed="" if reason == "real_number" else typed)
    if (request.form.get("pwd") or "") != taxpayer["password"]:
        with write_transaction(db):
            failures = store.record_password_failure(db, rules.MAX_PASSWORD_FAILURES)
        left = max(rules.MAX_PASSWORD_FAILURES - failures, 0)
        emit("franceconnect.provider.login_failed", provider="impots",
             reason="blocked" if left == 0 else "wrong_password")
        message = rules.MESSAGES["blocked"] if left == 0 else rules.wrong_password_message(left)
        return _provider_page(fc_request, error=message, typed=typed)
    with write_transaction(db):
        store.update_taxpayer(db, failed_passwords=0)
        target = fc.provider_authenticated(db, fc_request["state"], "impots")
    emit("franceconnect.provider.login_succeeded", provider="impots")
    return htmx.redirect(target or url_for("franceconnect.error", raison="unknown_state"))
