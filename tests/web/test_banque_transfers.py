"""Virements: the form checked like the real bank, the confirmation, the SMS code towards a
beneficiary, the récapitulatif, and everything that must never move money (bad input, forged
tokens, replays). Today is pinned to Thursday 26/11/2026."""

from __future__ import annotations

import datetime as dt
import re
from contextlib import contextmanager

import pytest

from simulator.db import write_transaction
from simulator.sites.banque import store
from simulator.sites.telephone import store as phone_store

VIREMENTS = "/sites/banque/virements"
NBSP = "\u00a0"
HOLDER_LABEL = "MME DURAND MARTINE"  # how the statements name the customer on a transfer


# --- helpers ----------------------------------------------------------------------------------


@contextmanager
def opened_world(banker):
    world = banker.world()
    try:
        yield world.db
    finally:
        world.close()


def text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).replace(NBSP, " ").split())


def tokens(banker) -> dict[str, str]:
    """Account keys and beneficiary names → the tokens of this world."""
    with opened_world(banker) as db:
        found = {a.key: a.token for a in store.accounts(db)}
        found.update({p.name: p.token for p in store.payees(db)})
    return found


def balances(banker) -> dict[str, int]:
    with opened_world(banker) as db:
        return {a.key: a.balance_cents for a in store.accounts(db)}


def upcoming(banker) -> dict[str, int]:
    with opened_world(banker) as db:
        return {a.key: a.upcoming_cents for a in store.accounts(db)}


def table_count(banker, table: str) -> int:
    with opened_world(banker) as db:
        return db[table].count


def transfers(banker) -> list[dict]:
    with opened_world(banker) as db:
        return list(db["transfers"].rows_where(order_by="id"))


def operations_of(banker, reference: str) -> list[dict]:
    with opened_world(banker) as db:
        transfer = store.transfer_by_reference(db, reference)
        rows = store.transfer_operations(db, transfer.id)
        keys = {a.id: a.key for a in store.accounts(db)}
    return [{**row, "account": keys[row["account_id"]]} for row in rows]


def add_money(banker, key: str, cents: int) -> None:
    """Something else moved money on the account (a card payment, a salary…)."""
    with opened_world(banker) as db, write_transaction(db):
        store.add_operation(db, store.account_by_key(db, key).id, day=dt.date(2026, 11, 26),
                            label="AJUSTEMENT DE TEST", detail="", amount_cents=cents,
                            category="divers")


def form(banker, *, de="livret_a", vers="ccp", montant="50", date="26/11/2026", motif=""):
    ids = tokens(banker)
    return {"de": ids.get(de, de), "vers": ids.get(vers, vers), "montant": montant,
            "date": date, "motif": motif}


def submit(banker, **fields):
    banker.get(VIREMENTS)
    return banker.post(VIREMENTS, form(banker, **fields))


def reference_of(response) -> str:
    found = re.search(r"/virements/(\d+)/confirmation$", response.headers["Location"])
    assert found, response.headers.get("Location")
    return found.group(1)


def confirm(banker, reference: str):
    return banker.post(f"{VIREMENTS}/{reference}/confirmation")


def events_named(events, name: str) -> list[dict]:
    return [e.data for e in events if e.name == name]


# --- the form -----------------------------------------------------------------------------------


def test_the_form_lists_the_accounts_like_the_real_bank(banker, events):
    page = banker.soup(banker.get(VIREMENTS))
    assert page.select_one("h1").get_text(strip=True) == "Effectuer un virement"
    steps = [text(li) for li in page.select(".bq-steps li")]
    assert steps == ["Étape 1 sur 3 : Saisie", "Étape 2 sur 3 : Confirmation",
                     "Étape 3 sur 3 : Récapitulatif"]
    assert page.select_one(".bq-steps li[aria-current=step]").get_text().endswith("Saisie")
    debit = [text(o) for o in page.select("#de option")]
    assert debit == ["Choisissez le compte à débiter",
                     "CCP - 04XXXX3K - MME MARTINE DURAND - Solde : 684,27 €",
                     "LIVRET A - 81XXXX5C - MME MARTINE DURAND - Solde : 1 846,72 €"]
    groups = {g["label"]: [text(o) for o in g.select("option")]
              for g in page.select("#vers optgroup")}
    assert groups["Mes comptes"] == debit[1:]
    assert groups["Mes bénéficiaires"] == ["DURAND KARIM - Karim (mon fils)",
                                           "SCI LES TILLEULS - Loyer"]
    assert page.select_one("#date")["value"] == "26/11/2026"
    assert page.select_one("#motif")["maxlength"] == "140"
    for name in ("de", "vers", "montant", "date", "motif"):
        assert page.select_one(f"label[for={name}]"), name
    assert page.select_one("#saisieVirement input[name=csrf_token]")["value"]
    assert page.select_one("nav a[aria-current=page]").get_text(strip=True) == "Virements"
    assert [e.name for e in events][-1] == "banque.transfer.form_viewed"


