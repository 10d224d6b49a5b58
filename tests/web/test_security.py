"""The security baseline: headers, CSRF on every POST, kiosk-styled errors."""

from __future__ import annotations

import pytest


def test_every_page_has_the_security_headers(learner):
    response = learner.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"
    assert "max-age=" in response.headers["Strict-Transport-Security"]


def test_no_inline_script_or_style_in_pages(banker):
    for path in ("/", "/seance/fiche", "/sites/banque/synthese", "/sites/banque/deconnexion"):
        page = banker.soup(banker.get(path))
        assert all(script.get("src") for script in page.select("script")), path
        assert not page.select("[style]"), path
        assert not page.select("style"), path


@pytest.mark.parametrize("token", [None, "forged-token"])
def test_a_post_without_a_valid_csrf_token_is_refused_with_a_kiosk_page(learner, token):
    learner.get("/")
    data = {"site": "banque"} | ({"csrf_token": token} if token else {})
    response = learner.post("/seance/commencer", data, csrf=False)
    assert response.status_code == 400
    page = learner.soup(response)
    assert page.select_one("h1").get_text(strip=True) == "Cette demande n'a pas pu être traitée."
    assert page.select_one("a[href='/']")
    assert "Traceback" not in response.get_data(as_text=True)


def test_a_csrf_token_from_an_ended_session_is_refused(learner, app):
    learner.start("banque")
    learner.get("/seance/fiche")  # a page of the session: its forms carry the session's token
    old_token = learner.csrf()
    learner.end()
    learner.csrf_token = None
    response = learner.post("/seance/commencer", {"site": "banque", "csrf_token": old_token},
                            csrf=False)
    assert response.status_code == 400


def test_a_visit_token_given_to_another_browser_is_refused(app):
    """Before any session, the forms carry a visit token bound to the visitor who got it."""
    from tests.support.kiosk_client import KioskClient

    visitor = KioskClient(app.test_client(), app)
    visitor.get("/")
    token = visitor.csrf()
    other = app.test_client()
    forged = other.post("/seance/commencer", data={"site": "banque", "csrf_token": token},
                        headers={"User-Agent": "Another browser"})
    assert forged.status_code == 400
    assert visitor.post("/seance/commencer", {"site": "banque"}).status_code == 303


def test_a_tampered_or_missing_visit_token_is_refused(app):
    client = app.test_client()
    assert client.post("/langue", data={"lang": "ar"}).status_code == 400
    assert client.post("/langue", data={"lang": "ar", "csrf_token": "x.y.z"}).status_code == 400


def test_htmx_sends_the_token_in_a_header(learner):
    learner.get("/")
    response = learner.htmx_post("/seance/commencer", {"site": "banque"})
    assert response.status_code == 303


def test_unknown_pages_get_the_kiosk_404(learner):
    response = learner.get("/nulle-part")
    assert response.status_code == 404
    assert learner.soup(response).select_one("a[href='/']")


def test_a_cross_site_post_is_refused(learner):
    learner.get("/")
    response = learner.post("/seance/commencer", {"site": "banque"},
                            headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 400


def test_a_crash_gets_the_kiosk_500_page_without_a_traceback(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    def broken():
        raise RuntimeError("secret internals")

    app.add_url_rule("/_casse", "broken", broken)
    response = app.test_client().get("/_casse")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Un problème est survenu." in body and "secret internals" not in body
    assert "Traceback" not in body and 'href="/"' in body


def test_an_oversized_post_gets_the_kiosk_413_page(learner):
    learner.get("/")
    response = learner.post("/seance/commencer", {"site": "banque", "x": "a" * 70_000})
    assert response.status_code == 413
    assert "Ce que vous avez envoyé est trop long." in response.get_data(as_text=True)


def test_error_pages_swap_the_whole_page_for_htmx(learner):
    response = learner.htmx_get("/nulle-part")
    assert response.status_code == 404
    assert response.headers["HX-Retarget"] == "body"


def test_behind_a_trusted_proxy_the_client_address_is_the_kiosks(tmp_path):
    from flask import request

    from kiosk.app import create_app

    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "t",
                      "TRUSTED_PROXIES": 1})
    app.add_url_rule("/_ip", "ip", lambda: request.remote_addr)
    response = app.test_client().get("/_ip", headers={"X-Forwarded-For": "192.168.1.23"})
    assert response.get_data(as_text=True) == "192.168.1.23"
