"""Chromium's own gestures and keys (docs/reliability.md, drill 6 « Hostile taps »), in the
browser: a right-click or a long press (the contextmenu event), a link dragged away, the
browser's zoom (Ctrl + wheel, Ctrl + « = ») are refused by gestures.js; F5 and Alt+← are
harmless (the same page, the same session); after « Terminer », Alt+← shows nothing of the
learner. Ctrl+L, Ctrl+P, Ctrl+W and pinch zoom are the terminal's flags and policy
(kiosk/terminal), checked in tests/unit/test_terminal_launcher.py and test_terminal_policy.py."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in

# Every event of these kinds, as it ends up after the page's own listeners (window, bubbling).
RECORDER = """
window.__seen = [];
["contextmenu", "dragstart", "wheel", "keydown"].forEach(function (type) {
  window.addEventListener(type, function (event) {
    window.__seen.push({type: type, prevented: event.defaultPrevented,
                        target: event.target.tagName, key: event.key || ""});
  }, {passive: false});
});
"""


def go_to_the_bank(page: Page) -> None:
    """From the persona card to the bank's login page (conftest.start_bank, after its tap)."""
    expect(page.get_by_role("heading", name="Voici la personne que vous allez jouer")
           ).to_be_visible()
    page.get_by_role("link", name="Aller sur le site").click()
    expect(page.get_by_role("heading", name="Accédez à vos comptes")).to_be_visible()


def _last(page: Page, kind: str) -> dict:
    seen = [e for e in page.evaluate("window.__seen") if e["type"] == kind]
    assert seen, f"no {kind} event reached the page"
    return seen[-1]


def test_chromiums_own_gestures_are_refused_or_harmless(page: Page):
    kiosk = page
    kiosk.add_init_script(RECORDER)  # before the document: htmx's taps keep it
    kiosk.goto("/")
    # The first world of the server's day builds the persona's database first: on a busy
    # machine the persona card takes longer than expect's 5 s, so wait for its answer.
    with kiosk.expect_response(re.compile(r"/seance/fiche$")):
        kiosk.get_by_role("button", name=re.compile("Ma banque")).click()
    go_to_the_bank(kiosk)
    identifiant = kiosk.get_by_role("textbox", name=re.compile("^Identifiant"))
    identifiant.click(button="right")
    assert _last(kiosk, "contextmenu") == {"type": "contextmenu", "prevented": False,
                                           "target": "INPUT", "key": ""}  # « Coller » stays
    log_in(kiosk)
    synthesis = kiosk.get_by_role("heading", name="Synthèse de vos comptes")

    account = kiosk.get_by_role("link", name="Compte Courant Postal")
    account.click(button="right")
    assert _last(kiosk, "contextmenu")["prevented"] is True
    account.drag_to(synthesis)
    assert _last(kiosk, "dragstart")["prevented"] is True
    expect(synthesis).to_be_visible()  # nothing was opened

    kiosk.keyboard.down("Control")
    kiosk.mouse.move(400, 400)
    kiosk.mouse.wheel(0, -120)
    kiosk.keyboard.up("Control")
    kiosk.wait_for_function("window.__seen.some(e => e.type === 'wheel')")
    assert _last(kiosk, "wheel")["prevented"] is True
    kiosk.keyboard.press("Control+Equal")
    assert _last(kiosk, "keydown")["prevented"] is True
    assert kiosk.evaluate("window.visualViewport.scale") == 1

    # F5 and the browser's reload: the same page, still logged in (Post/Redirect/Get).
    kiosk.keyboard.press("F5")
    kiosk.reload()
    expect(synthesis).to_be_visible()
    # Alt+← is the simulated browser's « Page précédente »: the page before, same session.
    account.click()
    expect(kiosk.get_by_role("heading", name=re.compile("Compte Courant Postal"))
           ).to_be_visible()
    kiosk.keyboard.press("Alt+ArrowLeft")
    kiosk.go_back()
    expect(synthesis).to_be_visible()

    # After « Terminer », going back shows the home page, nothing of the learner's bank.
    kiosk.get_by_role("button", name="Terminer").click()
    expect(kiosk.get_by_role("heading", name="Bonjour !")).to_be_visible()
    kiosk.go_back()
    expect(kiosk.get_by_role("heading", name="Bonjour !")).to_be_visible()
    expect(kiosk.get_by_text("Compte Courant Postal")).to_have_count(0)