def test_a_virer_link_preselects_both_accounts(banker):
    ids = tokens(banker)
    page = banker.soup(banker.get(f"{VIREMENTS}?de={ids['livret_a']}&vers={ids['ccp']}"))
    assert page.select_one("#de option[selected]")["value"] == ids["livret_a"]
    assert page.select_one("#vers option[selected]")["value"] == ids["ccp"]


def test_tokens_of_another_world_preselect_nothing(banker):
    page = banker.soup(banker.get(f"{VIREMENTS}?de=0123456789ab&vers=ba9876543210"))
    assert not page.select("option[selected]")


def test_the_menu_and_the_synthesis_lead_to_the_form(banker):
    page = banker.soup(banker.get("/sites/banque/synthese"))
    assert page.find("a", string="Faire un virement")["href"] == VIREMENTS
    menu = page.select_one("nav[aria-label=\"Menu de l'Espace client\"]")
    assert menu.find("a", string="Virements")["href"] == VIREMENTS


def test_the_form_needs_a_logged_in_customer(learner):
    learner.start("banque")
    response = learner.get(VIREMENTS)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/sites/banque/connexion")


# --- Livret A → compte courant, the flagship -----------------------------------------------------


def test_livret_a_to_the_current_account_moves_the_money_at_once(banker, events):
    before_count = table_count(banker, "operations")
    response = submit(banker, montant="50", motif="Courses de la semaine")
    assert response.status_code == 303
    reference = reference_of(response)
    assert events_named(events, "banque.transfer.rejected") == []
    assert balances(banker) == {"ccp": 68427, "livret_a": 184672}  # a draft moves nothing

    review = banker.soup(banker.get(f"{VIREMENTS}/{reference}/confirmation"))
    summary = dict(zip([text(dt_) for dt_ in review.select(".bq-summary dt")],
                       [text(dd) for dd in review.select(".bq-summary dd")], strict=True))
    assert summary == {
        "Montant du virement": "50,00 €",
        "Compte à débiter": "LIVRET A - 81XXXX5C - MME MARTINE DURAND - Solde : 1 846,72 €",
        "Compte à créditer": "CCP - 04XXXX3K - MME MARTINE DURAND - Solde : 684,27 €",
        "Date d'exécution": "26/11/2026 (date du jour : virement immédiat)",
        "Motif": "Courses de la semaine",
    }
    button = review.select_one("input[type=submit][value=Confirmer]")
    assert button["title"] == "Confirmer la demande de virement"
    assert review.find("a", string="Modifier")["href"] == f"{VIREMENTS}?modifier={reference}"
    assert events_named(events, "banque.transfer.reviewed") == [
        {"from_account": "livret_a", "to_account": "ccp", "amount": 50.0, "beneficiary": ""}]

    done = confirm(banker, reference)
    assert done.status_code == 303
    assert done.headers["Location"] == f"{VIREMENTS}/{reference}/recapitulatif"
    assert balances(banker) == {"ccp": 68427 + 5000, "livret_a": 184672 - 5000}
    assert table_count(banker, "operations") == before_count + 2
    ops = operations_of(banker, reference)
    assert [(o["account"], o["label"], o["detail"], o["amount_cents"], o["day"], o["upcoming"],
             o["category"]) for o in ops] == [
        ("livret_a", f"VIREMENT POUR {HOLDER_LABEL}", "Courses de la semaine", -5000,
         "2026-11-26", 0, "virement_emis"),
        ("ccp", f"VIREMENT DE {HOLDER_LABEL}", "Courses de la semaine", 5000, "2026-11-26", 0,
         "virement_recu"),
    ]
    assert [t["status"] for t in transfers(banker)] == ["done"]
    assert events_named(events, "banque.transfer.confirmed") == [{
        "from_account": "livret_a", "to_account": "ccp", "amount": 50.0, "beneficiary": "",
        "execution_date": "2026-11-26", "deferred": False, "has_reason": True}]

    receipt = banker.soup(banker.get(done.headers["Location"]))
    status = text(receipt.select_one("[role=status]"))
    assert "Votre demande de virement a été enregistrée le 26/11/2026" in status
    assert f"référence n° {reference}" in status
    assert receipt.find("a", string="Faire un autre virement")["href"] == VIREMENTS
    assert receipt.find("a", string="Retour à mes comptes")["href"] == "/sites/banque/synthese"
    assert "Solde : 734,27 €" in text(receipt.select_one(".bq-summary"))
    synthesis = text(banker.soup(banker.get("/sites/banque/synthese")))
    assert "734,27 €" in synthesis and "1 796,72 €" in synthesis


