"""Bytes of France Travail (simulation)'s pages, cold, with their assets (page_weight.Meter):
the login's three pages, the space's pages reachable by a plain link (one per route), the
actualisation's pages (in an exercise's world, where the window is open), the forms, a search
of offers and an offer, and the registration's steps (an exercise half-way)."""

from __future__ import annotations

import re

from benchmarks.francetravail_visit import IDENTIFIANT, PASSWORD, POSTAL_CODE

FT = "/sites/francetravail"
SKIPPED = (".pdf", "/deconnexion", "/connexion")
MAX_LINKED = 14


def _route(path: str) -> str:
    path = path.split("?", 1)[0]
    return "/".join("<ref>" if re.search(r"\d", s) else s for s in path.split("/"))


def _links(page) -> list[str]:
    links = page.eval_on_selector_all(
        f"a[href^='{FT}/']", "links => links.map(a => a.getAttribute('href'))")
    return [h for h in dict.fromkeys(links) if "#" not in h and not any(s in h for s in SKIPPED)]


def _exercise(page, base: str, scenario_id: str) -> None:
    page.goto(f"{base}/exercices/{scenario_id}")
    page.locator("button[name=mode][value=autonomie]").click()
    page.locator(".screen-card .actions a").click()
    page.locator("#coach-panel").wait_for()


def measure_francetravail(page, meter, base: str) -> list:
    weights = []

    def load(name: str, path: str) -> None:
        weights.append(meter.load(f"FT: {name}", path, base))

    page.goto(base + "/")
    page.locator("form.site-tile:has(input[value=francetravail]) button").click()
    page.wait_for_url("**/seance/fiche")
    load("persona card", "/seance/fiche")
    load("login (identifiant)", f"{FT}/connexion")
    page.locator("#identifiant").fill(IDENTIFIANT)
    page.get_by_role("button", name="Poursuivre").click()
    page.wait_for_url("**/connexion/mot-de-passe")
    load("login (password)", f"{FT}/connexion/mot-de-passe")
    page.locator("#password").fill(PASSWORD)
    page.get_by_role("button", name="Poursuivre").click()
    page.wait_for_url("**/connexion/code-postal")
    load("login (postal code)", f"{FT}/connexion/code-postal")
    page.locator("#codepostal").fill(POSTAL_CODE)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/accueil")
    load("dashboard", f"{FT}/accueil")
    seen, queue = {_route(f"{FT}/accueil")}, _links(page)
    queue.append(f"{FT}/offres?motsCles=preparateur+de+commandes&lieux=Aubervilliers&rayon=10")
    while queue and len(weights) < MAX_LINKED:
        path = queue.pop(0)
        route = _route(path) + ("?search" if "?" in path else "")
        if route in seen:
            continue
        seen.add(route)
        load(route.removeprefix(FT) or "/", path)
        queue += _links(page)
    _exercise(page, base, "francetravail-actualisation-interim")  # the window is open
    load("actualisation, page 1", f"{FT}/actualisation")
    page.locator("label:has(#formationNon)").click()
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url("**/actualisation/situation")
    load("actualisation, page 2 (the situation)", f"{FT}/actualisation/situation")
    for question in ("travail", "stage", "maladie", "maternite", "retraite", "invalidite"):
        page.locator(f"label:has(#{question}Non)").click()
    page.locator("label:has(#rechercheOui)").click()
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url("**/actualisation/recapitulatif")
    load("actualisation, summary", f"{FT}/actualisation/recapitulatif")
    page.get_by_role("button", name="Confirmer ma déclaration").click()
    page.wait_for_url("**/actualisation/confirmation")
    load("actualisation, confirmation", f"{FT}/actualisation/confirmation")
    _exercise(page, base, "francetravail-inscription-fin")  # steps 1–4 done
    for step in (1, 5):
        load(f"registration, step {step}", f"{FT}/inscription/etape/{step}")
    return weights
