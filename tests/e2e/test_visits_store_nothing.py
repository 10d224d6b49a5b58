"""In Chromium: looking stores nothing, « Terminer » leaves no cookie, and a kiosk's session is
born, with the kiosk's name, at the learner's first tap."""

from __future__ import annotations

import re
import sqlite3

from playwright.sync_api import Page, expect

from tests.e2e.conftest import start_bank


def sessions_of_kiosk(live_server, kiosk_id: str) -> int:
    with sqlite3.connect(live_server.instance / "kiosk.db") as db:
        return db.execute("SELECT COUNT(*) FROM sessions WHERE json_extract(data, '$.kiosk') = ?",
                          [kiosk_id]).fetchone()[0]


def test_looking_plants_no_cookie_and_terminer_leaves_none(kiosk: Page):
    page = kiosk
    page.get_by_role("link", name=re.compile("Premiers pas avec ma banque")).click()
    expect(page.get_by_role("heading", name=re.compile("Premiers pas"))).to_be_visible()
    page.go_back()
    assert page.context.cookies() == []
    start_bank(page)
    assert len(page.context.cookies()) == 1
    page.get_by_role("button", name="Terminer").click()
    expect(page.get_by_role("heading", name="Bonjour !")).to_be_visible()
    assert page.context.cookies() == []


def test_a_kiosk_session_is_born_with_the_kiosk_name_at_the_first_tap(page: Page, live_server):
    page.goto("/borne/borne-nothing")
    expect(page.get_by_role("heading", name="Bonjour !")).to_be_visible()
    assert page.context.cookies() == []
    page.get_by_role("button", name=re.compile("Ma banque")).click()
    expect(page.get_by_role("heading", name="Voici la personne que vous allez jouer")
           ).to_be_visible()
    assert sessions_of_kiosk(live_server, "borne-nothing") == 1
    page.get_by_role("button", name="Terminer").click()
    expect(page.get_by_role("heading", name="Bonjour !")).to_be_visible()
    assert page.url.endswith("/borne/borne-nothing?fin=1") or page.url.endswith("/")
    assert page.context.cookies() == []
    assert sessions_of_kiosk(live_server, "borne-nothing") == 0
    # The next learner on the same kiosk: the name is still known to the tab.
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert sessions_of_kiosk(live_server, "borne-nothing") == 1