@pytest.mark.parametrize(("typed", "cents"), [("50", 5000), ("50,5", 5050), ("50,50", 5050),
                                              ("1 234,56", 123456), ("12.30", 1230)])
def test_amounts_are_read_like_people_type_them(banker, typed, cents):
    reference = reference_of(submit(banker, montant=typed))
    assert transfers(banker)[0]["reference"] == reference
    assert transfers(banker)[0]["amount_cents"] == cents


def test_the_reason_typed_in_html_is_shown_as_text(banker):
    reference = reference_of(submit(banker, motif="<b>loyer</b> & co"))
    review = banker.soup(banker.get(f"{VIREMENTS}/{reference}/confirmation"))
    motif = review.select(".bq-summary dd")[-1]
    assert motif.get_text() == "<b>loyer</b> & co"
    assert not motif.select("b")


def test_an_htmx_post_gets_the_redirect_as_hx_location(banker):
    banker.get(VIREMENTS)
    response = banker.htmx_post(VIREMENTS, form(banker))
    assert response.status_code == 200
    assert re.search(r"/virements/\d+/confirmation$", response.headers["HX-Location"])


# --- bad input: explained next to the field and in the alert, kept, nothing written -------------

BAD_INPUTS = [
    # (fields, field at fault, message, reason)
    ({"montant": ""}, "montant", "Le montant saisi est incorrect.", "amount_format"),
    ({"montant": "abc"}, "montant", "Le montant saisi est incorrect.", "amount_format"),
    ({"montant": "50,505"}, "montant", "Le montant saisi est incorrect.", "amount_format"),
    ({"montant": "-5"}, "montant", "Le montant du virement ne peut pas être négatif.",
     "amount_negative"),
    ({"montant": "0"}, "montant", "Le montant du virement doit être supérieur à 0,00 €.",
     "amount_zero"),
    ({"montant": "0,50"}, "montant",
     "Le montant minimum d'une opération sur un Livret A est de 1,50 €.", "under_savings_minimum"),
    ({"de": "ccp", "vers": "livret_a", "montant": "1"}, "montant",
     "Le montant minimum d'une opération sur un Livret A est de 1,50 €.", "under_savings_minimum"),
    ({"montant": "1846,73"}, "montant",
     "Aucune opération ne doit avoir pour effet de rendre le solde du Livret A débiteur.",
     "savings_would_be_negative"),
    ({"de": "ccp", "vers": "livret_a", "montant": "684,28"}, "montant",
     "Le solde de votre compte est insuffisant pour effectuer ce virement.",
     "insufficient_balance"),
    ({"montant": "8000,01"}, "montant",
     "Le montant d'un virement en ligne ne peut pas dépasser 8 000,00 €.",
     "over_transfer_ceiling"),
    ({"de": "ccp", "vers": "ccp"}, "vers",
     "Le compte à créditer doit être différent du compte à débiter.", "same_account"),
    ({"de": "livret_a", "vers": "SCI LES TILLEULS"}, "vers",
     "Les virements depuis un compte d'épargne sont uniquement possibles vers vos comptes "
     "personnels.", "savings_to_beneficiary"),
    ({"date": "25/11/2026"}, "date",
     "La date d'exécution ne peut pas être antérieure à la date du jour.", "date_past"),
    ({"date": "31/02/2027"}, "date", "La date saisie est incorrecte. Saisissez-la sous la forme "
     "jj/mm/aaaa, par exemple 05/12/2026.", "date_invalid"),
    ({"date": "demain"}, "date", "La date saisie est incorrecte. Saisissez-la sous la forme "
     "jj/mm/aaaa, par exemple 05/12/2026.", "date_invalid"),
    ({"date": ""}, "date", "La date saisie est incorrecte. Saisissez-la sous la forme "
     "jj/mm/aaaa, par exemple 05/12/2026.", "date_invalid"),
    ({"date": "01/12/26"}, "date", "La date saisie est incorrecte. Saisissez-la sous la forme "
     "jj/mm/aaaa, par exemple 05/12/2026.", "date_invalid"),
    ({"date": "27/11/2027"}, "date",
     "La date d'exécution ne peut pas être située plus d'un an après la date du jour.",
     "date_too_far"),
    ({"motif": "x" * 141}, "motif", "Le motif ne doit pas dépasser 140 caractères.",
     "reason_too_long"),
    ({"de": "0123456789ab"}, "de", "Une erreur est survenue. Veuillez recommencer votre saisie.",
     "unknown_account"),
    ({"vers": "0123456789ab"}, "vers",
     "Une erreur est survenue. Veuillez recommencer votre saisie.", "unknown_account"),
    ({"de": ""}, "de", "Veuillez sélectionner le compte à débiter.", "account_missing"),
    ({"vers": ""}, "vers", "Veuillez sélectionner le compte à créditer.", "account_missing"),
]


