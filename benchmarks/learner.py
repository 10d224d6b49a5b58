"""What a simulated learner does at the kiosk, over HTTP, tap by tap.

Each step is one tap (one action): its request plus the redirect the browser follows. The pages
are read the way the learner reads them: the CSRF token from the form, the keypad layout from
the buttons (data-keypad-cell), the account links from the synthesis. A step that does not
land where a learner would land raises FlowError: it counts as an error of the run.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from benchmarks.http_client import Browser, Response

IDENTIFIANT = "3045127896"  # the persona card of Martine (simulator/personas/martine.yaml)
SECRET_CODE = "482916"

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_KEYPAD_KEY = re.compile(r'data-keypad-cell="(\d+)"[^>]*>\s*(\d)\s*<')
_SELECT = re.compile(r'<select[^>]*name="(\w+)"[^>]*>(.*?)</select>', re.S)
_OPTION = re.compile(r'<option value="([^"]+)"[^>]*>\s*([^<]*?)\s*</option>')
_INPUT_VALUE = re.compile(r'<input[^>]*name="date"[^>]*value="([^"]*)"|'
                          r'<input[^>]*value="([^"]*)"[^>]*name="date"')
_ACCOUNT_LINK = re.compile(r'<a[^>]*href="/sites/banque/comptes/([^"/?#]+)"[^>]*>(.*?)</a>', re.S)
_MAIL = re.compile(r'hx-get="/sites/messagerie/courriel/([^"/]+)"')
_MAIL_LINK = re.compile(r'href="(/sites/messagerie/courriel/[^"]+/lien/0)"')
# Nadia's card and papers (simulator/personas/nadia.yaml).
FISCAL, ACCESS, RFR = "3012847596283", "4827193", "13 968 €"
TAX_PASSWORD, EMAIL = "Lilas7412", "nadia.ferrand@mel-exemple.fr"
# htmx's boosted navigation: the server answers with the full page, like a plain link.
BOOSTED = {"HX-Request": "true", "HX-Boosted": "true"}
# An element's own htmx request (the mailbox drawer): the server answers with a fragment.
FRAGMENT = {"HX-Request": "true"}


class FlowError(Exception):
    pass


class Learner:
    def __init__(self, browser: Browser):
        self.browser = browser
        self.csrf = ""
        self.keypad: dict[str, str] = {}
        self.accounts: dict[str, str] = {}  # "ccp" / "livret_a" -> token
        self.transfer: dict[str, str] = {}
        self.transfer_review = ""
        self.last_page = ""  # the text of the page the learner last landed on
        self.activation = ""

    # --- reading pages ----------------------------------------------------------------------
    def _landed(self, response: Response, path: str) -> Response:
        if response.status != 200 or not response.path.startswith(path):
            raise FlowError(f"expected {path}, got {response.status} {response.path}")
        found = _CSRF.search(response.text)
        if found:
            self.csrf = found.group(1)
        self.last_page = response.text
        return response

    def _post_headers(self) -> dict[str, str]:
        return {**BOOSTED, "X-CSRFToken": self.csrf}

    # --- the kiosk --------------------------------------------------------------------------
    async def home(self) -> None:
        self._landed(await self.browser.get("/"), "/")

    async def start_bank(self) -> None:
        """« Ma banque » on the home page: a new world, then the persona card."""
        response = await self.browser.post(
            "/seance/commencer", {"csrf_token": self.csrf, "site": "banque"}, self._post_headers())
        page = self._landed(response, "/seance/fiche")
        if IDENTIFIANT not in page.text:
            raise FlowError("the persona card does not show the identifiant")

    async def end(self) -> None:
        """« Terminer »: the world is wiped, back to the home page."""
        response = await self.browser.post("/seance/terminer", {"csrf_token": self.csrf})
        self._landed(response, "/")

    # --- the bank ---------------------------------------------------------------------------
    async def open_bank(self) -> None:
        """« Aller sur le site » on the persona card: the login page and its shuffled keypad."""
        page = self._landed(await self.browser.get("/sites/banque/", BOOSTED),
                            "/sites/banque/connexion")
        self.keypad = {digit: cell for cell, digit in _KEYPAD_KEY.findall(page.text)}
        if len(self.keypad) != 10:
            raise FlowError(f"the keypad shows {len(self.keypad)} digits, not 10")

    async def log_in(self) -> None:
        cells = ",".join(self.keypad[digit] for digit in SECRET_CODE)
        response = await self.browser.post(
            "/sites/banque/connexion",
            {"csrf_token": self.csrf, "identifiant": IDENTIFIANT, "cells": cells},
            self._post_headers())
        self._read_accounts(self._landed(response, "/sites/banque/synthese"))

    async def synthesis(self) -> None:
        self._read_accounts(self._landed(await self.browser.get("/sites/banque/synthese",
                                                                BOOSTED), "/sites/banque/synthese"))

    def _read_accounts(self, page: Response) -> None:
        for token, text in _ACCOUNT_LINK.findall(page.text):
            kind = "livret_a" if "Livret A" in text else "ccp" if "Courant" in text else None
            if kind:
                self.accounts[kind] = token
        if {"ccp", "livret_a"} - self.accounts.keys():
            raise FlowError("the synthesis does not link both accounts")

    async def history(self, account: str) -> None:
        path = f"/sites/banque/comptes/{self.accounts[account]}"
        self._landed(await self.browser.get(path, BOOSTED), path)

    # --- « Faire un virement »: 50 € from the Livret A to the compte courant ------------------
    async def transfer_form(self) -> None:
        page = self._landed(await self.browser.get("/sites/banque/virements", BOOSTED),
                            "/sites/banque/virements")
        selects = dict(_SELECT.findall(page.text))
        debit = dict((label.upper(), token) for token, label in _OPTION.findall(selects["de"]))
        credit = dict((label.upper(), token) for token, label in _OPTION.findall(selects["vers"]))
        date = _INPUT_VALUE.search(page.text)
        self.transfer = {
            "de": next(t for label, t in debit.items() if label.startswith("LIVRET A")),
            "vers": next(t for label, t in credit.items() if label.startswith("CCP")),
            "montant": "50", "date": (date.group(1) or date.group(2)) if date else "", "motif": ""}

    async def transfer_submit(self) -> None:
        """« Valider »: the draft, then the page « Vérifiez votre virement »."""
        response = await self.browser.post("/sites/banque/virements",
                                           {"csrf_token": self.csrf, **self.transfer},
                                           self._post_headers())
        page = self._landed(response, "/sites/banque/virements/")
        if not page.path.endswith("/confirmation"):
            raise FlowError(f"the transfer was not accepted: {page.path}")
        self.transfer_review = page.path

    async def transfer_confirm(self) -> None:
        """« Confirmer »: the money moves, the « Récapitulatif »."""
        response = await self.browser.post(self.transfer_review, {"csrf_token": self.csrf},
                                           self._post_headers())
        page = self._landed(response, "/sites/banque/virements/")
        if not page.path.endswith("/recapitulatif"):
            raise FlowError(f"the transfer was not confirmed: {page.path}")

    async def log_out(self) -> None:
        response = await self.browser.post("/sites/banque/deconnexion", {"csrf_token": self.csrf},
                                           self._post_headers())
        self._landed(response, "/sites/banque/deconnexion")


    # --- the tax space: create it, activate it from the e-mail, declare, sign ----------------
    async def start_taxes(self) -> None:
        """« Mes impôts » on the home page: a new world (Nadia's), then the persona card."""
        response = await self.browser.post(
            "/seance/commencer", {"csrf_token": self.csrf, "site": "impots"}, self._post_headers())
        if TAX_PASSWORD not in self._landed(response, "/seance/fiche").text:
            raise FlowError("the persona card does not show the password to choose")

    async def open_taxes(self) -> None:
        self._landed(await self.browser.get("/sites/impots/", BOOSTED), "/sites/impots/connexion")

    async def _tax_post(self, path: str, form: dict[str, str], lands: str) -> Response:
        response = await self.browser.post(path, {"csrf_token": self.csrf, **form},
                                           self._post_headers())
        return self._landed(response, lands)

    async def tax_numero_fiscal(self) -> None:
        await self._tax_post("/sites/impots/connexion", {"spi": FISCAL}, "/sites/impots/creation")

    async def tax_numbers(self) -> None:
        await self._tax_post("/sites/impots/creation", {"acces": ACCESS, "rfr": RFR},
                             "/sites/impots/creation/compte")

    async def tax_account(self) -> None:
        await self._tax_post("/sites/impots/creation/compte", {
            "email": EMAIL, "email_confirmation": EMAIL, "pwd": TAX_PASSWORD,
            "pwd_confirmation": TAX_PASSWORD}, "/sites/impots/creation/courriel-envoye")

    async def read_activation_mail(self) -> None:
        """« Messagerie » (the drawer's fragment), then the newest e-mail: its link."""
        inbox = await self.browser.get("/sites/messagerie/", FRAGMENT)
        token = _MAIL.search(inbox.text)
        if inbox.status != 200 or token is None:
            raise FlowError("no e-mail in the mailbox")
        mail = await self.browser.get(f"/sites/messagerie/courriel/{token.group(1)}", FRAGMENT)
        link = _MAIL_LINK.search(mail.text)
        if link is None:
            raise FlowError("the activation e-mail has no link")
        self.activation = link.group(1)

    async def activate(self) -> None:
        page = self._landed(await self.browser.get(self.activation, BOOSTED),
                            "/sites/impots/activation/")
        if "est activé" not in page.text:
            raise FlowError("the space was not activated")

    async def tax_log_in(self) -> None:
        await self._tax_post("/sites/impots/connexion", {"spi": FISCAL}, "/sites/impots/connexion")
        await self._tax_post("/sites/impots/connexion/mot-de-passe",
                             {"spi": FISCAL, "pwd": TAX_PASSWORD}, "/sites/impots/accueil")

    async def declaration_start(self) -> None:
        await self._tax_post("/sites/impots/declaration", {},
                             "/sites/impots/declaration/etat-civil")

    async def sign(self) -> None:
        await self._tax_post("/sites/impots/declaration/signature", {},
                             "/sites/impots/declaration/accuse-de-reception")

    async def tax_documents(self) -> None:
        self._landed(await self.browser.get("/sites/impots/documents", BOOSTED),
                     "/sites/impots/documents")

    async def tax_log_out(self) -> None:
        await self._tax_post("/sites/impots/deconnexion", {}, "/sites/impots/deconnexion")


Step = tuple[str, Callable[[Learner], Awaitable[None]]]


def declaration_step(step: str, form: dict[str, str], lands: str):
    """« Suivant » on one step of the declaration."""
    async def post(learner: Learner) -> None:
        await learner._tax_post(f"/sites/impots/declaration/{step}",
                                {**form, "direction": "suivant"}, lands)
    return post

# One learner's visit, start to finish: the mix replayed by the load runs, in this order.
SESSION: list[Step] = [
    ("home", Learner.home),
    ("start (new world)", Learner.start_bank),
    ("login page", Learner.open_bank),
    ("log in", Learner.log_in),
    ("history ccp", lambda learner: learner.history("ccp")),
    ("synthesis", Learner.synthesis),
    ("history livret A", lambda learner: learner.history("livret_a")),
    ("synthesis", Learner.synthesis),
    ("transfer form", Learner.transfer_form),
    ("transfer: Valider", Learner.transfer_submit),
    ("transfer: Confirmer", Learner.transfer_confirm),
    ("synthesis", Learner.synthesis),
    ("log out", Learner.log_out),
    ("end (wipe)", Learner.end),
]

# The tax space's visit: create the space with the three numbers, open the activation e-mail,
# log in, declare with the frais de garde, sign, look at « Documents », log out.
_STEP = declaration_step
TAX_SESSION: list[Step] = [
    ("home", Learner.home),
    ("start taxes (new world)", Learner.start_taxes),
    ("tax login page", Learner.open_taxes),
    ("numéro fiscal", Learner.tax_numero_fiscal),
    ("the three numbers", Learner.tax_numbers),
    ("e-mail and password", Learner.tax_account),
    ("mailbox: the activation e-mail", Learner.read_activation_mail),
    ("activation link", Learner.activate),
    ("tax log in (two steps)", Learner.tax_log_in),
    ("declaration: start", Learner.declaration_start),
    ("declaration: état civil", _STEP("etat-civil", {}, "/sites/impots/declaration/situation")),
    ("declaration: situation", _STEP("situation", {"situation": "C", "case_t": "1"},
                                     "/sites/impots/declaration/personnes-a-charge")),
    ("declaration: personnes", _STEP("personnes-a-charge", {},
                                     "/sites/impots/declaration/revenus")),
    ("declaration: revenus", _STEP("revenus", {"salaires_1aj": "16284"},
                                   "/sites/impots/declaration/charges")),
    ("declaration: charges", _STEP("charges", {"rubriques": "garde"},
                                   "/sites/impots/declaration/montants")),
    ("declaration: 7GA → récapitulatif", _STEP("montants", {"case_7ga": "2460"},
                                                "/sites/impots/declaration/recapitulatif")),
    ("sign", Learner.sign),
    ("documents", Learner.tax_documents),
    ("tax log out", Learner.tax_log_out),
    ("end (wipe)", Learner.end),
]

# The steps that leave a learner logged in at the bank (the memory measurement stops there).
OPEN_SESSION: list[Step] = SESSION[:4]


def route_of(method: str, path: str) -> str:
    """A request's route, for the per-route table: a path segment with a digit in it is a
    per-world token or reference, shown as <token>."""
    segments = path.split("?", 1)[0].split("/")
    return method + " " + "/".join("<token>" if re.search(r"\d", s) else s for s in segments)
