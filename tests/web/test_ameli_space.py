"""Inside the ameli account: « Mes paiements » and a reimbursement's detail, the attestation de
droits as a fictive PDF, a lost carte Vitale, the bank details with the IBAN boxes,
« Ma messagerie » and the caisse's answer later in the session."""

from __future__ import annotations

import re
import time

import pytest

from tests.support.ameli import log_in


@pytest.fixture()
def insured(learner):
    log_in(learner)
    return learner


def text(response) -> str:
    return response.get_data(as_text=True)


def test_payments_are_grouped_by_monthly_statement_and_a_line_shows_its_detail(insured, events):
    page = text(insured.get("/sites/ameli/paiements"))
    assert page.count("Relevé mensuel") >= 2
    assert "Consultation médecin généraliste" in page and "19,00" in page
    link = re.search(r'href="(/sites/ameli/paiements/[^"/]+)"[^>]*>\s*'
                     r'<span class="am-payment__date">[^<]*</span>\s*'
                     r'<span class="am-payment__what"><strong>Consultation médecin', page).group(1)
    detail = text(insured.get(link))
    for words in ("Date des soins", "Montant payé", "30,00", "Base de remboursement",
                  "Taux de remboursement", "70 %", "Participation forfaitaire", "− 2,00",
                  "Montant remboursé", "19,00"):
        assert words in detail
    opened = events[-1]
    assert opened.name == "ameli.payment.opened"
    assert opened.data == {"act": "consultation", "beneficiary": "Nadia", "months_ago": 1,
                           "reimbursed": 19.0, "participation": 2.0}


def test_a_pharmacy_line_in_tiers_payant_and_a_childs_care_without_participation(insured):
    page = text(insured.get("/sites/ameli/paiements"))
    links = re.findall(r'href="(/sites/ameli/paiements/[A-Za-z0-9_-]+)"', page)
    details = [text(insured.get(link)) for link in links]
    pharmacy = next(d for d in details if "Franchise médicale" in d and "Nadia" in d)
    assert "tiers payant" in pharmacy and "9,96" in pharmacy  # 18,40 × 65 % = 11,96 − 2 boxes
    child = next(d for d in details if "Consultation pédiatre" in d)
    assert "pas de participation avant 18 ans" in child and "24,50" in child


def test_a_payment_of_another_world_or_made_up_is_not_found(insured):
    assert insured.get("/sites/ameli/paiements/inconnu").status_code == 404


def test_the_monthly_statement_is_a_fictive_pdf(insured, events):
    response = insured.get("/sites/ameli/paiements/releve/1.pdf")
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert events[-1].name == "ameli.statement.downloaded"
    assert insured.get("/sites/ameli/paiements/releve/40.pdf").status_code == 404


@pytest.mark.parametrize("who", ["moi", "tous"])
def test_the_attestation_de_droits_is_a_pdf_marked_fictive(insured, events, who):
    page = text(insured.get("/sites/ameli/demarches/attestation"))
    assert "pour moi et mes enfants (Lina)" in page
    response = insured.get(f"/sites/ameli/demarches/attestation/attestation_droits.pdf?pour={who}")
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert events[-1].name == "ameli.attestation.downloaded"
    assert events[-1].data == {"who": who}


def test_declare_a_lost_carte_vitale_step_by_step(insured, events):
    refused = text(insured.post("/sites/ameli/demarches/carte-vitale", {}))
    assert "Veuillez indiquer s&#39;il s&#39;agit d&#39;une perte ou d&#39;un vol." in refused
    chosen = insured.post("/sites/ameli/demarches/carte-vitale", {"motif": "perte"})
    assert chosen.headers["Location"] == "/sites/ameli/demarches/carte-vitale/confirmation"
    confirm = text(insured.get(chosen.headers["Location"]))
    assert "désactivée" in confirm and "7 allée des Tisserands" in confirm
    unticked = text(insured.post("/sites/ameli/demarches/carte-vitale/confirmation", {}))
    assert "Veuillez cocher la case pour confirmer votre déclaration." in unticked
    done = insured.post("/sites/ameli/demarches/carte-vitale/confirmation", {"certifie": "oui"},
                        follow_redirects=True)
    assert "nouvelle carte Vitale est commandée" in text(done)
    assert [e.name for e in events if e.name.startswith("ameli.carte")][-1] == \
        "ameli.carte_vitale.declared"
    assert any(e.name == "messagerie.mail.received" and e.data["topic"] == "ameli.carte_vitale"
               for e in events)
    # Declared once: a second declaration is refused kindly.
    again = text(insured.post("/sites/ameli/demarches/carte-vitale", {"motif": "vol"}))
    assert "Vous avez déjà déclaré la perte ou le vol" in again