@pytest.mark.parametrize(("fields", "field", "message", "reason"), BAD_INPUTS,
                         ids=[f"{case[3]}-{i}" for i, case in enumerate(BAD_INPUTS)])
def test_bad_input_is_explained_kept_and_changes_nothing(banker, events, fields, field, message,
                                                         reason):
    before = (balances(banker), table_count(banker, "operations"))
    typed = form(banker, **fields)
    banker.get(VIREMENTS)
    response = banker.post(VIREMENTS, typed)
    assert response.status_code == 200
    page = banker.soup(response)
    assert text(page.select_one(f"#{field}-error")) == message
    alert = page.select_one("[role=alert]")
    assert message in text(alert)
    control = page.select_one(f"#{field}")
    assert control["aria-invalid"] == "true"
    assert f"{field}-error" in control["aria-describedby"].split()
    # What was typed comes back (a forged token cannot be selected: there is no such option).
    for name in ("montant", "date", "motif"):
        assert page.select_one(f"#{name}")["value"] == typed[name]
    for name in ("de", "vers"):
        chosen = page.select_one(f"#{name} option[selected]")
        assert (chosen["value"] if chosen else "") == (
            typed[name] if reason not in ("unknown_account", "account_missing")
            or name != field else "")
    assert (balances(banker), table_count(banker, "operations")) == before
    assert transfers(banker) == []
    [rejected] = events_named(events, "banque.transfer.rejected")
    assert rejected["reason"] == reason


def test_the_rejection_event_names_both_sides(banker, events):
    submit(banker, de="livret_a", vers="SCI LES TILLEULS")
    submit(banker, de="0123456789ab", vers="ccp", montant="abc")
    assert events_named(events, "banque.transfer.rejected") == [
        {"reason": "savings_to_beneficiary", "from_account": "livret_a",
         "to_account": "beneficiaire"},
        {"reason": "unknown_account", "from_account": "", "to_account": "ccp"},
    ]


