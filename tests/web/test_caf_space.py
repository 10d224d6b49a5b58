"""« Mon Compte » beyond the declaration: the payments, the attestations as PDFs, the change of
address and of job (the site's messages, nothing typed lost), « Estimer mes droits »."""

from __future__ import annotations

import pytest

from simulator.sites.caf import store
from tests.support.caf import allocataire, in_world
from tests.unit.test_banque_documents import pdf_text


@pytest.fixture()
def nadia(app):
    return allocataire(app, signed_in=True)


def text(response) -> str:
    return response.get_data(as_text=True)


def test_every_page_needs_the_login(app):
    learner = allocataire(app)
    for path in ("/sites/caf/mon-compte", "/sites/caf/mes-paiements", "/sites/caf/mes-attestations",
                 "/sites/caf/changement-de-situation", "/sites/caf/simulation/prime-activite",
                 "/sites/caf/declaration-trimestrielle"):
        assert learner.get(path).headers["Location"] == "/sites/caf/connexion"


def test_the_payments_say_what_was_paid_when_and_for_which_aid(nadia, events):
    page = nadia.soup(nadia.get("/sites/caf/mes-paiements"))
    rows = [[cell.get_text(strip=True) for cell in row.select("td, th")]
            for row in page.select("tbody tr")]
    assert rows[0] == ["05/11/2026", "Prime d'activité", "octobre 2026", "353,12\u00a0€"]
    assert ["05/11/2026", "Aide personnalisée au logement", "octobre 2026", "231,00\u00a0€"] in rows
    assert len(rows) == 36  # three aids, twelve months
    assert events[-1].data == {"count": 36}


def test_the_attestation_de_paiement_is_a_fictive_pdf(nadia, events, monkeypatch):
    monkeypatch.setattr("simulator.sites.caf.pdf.COMPRESS", False)
    page = text(nadia.get("/sites/caf/mes-attestations?demande=1&type=paiement&periode=3"))
    assert "Votre attestation est prête" in page
    response = nadia.get("/sites/caf/mes-attestations/paiement.pdf?periode=3")
    assert response.mimetype == "application/pdf"
    assert "attestation_paiement_caf_20261126.pdf" in response.headers["Content-Disposition"]
    content = pdf_text(response.data)
    assert "DOCUMENT FICTIF – EXERCICE" in content and "Attestation de paiement" in content
    assert "353,12 €" in content and "4185273" in content
    assert events[-1].name == "caf.attestation.opened"
    assert events[-1].data == {"kind": "paiement", "months": 3}


def test_an_attestation_needs_a_kind_and_a_period(nadia):
    page = text(nadia.get("/sites/caf/mes-attestations?demande=1&type=paiement"))
    assert "Veuillez choisir une attestation et une période." in page
    assert nadia.get("/sites/caf/mes-attestations/autre.pdf").status_code == 303
    assert nadia.get("/sites/caf/mes-attestations/paiement.pdf?periode=7").status_code == 303


ADDRESS = {"rue": "12 rue Anatole-France", "complement": "Bâtiment B, appartement 14",
           "code_postal": "69100", "commune": "Villeurbanne", "date": "23/11/2026",
           "logement": "locataire"}


def test_report_a_move(nadia, events):
    done = nadia.post("/sites/caf/changement-de-situation/adresse", ADDRESS)
    assert done.headers["Location"] == "/sites/caf/changement-de-situation/adresse/enregistre"
    page = text(nadia.get(done.headers["Location"]))
    assert "12 rue Anatole-France, Bâtiment B, appartement 14, 69100 VILLEURBANNE" in page
    assert events[-1].name == "caf.change.declared" and events[-1].data == {"kind": "adresse"}
    lines = in_world(nadia, store.allocataire)["address_lines"]
    assert lines == ["12 rue Anatole-France", "Bâtiment B, appartement 14", "69100 VILLEURBANNE"]
    assert "Changement d&#39;adresse, déclaré le 26/11/2026" in text(
        nadia.get("/sites/caf/changement-de-situation"))


@pytest.mark.parametrize("changes, message", [
    ({"rue": ""}, "Veuillez saisir le numéro et le nom de la voie."),
    ({"rue": "7 allée des Tisserands"}, "Cette adresse est déjà celle de votre dossier."),
    ({"code_postal": "6910"}, "Le code postal doit comporter 5 chiffres."),
    ({"commune": ""}, "Veuillez saisir la commune."),
    ({"date": "23 novembre"}, "La date d&#39;emménagement doit être au format JJ/MM/AAAA."),
    ({"date": "23/11/2027"}, "ne peut pas être dans plus de 3 mois"),
    ({"logement": "chateau"}, "Veuillez indiquer votre situation de logement."),
])
def test_a_wrong_address_field_gets_its_message_and_nothing_is_lost(nadia, events, changes,
                                                                    message):
    form = {**ADDRESS, **changes}
    response = nadia.post("/sites/caf/changement-de-situation/adresse", form)
    assert message in text(response)
    page = nadia.soup(response)
    for field in ("rue", "complement", "code_postal", "commune", "date"):
        assert page.select_one(f"#{field}")["value"] == form[field]
    assert events[-1].name == "caf.change.rejected"


def test_declare_a_new_job(nadia, events):
    refused = text(nadia.post("/sites/caf/changement-de-situation/emploi",
                              {"employeur": "", "date": "1/13/2026"}))
    assert "Veuillez saisir le nom de votre employeur." in refused
    assert "La date de début doit être au format JJ/MM/AAAA." in refused
    done = nadia.post("/sites/caf/changement-de-situation/emploi",
                      {"employeur": "Boulangerie Pain d'Or", "date": "01/12/2026"},
                      follow_redirects=True)
    assert "Boulangerie Pain d&#39;Or" in text(done)
    assert events[-1].data == {"kind": "emploi"}


def test_estimate_the_prime_dactivite(nadia, events):
    page = text(nadia.post("/sites/caf/simulation/prime-activite", {
        "couple": "non", "enfants": "1", "revenus": "1 358,75", "autres": "150",
        "logement": "oui"}))
    assert "Prime d'activité estimée" in page and "par mois" in page
    assert "Ceci est une estimation, pas une décision." in page
    assert events[-1].name == "caf.estimate.computed" and 30_000 < events[-1].data["monthly"]


def test_the_estimate_form_says_what_is_missing_and_keeps_what_was_typed(nadia):
    response = nadia.post("/sites/caf/simulation/prime-activite", {"revenus": "mille",
                                                                   "enfants": "9"})
    page = text(response)
    for message in ("Veuillez indiquer si vous vivez en couple.",
                    "Veuillez indiquer le nombre d&#39;enfants à charge.",
                    "Veuillez indiquer si vous recevez une aide au logement.",
                    "Le montant saisi n&#39;est pas valide"):
        assert message in page
    assert nadia.soup(response).select_one("#revenus")["value"] == "mille"
