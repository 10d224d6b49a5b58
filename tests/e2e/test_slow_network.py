"""A slow and flaky network (docs/reliability.md, drill « réseau »), in Chromium with DevTools'
network emulation: a tap on its way shows it after ~300 ms, a double tap on « Confirmer » makes
one transfer, and a request the network dropped says so and can be tapped again."""

from __future__ import annotations

import re
import sqlite3

from playwright.sync_api import Page, expect

from kiosk.coach.loader import load_catalog
from kiosk.coach.replay import start

SLOW_3G = {"offline": False, "latency": 2000, "downloadThroughput": 50_000,
           "uploadThroughput": 50_000}  # DevTools' « Slow 3G »
SCENARIO = "banque-livret-a-vers-compte-courant"


def _world_and_attempt(live_server, page: Page) -> tuple[list, dict]:
    cookie = next(c["value"] for c in page.context.cookies() if c["name"] == "pasapas")
    with sqlite3.connect(live_server.instance / "kiosk.db") as db:
        world_id, = db.execute("SELECT world_id FROM sessions WHERE id = ?", [cookie]).fetchone()
        status, attempt_id = db.execute(
            "SELECT status, id FROM attempts WHERE session_id = ? ORDER BY id DESC LIMIT 1",
            [cookie]).fetchone()
        steps = [r[0] for r in db.execute(
            "SELECT step_id FROM step_results WHERE attempt_id = ? ORDER BY step_index",
            [attempt_id])]
    with sqlite3.connect(live_server.instance / "worlds" / "live" / f"{world_id}.db") as world:
        done = world.execute("SELECT reference FROM transfers WHERE status = 'done'").fetchall()
    return done, {"status": status, "steps": steps}


def _to_the_review(page: Page) -> None:
    start(page, load_catalog().scenarios[SCENARIO], "guide")
    panel = page.get_by_role("complementary", name="Aide pour l'exercice")
    identifiant = panel.locator("dt:text-is('Identifiant') + dd").inner_text().strip()
    code = panel.locator("dt:text-is('Mot de passe') + dd").inner_text().strip()
    page.get_by_role("textbox", name=re.compile("^Identifiant")).fill(identifiant)
    keypad = page.get_by_role("group", name=re.compile("Mot de passe"))
    for digit in code:
        keypad.get_by_role("button", name=digit, exact=True).click()
    page.get_by_role("button", name="Valider").click()
    page.get_by_role("navigation", name="Menu de l'Espace client").get_by_role(
        "link", name="Virements").click()
    for label, starts in (("Compte à débiter", "^LIVRET A"), ("Compte à créditer", "^CCP")):
        field = page.get_by_label(label)
        field.select_option(
            label=field.get_by_role("option", name=re.compile(starts)).inner_text())
    page.get_by_label("Montant").fill("50")
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_text("Vérifiez votre virement avant de le confirmer")).to_be_visible()


def test_a_double_tap_on_confirmer_on_slow_3g_makes_one_transfer(live_server, page: Page):
    page.goto("/")
    _to_the_review(page)
    posted = []
    page.on("request", lambda r: posted.append(r.url) if r.method == "POST" and r.url.endswith(
        "/confirmation") else None)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    confirm = page.get_by_role("button", name="Confirmer")
    confirm.click()
    # The answer takes seconds: the tap shows it is on its way, and a second tap is a no-op.
    expect(page.locator("html")).to_have_class(re.compile("kiosk-waiting"))
    expect(confirm).to_have_attribute("aria-busy", "true")
    confirm.click(force=True)
    expect(page.get_by_text("Votre demande de virement a été enregistrée")).to_be_visible(
        timeout=30_000)
    expect(page.locator("html")).not_to_have_class(re.compile("kiosk-waiting"))
    cdp.send("Network.emulateNetworkConditions", {**SLOW_3G, "latency": 0,
                                                   "downloadThroughput": -1,
                                                   "uploadThroughput": -1})
    expect(page.locator("#coach-panel")).to_have_attribute("data-status", "passed")
    done, attempt = _world_and_attempt(live_server, page)
    assert len(posted) == 1, "the second tap was sent"  # (the bank would refuse it anyway)
    assert len(done) == 1
    assert attempt == {"status": "passed",
                       "steps": ["connexion", "virements", "saisie", "confirmer"]}


def test_a_tap_the_network_dropped_says_so_and_can_be_tapped_again(live_server, page: Page):
    page.goto("/")
    _to_the_review(page)
    dropped = []

    def drop_the_confirmation(route):
        if route.request.method == "POST" and not dropped:
            dropped.append(route.request.url)
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route(re.compile(r".*/virements/\d+/confirmation$"), drop_the_confirmation)
    page.get_by_role("button", name="Confirmer").click()
    alert = page.get_by_role("alert").filter(has_text="La borne n'a pas reçu de réponse.")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Rien n'a été perdu.")
    assert len(dropped) == 1
    done, _ = _world_and_attempt(live_server, page)
    assert done == []  # nothing reached the bank
    alert.get_by_role("button", name="Réessayer").click()
    expect(page.get_by_text("Votre demande de virement a été enregistrée")).to_be_visible()
    expect(alert).to_be_hidden()
    expect(page.locator("#coach-panel")).to_have_attribute("data-status", "passed")
    done, attempt = _world_and_attempt(live_server, page)
    assert len(done) == 1 and attempt["status"] == "passed"
