"""Bytes each kiosk page transfers with its assets: Chromium, cold load, cache disabled.

Chromium's DevTools protocol gives the bytes received on the wire for every response
(``Network.loadingFinished.encodedDataLength``: headers + body as sent). The server does not
compress, so the body is also gzip-compressed here (level 6, what a reverse proxy would
typically do) to show what compression would save.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
from dataclasses import dataclass, field

from benchmarks.learner import IDENTIFIANT, SECRET_CODE
from benchmarks.page_weight_francetravail import measure_francetravail
from benchmarks.server import BenchServer

PLACEHOLDER = "Cette page arrive bientôt."  # banque/pages/todo.html: a screen not built yet


def system_chromium() -> str | None:
    for candidate in (os.environ.get("PASAPAS_CHROMIUM"), "chromium", "chromium-browser"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


@dataclass
class Transfer:
    url: str
    kind: str
    status: int
    sent_at: float = 0.0  # DevTools' monotonic clock, when the request left
    wire: int = 0  # bytes received: headers + body
    body: int = 0
    gzipped: int = 0


@dataclass
class PageWeight:
    name: str
    path: str
    placeholder: bool = False
    responses: list[Transfer] = field(default_factory=list)

    def total(self, attribute: str) -> int:
        return sum(getattr(r, attribute) for r in self.responses)

    def as_dict(self) -> dict:
        document = self.responses[0] if self.responses else Transfer("", "", 0)
        return {"name": self.name, "path": self.path, "placeholder": self.placeholder,
                "requests": len(self.responses), "html_wire": document.wire,
                "html_body": document.body, "html_gzipped": document.gzipped,
                "total_wire": self.total("wire"), "total_body": self.total("body"),
                "total_gzipped": self.total("gzipped"),
                "responses": [r.__dict__ for r in self.responses]}


class Meter:
    """Records every response of one page load through a CDP session."""

    def __init__(self, context, page):
        self.page = page
        self.cdp = context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        self.seen: dict[str, Transfer] = {}
        self.order: list[str] = []
        self.sent_at: dict[str, float] = {}
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.cdp.on("Network.responseReceived", self._received)
        self.cdp.on("Network.loadingFinished", self._finished)

    def _sent(self, event: dict) -> None:
        self.sent_at.setdefault(event["requestId"], event["timestamp"])

    def _received(self, event: dict) -> None:
        response = event["response"]
        if not response["url"].startswith("http"):
            return
        self.seen[event["requestId"]] = Transfer(response["url"], event.get("type", ""),
                                                 response["status"],
                                                 self.sent_at.get(event["requestId"], 0.0))
        self.order.append(event["requestId"])

    def _finished(self, event: dict) -> None:
        transfer = self.seen.get(event["requestId"])
        if transfer is None:
            return
        transfer.wire = int(event["encodedDataLength"])
        try:
            body = self.cdp.send("Network.getResponseBody", {"requestId": event["requestId"]})
            raw = body["body"].encode() if not body["base64Encoded"] else _b64(body["body"])
        except Exception:  # noqa: BLE001 — a body Chromium no longer holds: sizes stay 0
            raw = b""
        transfer.body = len(raw)
        transfer.gzipped = len(gzip.compress(raw, 6)) if raw else 0

    def load(self, name: str, path: str, base_url: str) -> PageWeight:
        self.seen.clear()
        self.order.clear()
        self.page.goto(base_url + path, wait_until="load")
        try:
            self.page.wait_for_load_state("networkidle", timeout=5000)
        except Exception:  # noqa: BLE001 — a page that keeps polling is measured as it stands
            pass
        weight = PageWeight(name, path, PLACEHOLDER in self.page.content())
        responses = [self.seen[i] for i in self.order if i in self.seen]
        # DevTools events arrive asynchronously: the end of the previous page's boosted
        # navigation can land after the reset. Only what left with or after the document counts.
        documents = [r for r in responses if r.kind == "Document"]
        start = documents[-1].sent_at if documents else 0.0
        weight.responses = sorted((r for r in responses if r.sent_at >= start),
                                  key=lambda r: (r.kind != "Document", r.sent_at))
        return weight


def _b64(text: str) -> bytes:
    import base64

    return base64.b64decode(text)


# Friendly names of the bank's pages, by route (others are named by their route).
NAMES = {
    "/sites/banque/comptes/<token>": "history of an account",
    "/sites/banque/comptes/<token>/operations/<token>": "an operation's detail",
    "/sites/banque/virements": "transfer form",
    "/sites/banque/beneficiaires": "beneficiaries",
    "/sites/banque/beneficiaires/ajout": "add a beneficiary (step 1)",
    "/sites/banque/rib": "RIB",
    "/sites/banque/cartes": "cards",
    "/sites/banque/cartes/<token>/opposition": "card opposition form",
    "/sites/banque/e-releves": "e-statements",
    "/sites/banque/e-releves/<token>/<token>": "one e-statement",
}
SKIPPED = ("/static/", "/pdf", "/deconnexion", "/connexion")
MAX_PAGES = 30


def _route(path: str) -> str:
    path = path.split("?", 1)[0]
    return "/".join("<token>" if re.search(r"\d", s) else s for s in path.split("/"))


def _bank_links(page) -> list[str]:
    links = page.eval_on_selector_all(
        "a[href^='/sites/banque/']", "links => links.map(a => a.getAttribute('href'))")
    return [h for h in dict.fromkeys(links)
            if "#" not in h and not any(s in h.split("?")[0] for s in SKIPPED)]


def measure_pages(server: BenchServer, max_pages: int = MAX_PAGES,
                  other_sites: bool = True) -> list[dict]:
    """Cold-load every kiosk page a learner meets in the bank, in the order they meet them:
    the kiosk's own pages, then every bank page reachable by a plain link (one per route, at
    most ``max_pages`` in all), then the transfer's « Vérifiez » and « Récapitulatif » pages,
    then France Travail's and the tax space's (not in a smoke run, which takes fewer pages)."""
    from playwright.sync_api import sync_playwright

    pages: list[PageWeight] = []
    with sync_playwright() as playwright:
        launch = {"args": ["--disable-background-networking", "--disable-component-update",
                           "--no-first-run", "--disable-quic"]}
        if system_chromium():
            launch["executable_path"] = system_chromium()
        browser = playwright.chromium.launch(**launch)
        context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="fr-FR",
                                      timezone_id="Europe/Paris", has_touch=True)
        page = context.new_page()
        meter = Meter(context, page)
        base = server.url
        pages.append(meter.load("home", "/", base))
        page.get_by_role("button", name=re.compile("Ma banque")).click()
        page.wait_for_url("**/seance/fiche")
        pages.append(meter.load("persona card", "/seance/fiche", base))
        pages.append(meter.load("login (keypad)", "/sites/banque/connexion", base))
        _log_in(page)
        pages.append(meter.load("synthesis", "/sites/banque/synthese", base))
        seen = {"/sites/banque/", "/sites/banque/synthese"}  # routes already measured
        queue = _bank_links(page)
        while queue and len(pages) < max_pages:
            path = queue.pop(0)
            if _route(path) in seen:
                continue
            seen.add(_route(path))
            pages.append(meter.load(NAMES.get(_route(path), _route(path)), path, base))
            queue += _bank_links(page)
        pages += _transfer_pages(page, meter, base)
        page.goto(base + "/sites/banque/synthese")
        page.get_by_role("button", name=re.compile("connecter|Déconnexion", re.I)).first.click()
        page.wait_for_url("**/sites/banque/deconnexion")
        pages.append(meter.load("logged out", "/sites/banque/deconnexion", base))
        if other_sites:
            pages += measure_francetravail(page, meter, base)
            pages += _tax_pages(page, meter, base)
        browser.close()
    return [p.as_dict() for p in pages]


def _transfer_pages(page, meter: Meter, base: str) -> list[PageWeight]:
    """50 € from the Livret A to the CCP, like tests/e2e/test_bank_transfers.py; each page of
    the flow is loaded again, cold, at its own address."""
    weights = []
    page.goto(base + "/sites/banque/virements")
    for label, starts in (("Compte à débiter", "LIVRET A"), ("Compte à créditer", "CCP")):
        select = page.get_by_label(label)
        option = select.get_by_role("option", name=re.compile("^" + re.escape(starts)))
        select.select_option(value=option.get_attribute("value"))
    page.get_by_label("Montant").fill("50")
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url("**/confirmation")
    weights.append(meter.load("transfer: « Vérifiez »", _path(page.url, base), base))
    page.get_by_role("button", name="Confirmer").click()
    page.wait_for_url("**/recapitulatif")
    weights.append(meter.load("transfer: « Récapitulatif »", _path(page.url, base), base))
    return weights


def _tax_pages(page, meter: Meter, base: str) -> list[PageWeight]:
    """The tax space, FranceConnect and the mailbox: a new session of « Mes impôts », the space
    created and activated, then the pages of the declaration loaded again, cold."""
    from benchmarks.learner import ACCESS, EMAIL, FISCAL, RFR, TAX_PASSWORD

    weights = []
    page.goto(base + "/")
    page.locator("form.site-tile:has(input[value=impots]) button").click()
    page.wait_for_url("**/seance/fiche")
    weights.append(meter.load("tax: login", "/sites/impots/connexion", base))
    page.locator("#spi").fill(FISCAL)
    page.locator("#continuer").click()
    page.wait_for_url("**/sites/impots/creation")
    weights.append(meter.load("tax: creation (three numbers)", "/sites/impots/creation", base))
    page.locator("#acces").fill(ACCESS)
    page.locator("#rfr").fill(RFR)
    page.get_by_role("button", name="Continuer").click()
    for selector, value in (("#email", EMAIL), ("#email_confirmation", EMAIL),
                            ("#pwd", TAX_PASSWORD), ("#pwd_confirmation", TAX_PASSWORD)):
        page.locator(selector).fill(value)
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url("**/creation/courriel-envoye")
    weights.append(meter.load("mailbox (its own page)", "/sites/messagerie/", base))
    page.goto(base + "/sites/impots/creation/courriel-envoye")
    page.locator(".mail-toast__open").click()
    page.locator("#mail-screen a.mail-view__link").click()
    page.wait_for_url("**/sites/impots/activation/**")
    page.goto(base + "/sites/impots/franceconnect")
    page.wait_for_url("**/api/v1/authorize**")
    weights.append(meter.load("FranceConnect: choice", _path(page.url, base), base))
    page.goto(base + "/sites/impots/connexion")
    page.locator("#spi").fill(FISCAL)
    page.locator("#continuer").click()
    page.locator("#pwd").fill(TAX_PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**/sites/impots/accueil")
    weights.append(meter.load("tax: home", "/sites/impots/accueil", base))
    page.goto(base + "/sites/impots/declaration")
    page.get_by_role("button", name="Commencer ma déclaration").click()
    for step in ("etat-civil", "situation", "personnes-a-charge", "revenus", "charges"):
        page.wait_for_url(f"**/declaration/{step}")
        if step == "charges":
            page.locator("#rubrique-garde").check()
        page.get_by_role("button", name="Suivant").click()
    page.wait_for_url("**/declaration/montants")
    page.locator("#case_7ga").fill("2460")
    page.get_by_role("button", name="Suivant").click()
    page.wait_for_url("**/declaration/recapitulatif")
    for name, path in (("tax: declaration, income", "/sites/impots/declaration/revenus"),
                       ("tax: récapitulatif", "/sites/impots/declaration/recapitulatif")):
        weights.append(meter.load(name, path, base))
    page.locator("#signer").click()
    page.wait_for_url("**/accuse-de-reception")
    for name, path in (("tax: accusé de réception",
                        "/sites/impots/declaration/accuse-de-reception"),
                       ("tax: documents", "/sites/impots/documents?annee=2025"),
                       ("tax: prélèvement à la source", "/sites/impots/prelevement")):
        weights.append(meter.load(name, path, base))
    return weights


def _path(url: str, base: str) -> str:
    return url.removeprefix(base)


def _log_in(page) -> None:
    """Like a learner: the identifiant, the code on the shuffled keypad, « Valider »."""
    page.get_by_role("textbox", name=re.compile("^Identifiant")).fill(IDENTIFIANT)
    keypad = page.get_by_role("group", name=re.compile("Mot de passe"))
    for digit in SECRET_CODE:
        keypad.get_by_role("button", name=digit, exact=True).click()
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url("**/sites/banque/synthese")
