"""« Mes cartes »: lock and unlock for a while, opposition for good, and their refusals."""

from __future__ import annotations

import re

import pytest

from simulator.sites.banque import store

CARDS = "/sites/banque/cartes"
UNDERSTOOD = "J'ai compris que l'opposition est définitive"


def _button_starting(text: str):
    """A button whose visible words start with ``text`` (the card's name follows, hidden)."""
    return lambda tag: tag.name == "button" and tag.get_text(" ", strip=True).startswith(text)


def names(events):
    return [e.name for e in events]


def data_of(events, name):
    return [e.data for e in events if e.name == name]


def in_world(banker, read):
    world = banker.world()
    try:
        return read(world.db)
    finally:
        world.close()


def card(banker, product="Visa Classic") -> store.Card:
    return in_world(banker, lambda db: next(c for c in store.cards(db) if c.product == product))


def block(page, token):
    return page.select_one(f"#carte-{token}")


# --- the list -----------------------------------------------------------------------------


def test_the_cards_page_shows_each_card_and_its_state(banker, events):
    page = banker.soup(banker.get(CARDS))
    assert page.select_one("h1").get_text(strip=True) == "Mes cartes"
    visa = card(banker)
    details = block(page, visa.token).select_one(".bq-summary").get_text(" ", strip=True)
    for expected in ("•••• •••• •••• 4821", "se terminant par 4821", "09/28",
                     "MME MARTINE DURAND", "Compte Courant Postal N° 04XXXX3K", "Active"):
        assert expected in details
    titles = [h.get_text(strip=True) for h in page.select(".bq-card-block h2")]
    assert titles == ["Visa Classic", "Carte de retrait Livret A"]
    assert block(page, visa.token).find(_button_starting("Verrouiller temporairement ma carte"))
    opposition = block(page, visa.token).select_one("a.bq-button--danger")
    assert opposition.get_text() == "Faire opposition sur la carte Visa Classic"
    assert opposition["href"] == f"{CARDS}/{visa.token}/opposition"
    assert len(visa.token) == 12 and visa.token != "4821"
    assert names(events).count("banque.card.viewed") == 1


# --- lock and unlock ----------------------------------------------------------------------


def test_lock_then_unlock_with_plain_forms(banker, events):
    visa = card(banker)
    banker.get(CARDS)
    response = banker.post(f"{CARDS}/{visa.token}/verrouillage")
    assert response.status_code == 303
    page = banker.soup(banker.get(response.headers["Location"]))
    visa_block = block(page, visa.token)
    assert visa_block.select_one(".bq-status").get_text(strip=True) == "Verrouillée temporairement"
    assert "Votre carte est verrouillée temporairement." in visa_block.select_one(
        "[role=status]").get_text()
    assert visa_block.find(_button_starting("Déverrouiller ma carte"))
    assert card(banker).status == "locked"
    assert card(banker, "Carte de retrait Livret A").status == "active"
    unlocked = banker.post(f"{CARDS}/{visa.token}/deverrouillage")
    page = banker.soup(banker.get(unlocked.headers["Location"]))
    assert block(page, visa.token).select_one(".bq-status").get_text(strip=True) == "Active"
    assert card(banker).status == "active"
    assert data_of(events, "banque.card.locked") == [{"card": "Visa Classic"}]
    assert data_of(events, "banque.card.unlocked") == [{"card": "Visa Classic"}]


def test_htmx_swaps_only_the_card_block(banker, events):
    visa = card(banker)
    banker.get(CARDS)
    response = banker.htmx_post(f"{CARDS}/{visa.token}/verrouillage")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<html" not in html and "bq-menu" not in html
    fragment = banker.soup(response)
    assert fragment.select_one("article")["id"] == f"carte-{visa.token}"
    assert fragment.select_one(".bq-status").get_text(strip=True) == "Verrouillée temporairement"
    form = fragment.select_one("form")
    assert form["hx-post"] == form["action"] == f"{CARDS}/{visa.token}/deverrouillage"
    assert form["hx-target"] == f"#carte-{visa.token}"
    assert form.select_one("input[name=csrf_token]")
    assert data_of(events, "banque.card.locked") == [{"card": "Visa Classic"}]


