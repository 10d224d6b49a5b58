"""« Déclarer mes revenus »: the steps and their « Précédent / Suivant », the amounts as people
type them, the récapitulatif's tax (the same as the barème's), the signature (once), the accusé
de réception (on screen, as a PDF, by e-mail), the correction; then « Documents », the
prélèvement à la source and the profile."""

from __future__ import annotations

import re

import pytest

from simulator.sites.impots import bareme
from tests.support.impots import EMAIL, PASSWORD, declare, newest_mail, ready_space


@pytest.fixture()
def taxpayer(learner):
    ready_space(learner)
    return learner


def text(response) -> str:
    return response.get_data(as_text=True)


def amount_shown(page: str) -> int:
    found = re.search(r'id="montant-impot">([\d\u00a0]+)\u00a0€<', page)
    return int(found.group(1).replace("\u00a0", ""))


def test_the_steps_in_order_with_the_pre_filled_figures(taxpayer, events):
    start = taxpayer.post("/sites/impots/declaration")
    assert start.headers["Location"] == "/sites/impots/declaration/etat-civil"
    assert events[-1].data == {"year": 2025, "correction": False}
    identity = text(taxpayer.get("/sites/impots/declaration/etat-civil"))
    assert "30 12 847 596 283" in identity and "VILLEURBANNE" in identity
    taxpayer.post("/sites/impots/declaration/etat-civil", {"direction": "suivant"})
    situation = taxpayer.soup(taxpayer.get("/sites/impots/declaration/situation"))
    assert situation.select_one("#situation-C").has_attr("checked")
    assert situation.select_one("#case_t").has_attr("checked")  # pre-filled from last year
    taxpayer.post("/sites/impots/declaration/situation", {"situation": "C", "case_t": "1"})
    dependants = text(taxpayer.get("/sites/impots/declaration/personnes-a-charge"))
    assert "Lina, né(e) le 14/05/2023" in dependants
    taxpayer.post("/sites/impots/declaration/personnes-a-charge", {})
    income = taxpayer.soup(taxpayer.get("/sites/impots/declaration/revenus"))
    assert income.select_one("#salaires_1aj")["value"] == "16284"
    assert "MARCHÉ FRAIS VILLEURBANNE" in income.get_text()


def test_leaving_keeps_what_was_saved_and_precedent_goes_back(taxpayer):
    declare(taxpayer, childcare=None)
    back = taxpayer.post("/sites/impots/declaration/revenus", {"salaires_1aj": "16000",
                                                              "direction": "precedent"})
    assert back.headers["Location"] == "/sites/impots/declaration/personnes-a-charge"
    taxpayer.get("/sites/impots/accueil")
    home = text(taxpayer.get("/sites/impots/declaration"))
    assert "Reprendre ma déclaration" in home
    resumed = taxpayer.post("/sites/impots/declaration")
    assert resumed.headers["Location"] == "/sites/impots/declaration/recapitulatif"
    assert taxpayer.soup(taxpayer.get("/sites/impots/declaration/revenus")).select_one(
        "#salaires_1aj")["value"] == "16000"


@pytest.mark.parametrize("typed, message, kept", [
    ("16284,00", "sans centimes et sans point", "16284,00"),
    ("16.284", "sans centimes et sans point", "16.284"),
    ("-16284", "ne peut pas être négatif", "-16284"),
    ("99999999999", "trop élevé", "99999999999"),
    ("", "Veuillez indiquer le montant de vos salaires", ""),
    ("seize mille", "sans centimes et sans point", "seize mille"),
])
def test_salary_amounts_as_people_type_them(taxpayer, events, typed, message, kept):
    taxpayer.post("/sites/impots/declaration")
    response = taxpayer.post("/sites/impots/declaration/revenus", {"salaires_1aj": typed,
                                                                  "direction": "suivant"})
    assert response.status_code == 200 and message in text(response)
    assert taxpayer.soup(response).select_one("#salaires_1aj")["value"] == kept
    assert events[-1].name == "impots.declaration.rejected"


def test_spaces_and_the_euro_sign_are_fine(taxpayer, events):
    taxpayer.post("/sites/impots/declaration")
    ok = taxpayer.post("/sites/impots/declaration/revenus", {"salaires_1aj": "16 284 €",
                                                            "direction": "suivant"})
    assert ok.headers["Location"] == "/sites/impots/declaration/charges"
    assert events[-1].data == {"salaries": 16284, "prefilled": 16284, "changed": False}