def test_several_mistakes_are_all_shown_at_once(banker):
    page = banker.soup(submit(banker, montant="abc", date="hier", motif="y" * 200))
    assert {e["id"] for e in page.select(".bq-field-error")} == {
        "montant-error", "date-error", "motif-error"}
    assert len(page.select("[role=alert] li")) == 3


def test_the_livret_a_deposit_ceiling(banker, events):
    add_money(banker, "livret_a", 2_290_000 - 184_672)  # 22 900,00 € on the Livret A
    page = banker.soup(submit(banker, de="ccp", vers="livret_a", montant="50,01"))
    assert text(page.select_one("#montant-error")) == (
        "Ce virement ferait dépasser le plafond de votre Livret A, qui est de 22 950,00 €.")
    assert events_named(events, "banque.transfer.rejected")[0]["reason"] == "over_savings_ceiling"
    assert submit(banker, de="ccp", vers="livret_a", montant="50").status_code == 303


def test_a_beneficiary_being_activated_is_shown_disabled_and_refused(banker, events):
    with opened_world(banker) as db, write_transaction(db):
        db.execute("UPDATE beneficiaries SET active_from = ? WHERE name = 'DURAND KARIM'",
                   [dt.datetime(2026, 11, 28, 12).timestamp()])
    page = banker.soup(banker.get(VIREMENTS))
    pending = page.find("option", string=re.compile("DURAND KARIM"))
    assert pending.has_attr("disabled")
    assert "(en cours d'activation)" in pending.get_text()
    assert "ne peut pas encore recevoir de virement" in text(page.select_one("#vers-hint"))
    assert "vers-hint" in page.select_one("#vers")["aria-describedby"]
    # Posting it anyway (a forged form) is refused, nothing is recorded.
    refused = banker.soup(submit(banker, de="ccp", vers="DURAND KARIM"))
    assert "en cours d'activation" in text(refused.select_one("#vers-error"))
    assert events_named(events, "banque.transfer.rejected")[0]["reason"] == (
        "beneficiary_not_active")
    assert transfers(banker) == []


def test_a_forged_post_without_csrf_changes_nothing(banker):
    banker.get(VIREMENTS)
    response = banker.post(VIREMENTS, {**form(banker), "csrf_token": "forged"}, csrf=False)
    assert response.status_code == 400
    assert transfers(banker) == []


# --- dates: week-ends, bank holidays, deferred transfers ------------------------------------------


@pytest.mark.parametrize(("typed", "executed"), [
    ("28/11/2026", "30/11/2026"),  # a Saturday
    ("29/11/2026", "30/11/2026"),  # a Sunday
    ("25/12/2026", "28/12/2026"),  # Christmas, a Friday
    ("2027-03-29", "30/03/2027"),  # Easter Monday, typed the ISO way
])
def test_a_week_end_or_holiday_date_moves_to_the_next_working_day(banker, typed, executed):
    reference = reference_of(submit(banker, date=typed))
    review = banker.soup(banker.get(f"{VIREMENTS}/{reference}/confirmation"))
    assert text(review.select_one(".bq-alert--warning")) == (
        "La date choisie correspond à un week-end ou à un jour férié : votre virement sera "
        f"exécuté le jour ouvré suivant ({executed}).")
    assert text(review.select(".bq-summary dd")[3]) == executed


def test_a_deferred_transfer_waits_in_the_operations_a_venir(banker, events):
    before = upcoming(banker)
    reference = reference_of(submit(banker, montant="120", date="28/11/2026"))
    confirm(banker, reference)
    assert balances(banker) == {"ccp": 68427, "livret_a": 184672}
    assert upcoming(banker) == {"ccp": before["ccp"] + 12000,
                                "livret_a": before["livret_a"] - 12000}
    assert [(o["account"], o["amount_cents"], o["day"], o["upcoming"])
            for o in operations_of(banker, reference)] == [
        ("livret_a", -12000, "2026-11-30", 1), ("ccp", 12000, "2026-11-30", 1)]
    assert transfers(banker)[0]["status"] == "scheduled"
    [confirmed] = events_named(events, "banque.transfer.confirmed")
    assert confirmed["execution_date"] == "2026-11-30"
    assert confirmed["deferred"] is True and confirmed["has_reason"] is False
    receipt = text(banker.soup(banker.get(f"{VIREMENTS}/{reference}/recapitulatif")))
    assert "Il sera exécuté le 30/11/2026" in receipt
    assert "La date choisie correspond à un week-end" in receipt