def test_locking_a_locked_card_changes_nothing_and_says_nothing_new(banker, events):
    visa = card(banker)
    banker.get(CARDS)
    banker.post(f"{CARDS}/{visa.token}/verrouillage")
    banker.post(f"{CARDS}/{visa.token}/verrouillage")
    assert card(banker).status == "locked"
    assert len(data_of(events, "banque.card.locked")) == 1


# --- opposition ---------------------------------------------------------------------------


def opposition(banker, token, **form):
    return banker.post(f"{CARDS}/{token}/opposition", form)


def test_the_opposition_form_spells_out_that_it_is_definitive(banker, events):
    visa = card(banker)
    page = banker.soup(banker.get(f"{CARDS}/{visa.token}/opposition"))
    assert page.select_one("h1").get_text(strip=True) == "Faire opposition sur votre carte"
    assert [r["value"] for r in page.select("input[name=motif]")] == ["perte", "vol", "fraude"]
    radios = [r.find_parent("label").get_text(strip=True) for r in page.select("input[name=motif]")]
    assert radios == ["Perte", "Vol", "Utilisation frauduleuse"]
    assert page.select_one("#opp-warning").get_text(" ", strip=True) == (
        "Attention : l'opposition est définitive. Votre carte ne pourra plus jamais être "
        "utilisée, même si vous la retrouvez. Une nouvelle carte vous sera envoyée.")
    assert page.find("label", attrs={"for": "compris"}).get_text(strip=True) == UNDERSTOOD
    assert page.find("button", string="Confirmer l'opposition")
    assert page.find("a", string="Annuler")["href"] == CARDS
    assert "Vous pensez avoir simplement égaré votre carte ?" in page.get_text()
    lock = page.find(_button_starting("Verrouiller temporairement ma carte"))
    assert lock.find_parent("form")["action"] == f"{CARDS}/{visa.token}/verrouillage"
    assert data_of(events, "banque.card.opposition_viewed") == [{"card": "Visa Classic"}]


@pytest.mark.parametrize("form, missing", [
    ({}, {"motif", "compris"}),
    ({"motif": "vol"}, {"compris"}),
    ({"compris": "oui"}, {"motif"}),
    ({"motif": "autre", "compris": "oui"}, {"motif"}),
    ({"motif": "perte", "compris": "non"}, {"compris"}),
])
def test_an_opposition_needs_a_reason_and_the_ticked_box(banker, events, form, missing):
    visa = card(banker)
    banker.get(f"{CARDS}/{visa.token}/opposition")
    response = opposition(banker, visa.token, **form)
    assert response.status_code == 200
    page = banker.soup(response)
    alert = page.select_one("[role=alert]").get_text(" ", strip=True)
    messages = {"motif": "Veuillez indiquer le motif de l'opposition.",
                "compris": "Veuillez cocher la case « J'ai compris que l'opposition est "
                           "définitive »."}
    for field, message in messages.items():
        assert (message in alert) == (field in missing)
        error = page.select_one(f"#{field}-error")
        assert (error is not None) == (field in missing)
    if "compris" in missing:
        box = page.select_one("#compris")
        assert box["aria-invalid"] == "true" and "compris-error" in box["aria-describedby"]
    if form.get("motif") == "vol":  # the chosen reason stays chosen
        assert page.select_one("input[name=motif][value=vol]").has_attr("checked")
    assert card(banker).status == "active"
    assert "banque.card.opposed" not in names(events)


