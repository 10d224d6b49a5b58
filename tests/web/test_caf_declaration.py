"""« Déclarer mes ressources trimestrielles »: the quarter from the world's date, the pre-filled
« montant net social », the pension alimentaire added, amounts in every format, the summary,
the receipt (screen, PDF, e-mail), « déjà déclaré », twice, the wrong quarter, the reminder."""

from __future__ import annotations

import pytest

from simulator.sites.caf import store
from simulator.sites.messagerie import store as mailbox
from tests.support.caf import PAYSLIPS, QUARTER, allocataire, declare, in_world

BASE = "/sites/caf/declaration-trimestrielle"


@pytest.fixture()
def nadia(app):
    return allocataire(app, signed_in=True)


def text(response) -> str:
    return response.get_data(as_text=True)


def test_the_quarter_and_its_months_come_from_the_worlds_date(app):
    december = allocataire(app, day="2026-12-03", signed_in=True)
    page = text(december.get(BASE))
    assert "août 2026, septembre 2026 et octobre 2026" in page and "31/12/2026" in page
    page = text(allocataire(app, signed_in=True).get(BASE))
    assert "juillet 2026, août 2026 et septembre 2026" in page


def test_the_reminder_is_in_the_mailbox_at_the_start_when_due(app):
    learner = allocataire(app)
    mail = in_world(learner, lambda db: mailbox.latest(db, "caf.rappel"))
    assert mail["subject"] == "Votre déclaration trimestrielle de ressources est à faire"
    assert "juillet 2026, août 2026 et septembre 2026" in mail["body"]
    assert mail["read"] == 1  # opened already: the site's notification announces it
    done = allocataire(app, options={"caf.declaration": "faite"})
    assert in_world(done, lambda db: mailbox.latest(db, "caf.rappel")) is None


def test_the_salaries_are_pre_filled_with_the_payslips_montant_net_social(nadia):
    nadia.post(f"{BASE}/commencer", {"trimestre": QUARTER})
    page = nadia.soup(nadia.get(f"{BASE}/salaires"))
    assert [page.select_one(f"#salaire_{i}")["value"] for i in (1, 2, 3)] == PAYSLIPS
    assert page.find("label", string="Montant net social – juillet 2026") is not None


def test_declare_with_the_pension_alimentaire_then_the_receipt(nadia, events):
    summary = text(declare(nadia, pension=["150", "150,00", "150 €"]))
    assert "Pension alimentaire reçue" in summary and "1\u00a0512,44\u00a0€" in summary
    assert events[-1].name == "caf.declaration.summary_viewed"
    assert events[-1].data == {"total": 452626, "pension_total": 45000}
    sent = nadia.post(f"{BASE}/envoyer", {"trimestre": QUARTER, "certifie": "oui"})
    assert sent.headers["Location"] == f"{BASE}/confirmation"
    names = [e.name for e in events]
    assert names[-2:] == ["messagerie.mail.received", "caf.declaration.sent"]
    assert events[-1].data["match_payslips"] is True and events[-1].data["pension_total"] == 45000
    receipt = text(nadia.get(sent.headers["Location"]))
    assert "Votre déclaration est bien enregistrée" in receipt and "DTR-202611-4185273" in receipt
    pdf = nadia.get(f"{BASE}/justificatif.pdf")
    assert pdf.data[:4] == b"%PDF" and pdf.headers["Content-Disposition"].startswith("attachment")
    mail = in_world(nadia, lambda db: mailbox.latest(db, "caf.declaration"))
    assert "DTR-202611-4185273" in mail["body"]
    home = text(nadia.get(BASE))
    assert "Déjà déclaré" in home and "01/02/2027" in home


def test_sent_twice_gets_the_sites_message(nadia, events):
    declare(nadia, pension=["150", "150", "150"])
    nadia.post(f"{BASE}/envoyer", {"trimestre": QUARTER, "certifie": "oui"})
    again = text(nadia.post(f"{BASE}/envoyer", {"trimestre": QUARTER, "certifie": "oui"}))
    assert "Vous avez déjà déclaré vos ressources pour ce trimestre" in again
    assert events[-1].name == "caf.declaration.send_refused"
    assert events[-1].data == {"reason": "already_sent"}
    restart = text(nadia.post(f"{BASE}/commencer", {"trimestre": QUARTER}))
    assert "Vous avez déjà déclaré vos ressources pour ce trimestre" in restart


