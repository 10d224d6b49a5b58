"""Türkçe, Português, Română in a real browser, with taps only: the home page in the chosen
language (each language's button named in its own language), the parcours, an exercise in
Guidé mode with the coach speaking that language beside the French replica; axe everywhere."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.support.axe import assert_no_violations

# language → its button, the home page's title, the parcours, the first exercise, Guidé,
# « Aller sur le site », the coach's first line
LANGUAGES = {
    "tr": ("Türkçe", "Merhaba!", "Bankamla ilk adımlar",
           "Bankanızın internet sayfasına girmek, sonra çıkmak", "Rehberli", "Siteye git",
           "Martine'in kimlik numarasını (« Identifiant ») yazın."),
    "pt": ("Português", "Olá!", "Primeiros passos com o meu banco",
           "Entrar no seu banco online e depois sair", "Guiado", "Ir para o site",
           "Escreva o número de cliente da Martine (« Identifiant »)."),
    "ro": ("Română", "Bună ziua!", "Primii pași cu banca mea",
           "Intrarea în contul bancar online, apoi ieșirea", "Ghidat", "Mergeți pe site",
           "Scrieți numărul de identificare al lui Martine (« Identifiant »)."),
}


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_a_learner_practises_in_their_language(kiosk: Page, lang):
    button, hello, parcours, exercise, guided, go, first_line = LANGUAGES[lang]
    choice = kiosk.get_by_role("button", name=button, exact=True)
    expect(choice).to_have_attribute("lang", lang)
    choice.tap()
    expect(kiosk.locator("html")).to_have_attribute("lang", lang)
    expect(kiosk.locator("html")).to_have_attribute("dir", "ltr")
    expect(kiosk.get_by_role("heading", name=hello, level=1)).to_be_visible()
    expect(kiosk.get_by_role("button", name=button, exact=True)).to_have_attribute(
        "aria-current", "true")
    assert_no_violations(kiosk, f"home ({lang})")

    kiosk.get_by_role("link", name=parcours).tap()
    expect(kiosk.get_by_role("heading", name=parcours, level=1)).to_be_visible()
    kiosk.get_by_role("link", name=exercise).tap()
    expect(kiosk.get_by_role("heading", name=exercise, level=1)).to_be_visible()
    kiosk.get_by_role("button", name=guided).tap()
    kiosk.get_by_role("link", name=go).tap()

    expect(kiosk.get_by_role("heading", name="Accédez à vos comptes")).to_be_visible()  # French
    coach = kiosk.get_by_role("complementary")
    expect(coach.get_by_text(first_line, exact=True)).to_be_visible()
    assert_no_violations(kiosk, f"the bank's login beside the coach ({lang})")
