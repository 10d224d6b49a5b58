"""« Mon carnet »: only what was mastered, what to practise next, the code and its QR code, the
learner's language beside French, nothing that identifies the person; one A4 page as a PDF even
with everything the kiosk teaches passed."""

from __future__ import annotations

import re
import time

import pytest

from kiosk.carnet import content
from kiosk.coach.loader import load_catalog
from kiosk.database import get_db
from tests.support.diagnostic import LINK

CATALOG = load_catalog()


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", data))


def record(app, code: str, scenario_id: str, *, outcome: str = "alone",
           status: str = "passed") -> None:
    """An attempt of ``scenario_id`` with every step done so, as the coach writes it."""
    scenario = CATALOG.scenarios[scenario_id]
    now = time.time()
    with app.test_request_context():
        db = get_db()
        attempt = db["attempts"].insert({
            "session_id": "s", "learner_code": code, "world_id": "w", "scenario_id": scenario_id,
            "site": scenario.site, "mode": "guide", "lang": "fr", "status": status,
            "current_step": len(scenario.steps), "hint_level": 0, "step_mistakes": 0,
            "score": 1.0, "stars": 3, "started_at": now - 60, "ended_at": now}).last_pk
        for index, step in enumerate(scenario.steps):
            db["step_results"].insert({
                "attempt_id": attempt, "step_index": index, "step_id": step.id,
                "hint_level": 0, "highlight": 0, "mistakes": 0 if outcome == "alone" else 1,
                "outcome": outcome, "score": 1.0, "started_at": now - 30, "done_at": now})


def new_code(learner) -> str:
    page = learner.post("/code/nouveau")
    return re.search(r"[ACDEFHJKMNPRTWXY3479]{3}-[ACDEFHJKMNPRTWXY3479]{3}",
                     page.get_data(as_text=True)).group(0)


def test_only_what_was_mastered_and_what_comes_next(learner):
    learner.post("/exercices/gestes-toucher/commencer", {"mode": "guide"})
    learner.get("/sites/gestes/agenda", headers=LINK)  # a mistake on « Horaires »
    learner.get("/sites/gestes/horaires", headers=LINK)
    learner.get("/sites/gestes/", headers=LINK)
    soup = learner.soup(learner.get("/carnet"))
    mastered = [li.get_text(strip=True) for li in soup.select(".carnet-section--mastered li")]
    assert mastered == ["Revenir à l'accueil d'un site"]
    following = [li.get_text(strip=True) for li in soup.select(".carnet-section--next li")]
    assert following == ["Toucher un bouton pour ouvrir une page", "Faire défiler une page"]
    assert soup.select_one(".carnet-code") is None  # a guest: no code, a word about it
    assert "Demandez un code à votre conseiller" in soup.get_text()
    text = soup.get_text(" ", strip=True)
    assert "Martine" not in text and "Durand" not in text
    assert not re.search(r"\d+ ?%|score|étoile|★", text)


def test_side_by_side_in_the_learners_language_with_the_code_and_its_qr(app, learner):
    code = new_code(learner)
    record(app, code, "gestes-toucher")
    learner.post("/langue", {"lang": "ar"})
    soup = learner.soup(learner.get("/carnet"))
    first = soup.select_one(".carnet-section--mastered li")
    parts = [span.get_text() for span in first.select("span")]
    assert parts == ["لمس زر لفتح صفحة", "Toucher un bouton pour ouvrir une page"]
    assert first.select("span")[1]["lang"] == "fr"
    assert soup.select_one(".carnet-code svg.qr") is not None
    assert code in soup.select_one(".carnet-code").get_text()


@pytest.mark.parametrize("lang", ["fr", "ar", "ro", "pt"])
def test_the_pdf_is_one_a4_page_even_with_everything_passed(app, learner, lang):
    code = new_code(learner)
    for scenario_id in CATALOG.scenarios:
        record(app, code, scenario_id)
    learner.post("/langue", {"lang": lang})
    response = learner.get("/carnet.pdf")
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert pdf_pages(response.data) == 1
    assert b"/MediaBox [0 0 595.28 841.89]" in response.data  # A4
    html = learner.soup(learner.get("/carnet"))
    # The list is kept to one page: the newest skills, then « … et N autres ».
    assert len(html.select(".carnet-section--mastered li")) == content.MAX_MASTERED
    assert html.select_one(".carnet-section--mastered .carnet-note")


def test_the_pdf_says_what_was_mastered_only(app, learner):
    code = new_code(learner)
    record(app, code, "gestes-toucher")
    record(app, code, "gestes-defiler", outcome="hints")
    with app.test_request_context():
        built = content.build(get_db(), lang="fr", learner_code=code, session_id=None,
                              proposal=[], today=__import__("datetime").date(2026, 11, 26))
    assert [line.french for line in built.mastered] == [
        "Toucher un bouton pour ouvrir une page", "Revenir à l'accueil d'un site"]
    assert "Faire défiler une page avec le doigt" in [line.french for line in built.next_steps]
