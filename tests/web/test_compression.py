"""Pages and assets travel compressed to a browser that takes zstd (the kiosk's Chromium), and
a second visit with the compressed file's ETag gets a 304."""

from __future__ import annotations

from backports import zstd

CHROMIUM = {"Accept-Encoding": "gzip, deflate, br, zstd"}


def test_a_page_arrives_compressed_and_reads_the_same(learner):
    plain = learner.client.get("/").get_data(as_text=True)
    packed = learner.client.get("/", headers=CHROMIUM)
    assert packed.headers["Content-Encoding"] == "zstd"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert len(packed.get_data()) < len(plain.encode()) / 2
    assert "Bonjour !" in zstd.decompress(packed.get_data()).decode()


def test_without_accept_encoding_nothing_is_compressed(learner):
    assert "Content-Encoding" not in learner.client.get("/").headers


def test_every_static_folder_is_compressed_and_revalidated(app):
    client = app.test_client()
    for path in ("/static/vendor/htmx.min.js", "/static/css/kiosk.css",
                 "/sites/banque/static/banque.css", "/agent/static/agent.css"):
        first = client.get(path, headers=CHROMIUM)
        assert first.status_code == 200 and first.headers["Content-Encoding"] == "zstd", path
        body = zstd.decompress(first.get_data())
        assert body == client.get(path).get_data(), path
        again = client.get(path, headers={**CHROMIUM, "If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304 and not again.get_data(), path
        older = client.get(path, headers={"Accept-Encoding": "gzip"})
        assert older.headers["Content-Encoding"] == "gzip", path


def test_a_pdf_is_left_as_it_is(banker):
    statements = banker.soup(banker.get("/sites/banque/e-releves"))
    one = banker.soup(banker.get(statements.select_one("a[href*='/e-releves/']")["href"]))
    response = banker.client.get(one.select_one("a[href$='/pdf']")["href"], headers=CHROMIUM)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "Content-Encoding" not in response.headers


def test_the_coach_panel_sent_with_a_fragment_is_compressed_with_it(learner, app):
    """The coach appends its panel to a replica fragment after the route: compression must come
    after that, or the panel lands uncompressed behind compressed bytes."""
    learner.get("/exercices/banque-carte-perdue")
    learner.post("/exercices/banque-carte-perdue/commencer", {"mode": "guide"})
    learner.login()
    cards = learner.soup(learner.get("/sites/banque/cartes"))
    lock = cards.select_one("form[action$='/verrouillage']")["action"]
    response = learner.client.post(lock, headers={
        **CHROMIUM, "HX-Request": "true", "X-CSRFToken": learner.csrf()})
    html = zstd.decompress(response.get_data()).decode()
    assert "Votre carte est verrouillée temporairement." in html
    assert 'hx-swap-oob' in html and 'id="coach-panel"' in html