def test_a_date_one_year_ahead_is_the_last_one_accepted(banker):
    assert submit(banker, date="27/11/2027").status_code == 200
    reference_of(submit(banker, date="26/11/2027"))  # a Friday
    assert [t["execution_day"] for t in transfers(banker)] == ["2027-11-26"]


# --- Modifier, Annuler ----------------------------------------------------------------------------


def test_modifier_brings_back_the_form_as_it_was_typed(banker):
    ids = tokens(banker)
    reference = reference_of(submit(banker, montant="1 234,5", date="01/12/2026",
                                    motif="Pour Noël"))
    page = banker.soup(banker.get(f"{VIREMENTS}?modifier={reference}"))
    assert page.select_one("#de option[selected]")["value"] == ids["livret_a"]
    assert page.select_one("#vers option[selected]")["value"] == ids["ccp"]
    assert page.select_one("#montant")["value"] == f"1{NBSP}234,50"
    assert page.select_one("#date")["value"] == "01/12/2026"
    assert page.select_one("#motif")["value"] == "Pour Noël"
    # Sending it again replaces the draft: one draft at a time.
    second = reference_of(banker.post(VIREMENTS, form(banker, montant="1 000")))
    assert [(t["reference"], t["amount_cents"], t["status"]) for t in transfers(banker)] == [
        (reference, 123450, "cancelled"), (second, 100000, "draft")]
    # The old confirmation page (browser « back ») cannot confirm the replaced draft.
    old = confirm(banker, reference)
    assert old.headers["Location"] == f"{VIREMENTS}/{reference}/recapitulatif"
    assert balances(banker) == {"ccp": 68427, "livret_a": 184672}


def test_a_new_transfer_while_a_code_is_awaited_makes_that_code_useless(banker, events):
    reference = start_rent(banker, events)
    code = pending_code(banker)["code"]
    reference_of(submit(banker))
    late = banker.post(f"{VIREMENTS}/{reference}/code", {"code": code})
    assert late.headers["Location"] == f"{VIREMENTS}/{reference}/recapitulatif"
    assert balances(banker) == {"ccp": 68427, "livret_a": 184672}
    assert [t["status"] for t in transfers(banker)] == ["cancelled", "draft"]


def test_annuler_drops_the_draft_and_says_so(banker, events):
    reference = reference_of(submit(banker))
    response = banker.post(f"{VIREMENTS}/{reference}/annulation")
    assert response.status_code == 303
    assert response.headers["Location"] == f"{VIREMENTS}?annule=1"
    page = banker.soup(banker.get(response.headers["Location"]))
    assert "Votre demande de virement a été annulée." in text(page.select_one("[role=status]"))
    assert [t["status"] for t in transfers(banker)] == ["cancelled"]
    assert events_named(events, "banque.transfer.cancelled") == [{}]
    # Confirming it afterwards (an old page) moves nothing.
    late = confirm(banker, reference)
    assert late.headers["Location"] == f"{VIREMENTS}/{reference}/recapitulatif"
    receipt = text(banker.soup(banker.get(late.headers["Location"])))
    assert "Votre virement n'a pas pu être enregistré." in receipt
    assert balances(banker) == {"ccp": 68427, "livret_a": 184672}
    assert operations_of(banker, reference) == []


# --- replays and forged references ----------------------------------------------------------------


def test_a_double_tap_on_confirmer_moves_the_money_once(banker, events):
    reference = reference_of(submit(banker, montant="50"))
    first = confirm(banker, reference)
    second = confirm(banker, reference)
    assert first.headers["Location"] == second.headers["Location"] == (
        f"{VIREMENTS}/{reference}/recapitulatif")
    assert balances(banker) == {"ccp": 73427, "livret_a": 179672}
    assert len(operations_of(banker, reference)) == 2
    assert len(events_named(events, "banque.transfer.confirmed")) == 1
    # The confirmation page of a transfer already made shows its récapitulatif.
    again = banker.get(f"{VIREMENTS}/{reference}/confirmation")
    assert again.headers["Location"] == f"{VIREMENTS}/{reference}/recapitulatif"
    # Annuler after the money moved cannot undo it.
    banker.post(f"{VIREMENTS}/{reference}/annulation")
    assert transfers(banker)[0]["status"] == "done"


