"""« S'inscrire, se réinscrire »: the 8-step train with its step bar, « Précédent » / « Suivant »,
a draft kept in the world (leave, come back: everything typed is there, saved as it is typed
and by « Enregistrer et quitter »), and forged or replayed steps turned away kindly."""

from __future__ import annotations

from flask import Response, g, render_template, request, url_for

from simulator import clock, htmx
from simulator.db import write_transaction
from simulator.events import emit
from simulator.iban import split_iban_boxes
from simulator.sites.francetravail import bp, pdfs, store
from simulator.sites.francetravail.routes.guard import connected, send_sms
from simulator.sites.francetravail.rules import registration as steps
from simulator.sites.francetravail.rules.registration_checks import (
    check_step,
    safe_to_keep,
    typed_values,
)
from simulator.world import current_world

SECTION = {"ft_section": "inscription"}
NOTICES = {
    "step_not_reached": "Cette étape n'est pas encore accessible : complétez d'abord l'étape "
                        "ci-dessous. Vos réponses sont conservées.",
    "stale_form": "Cette page avait déjà été validée. Voici votre inscription telle qu'elle est "
                  "enregistrée : vous pouvez continuer.",
    "not_started": "Votre inscription n'est pas commencée. Touchez « Je commence mon "
                   "inscription ».",
    "already_done": "Votre inscription a déjà été enregistrée.",
}


@bp.get("/inscription")
@connected
def registration():
    draft = store.registration.current(current_world().db)
    state = ("done" if draft and draft["status"] == "done" else "draft" if draft
             else "registered" if g.ft_account["registered"] else "new")
    emit("francetravail.registration.viewed", state=state)
    return render_template("francetravail/pages/registration_start.html", state=state,
                           draft=draft, titles=steps.STEP_TITLES,
                           notice=NOTICES.get(request.args.get("avis", "")), **SECTION)


@bp.post("/inscription/commencer")
@connected
def registration_start():
    db = current_world().db
    draft = store.registration.current(db)
    if draft and draft["status"] == "draft":
        emit("francetravail.registration.resumed", step=draft["step_reached"])
        return htmx.redirect(url_for("francetravail.registration_step",
                                     step=draft["step_reached"]))
    if g.ft_account["registered"] or draft:
        return _refused("already_done")
    with write_transaction(db):
        store.registration.start(db)
    emit("francetravail.registration.started")
    return htmx.redirect(url_for("francetravail.registration_step", step=1))


def _refused(reason: str, draft: dict | None = None):
    emit("francetravail.registration.refused", reason=reason)
    if reason in ("step_not_reached", "stale_form") and draft:
        return _page(draft, draft["step_reached"], notice=NOTICES[reason])
    if reason == "already_done" and draft and draft["status"] == "done":
        return htmx.redirect(url_for("francetravail.registration_done"))
    return htmx.redirect(url_for("francetravail.registration", avis=reason))


@bp.get("/inscription/etape/<int:step>")
@connected
def registration_step(step: int):
    draft = store.registration.current(current_world().db)
    if draft is None or draft["status"] != "draft":
        return htmx.redirect(url_for("francetravail.registration"))
    if not 1 <= step <= draft["step_reached"]:
        return _refused("step_not_reached", draft)
    if request.args.get("reprise") == "1":
        emit("francetravail.registration.resumed", step=step)
    return _page(draft, step)


@bp.post("/inscription/etape/<int:step>")
@connected
def registration_step_submit(step: int):
    db = current_world().db
    draft = store.registration.current(db)
    if draft is None:
        return _refused("not_started")
    if draft["status"] != "draft":
        return _refused("already_done", draft)
    if not 1 <= step <= draft["step_reached"]:
        return _refused("step_not_reached", draft)
    if request.form.get("revision") != str(draft["revision"]):
        return _refused("stale_form", draft)
    persona_nir = g.ft_account["nir"]
    if request.form.get("action") == "quitter":  # « Enregistrer et quitter »: nothing checked
        with write_transaction(db):
            store.registration.keep_typed(db, step, safe_to_keep(
                step, typed_values(step, request.form), persona_nir))
        return htmx.redirect(url_for("francetravail.dashboard"))
    checked = check_step(step, request.form, today=clock.today(), persona_nir=persona_nir)
    if checked.errors:
        field, reason = checked.reasons[0]
        with write_transaction(db):
            store.registration.keep_typed(db, step, safe_to_keep(step, checked.values,
                                                                 persona_nir))
        emit("francetravail.registration.rejected", step=step, field=field, reason=reason)
        return _page(store.registration.current(db), step, checked=checked)
    with write_transaction(db):
        store.registration.save_step(db, step, checked.clean, last_step=steps.LAST_STEP)
        if step == steps.LAST_STEP:
            _complete(db, store.registration.current(db), checked.clean["rendez_vous"])
    emit("francetravail.registration.step_saved", step=step, name=steps.STEP_TITLES[step - 1])
    if step == steps.LAST_STEP:
        emit("francetravail.registration.completed",
             appointment=checked.clean["rendez_vous"].replace("T", " "),
             motive=draft["data"].get("2", {}).get("motif", ""))
        return htmx.redirect(url_for("francetravail.registration_done"))
    return htmx.redirect(url_for("francetravail.registration_step", step=step + 1))


