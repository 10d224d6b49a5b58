"""Learner codes (batches, cards, parcours, progress, deletion), reports, CSV and purge."""

from __future__ import annotations

import csv
import io
import time

import pytest
import segno

import run_kiosk
from kiosk.database import get_db
from tests.support.console import ConsoleClient, create_adviser
from tests.support.kiosk_client import KioskClient

SCENARIO = "banque-connexion"


@pytest.fixture()
def console(app) -> ConsoleClient:
    create_adviser(app)
    adviser = ConsoleClient(app)
    adviser.log_in()
    return adviser


def make_codes(console, count=3, parcours="") -> list[str]:
    console.get("/agent/apprenants")
    response = console.post("/agent/apprenants/lot", {"nombre": str(count), "parcours": parcours})
    assert response.status_code == 303
    cards = console.get(response.headers["Location"])
    return [p.get_text() for p in console.soup(cards).select(".card__code")]


def practise(app, code: str | None, *, hint=False, wrong_code=False, stop=False, kiosk="borne-1"):
    """A learner plays banque-connexion on a kiosk: passes it, or stops after the login."""
    learner = KioskClient(app.test_client(), app)
    learner.get(f"/borne/{kiosk}")
    if code:
        learner.post("/code", {"code": code})
    learner.get(f"/exercices/{SCENARIO}")
    learner.post(f"/exercices/{SCENARIO}/commencer", {"mode": "entrainement"})
    if hint:
        learner.htmx_post("/coach/indice")
    if wrong_code:
        learner.login(code="111111")
    learner.login()
    if stop:
        learner.htmx_post("/coach/arreter")
    else:
        learner.post("/sites/banque/deconnexion")
    learner.end()
    return learner


def rows_of(response) -> list[list[str]]:
    raw = response.get_data()
    assert raw.startswith("\ufeff".encode())  # the BOM: a spreadsheet reads UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_a_batch_of_codes_printed_as_cards(console):
    codes = make_codes(console, 3, parcours="premiers-pas-banque")
    assert len(codes) == 3 and len(set(codes)) == 3
    page = console.soup(console.get(f"/agent/apprenants/cartes?codes={','.join(codes)}"))
    card = page.select_one(".card")
    assert "Premiers pas avec ma banque" in card.get_text()
    assert card.select_one("[lang=en]") and card.select_one("[lang=ar][dir=rtl]")
    qr = card.select_one(".card__qr")
    assert qr["aria-hidden"] == "true"
    expected = segno.make(codes[0], error="m").svg_inline(scale=5, border=2, dark="#000",
                                                          light="#fff", svgclass="qr",
                                                          omitsize=True)
    assert str(qr.svg) == str(console.soup_of(expected).svg)  # the bare code, not an address
    listing = console.text(console.get("/agent/apprenants"))
    assert all(code in listing for code in codes)


@pytest.mark.parametrize("count", ["0", "41", "beaucoup", ""])
def test_a_bad_batch_size_is_refused_clearly(console, count):
    console.get("/agent/apprenants")
    response = console.post("/agent/apprenants/lot", {"nombre": count})
    assert response.status_code == 400
    assert "entre 1 et 40" in console.text(response)


def test_cards_of_unknown_codes_are_a_404(console):
    assert console.get("/agent/apprenants/cartes?codes=AAA-AAA").status_code == 404
    assert console.get("/agent/apprenants/cartes").status_code == 404
    assert console.get("/agent/apprenants/pas-un-code").status_code == 404


def test_a_learner_page_shows_attempts_scores_and_time_with_a_chart(app, console):
    (code,) = make_codes(console, 1)
    practise(app, code)
    practise(app, code, stop=True)
    page = console.get(f"/agent/apprenants/{code}")
    soup = console.soup(page)
    chart = soup.select_one("svg.chart")
    assert chart["role"] == "img" and chart.title and chart.desc
    assert len(chart.select("rect")) == 2
    rows = soup.select("table.data tbody tr")
    assert len(rows) == 2
    assert "réussi" in rows[0].get_text() and "100 %" in rows[0].get_text()
    assert "arrêté en cours" in rows[1].get_text()
    assert "Temps passé" in console.text(page)