@pytest.mark.parametrize("quarter", ["2026-08", "2027-02", "", "n'importe"])
def test_a_declaration_for_the_wrong_quarter_is_refused(nadia, events, quarter):
    declare(nadia)
    page = text(nadia.post(f"{BASE}/envoyer", {"trimestre": quarter, "certifie": "oui"}))
    assert "ne correspond pas à la période à déclarer" in page
    assert "juillet 2026, août 2026 et septembre 2026" in page
    assert events[-1].data == {"reason": "wrong_quarter"}
    assert in_world(nadia, lambda db: store.declaration(db, QUARTER))["status"] == "draft"


@pytest.mark.parametrize("typed, message", [
    ("", "Veuillez saisir un montant"), ("douze", "Le montant saisi n&#39;est pas valide"),
    ("-5", "ne peut pas être négatif"), ("250000", "semble trop élevé"),
])
def test_nonsense_amounts_get_the_sites_message_and_stay_typed(nadia, typed, message):
    nadia.post(f"{BASE}/commencer", {"trimestre": QUARTER})
    response = nadia.post(f"{BASE}/salaires", {"salaire_1": typed, "salaire_2": "1298,10",
                                               "salaire_3": "1 415,72 €"})
    assert message in text(response)
    page = nadia.soup(response)
    assert page.select_one("#salaire_1")["value"] == typed
    assert page.select_one("#salaire_3")["value"] == "1 415,72 €"
    assert page.select_one("#salaire_1")["aria-invalid"] == "true"


def test_the_other_resources_need_an_answer(nadia):
    nadia.post(f"{BASE}/commencer", {"trimestre": QUARTER})
    nadia.post(f"{BASE}/salaires", dict(zip(["salaire_1", "salaire_2", "salaire_3"], PAYSLIPS,
                                            strict=True)))
    assert "Veuillez indiquer si vous avez perçu" in text(nadia.post(f"{BASE}/autres-ressources"))
    page = text(nadia.post(f"{BASE}/autres-ressources", {"autres_ressources": "oui"}))
    assert "Veuillez choisir au moins une ressource." in page


def test_a_changed_salary_is_noticed_and_not_certifying_is_refused(nadia, events):
    summary = declare(nadia, salaries=["1362,44", "1398,10", "1415,72"])
    assert summary.status_code == 200
    saved = next(e for e in events if e.name == "caf.declaration.salaries_saved")
    assert saved.data["changed"] is True and saved.data["match_payslips"] is False
    page = text(nadia.post(f"{BASE}/envoyer", {"trimestre": QUARTER}))
    assert "Veuillez cocher la case" in page
    rejected = [e for e in events if e.name == "caf.declaration.rejected"][-1]
    assert rejected.data == {"step": "recapitulatif", "reason": "not_certified"}


def test_a_wrong_pre_filled_month_can_be_corrected_with_the_payslip(app, events):
    nadia = allocataire(app, options={"caf.preremplissage": "erreur"}, signed_in=True)
    nadia.post(f"{BASE}/commencer", {"trimestre": QUARTER})
    page = nadia.soup(nadia.get(f"{BASE}/salaires"))
    assert page.select_one("#salaire_2")["value"] == "1398,10"
    declare(nadia)
    saved = [e for e in events if e.name == "caf.declaration.salaries_saved"][-1]
    assert saved.data == {"quarter": QUARTER, "changed": True, "match_payslips": True}


def test_the_steps_cannot_be_skipped(nadia):
    assert nadia.get(f"{BASE}/salaires").headers["Location"] == BASE
    assert nadia.get(f"{BASE}/recapitulatif").headers["Location"] == BASE
    nadia.post(f"{BASE}/commencer", {"trimestre": QUARTER})
    assert nadia.get(f"{BASE}/montants").headers["Location"] == BASE
    assert nadia.get(f"{BASE}/confirmation").headers["Location"] == BASE
    assert nadia.get(f"{BASE}/justificatif.pdf").headers["Location"] == BASE


def test_already_declared_by_option_shows_deja_declare(app):
    nadia = allocataire(app, options={"caf.declaration": "faite"}, signed_in=True)
    page = text(nadia.get(BASE))
    assert "Déjà déclaré" in page
    assert "Vous avez une déclaration à faire" not in text(nadia.get("/sites/caf/mon-compte"))
