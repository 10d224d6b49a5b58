"""« Mots à comprendre » in the side panel: the French words of the replica page on screen,
each explained in the learner's language, in a <details> that opens in place."""

from __future__ import annotations

from tests.web.test_banque_history import tokens

BANK = "/sites/banque"


def glossary_of(client, response) -> dict[str, str]:
    """word as shown → its explanation, from the side panel."""
    section = client.soup(response).select_one("aside.side-panel section.glossary")
    if section is None:
        return {}
    return {d.select_one("summary").get_text(strip=True):
            d.select_one(".glossary__explanation p").get_text(" ", strip=True)
            for d in section.select("details.glossary__word")}


def test_the_rib_page_explains_its_own_words_in_french(banker):
    response = banker.get(f"{BANK}/rib", query_string={"compte": tokens(banker)["ccp"]})
    words = glossary_of(banker, response)
    assert {"RIB", "IBAN", "BIC", "titulaire", "domiciliation"} <= set(words)
    assert words["IBAN"].startswith("L'IBAN est le numéro international de votre compte")
    # The menu's « Virements » or « e-Relevés » are on every page: not this page's words.
    assert "virement" not in words and "relevé (e-Relevé)" not in words
    # « identifiant international du compte » (the IBAN's hint) is not the login's identifiant.
    assert "identifiant" not in words


def test_the_markup_is_a_keyboard_and_screen_reader_friendly_disclosure(banker):
    response = banker.get(f"{BANK}/rib", query_string={"compte": tokens(banker)["ccp"]})
    page = banker.soup(response)
    section = page.select_one("aside.side-panel section.glossary")
    heading = section.select_one("h2")
    assert heading.get_text(strip=True) == "Mots à comprendre"
    assert section["aria-labelledby"] == heading["id"]
    for details in section.select("details"):
        assert details["name"] == "glossaire"  # opening one closes the others
        assert not details.has_attr("open")
        word = details.select_one("summary bdi")
        assert word["lang"] == "fr" and word["dir"] == "ltr"  # a French word, read as French
        text = details.select_one(".glossary__explanation p")
        listen = details.select_one("button[data-speak]")
        assert listen["data-speak"] == f"#{text['id']}" and listen.has_attr("hidden")
    ids = [d["id"] for d in page.select("[id]")]
    assert len(ids) == len(set(ids))


def test_in_arabic_the_explanations_are_in_arabic(banker):
    banker.post("/langue", {"lang": "ar", "next": "/"})
    response = banker.get(f"{BANK}/rib", query_string={"compte": tokens(banker)["ccp"]})
    page = banker.soup(response)
    assert page.html["dir"] == "rtl"
    assert page.select_one("section.glossary h2").get_text(strip=True) == "كلمات لفهمها"
    words = glossary_of(banker, response)
    assert words["IBAN"].startswith("« IBAN » هو الرقم الدولي لحسابك")
    # The quoted French word is isolated, so that it reads in the right order.
    explanation = page.select_one("#glossary-text-iban")
    assert explanation.select_one("bdi").get_text() == "« IBAN »"


def test_every_language_of_the_kiosk_has_its_explanations(banker):
    expected = {"en": "The IBAN is your account's international number",
                "tr": "IBAN, hesabınızın", "pt": "O IBAN é o número internacional",
                "ro": "IBAN-ul este numărul internațional"}
    for lang, start in expected.items():
        banker.post("/langue", {"lang": lang, "next": "/"})
        response = banker.get(f"{BANK}/rib", query_string={"compte": tokens(banker)["ccp"]})
        assert glossary_of(banker, response)["IBAN"].startswith(start), lang


def test_the_history_finds_words_written_in_capitals_without_accents(banker):
    response = banker.get(f"{BANK}/comptes/{tokens(banker)['ccp']}")
    words = glossary_of(banker, response)
    # « PRELEVEMENT DE EDF », « FRAIS … », « VIREMENT DE CAF » in the operations.
    assert {"prélèvement", "frais", "CAF", "solde", "débit", "crédit"} <= set(words)


def test_beside_an_exercise_the_glossary_comes_after_the_coach_and_the_card(learner):
    learner.get("/exercices/banque-rib")
    learner.post("/exercices/banque-rib/commencer", {"mode": "guide"})
    response = learner.get(f"{BANK}/connexion")
    panel = learner.soup(response).select_one("aside.side-panel")
    order = [child.get("class", [""])[0] for child in panel.find_all(recursive=False)]
    assert order == ["coach", "persona-card", "glossary"]
    assert {"identifiant", "mot de passe (code secret)"} <= set(glossary_of(learner, response))


def test_pages_outside_a_replica_have_no_glossary(learner):
    assert learner.soup(learner.get("/")).select("section.glossary") == []
    learner.start("banque")
    assert learner.soup(learner.get("/seance/fiche")).select("section.glossary") == []
