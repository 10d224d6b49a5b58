"""A learner at a kiosk, driven through Flask's test client (no browser).

    learner = KioskClient(app.test_client())
    learner.start("banque")
    learner.login()                      # identifiant + the keypad cells of the persona's code
    page = learner.get("/sites/banque/synthese")
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from simulator.sites.banque import keypad, store
from simulator.world import World

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_KIOSK_ID = re.compile(r'data-kiosk-id="([^"]+)"')


class KioskClient:
    def __init__(self, client, app):
        self.client = client
        self.app = app
        self.csrf_token: str | None = None
        self.kiosk_id: str | None = None  # what kiosk.js keeps for the tab (/borne/<id>)

    # --- plumbing -------------------------------------------------------------------------
    def get(self, path: str, **kwargs):
        response = self.client.get(path, **self._as_terminal(kwargs))
        self._remember_csrf(response)
        return response

    def post(self, path: str, data: dict | None = None, *, csrf: bool = True, **kwargs):
        data = dict(data or {})
        if csrf:
            data.setdefault("csrf_token", self.csrf())
        response = self.client.post(path, data=data, **self._as_terminal(kwargs))
        self._remember_csrf(response)
        return response

    def _as_terminal(self, kwargs: dict) -> dict:
        """Like kiosk.js: the terminal's name goes with every request once a page gave it."""
        if self.kiosk_id:
            kwargs["headers"] = {"X-Kiosk-Id": self.kiosk_id, **(kwargs.get("headers") or {})}
        return kwargs

    def htmx_get(self, path: str, **kwargs):
        return self.get(path, headers={"HX-Request": "true"}, **kwargs)

    def htmx_post(self, path: str, data: dict | None = None, **kwargs):
        headers = {"HX-Request": "true", "X-CSRFToken": self.csrf()}
        return self.post(path, data, csrf=False, headers=headers, **kwargs)

    def csrf(self) -> str:
        if self.csrf_token is None:
            self.get("/")
        return self.csrf_token

    def _remember_csrf(self, response) -> None:
        if response.mimetype == "text/html":
            html = response.get_data(as_text=True)
            found = _CSRF.search(html)
            if found:
                self.csrf_token = found.group(1)
            terminal = _KIOSK_ID.search(html)
            if terminal:
                self.kiosk_id = terminal.group(1)

    @staticmethod
    def soup(response) -> BeautifulSoup:
        return BeautifulSoup(response.get_data(as_text=True), "html.parser")

    # --- the learner's world --------------------------------------------------------------
    def world(self) -> World:
        sid = self.client.get_cookie(self.app.config["SESSION_COOKIE_NAME"]).value
        from kiosk import store as kiosk_store
        from simulator.db import connect

        db = connect(self.app.config["KIOSK_DATABASE"])
        try:
            row = kiosk_store.load_session(db, sid)
        finally:
            db.conn.close()
        return self.app.extensions["pasapas.worlds"].open(row["world_id"])

    # --- what a learner does ----------------------------------------------------------------
    def start(self, site: str = "banque"):
        return self.post("/seance/commencer", {"site": site})

    def end(self):
        return self.post("/seance/terminer")

    def keypad_cells(self, code: str) -> str:
        """The cell numbers to post for ``code`` on the keypad currently displayed."""
        world = self.world()
        try:
            layout = store.current_keypad(world.db)
        finally:
            world.close()
        return ",".join(f"{layout.index(digit):02d}" for digit in code)

    def persona_secrets(self) -> tuple[str, str]:
        world = self.world()
        try:
            customer = store.customer(world.db)
        finally:
            world.close()
        return customer["identifiant"], customer["secret_code"]

    def login(self, identifiant: str | None = None, code: str | None = None):
        real_id, real_code = self.persona_secrets()
        self.get("/sites/banque/connexion")
        return self.post(
            "/sites/banque/connexion",
            {"identifiant": identifiant or real_id, "cells": self.keypad_cells(code or real_code)},
            follow_redirects=True,
        )


__all__ = ["KioskClient", "keypad"]
