"""The accessibility gate itself: it does catch what it must catch (so a green sweep means
something)."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.support.axe import violations


def test_the_gate_reports_small_targets_and_missing_labels(page: Page):
    page.set_content(
        "<!doctype html><html lang='fr'><head><title>t</title></head><body><main>"
        "<button style='width:16px;height:16px;padding:0'>a</button>"
        "<button style='width:16px;height:16px;padding:0'>b</button>"
        "<input type='text'></main></body></html>"
    )
    found = {v["id"] for v in violations(page)}
    assert {"target-size", "label"} <= found


def test_the_gate_passes_a_clean_page(page: Page):
    page.set_content(
        "<!doctype html><html lang='fr'><head><title>t</title></head><body><main><h1>Titre</h1>"
        "<label for='x'>Nom</label><input id='x' type='text'>"
        "<button style='min-width:48px;min-height:48px'>OK</button></main></body></html>"
    )
    assert violations(page) == []
