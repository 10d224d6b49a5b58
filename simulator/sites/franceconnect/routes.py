"""FranceConnect's pages: the choice of a provider, a simulated provider's login, « Continuer
sur … », the error pages, the logout question, « Qu'est-ce que FranceConnect ? »."""

from __future__ import annotations

from flask import abort, g, render_template, request, url_for

from simulator import htmx, identifiers
from simulator.db import write_transaction
from simulator.events import emit
from simulator.sites.franceconnect import bp, flow, store
from simulator.sites.franceconnect.registry import PROVIDERS, SERVICES, providers_for
from simulator.world import current_world


def _service_or_none(key: str | None):
    return SERVICES.get(key or "")


def choice_url(fc_request: dict, **extra) -> str:
    return url_for("franceconnect.authorize", client_id=fc_request["service"],
                   state=fc_request["state"], nonce=fc_request["nonce"], **extra)


@bp.get("/")
def about():
    return render_template("franceconnect/pages/about.html")


@bp.get("/api/v1/authorize")
def authorize():
    world = current_world()
    db = world.db
    service = _service_or_none(request.args.get("client_id"))
    fc_request = flow.pending(db, request.args.get("state"))
    if (service is None or fc_request is None or fc_request["service"] != service.key
            or fc_request["nonce"] != request.args.get("nonce")):
        return _error("unknown_state" if fc_request is None else "wrong_service")
    if world.option("franceconnect.indisponible") == "oui":
        return _error("unavailable")
    session = store.session(db)
    if (session["connected"] and session["provider"] in service.providers
            and request.args.get("autre") != "1"):
        # Already logged in to FranceConnect: straight to « Continuer sur … ».
        with write_transaction(db):
            target = flow.provider_authenticated(db, fc_request["state"], session["provider"])
        return htmx.redirect(target)
    emit("franceconnect.choice.viewed", service=service.key)
    return _choice_page(service, fc_request)


def _choice_page(service, fc_request: dict, *, message: str | None = None,
                 failed: str | None = None):
    return htmx.render("franceconnect/pages/choice.html", service=service,
                       fc_request=fc_request, providers=providers_for(service),
                       message=message, failed=failed)


@bp.post("/api/v1/authorize")
def choose():
    db = current_world().db
    fc_request = flow.pending(db, request.form.get("state"))
    if fc_request is None:
        return _error("unknown_state")
    service = SERVICES[fc_request["service"]]
    provider = PROVIDERS.get(request.form.get("provider") or "")
    if provider is None or provider.key not in service.providers:
        return _choice_page(service, fc_request)
    if provider.down or provider.app_only:
        emit("franceconnect.provider.unavailable", service=service.key, provider=provider.key)
        if provider.app_only:
            return _choice_page(service, fc_request, message=(
                f"Pour vous connecter avec {provider.name}, ouvrez l'application "
                f"{provider.name} sur votre téléphone, avec votre carte d'identité."))
        return _choice_page(service, fc_request, failed=provider.name)
    with write_transaction(db):
        store.update_request(db, fc_request["id"], status="at_provider", provider=provider.key)
    emit("franceconnect.provider.chosen", service=service.key, provider=provider.key)
    if provider.login_endpoint:
        return htmx.redirect(url_for(provider.login_endpoint, interaction=fc_request["state"]))
    return htmx.redirect(url_for("franceconnect.provider_login", provider_key=provider.key,
                                 interaction=fc_request["state"]))


# --- a simulated provider's login (ameli, La Poste, MSA) -----------------------------------


def _provider_request(db, provider_key: str, state: str | None):
    provider = PROVIDERS.get(provider_key)
    fc_request = flow.pending(db, state)
    if provider is None or provider.login_endpoint or fc_request is None \
            or fc_request["provider"] != provider.key:
        return provider, None
    return provider, fc_request


@bp.get("/fournisseur/<provider_key>")
def provider_login(provider_key: str):
    db = current_world().db
    provider, fc_request = _provider_request(db, provider_key, request.args.get("interaction"))
    if fc_request is None:
        return _error("unknown_state")
    return _provider_page(provider, fc_request)


def _provider_page(provider, fc_request: dict, *, error: str | None = None, identifiant: str = ""):
    g.replica_address = provider.address + "/login"  # the address bar shows the provider's
    return htmx.render("franceconnect/pages/provider_login.html", provider=provider,
                       fc_request=fc_request, service=SERVICES[fc_request["service"]],
                       error=error, identifiant=identifiant, back=choice_url(fc_request, autre=1))