@bp.post("/inscription/etape/<int:step>/brouillon")
@connected
def registration_autosave(step: int):
    """What is typed is kept as it is typed (htmx, on each change): leaving by the menu, the
    kiosk's back button or « Terminer »… loses nothing of the exercise's session."""
    db = current_world().db
    draft = store.registration.current(db)
    if draft and draft["status"] == "draft" and 1 <= step <= draft["step_reached"]:
        with write_transaction(db):
            store.registration.keep_typed(db, step, safe_to_keep(
                step, typed_values(step, request.form), g.ft_account["nir"]))
    return Response(status=204)


def _complete(db, draft: dict, slot: str) -> None:
    today = clock.today().isoformat()
    day, time = slot.split("T")
    account = g.ft_account
    store.registration.complete(db, slot)
    store.update_account(db, registered=1, registered_on=today, ended_on=None)
    store.mail.add_appointment(db, day=day, time=time, place=account["agency_lines"][0],
                               subject="Premier entretien avec votre conseiller")
    store.mail.add_courrier(db, day=today, kind="attestation_inscription",
                            subject="Attestation d'inscription comme demandeur d'emploi")
    send_sms(db, f"France Travail : votre inscription est enregistrée. Rendez-vous le "
                 f"{day[8:10]}/{day[5:7]} à {time}, {account['agency_lines'][0]}.")


def _values(draft: dict, step: int) -> dict:
    prefill = steps.prefill_from_account(g.ft_account)
    saved = draft["data"].get(str(step), {})
    typed = draft["typed"].get(str(step))
    values = {}
    for fld in steps.step_fields(step):
        value = typed.get(fld.name) if typed is not None else saved.get(fld.name)
        if value in (None, "", []) and typed is None:
            value = prefill.get(fld.name, [] if fld.kind == "checks" else "")
        if fld.kind == "iban" and isinstance(value, str):
            value = split_iban_boxes(value) if value else [""] * 7
        if fld.kind == "nir" and typed is None:
            value = steps.spaced_nir(value)
        values[fld.name] = value
    return values


def _page(draft: dict, step: int, *, checked=None, notice: str | None = None):
    values = checked.values if checked else _values(draft, step)
    if checked and "iban" in values and not isinstance(values["iban"], list):
        values["iban"] = split_iban_boxes(values["iban"])
    return render_template(
        "francetravail/pages/registration_step.html", step=step, draft=draft,
        titles=steps.STEP_TITLES, fields=steps.step_fields(step), values=values,
        errors=checked.errors if checked else {}, checked=checked, notice=notice,
        slots=steps.appointment_slots(clock.today()) if step == steps.LAST_STEP else {},
        recap=steps.recap(draft["data"]) if step == 7 else [], **SECTION)


@bp.get("/inscription/confirmation")
@connected
def registration_done():
    draft = store.registration.current(current_world().db)
    if draft is None or draft["status"] != "done":
        return htmx.redirect(url_for("francetravail.registration"))
    return render_template("francetravail/pages/registration_done.html", draft=draft,
                           slots=steps.appointment_slots, **SECTION)


@bp.get("/inscription/attestation.pdf")
@connected
def registration_attestation():
    draft = store.registration.current(current_world().db)
    account = g.ft_account
    if not account["registered"] or not account["registered_on"]:
        return htmx.redirect(url_for("francetravail.registration"))
    emit("francetravail.registration.attestation_downloaded")
    body = pdfs.attestation_inscription(account, account["registered_on"],
                                        draft["appointment"] if draft else None)
    return Response(body, mimetype="application/pdf", headers={
        "Content-Disposition": 'attachment; filename="attestation_inscription.pdf"'})
