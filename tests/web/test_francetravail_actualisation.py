"""The monthly actualisation: open from the 28th to the 15th, the real questions in the real
order, sub-questions on « Oui », the checks in the site's words, the summary, the receipt,
« Vous avez déjà déclaré votre situation pour cette période », and the « Non » to « toujours à
la recherche d'un emploi » explained before it is confirmed — then the end of the registration."""

from __future__ import annotations

import pytest

from simulator.sites.francetravail import store
from tests.support.francetravail import FT, in_world, job_seeker, last_sms, text_of

ACT = f"{FT}/actualisation"
ORDINARY = {"travail": "NON", "stage": "NON", "maladie": "NON", "maternite": "NON",
            "retraite": "NON", "invalidite": "NON", "recherche": "OUI"}
REAL_ORDER = [
    "Etes-vous inscrit à une session de formation ou suivez-vous une formation ?",
    "Avez-vous travaillé ou exercé une activité non salariée ?",
    "Avez-vous été en stage ?",
    "Avez-vous été en arrêt maladie ?",
    "Avez-vous été en congé maternité ?",
    "Percevez-vous une nouvelle pension retraite ?",
    "Percevez-vous une nouvelle pension d'invalidité de 2ème ou 3ème catégorie ?",
    "Etes-vous toujours à la recherche d'un emploi ?",
]


@pytest.fixture()
def seeker(app):
    return job_seeker(app)  # 2 December 2026: November's actualisation is open


def to_situation(seeker):
    seeker.get(ACT)
    assert seeker.post(ACT, {"formation": "NON"}).headers["Location"].endswith("/situation")


def legends(seeker, response) -> list[str]:
    return [" ".join(q.get_text(" ").split()) for q in
            seeker.soup(response).select(".ft-question__label")]


def test_the_questions_come_in_the_real_order_on_their_pages(seeker):
    first = seeker.get(ACT)
    assert legends(seeker, first) == REAL_ORDER[:1]
    assert "Actualisation de novembre 2026" in text_of(seeker, first)
    to_situation(seeker)
    second = seeker.get(f"{ACT}/situation")
    assert legends(seeker, second) == REAL_ORDER[1:]
    soup = seeker.soup(second)
    # « Oui » opens the hours and the salary; « Non » opens the end of the registration.
    assert soup.select_one("#travail-open #heures") and soup.select_one("#travail-open #salaire")
    assert soup.select_one("#travailOui").find_parent("label")["class"].count("ft-choice--opens")
    assert soup.select_one("#rechercheNon").find_parent("label")["class"].count("ft-choice--opens")
    warning = soup.select_one("#recherche-open #recherche-avertissement").get_text(" ")
    assert "votre inscription prendra fin" in warning and "allocation" in warning


def test_an_ordinary_month_is_declared_and_its_receipt_downloaded(seeker, events):
    to_situation(seeker)
    assert seeker.post(f"{ACT}/situation", ORDINARY).headers["Location"].endswith(
        "/recapitulatif")
    summary = seeker.get(f"{ACT}/recapitulatif")
    assert "Confirmer ma déclaration" in text_of(seeker, summary)
    assert not seeker.soup(summary).select_one("#fin-inscription")
    reviewed = [e for e in events if e.name == "francetravail.actualisation.reviewed"][-1]
    assert reviewed.data["still_searching"] and not reviewed.data["worked"]
    seeker.post(f"{ACT}/recapitulatif")
    confirmed = [e for e in events if e.name == "francetravail.actualisation.confirmed"][-1]
    assert confirmed.data["period"] == "2026-11"
    done = seeker.get(f"{ACT}/confirmation")
    assert "a bien été enregistrée le 02/12/2026" in text_of(seeker, done)
    pdf = seeker.get(seeker.soup(done).select_one("a.pdf-fat-link")["href"])
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    # Afterwards: the real sentence, on the page and for a replayed confirmation.
    again = seeker.get(ACT)
    assert "Vous avez déjà déclaré votre situation pour cette période" in text_of(seeker, again)
    replay = seeker.post(f"{ACT}/recapitulatif")
    assert "Vous avez déjà déclaré votre situation" in text_of(seeker, replay)
    assert events[-1].data["reason"] == "already_declared"
    assert "Vous êtes actualisé(e) pour novembre 2026" in text_of(seeker, seeker.get(
        f"{FT}/accueil"))


def test_hours_and_salary_are_declared_after_a_month_with_interim(seeker, events):
    to_situation(seeker)
    seeker.post(f"{ACT}/situation", {**ORDINARY, "travail": "OUI", "heures": "21",
                                     "salaire": "248,85"})
    summary = text_of(seeker, seeker.get(f"{ACT}/recapitulatif"))
    assert "Heures travaillées dans le mois : 21" in summary and "248,85 €" in summary
    reviewed = events[-1]
    assert (reviewed.data["worked"], reviewed.data["hours"], reviewed.data["salary"]) == (
        True, 21, 248.85)