def test_the_childcare_box_is_never_pre_filled_and_checks_amounts(taxpayer, events):
    declare(taxpayer, childcare=None)
    charges = taxpayer.soup(taxpayer.get("/sites/impots/declaration/charges"))
    assert not charges.select_one("#rubrique-garde").has_attr("checked")
    taxpayer.post("/sites/impots/declaration/charges", {"rubriques": "garde"})
    amounts = taxpayer.soup(taxpayer.get("/sites/impots/declaration/montants"))
    field = amounts.select_one("#case_7ga")
    assert field["value"] == "" and "Lina" in amounts.select_one("label[for=case_7ga]").get_text()
    bad = taxpayer.post("/sites/impots/declaration/montants", {"case_7ga": "2 460,50"})
    assert "sans centimes" in text(bad)
    taxpayer.post("/sites/impots/declaration/montants", {"case_7ga": "6840"})
    assert events[-1].data == {"amount": 6840, "paid": 6840, "net": 2460}


def test_the_summary_s_tax_is_the_barème_s(taxpayer, events):
    summary = text(declare(taxpayer))
    independent = bareme.compute(salaries=16284, situation="C", children=1, single_parent=True,
                                 childcare=[2460])
    assert amount_shown(summary) == -independent.balance == 1230
    assert "Montant qui vous sera remboursé" in summary
    assert events[-1].data == {"balance": -1230, "childcare": 2460, "salaries": 16284}
    mistaken = text(declare(taxpayer, childcare="6840"))
    assert amount_shown(mistaken) == 1750


def test_sign_once_get_the_accuse_on_screen_as_pdf_and_by_e_mail(taxpayer, events):
    declare(taxpayer)
    signed = taxpayer.post("/sites/impots/declaration/signature", follow_redirects=True)
    page = text(signed)
    reference = re.search(r"imp-digits\">(\d+)<", page).group(1)
    assert "Accusé de réception" in page and EMAIL in page
    assert events[-2].name == "impots.declaration.signed"
    assert events[-2].data == {"year": 2025, "correction": False, "balance": -1230,
                               "salaries": 16284, "childcare": 2460}
    mail = newest_mail(taxpayer, "impots.accuse")
    assert reference in mail["body"] and mail["read"] == 0
    pdf_link = taxpayer.soup(signed).select_one("a[download]")["href"]
    pdf = taxpayer.get(pdf_link)
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert "accuse_reception_revenus_2025.pdf" in pdf.headers["Content-Disposition"]
    again = taxpayer.post("/sites/impots/declaration/signature")
    assert again.headers["Location"] == "/sites/impots/declaration/accuse-de-reception"
    assert events[-1].data == {"reason": "already_signed"}
    assert len([e for e in events if e.name == "impots.declaration.signed"]) == 1


def test_an_incomplete_declaration_cannot_be_signed(taxpayer, events):
    taxpayer.post("/sites/impots/declaration")
    refused = taxpayer.post("/sites/impots/declaration/signature")
    assert refused.headers["Location"] == "/sites/impots/declaration/etat-civil"
    assert events[-1].data == {"reason": "incomplete"}


def test_correct_after_signing(taxpayer, events):
    declare(taxpayer, childcare="6840")
    taxpayer.post("/sites/impots/declaration/signature")
    home = text(taxpayer.get("/sites/impots/declaration"))
    assert "Corriger ma déclaration en ligne" in home
    taxpayer.post("/sites/impots/declaration/corriger")
    assert events[-1].name == "impots.declaration.correction_started"
    amounts = taxpayer.soup(taxpayer.get("/sites/impots/declaration/montants"))
    assert amounts.select_one("#case_7ga")["value"] == "6840"  # the signed figures, to correct
    taxpayer.post("/sites/impots/declaration/montants", {"case_7ga": "2460"})
    taxpayer.post("/sites/impots/declaration/signature")
    signed = [e for e in events if e.name == "impots.declaration.signed"][-1]
    assert signed.data["correction"] is True and signed.data["balance"] == -1230
    docs = text(taxpayer.get("/sites/impots/documents?annee=2026"))
    assert "Accusé de réception de la déclaration rectificative" in docs