@pytest.mark.parametrize("step", ["confirmation", "code", "recapitulatif"])
def test_an_unknown_reference_is_the_kiosk_404(banker, step):
    submit(banker)
    assert banker.get(f"{VIREMENTS}/1234567890/{step}").status_code == 404


@pytest.mark.parametrize("step", ["confirmation", "annulation", "code"])
def test_posting_an_unknown_reference_changes_nothing(banker, step):
    reference = reference_of(submit(banker))
    response = banker.post(f"{VIREMENTS}/1234567890/{step}", {"code": "123456"})
    assert response.status_code == 404
    assert [(t["reference"], t["status"]) for t in transfers(banker)] == [(reference, "draft")]
    assert balances(banker) == {"ccp": 68427, "livret_a": 184672}


def test_the_rules_are_checked_again_when_confirming(banker, events):
    reference = reference_of(submit(banker, de="ccp", vers="livret_a", montant="600"))
    add_money(banker, "ccp", -10000)  # a card payment went through meanwhile: 584,27 € left
    response = confirm(banker, reference)
    assert response.status_code == 200
    alert = text(banker.soup(response).select_one("[role=alert]"))
    assert "Votre virement n'a pas pu être enregistré." in alert
    assert "Le solde de votre compte est insuffisant pour effectuer ce virement." in alert
    assert transfers(banker)[0]["status"] == "draft"
    assert operations_of(banker, reference) == []
    assert events_named(events, "banque.transfer.rejected")[-1] == {
        "reason": "insufficient_balance", "from_account": "ccp", "to_account": "livret_a"}


# --- towards a beneficiary, with the SMS code -----------------------------------------------------


def pending_code(banker) -> dict:
    with opened_world(banker) as db:
        return store.pending_security_code(db, "transfer")


def phone_messages(banker) -> list[dict]:
    with opened_world(banker) as db:
        return phone_store.messages(db)


def start_rent(banker, events) -> str:
    reference = reference_of(submit(banker, de="ccp", vers="SCI LES TILLEULS", montant="520",
                                    motif="Loyer décembre"))
    review = banker.soup(banker.get(f"{VIREMENTS}/{reference}/confirmation"))
    assert text(review.select(".bq-summary dd")[2]) == (
        "SCI LES TILLEULS - Loyer IBAN FR76 9950 2000 1000 0412 8736 402")
    assert "un code de sécurité vous sera envoyé par SMS" in text(review)
    response = confirm(banker, reference)
    assert response.headers["Location"] == f"{VIREMENTS}/{reference}/code"
    assert events_named(events, "banque.transfer.code_sent") == [
        {"amount": 520.0, "beneficiary": "SCI LES TILLEULS"}]
    return reference


