"""The glossary: every word explained in every language of the kiosk, and found on a page by its
visible text (capitals and accents ignored, whole words only, menus and hidden parts left out)."""

from __future__ import annotations

import re

import pytest

from kiosk.config import DEFAULTS
from kiosk.glossary.detect import Glossary, Word, glossary, load, normalise, visible_text


def ids(words: list[Word]) -> list[str]:
    return [word.id for word in words]


def test_every_word_is_explained_in_every_shipped_language_in_one_or_two_sentences():
    words = glossary().words
    assert len(words) >= 20
    for word in words:
        assert set(DEFAULTS["LANGUAGES"]) <= set(word.explain), (word.id, set(word.explain))
        for lang, text in word.explain.items():
            sentences = [s for s in re.split(r"(?<=[.!?؟])\s+", text.strip()) if s]
            assert 1 <= len(sentences) <= 2, (word.id, lang, text)
            assert len(text) <= 200, (word.id, lang, len(text))


def test_the_words_the_issue_asks_for_are_there():
    present = set(ids(glossary().words))
    assert {"rib", "iban", "bic", "livret-a", "virement", "prelevement", "beneficiaire", "releve",
            "identifiant", "mot-de-passe", "code-de-securite", "opposition", "solde", "debit",
            "credit", "domiciliation", "actualisation", "numero-fiscal",
            "avis-d-impot"} <= present


def test_ids_are_unique_and_a_form_belongs_to_one_word_only():
    words = glossary().words
    assert len(set(ids(words))) == len(words)
    forms = [normalise(form) for word in words for form in word.forms]
    assert len(forms) == len(set(forms))


def test_each_word_is_found_by_each_of_its_forms():
    for word in glossary().words:
        for form in word.forms:
            assert word in glossary().find(f"Texte avant. {form} ; texte après."), (word.id, form)


def test_capitals_and_accents_do_not_matter():
    found = glossary().find("14/11 PRELEVEMENT DE EDF  ECHEANCE NOVEMBRE  -54,00")
    assert ids(found) == ["prelevement"]
    assert ids(glossary().find("Compte à DÉBITER")) == ["debit"]
    assert ids(glossary().find("avis d’impôt 2026")) == ["avis-d-impot"]  # typographic apostrophe


def test_only_whole_words_count():
    assert glossary().find("un attribut, une ribambelle, des soldeurs, un crédible ibanez") == []


def test_words_come_in_the_order_of_the_page_each_once():
    found = glossary().find("Votre solde. Faire un virement. Le solde du Livret A. Un virement.")
    assert ids(found) == ["solde", "virement", "livret-a"]


def test_a_word_inside_a_phrase_that_means_something_else_is_left_out():
    # « Relevé d'Identité Bancaire » is the RIB, not a « relevé » of the account; the IBAN's
    # « identifiant international » is not the login's « identifiant ».
    text = "Relevé d'Identité Bancaire. IBAN (identifiant international du compte)"
    assert ids(glossary().find(text)) == ["rib", "iban"]
    assert ids(glossary().find("Vos relevés. Votre identifiant")) == ["releve", "identifiant"]


def test_visible_text_leaves_out_scripts_hidden_parts_and_the_site_menu():
    html = """<html><head><title>Virements</title><style>.rib{}</style></head><body>
      <header><p>Mes comptes</p><nav><a>Virements</a> <a>RIB</a> <a>e-Relevés</a></nav></header>
      <main><h1>Mon IBAN</h1><table><tr><td>BIC</td><td>Solde</td></tr></table>
      <div hidden><p>Le <b>prélèvement</b> <div>est</div> annulé</p></div>
      <p class="visually-hidden">Titulaire</p>
      <img alt="" src="x.png"><br><input name="motif-x" value="opposition">
      <script src="/static/x.js"></script><!-- Domiciliation -->
      <p>Caf&eacute; &amp; cr&eacute;dit</p></main>
      <footer>Banque fictive : aucun virement n'est réel.</footer></body></html>"""
    text = visible_text(html)
    assert "Virements" not in text and "prélèvement" not in text and "Domiciliation" not in text
    assert ids(glossary().find(text)) == ["iban", "bic", "solde", "titulaire", "credit"]
    # Tags separate words: « BIC</td><td>Solde » is two words.
    assert "BIC" in text.split() and "Solde" in text.split()


def test_an_element_hidden_inside_another_of_the_same_kind_ends_at_its_own_end():
    html = "<div><div hidden><div>IBAN</div></div><p>RIB</p></div>"
    assert ids(glossary().find_in_html(html)) == ["rib"]


def test_a_missing_language_falls_back_to_french():
    word = Word(id="x", word="x", forms=("x",), explain={"fr": "En français."})
    assert word.explanation("tr") == "En français."


def test_a_glossary_file_can_be_read_from_elsewhere(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text("words:\n  - id: rib\n    word: RIB\n    forms: [RIB]\n"
                    "    explain: {fr: \"Le RIB.\"}\n", encoding="utf-8")
    loaded = load(path)
    assert isinstance(loaded, Glossary) and ids(loaded.find("mon rib")) == ["rib"]


@pytest.mark.parametrize("lang", sorted(DEFAULTS["LANGUAGES"]))
def test_french_words_quoted_in_an_explanation_are_balanced(lang):
    for word in glossary().words:
        text = word.explanation(lang)
        assert text.count("«") == text.count("»"), (word.id, lang)


def test_a_broken_glossary_file_takes_the_glossary_away_not_the_kiosk(tmp_path, monkeypatch,
                                                                       caplog):
    from kiosk.glossary import detect

    broken = tmp_path / "glossary.yaml"
    broken.write_text("words:\n  - id: rib\n    word: [RIB\n", encoding="utf-8")
    monkeypatch.setattr(detect, "GLOSSARY_FILE", broken)
    monkeypatch.setattr(detect, "load", lambda: load(broken))
    detect.glossary.cache_clear()
    try:
        assert detect.glossary().find_in_html("<p>RIB, IBAN</p>") == []
        assert "glossary disabled" in caplog.text
    finally:
        detect.glossary.cache_clear()