NEW_IBAN = "FR7699504002100005821736595"


def iban_form(iban: str, **extra) -> dict:
    rest, form = iban[2:], {"pays": "FR", "titulaire": "Nadia Ferrand", "certifie": "oui"}
    for n, length in enumerate((2, 4, 4, 4, 4, 4, 3), 1):
        form[f"ibans{n}"], rest = rest[:length], rest[length:]
    form.update(extra)
    return form


@pytest.mark.parametrize("iban, message", [
    ("FR7699504002100005821736596", "L&#39;IBAN que vous avez saisi est erroné"),
    ("FR76995040021000058217365", "La case 7 doit contenir 3 caractères"),
    ("FR76AB504002100005821736595", "la case 2 ne doit contenir que des chiffres"),
    ("FR7699502000100004128736402", "Ces coordonnées bancaires sont déjà enregistrées"),
])
def test_bad_ibans_get_the_real_forms_message_and_keep_what_was_typed(insured, events, iban,
                                                                      message):
    page = text(insured.post("/sites/ameli/demarches/coordonnees-bancaires", iban_form(iban)))
    assert message in page
    assert 'value="Nadia Ferrand"' in page
    assert events[-1].name == "ameli.rib.rejected"


def test_change_the_bank_details_with_the_new_rib(insured, events):
    form = iban_form(NEW_IBAN)
    missing = text(insured.post("/sites/ameli/demarches/coordonnees-bancaires",
                                {**form, "certifie": "", "titulaire": " "}))
    assert "Veuillez saisir le nom du titulaire du compte." in missing
    assert "Veuillez cocher la case pour certifier" in missing
    saved = insured.post("/sites/ameli/demarches/coordonnees-bancaires", form,
                         follow_redirects=True)
    assert "Vos nouvelles coordonnées bancaires sont enregistrées" in text(saved)
    assert "FR76 9950 •••• •••• •••• •••6 595" in text(saved)
    changed = [e for e in events if e.name == "ameli.rib.changed"]
    assert [e.data for e in changed] == [{"iban_suffix": "6595"}]


def test_write_to_the_caisse_and_read_its_answer_later(insured, events):
    refused = text(insured.post("/sites/ameli/messagerie/nouveau", {"message": "Bonjour"}))
    assert "Veuillez choisir l&#39;objet de votre message." in refused and "Bonjour" in refused
    sent = insured.post("/sites/ameli/messagerie/nouveau",
                        {"objet": "attestation", "message": "Où trouver mon attestation ?"},
                        follow_redirects=True)
    assert "Votre message a bien été envoyé" in text(sent)
    assert "Réponse de ma caisse" not in text(sent)  # not yet
    world = insured.world()
    world.db.execute("UPDATE ameli_messages SET visible_at = ?", [time.time() - 1])
    world.db.conn.commit()
    world.close()
    page = text(insured.get("/sites/ameli/messagerie"))
    assert "Réponse de ma caisse" in page and "Non lu" in page
    link = re.findall(r'href="(/sites/ameli/messagerie/[A-Za-z0-9_-]{6,})"', page)
    answer = next(text(insured.get(href)) for href in link
                  if "Réponse de votre caisse" in text(insured.get(href)))
    assert "rubrique « Obtenir une attestation de droits »" in answer
    assert "ameli.message.reply_read" in [e.name for e in events]