@pytest.mark.parametrize("answers, field, message", [
    ({"travail": "OUI", "heures": "35h", "salaire": "300"}, "heures", "sans lettre"),
    ({"travail": "OUI", "heures": "0", "salaire": "300"}, "heures", "supérieur à 0"),
    ({"travail": "OUI", "heures": "800", "salaire": "300"}, "heures", "ne peut pas dépasser"),
    ({"travail": "OUI", "heures": "35", "salaire": "1.200,50"}, "salaire", "sans espace ni point"),
    ({"travail": "OUI", "heures": "35", "salaire": "1 200,50"}, "salaire", "sans espace ni point"),
    ({"travail": "OUI", "heures": "35", "salaire": ""}, "salaire", "sans espace ni point"),
    ({"maladie": "OUI", "maladie_du": "12/13/2026"}, "maladie_du", "jj/mm/aaaa"),
    ({"maladie": "OUI", "maladie_du": "20/12/2026"}, "maladie_du", "postérieure à la date du jour"),
    ({"stage": "OUI", "stage_du": "10/11/2026", "stage_au": "01/11/2026"}, "stage_au",
     "La date de fin doit être postérieure"),
    ({"recherche": "NON"}, "motif", "Veuillez indiquer la raison"),
    ({"stage": ""}, "stage", "Veuillez répondre à cette question"),
])
def test_bad_answers_are_refused_in_the_site_words_and_nothing_typed_is_lost(seeker, events,
                                                                            answers, field,
                                                                            message):
    to_situation(seeker)
    page = seeker.post(f"{ACT}/situation", {**ORDINARY, **answers})
    assert page.status_code == 200
    soup = seeker.soup(page)
    assert message in soup.select_one(f"#{field}-error").get_text()
    for name, value in answers.items():
        if value and name not in ("travail", "maladie", "stage", "recherche"):
            assert soup.select_one(f"#{name}")["value"] == value
    assert events[-1].name == "francetravail.actualisation.rejected"


def test_the_non_is_explained_before_it_is_confirmed_and_then_ends_the_registration(seeker,
                                                                                   events):
    to_situation(seeker)
    seeker.post(f"{ACT}/situation", {**ORDINARY, "recherche": "NON", "motif": "autre"})
    summary = seeker.get(f"{ACT}/recapitulatif")
    warning = " ".join(seeker.soup(summary).select_one("#fin-inscription").get_text(" ").split())
    assert "votre inscription comme demandeur d'emploi va prendre fin" in warning
    assert "cessation d'inscription" in warning and "allocation s'arrêtera" in warning
    assert "Modifier ma déclaration" in warning
    assert not events[-1].data["still_searching"]
    # « Modifier ma déclaration » keeps the answers given.
    back = seeker.soup(seeker.get(f"{ACT}/situation"))
    assert back.select_one("#rechercheNon").has_attr("checked")
    seeker.post(f"{ACT}/recapitulatif")
    account = in_world(seeker, store.account)
    assert (account["registered"], account["ended_on"]) == (0, "2026-12-02")
    done = text_of(seeker, seeker.get(f"{ACT}/confirmation"))
    assert "Votre inscription comme demandeur d'emploi a pris fin" in done
    assert "inscription comme demandeur d'emploi a pris fin" in last_sms(seeker)
    dashboard = text_of(seeker, seeker.get(f"{FT}/accueil"))
    assert "Vous n'êtes pas inscrit(e) comme demandeur d'emploi" in dashboard


def test_outside_the_window_the_actualisation_is_closed(app, events):
    seeker = job_seeker(app, day="2026-11-20")
    page = text_of(seeker, seeker.get(ACT))
    assert "L'actualisation n'est pas ouverte aujourd'hui" in page
    assert "du 28/11/2026 au 15/12/2026" in page
    assert events[-1].data["state"] == "closed"
    refused = seeker.post(ACT, {"formation": "NON"})
    assert "n'est pas ouverte" in text_of(seeker, refused)
    assert events[-1].data["reason"] == "window_closed"


def test_the_pages_cannot_be_skipped(seeker, events):
    assert seeker.get(f"{ACT}/situation").headers["Location"].endswith("/actualisation")
    assert seeker.get(f"{ACT}/recapitulatif").headers["Location"].endswith("/actualisation")
    seeker.post(f"{ACT}/situation", ORDINARY)
    assert events[-1].data["reason"] == "step_missing"
    unanswered = seeker.post(ACT, {})
    assert "Veuillez répondre à cette question" in text_of(seeker, unanswered)
