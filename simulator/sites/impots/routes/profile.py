"""« Gérer mon profil »: the real fields, change of e-mail address and of password."""

from __future__ import annotations

from flask import g, request

from simulator import htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.sites.impots import bp, mails, rules
from simulator.sites.impots.routes.guard import online
from simulator.world import current_world


def _page(**context):
    return htmx.render("impots/pages/profile.html", taxpayer=g.taxpayer,
                       person=g.taxpayer["person"],
                       fiscal=rules.spaced_fiscal(g.taxpayer["numero_fiscal"]),
                       rules_text=rules.PASSWORD_RULES,
                       **{"message": None, "errors": {}, "editing": None, **context})


@bp.get("/profil")
@online
def profile():
    editing = request.args.get("modifier")
    if editing not in ("adresse", "mot-de-passe"):
        editing = None
        emit("impots.profile.viewed")
    return _page(editing=editing)


@bp.post("/profil/adresse")
@online
def profile_email():
    reason = rules.check_email(request.form.get("email"), request.form.get("email_confirmation"),
                               g.taxpayer["email"])
    if reason:
        emit("impots.profile.rejected", reason=reason)
        return _page(editing="adresse", errors={"email": rules.MESSAGES[reason]})
    db = current_world().db
    with write_transaction(db):
        mails.send_email_changed(db)
    emit("impots.profile.email_changed")
    return _page(message="Votre adresse électronique a bien été enregistrée.")


@bp.post("/profil/mot-de-passe")
@online
def profile_password():
    if (request.form.get("ancien") or "") != g.taxpayer["password"]:
        emit("impots.profile.rejected", reason="wrong_password")
        return _page(editing="mot-de-passe",
                     errors={"ancien": "Votre mot de passe actuel est incorrect."})
    reason = rules.check_new_password(request.form.get("nouveau"),
                                      request.form.get("confirmation"), g.taxpayer["password"])
    if reason:
        emit("impots.profile.rejected", reason=reason)
        return _page(editing="mot-de-passe", errors={"nouveau": rules.MESSAGES[reason]})
    emit("impots.profile.password_changed")
    return _page(message="Votre mot de passe a bien été modifié.")


