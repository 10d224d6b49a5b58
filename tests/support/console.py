"""An adviser at the console, driven through Flask's test client.

    adviser = ConsoleClient(app)               # its own cookie jar: never a learner's
    create_adviser(app, "claire", "un mot de passe long")
    adviser.log_in("claire", "un mot de passe long")
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from kiosk.agent import accounts
from kiosk.agent import store as agent_store
from simulator.db import connect

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
PASSWORD = "une phrase assez longue"


def create_adviser(app, name: str = "claire", password: str = PASSWORD) -> None:
    db = connect(app.config["KIOSK_DATABASE"])
    try:
        agent_store.create_adviser(db, name, accounts.hash_password(password))
    finally:
        db.conn.close()


class ConsoleClient:
    def __init__(self, app, client=None, address: str = "10.0.0.2"):
        self.app = app
        self.client = client or app.test_client()
        self.address = address
        self.csrf_token: str | None = None

    def get(self, path: str, **kwargs):
        kwargs.setdefault("environ_base", {"REMOTE_ADDR": self.address})
        response = self.client.get(path, **kwargs)
        self._remember(response)
        return response

    def post(self, path: str, data: dict | None = None, *, csrf: bool = True, **kwargs):
        data = dict(data or {})
        if csrf:
            data.setdefault("csrf_token", self.csrf())
        kwargs.setdefault("environ_base", {"REMOTE_ADDR": self.address})
        response = self.client.post(path, data=data, **kwargs)
        self._remember(response)
        return response

    def fragment(self, path: str):
        return self.get(path, headers={"HX-Request": "true"})

    def csrf(self) -> str:
        if self.csrf_token is None:
            self.get("/agent/connexion")
        return self.csrf_token

    def _remember(self, response) -> None:
        if response.mimetype == "text/html":
            found = _CSRF.search(response.get_data(as_text=True))
            if found:
                self.csrf_token = found.group(1)

    def log_in(self, name: str = "claire", password: str = PASSWORD):
        self.get("/agent/connexion")
        response = self.post("/agent/connexion", {"nom": name, "mot_de_passe": password})
        if response.status_code == 303:  # a new session: its own CSRF token, on the next page
            self.get(response.headers["Location"])
        return response

    def cookie(self) -> str | None:
        found = self.client.get_cookie(self.app.config["AGENT_SESSION_COOKIE_NAME"], path="/agent")
        return found.value if found else None

    @staticmethod
    def soup(response) -> BeautifulSoup:
        return BeautifulSoup(response.get_data(as_text=True), "html.parser")

    @staticmethod
    def text(response) -> str:
        return " ".join(BeautifulSoup(response.get_data(as_text=True), "html.parser")
                        .get_text(" ").split())

    @staticmethod
    def soup_of(html: str) -> BeautifulSoup:
        return BeautifulSoup(html, "html.parser")