def test_paying_the_rent_needs_the_code_received_by_sms(banker, events):
    reference = start_rent(banker, events)
    assert transfers(banker)[0]["status"] == "awaiting_code"
    assert balances(banker)["ccp"] == 68427
    code = pending_code(banker)["code"]
    sms = phone_messages(banker)[0]
    assert sms["sender"] == "BQCITOYENNE"
    assert f"520,00{NBSP}€ vers SCI LES TILLEULS" in sms["body"] and code in sms["body"]

    page = banker.soup(banker.get(f"{VIREMENTS}/{reference}/code"))
    assert page.select_one("label[for=code]").get_text(strip=True).startswith(
        "Veuillez saisir votre code de validation reçu par SMS")
    wrong = banker.post(f"{VIREMENTS}/{reference}/code", {"code": "000000" if code != "000000"
                                                           else "111111"})
    assert text(banker.soup(wrong).select_one("#code-error")) == (
        "Le code de sécurité que vous avez saisi est erroné. Il vous reste 2 essais.")
    assert banker.soup(wrong).select_one("#code")["aria-invalid"] == "true"
    assert events_named(events, "banque.transfer.code_failed") == [{"attempts_left": 2}]

    done = banker.post(f"{VIREMENTS}/{reference}/code", {"code": code})
    assert done.headers["Location"] == f"{VIREMENTS}/{reference}/recapitulatif"
    assert balances(banker) == {"ccp": 68427 - 52000, "livret_a": 184672}
    assert [(o["account"], o["label"], o["detail"], o["amount_cents"], o["upcoming"])
            for o in operations_of(banker, reference)] == [
        ("ccp", "VIREMENT POUR SCI LES TILLEULS", "Loyer décembre", -52000, 0)]
    assert events_named(events, "banque.transfer.confirmed") == [{
        "from_account": "ccp", "to_account": "beneficiaire", "amount": 520.0,
        "beneficiary": "SCI LES TILLEULS", "execution_date": "2026-11-26", "deferred": False,
        "has_reason": True}]
    receipt = text(banker.soup(banker.get(done.headers["Location"])))
    assert "Votre demande de virement a été enregistrée le 26/11/2026" in receipt
    # The code was used: sending it again moves nothing more.
    banker.post(f"{VIREMENTS}/{reference}/code", {"code": code})
    assert balances(banker)["ccp"] == 68427 - 52000
    assert pending_code(banker) is None


def test_three_wrong_codes_cancel_the_transfer(banker, events):
    reference = start_rent(banker, events)
    code = pending_code(banker)["code"]
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(2):
        banker.post(f"{VIREMENTS}/{reference}/code", {"code": wrong})
    last = banker.post(f"{VIREMENTS}/{reference}/code", {"code": wrong})
    alert = text(banker.soup(last).select_one("[role=alert]"))
    assert alert.startswith("Votre virement n'a pas pu être enregistré.")
    assert "saisi 3 fois" in alert
    assert [e["attempts_left"] for e in events_named(events, "banque.transfer.code_failed")] == [
        2, 1, 0]
    assert transfers(banker)[0]["status"] == "cancelled"
    # Even the right code is now useless.
    late = banker.post(f"{VIREMENTS}/{reference}/code", {"code": code})
    assert late.headers["Location"] == f"{VIREMENTS}/{reference}/recapitulatif"
    assert balances(banker)["ccp"] == 68427
    assert operations_of(banker, reference) == []
    assert events_named(events, "banque.transfer.confirmed") == []


@pytest.mark.parametrize("typed", ["", "12", "abcdef", "1234567"])
def test_a_code_that_is_not_six_digits_is_explained_without_counting(banker, events, typed):
    reference = start_rent(banker, events)
    response = banker.post(f"{VIREMENTS}/{reference}/code", {"code": typed})
    assert text(banker.soup(response).select_one("#code-error")) == (
        "Veuillez saisir le code à 6 chiffres reçu par SMS.")
    assert pending_code(banker)["failures"] == 0
    assert events_named(events, "banque.transfer.code_failed") == []


def test_the_code_page_can_cancel_the_transfer(banker, events):
    reference = start_rent(banker, events)
    code = pending_code(banker)["code"]
    banker.post(f"{VIREMENTS}/{reference}/annulation")
    assert transfers(banker)[0]["status"] == "cancelled"
    assert pending_code(banker) is None
    late = banker.post(f"{VIREMENTS}/{reference}/code", {"code": code})
    assert late.headers["Location"] == f"{VIREMENTS}/{reference}/recapitulatif"
    assert balances(banker)["ccp"] == 68427


def test_before_the_code_the_confirmation_page_leads_to_the_code(banker, events):
    reference = start_rent(banker, events)
    again = banker.get(f"{VIREMENTS}/{reference}/confirmation")
    assert again.headers["Location"] == f"{VIREMENTS}/{reference}/code"
    assert confirm(banker, reference).headers["Location"] == f"{VIREMENTS}/{reference}/code"
    bank_sms = [m for m in phone_messages(banker) if m["sender"] == "BQCITOYENNE"]
    assert len(bank_sms) == 1  # no second SMS