def test_documents_by_year_with_the_avis_as_pdf(taxpayer, events):
    this_year = taxpayer.soup(taxpayer.get("/sites/impots/documents"))
    assert [a.get_text() for a in this_year.select(".imp-years a")] == ["2026", "2025", "2024"]
    assert "Aucun document pour cette année" in this_year.get_text()
    last = taxpayer.soup(taxpayer.get("/sites/impots/documents?annee=2025"))
    assert events[-1].data == {"year": 2025, "years_ago": 1}
    titles = [t.get_text() for t in last.select(".imp-document__title")]
    assert titles == ["Avis d'impôt 2025 sur les revenus de l'année 2024"]
    pdf = taxpayer.get(last.select_one("a[download]")["href"])
    assert pdf.data.startswith(b"%PDF") and "avis_impot_2025_revenus_2024" in pdf.headers[
        "Content-Disposition"]
    assert events[-1].data == {"kind": "avis", "year": 2025, "years_ago": 1, "income_year": 2024}
    assert taxpayer.get("/sites/impots/documents?annee=abc").status_code == 200
    assert taxpayer.get("/sites/impots/documents/inexistant.pdf").status_code == 404


def test_prelevement_a_la_source(taxpayer, events):
    page = text(taxpayer.get("/sites/impots/prelevement"))
    assert "Taux personnalisé du foyer : <strong>0,0 %</strong>" in page
    taxpayer.post("/sites/impots/prelevement/taux", {"taux": "non_personnalise"})
    assert events[-1].data == {"choice": "non_personnalise"}
    soup = taxpayer.soup(taxpayer.get("/sites/impots/prelevement"))
    assert soup.select_one("#taux-non-personnalise").has_attr("checked")
    assert "Veuillez choisir un taux" in text(taxpayer.post("/sites/impots/prelevement/taux",
                                                           {"taux": "zero"}))
    for date, message in [("31/02/2026", "JJ/MM/AAAA"), ("01/01/2030", "dans le futur"),
                          ("", "JJ/MM/AAAA")]:
        refused = taxpayer.post("/sites/impots/prelevement/changement",
                                {"evenement": "naissance", "date": date})
        assert message in text(refused)
    ok = text(taxpayer.post("/sites/impots/prelevement/changement",
                            {"evenement": "pacs", "date": "02/11/2026"}))
    assert "Votre changement de situation (pacs) a bien été enregistré" in ok
    assert events[-1].data == {"kind": "pacs"}


def test_profile_shows_the_real_fields_and_changes_are_checked(taxpayer, events):
    soup = taxpayer.soup(taxpayer.get("/sites/impots/profil"))
    assert soup.select_one("#prenom").get_text() == "Nadia"
    assert soup.select_one("#lieunaissance").get_text() == "LYON 8E (69)"
    assert "N° fiscal" in soup.get_text() and "Téléphone portable" in soup.get_text()
    assert "pas valide" in text(taxpayer.post("/sites/impots/profil/adresse", {
        "email": "nadia", "email_confirmation": "nadia"}))
    taxpayer.post("/sites/impots/profil/adresse", {"email": EMAIL, "email_confirmation": EMAIL})
    assert events[-1].name == "impots.profile.email_changed"
    assert newest_mail(taxpayer, "impots.profil") is not None
    wrong = text(taxpayer.post("/sites/impots/profil/mot-de-passe", {
        "ancien": "Lilas0000", "nouveau": PASSWORD, "confirmation": PASSWORD}))
    assert "Votre mot de passe actuel est incorrect" in wrong
    ok = text(taxpayer.post("/sites/impots/profil/mot-de-passe", {
        "ancien": PASSWORD, "nouveau": PASSWORD, "confirmation": PASSWORD}))
    assert "Votre mot de passe a bien été modifié" in ok


def test_the_space_is_for_logged_in_learners_only(learner):
    learner.start("impots")
    for path in ("/sites/impots/accueil", "/sites/impots/declaration", "/sites/impots/documents",
                 "/sites/impots/prelevement", "/sites/impots/profil",
                 "/sites/impots/declaration/recapitulatif"):
        assert learner.get(path).headers["Location"] == "/sites/impots/connexion", path


def test_the_bank_persona_has_no_tax_file(banker):
    assert banker.get("/sites/impots/connexion").headers["Location"] == "/sites/impots/sans-dossier"
    assert "pas de dossier aux impôts" in text(banker.get("/sites/impots/sans-dossier"))