def test_a_parcours_is_given_to_a_code(app, console):
    (code,) = make_codes(console, 1)
    console.get(f"/agent/apprenants/{code}")
    console.post(f"/agent/apprenants/{code}/parcours", {"parcours": "premiers-pas-banque"})
    with app.test_request_context():
        assert get_db().execute("SELECT parcours_id FROM learners WHERE code = ?",
                                [code]).fetchone()[0] == "premiers-pas-banque"
    assert console.post(f"/agent/apprenants/{code}/parcours", {"parcours": "inconnu"}
                        ).status_code == 400


def test_the_kiosk_opens_the_parcours_given_to_the_code(app, console):
    given, plain = make_codes(console, 2)
    console.get(f"/agent/apprenants/{given}")
    console.post(f"/agent/apprenants/{given}/parcours", {"parcours": "premiers-pas-banque"})

    learner = KioskClient(app.test_client(), app)
    response = learner.post("/code", {"code": given})
    assert response.headers["Location"] == "/parcours/premiers-pas-banque"
    home = learner.soup(learner.get("/"))
    tile = home.select_one(".site-tile__button--parcours")
    assert "Proposé par votre conseiller" in tile.get_text()

    other = KioskClient(app.test_client(), app)
    assert other.post("/code", {"code": plain}).headers["Location"] == "/"
    assert not other.soup(other.get("/")).select(".site-tile__badge")


def test_deleting_a_code_deletes_everything_about_it(app, console):
    keep, forget = make_codes(console, 2)
    practise(app, keep)
    practise(app, forget, hint=True)
    still_here = KioskClient(app.test_client(), app)
    still_here.post("/code", {"code": forget})
    still_here.start("banque")
    confirm = console.get(f"/agent/apprenants/{forget}/supprimer")
    assert "Supprimer le code" in console.text(confirm)
    console.post(f"/agent/apprenants/{forget}/supprimer")
    with app.test_request_context():
        db = get_db()
        dump = "\n".join(db.conn.iterdump())
    assert forget not in dump  # not a trace left: attempts, session log, live session, code
    assert keep in dump
    assert console.get(f"/agent/apprenants/{forget}").status_code == 404


def test_the_scenario_report_and_its_funnel_match_the_attempts(app, console):
    practise(app, None)
    practise(app, None, hint=True)
    practise(app, None, wrong_code=True)
    practise(app, None, stop=True)
    practise(app, None, hint=True, stop=True, kiosk="borne-2")
    with app.test_request_context():
        db = get_db()
        expected = {(i, o): n for i, o, n in db.execute(
            "SELECT step_index, outcome, COUNT(*) FROM step_results GROUP BY 1, 2")}
        statuses = dict(db.execute("SELECT status, COUNT(*) FROM attempts GROUP BY 1"))
    assert statuses == {"passed": 3, "abandoned": 2}
    page = console.get(f"/agent/rapports/exercices/{SCENARIO}")
    soup = console.soup(page)
    figures = console.text(page)
    assert "Tentatives 5" in figures and "Taux de réussite 60 %" in figures
    table = [[c.get_text(strip=True) for c in row.select("td")]
             for row in soup.select("table.data tbody tr")]
    for index, row in enumerate(table):
        shown = dict(zip(["alone", "hints", "highlight", "mistakes"], map(int, row[:4]),
                         strict=True))
        assert shown == {o: expected.get((index, o), 0) for o in shown}
    assert table[1][4] == "2"  # both stopped attempts stopped at the logout step
    assert soup.select_one("svg.chart title").get_text() == "Parcours des étapes"
    funnel = rows_of(console.get(f"/agent/rapports/exercices/{SCENARIO}/etapes.csv"))
    assert funnel[0][:4] == ["étape", "identifiant", "consigne", "atteinte"]
    for index, line in enumerate(funnel[1:]):
        assert line[4:9] == table[index][:5]
    attempts = rows_of(console.get("/agent/rapports/tentatives.csv"))
    assert len(attempts) == 1 + 5  # one row per attempt
    header = attempts[0]
    scores = [row[header.index("score (%)")] for row in attempts[1:]]
    assert "100,0" in scores and any("," in s for s in scores if s)
    assert [row[header.index("résultat")] for row in attempts[1:]].count("réussi") == 3
    overview = console.text(console.get("/agent/rapports"))
    assert "Se connecter à son espace bancaire" in overview