WRONG = {
    "ameli": "Le numéro de sécurité sociale et le mot de passe ne correspondent pas.",
    "msa": "Le numéro de sécurité sociale et le mot de passe ne correspondent pas.",
}


@bp.post("/fournisseur/<provider_key>")
def provider_login_submit(provider_key: str):
    db = current_world().db
    provider, fc_request = _provider_request(db, provider_key, request.form.get("interaction"))
    if fc_request is None:
        return _error("unknown_state")
    typed = (request.form.get("identifiant") or "").strip()[:80]
    secret = request.form.get("mot_de_passe") or ""  # compared, never stored nor shown again
    account = store.account(db, provider.key)
    reason, error = _identify(provider, account, typed, secret)
    shown = typed if reason not in ("real_number",) else ""
    if reason:
        if reason == "wrong_password" and account:
            with write_transaction(db):
                store.record_failure(db, provider.key)
        emit("franceconnect.provider.login_failed", provider=provider.key,
             reason="format" if reason == "real_number" else reason)
        return _provider_page(provider, fc_request, error=error, identifiant=shown)
    with write_transaction(db):
        store.reset_failures(db, provider.key)
        target = flow.provider_authenticated(db, fc_request["state"], provider.key)
    emit("franceconnect.provider.login_succeeded", provider=provider.key)
    return htmx.redirect(target)


def _identify(provider, account, typed: str, secret: str) -> tuple[str | None, str | None]:
    wrong = WRONG.get(provider.key, "Identifiant ou mot de passe incorrect.")
    if not typed or not secret:
        return "empty", "Veuillez renseigner votre identifiant et votre mot de passe."
    if provider.login_label.startswith("Numéro de sécurité sociale"):
        number = identifiers.compact(typed)
        if not number.isdigit() or len(number) != 13:
            return "format", "Le numéro de sécurité sociale doit comporter 13 chiffres."
        if account is None or number != identifiers.compact(account["identifiant"]):
            if account is not None:
                return "real_number", identifiers.REAL_NUMBER_MESSAGE
            return "no_account", wrong
        typed = account["identifiant"]
    if account is None:
        return "no_account", wrong
    if typed.lower() != account["identifiant"].lower() or secret != account["secret"]:
        return "wrong_password", wrong
    return None, None


# --- « Continuer sur … » and the return to the service ------------------------------------


@bp.get("/confirmation")
def confirm():
    db = current_world().db
    fc_request = store.request_by_state(db, request.args.get("state"))
    if fc_request is None or fc_request["status"] != "authenticated":
        return _error("unknown_state" if fc_request is None else "not_authenticated")
    service = SERVICES[fc_request["service"]]
    person = flow.identity_of(db, fc_request["provider"], fc_request["nonce"])
    emit("franceconnect.consent.viewed", service=service.key, provider=fc_request["provider"])
    return htmx.render("franceconnect/pages/confirm.html", service=service, person=person,
                       provider=PROVIDERS[fc_request["provider"]], fc_request=fc_request,
                       other=choice_url(fc_request, autre=1))


@bp.post("/confirmation")
def confirm_submit():
    db = current_world().db
    with write_transaction(db):
        fc_request = store.request_by_state(db, request.form.get("state"))
        if fc_request is None or fc_request["status"] != "authenticated":
            return _error("unknown_state" if fc_request is None else "not_authenticated")
        code = store.issue_code(db, fc_request["id"])
    service = SERVICES[fc_request["service"]]
    return htmx.redirect(url_for(service.return_endpoint, code=code, state=fc_request["state"]))


# --- errors and logout -------------------------------------------------------------------


@bp.get("/erreur")
def error():
    reason = request.args.get("raison", "")
    if reason not in flow.ERRORS:
        reason = "unknown_state"
    code, message = flow.ERRORS[reason]
    return htmx.render("franceconnect/pages/error.html", code=code, message=message)


def _error(reason: str):
    return htmx.redirect(url_for("franceconnect.error", raison=reason))


@bp.get("/deconnexion")
def logout():
    service = _service_or_none(request.args.get("client_id")) or abort(404)
    return htmx.render("franceconnect/pages/logout.html", service=service)


@bp.post("/deconnexion")
def logout_submit():
    service = _service_or_none(request.form.get("client_id")) or abort(404)
    also = request.form.get("franceconnect") == "oui"
    db = current_world().db
    if also:
        with write_transaction(db):
            store.close_session(db)
    emit("franceconnect.logout", service=service.key, also_franceconnect=also)
    return htmx.redirect(url_for(service.logged_out_endpoint))
