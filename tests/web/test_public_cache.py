"""The home page without a session, drawn once per browser every few seconds (kiosk/public_cache).

It must answer exactly what that browser would have received, never another visitor's page,
never anything that belongs to a session.
"""

from __future__ import annotations

import re

from kiosk import public_cache

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
KIOSK_BROWSER = {"User-Agent": "Chromium borne", "Accept-Encoding": "zstd"}


def home(client, headers=KIOSK_BROWSER, **kwargs):
    response = client.get("/", headers=headers, **kwargs)
    assert response.status_code == 200
    return response


def test_a_browser_without_a_session_gets_the_same_page_from_memory(app, monkeypatch):
    client = app.test_client(use_cookies=False)
    first = home(client)
    drawn = []
    monkeypatch.setattr("kiosk.shell.routes.render_template",
                        lambda *a, **k: drawn.append(a) or "redrawn")
    second = home(client)
    assert second.get_data() == first.get_data() and not drawn
    assert second.headers["Content-Encoding"] == "zstd"
    assert second.headers["Cache-Control"] == "no-store"  # the browser still keeps nothing
    assert "Content-Security-Policy" in second.headers


def test_its_form_token_is_still_good_for_that_browser(app):
    client = app.test_client()
    home(client)
    page = home(client, headers={"User-Agent": "Chromium borne"}).get_data(as_text=True)
    token = TOKEN.search(page).group(1)
    started = client.post("/seance/commencer", data={"csrf_token": token, "site": "banque"},
                          headers={"User-Agent": "Chromium borne"})
    assert started.status_code == 303 and "pasapas" in started.headers.get("Set-Cookie", "")


def test_another_browser_or_encoding_gets_its_own_page(app):
    client = app.test_client(use_cookies=False)
    kiosk = TOKEN.search(home(client, headers={"User-Agent": "A"}).get_data(as_text=True))
    other = TOKEN.search(home(client, headers={"User-Agent": "B"}).get_data(as_text=True))
    assert kiosk.group(1) != other.group(1)  # a token is bound to the browser it was given to
    gzip = home(client, headers={"User-Agent": "A", "Accept-Encoding": "gzip"})
    assert gzip.headers["Content-Encoding"] == "gzip"
    plain = home(client, headers={"User-Agent": "A"})
    assert "Content-Encoding" not in plain.headers


def test_a_session_a_query_or_htmx_is_always_drawn(app, monkeypatch):
    client = app.test_client(use_cookies=False)
    home(client)
    drawn = []
    real = public_cache.PublicPageCache._draw

    def counting(self, *args):
        drawn.append(1)
        return real(self, *args)

    monkeypatch.setattr(public_cache.PublicPageCache, "_draw", counting)
    home(client, headers={**KIOSK_BROWSER, "Cookie": "pasapas=someone"})
    home(client, query_string={"borne": "borne-7"})
    home(client, headers={**KIOSK_BROWSER, "HX-Request": "true"})
    assert drawn == []  # none of them even looked at the cache…
    learner = app.test_client()
    token = TOKEN.search(home(learner, headers={}).get_data(as_text=True)).group(1)
    assert learner.post("/langue", data={"csrf_token": token, "lang": "ar"}).status_code == 303
    assert 'dir="rtl"' in learner.get("/").get_data(as_text=True)  # … and a session sees its own


def test_the_page_is_drawn_again_after_its_time(app, monkeypatch):
    client = app.test_client(use_cookies=False)
    clock = [1000.0]
    monkeypatch.setattr(public_cache.time, "monotonic", lambda: clock[0])
    drawn = []
    real = public_cache.PublicPageCache._draw
    monkeypatch.setattr(public_cache.PublicPageCache, "_draw",
                        lambda self, *args: drawn.append(1) or real(self, *args))
    home(client)
    clock[0] += app.config["PUBLIC_PAGE_CACHE_SECONDS"] - 1
    home(client)
    assert len(drawn) == 1
    clock[0] += 2
    home(client)
    assert len(drawn) == 2


def test_an_error_page_is_never_kept(app, monkeypatch):
    client = app.test_client(use_cookies=False)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # the kiosk's own 500 page, as in production
    monkeypatch.setattr("kiosk.shell.routes.parcours_overview", lambda: 1 / 0)
    assert client.get("/", headers=KIOSK_BROWSER).status_code == 500
    monkeypatch.undo()
    assert home(client).status_code == 200  # drawn now, not the error kept from before