def test_usage_per_period_and_per_kiosk(app, console):
    practise(app, None, kiosk="borne-1")
    practise(app, None, kiosk="borne-1")
    practise(app, None, kiosk="borne-2")
    page = console.get("/agent/rapports/frequentation?par=semaine")
    soup = console.soup(page)
    per_kiosk = {row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.select("td")]
                 for row in soup.select("section[aria-labelledby=per-kiosk] tbody tr")}
    assert per_kiosk["borne-1"][0] == "2" and per_kiosk["borne-2"][0] == "1"
    assert "semaine du" in console.text(page)
    assert console.get("/agent/rapports/frequentation?par=siecle").status_code == 400
    assert "pas été comprise" in console.text(console.get("/agent/rapports?du=hier"))


def test_reports_and_csv_need_a_login(app):
    anonymous = ConsoleClient(app)
    for path in ["/agent/rapports", "/agent/rapports/tentatives.csv",
                 f"/agent/rapports/exercices/{SCENARIO}/etapes.csv", "/agent/apprenants"]:
        assert anonymous.get(path).status_code == 303


def test_purge_deletes_older_records(app, console, monkeypatch, capsys):
    (code,) = make_codes(console, 1)
    practise(app, code)
    practise(app, None)
    with app.test_request_context():
        db = get_db()
        old = time.time() - 100 * 86400
        db.execute("UPDATE attempts SET started_at = ?, ended_at = ? WHERE learner_code = ?",
                   [old, old + 60, code])
        db.execute("UPDATE learners SET last_seen = ?", [old])
        db.execute("UPDATE session_log SET ended_at = ? WHERE learner_code = ?", [old, code])
    monkeypatch.setenv("PASAPAS_INSTANCE_PATH", app.instance_path)
    assert run_kiosk.main(["purge", "--older-than", "90"]) == 0
    assert "attempts: 1" in capsys.readouterr().out
    with app.test_request_context():
        db = get_db()
        assert db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 1
        assert db.execute("SELECT COUNT(*) FROM learners").fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM step_results r LEFT JOIN attempts a ON "
                          "a.id = r.attempt_id WHERE a.id IS NULL").fetchone()[0] == 0
    assert run_kiosk.main(["purge", "--older-than", "0"]) == 2


def test_the_reports_page_lists_broken_exercise_files(app, console, monkeypatch):
    from kiosk.coach.loader import ScenarioError

    assert console.soup(console.get("/agent/rapports")).select_one("#broken-title") is None
    # The catalog is loaded once per process and shared by the tests' apps: a new list, not
    # an append, or every later test of this process would see the broken file too.
    catalog = app.extensions["pasapas.catalog"]
    monkeypatch.setattr(catalog, "errors", [*catalog.errors, ScenarioError(
        "scenarios/banque/casse.yaml", 12, "step 2 « montant », field done_when.amount: "
        "expected a number, got 'cinquante'")])
    page = console.soup(console.get("/agent/rapports"))
    assert page.select_one("#broken-title").get_text() == "Exercices hors service"
    assert "scenarios/banque/casse.yaml, line 12: step 2" in (
        page.select_one(".panel--warning").get_text())