def test_an_opposition_is_recorded_once_with_its_number(banker, events):
    visa = card(banker)
    banker.get(f"{CARDS}/{visa.token}/opposition")
    response = opposition(banker, visa.token, motif="vol", compris="oui")
    assert response.status_code == 303
    result = response.headers["Location"]
    page = banker.soup(banker.get(result))
    assert "Votre opposition a bien été enregistrée" in page.select_one("[role=status]").get_text()
    summary = page.select_one(".bq-summary").get_text(" ", strip=True)
    number = card(banker).opposition_number
    assert re.fullmatch(r"\d{10}", number)
    assert f"N° d'opposition {number}" in summary
    assert "le 26/11/2026 à" in summary and "Vol" in summary
    assert "Une nouvelle carte vous sera envoyée par courrier" in page.get_text()
    assert "déposez plainte" in page.get_text()
    assert data_of(events, "banque.card.opposed") == [{"card": "Visa Classic", "reason": "vol"}]
    # A replayed confirmation records nothing more and keeps the number.
    again = opposition(banker, visa.token, motif="perte", compris="oui")
    assert again.headers["Location"] == result
    assert card(banker).opposition_number == number and card(banker).opposition_reason == "vol"
    assert len(data_of(events, "banque.card.opposed")) == 1


def test_an_opposed_card_offers_no_action_any_more(banker):
    visa = card(banker)
    opposition(banker, visa.token, motif="perte", compris="oui")
    page = banker.soup(banker.get(CARDS))
    visa_block = block(page, visa.token)
    assert visa_block.select_one(".bq-status").get_text(strip=True) == "En opposition"
    assert not visa_block.select("form, a")
    assert "N° d'opposition" in visa_block.get_text()
    form_again = banker.get(f"{CARDS}/{visa.token}/opposition")
    assert form_again.headers["Location"] == f"{CARDS}/{visa.token}/opposition/enregistree"


@pytest.mark.parametrize("action", ["verrouillage", "deverrouillage"])
def test_an_opposed_card_cannot_be_locked_or_unlocked(banker, events, action):
    visa = card(banker)
    opposition(banker, visa.token, motif="fraude", compris="oui")
    response = banker.post(f"{CARDS}/{visa.token}/{action}")
    assert response.status_code == 409
    page = banker.soup(response)
    assert ("Cette carte est en opposition : elle ne peut plus être verrouillée ni déverrouillée."
            in block(page, visa.token).select_one("[role=alert]").get_text())
    fragment = banker.htmx_post(f"{CARDS}/{visa.token}/{action}")
    assert fragment.status_code == 409
    assert "<html" not in fragment.get_data(as_text=True)
    assert card(banker).status == "opposed"
    assert not {"banque.card.locked", "banque.card.unlocked"} & set(names(events))


def test_a_locked_card_can_still_be_opposed(banker):
    visa = card(banker)
    banker.post(f"{CARDS}/{visa.token}/verrouillage")
    page = banker.soup(banker.get(f"{CARDS}/{visa.token}/opposition"))
    assert "Votre carte est déjà verrouillée temporairement" in page.get_text()
    assert not page.find(_button_starting("Verrouiller temporairement ma carte"))
    assert opposition(banker, visa.token, motif="perte", compris="oui").status_code == 303
    assert card(banker).status == "opposed"


def test_the_result_page_needs_an_opposition(banker):
    visa = card(banker)
    response = banker.get(f"{CARDS}/{visa.token}/opposition/enregistree")
    assert response.headers["Location"] == f"{CARDS}/{visa.token}/opposition"


@pytest.mark.parametrize("method, suffix", [
    ("post", "verrouillage"), ("post", "deverrouillage"), ("get", "opposition"),
    ("post", "opposition"), ("get", "opposition/enregistree"),
])
def test_an_unknown_card_token_gets_a_404_and_changes_nothing(banker, events, method, suffix):
    banker.get(CARDS)
    before = in_world(banker, store.cards)
    for token in ("4821", "1", "000000000000"):
        path = f"{CARDS}/{token}/{suffix}"
        response = (banker.get(path) if method == "get"
                    else banker.post(path, {"motif": "vol", "compris": "oui"}))
        assert response.status_code == 404
    assert in_world(banker, store.cards) == before
    assert not {"banque.card.locked", "banque.card.opposed"} & set(names(events))


def test_the_cards_need_a_logged_in_customer(learner):
    learner.start("banque")
    assert learner.get(CARDS).headers["Location"] == "/sites/banque/connexion"
