"""« Mes bénéficiaires »: the list, and adding one (country, IBAN in seven boxes, SMS code)."""

from __future__ import annotations

import re

import pytest

from simulator.sites.banque import rules, store
from simulator.sites.telephone import store as phone_store
from tests.conftest import shift_to_noon

LIST = "/sites/banque/beneficiaires"
COUNTRY = "/sites/banque/beneficiaires/ajout"
DETAILS = "/sites/banque/beneficiaires/ajout/coordonnees"
SOPHIE = "FR7699503000200002104587208"  # on the persona card (« RIB de votre fille »)
KARIM = "FR7699503000200018573460123"  # already a beneficiary
OWN_CCP = "FR8299501001000458213K02049"  # Martine's own current account
OTHER_CUSTOMER = rules.french_iban("99501", "00200", "12345678901")  # same bank, not hers


def names(events):
    return [e.name for e in events]


def data_of(events, name):
    return [e.data for e in events if e.name == name]


def boxes(iban: str) -> dict:
    return {f"ibans{n}": box for n, box in enumerate(rules.split_iban_boxes(iban), 1)}


def details(banker, *, name="Sophie Durand", iban=SOPHIE, label="Ma fille", bank="non",
            **overrides):
    form = {"paysDestination": "FR", "compteLBP": bank, "nom": name, "intituleCompte": label,
            **boxes(iban), **overrides}
    return banker.post(DETAILS, form)


def in_world(banker, read):
    world = banker.world()
    try:
        return read(world.db)
    finally:
        world.close()


def all_beneficiaries(banker) -> list[dict]:
    return in_world(banker, lambda db: list(db["beneficiaries"].rows))


def last_sms_code(banker) -> str:
    """The code the bank sent to the simulated phone, read from the SMS like the learner does."""
    body = in_world(banker, phone_store.messages)[0]["body"]
    return re.search(r"pour ajouter un bénéficiaire est (\d{6})", body).group(1)


def review_path(response) -> str:
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return response.headers["Location"]


def confirm(banker, review: str):
    return banker.post(review)


def add_sophie(banker, **kwargs):
    """Details → summary → « Confirmer la création » → the code page. Returns its path."""
    review = review_path(details(banker, **kwargs))
    response = confirm(banker, review)
    assert response.status_code == 303
    return response.headers["Location"]


# --- the list -----------------------------------------------------------------------------


def test_the_list_shows_the_beneficiaries_with_a_masked_iban(banker):
    page = banker.soup(banker.get(LIST))
    assert page.select_one("h1").get_text(strip=True) == "Mes bénéficiaires"
    rows = page.select(".bq-beneficiary")
    assert [r.select_one(".bq-beneficiary__name").get_text(strip=True) for r in rows] == [
        "DURAND KARIM", "SCI LES TILLEULS"]
    tilleuls = rows[1]
    assert tilleuls.select_one("[aria-hidden=true]").get_text() == (
        "FR76 9950 •••• •••• •••• •••6 402")
    assert "se terminant par 6402" in tilleuls.get_text()
    assert "FR7699502000100004128736402" not in page.get_text()
    assert tilleuls.select_one(".bq-status").get_text(strip=True) == "Actif"
    assert "Loyer" in tilleuls.get_text()
    assert page.find("a", string="Ajouter un bénéficiaire")["href"] == COUNTRY


def test_each_active_beneficiary_links_to_a_transfer_by_token(banker):
    page = banker.soup(banker.get(LIST))
    tokens = in_world(banker, lambda db: {b["name"]: (b["token"], b["id"])
                                          for b in store.active_beneficiaries(db)})
    links = [a["href"] for a in page.select(".bq-beneficiary a.bq-button")]
    assert links == [f"/sites/banque/virements?vers={tokens['DURAND KARIM'][0]}",
                     f"/sites/banque/virements?vers={tokens['SCI LES TILLEULS'][0]}"]
    assert all(len(token) == 12 for token, _ in tokens.values())


def test_the_pages_need_a_logged_in_customer(learner):
    learner.start("banque")
    for path in (LIST, COUNTRY, DETAILS + "?paysDestination=FR&compteLBP=non"):
        response = learner.get(path)
        assert response.status_code == 303
        assert response.headers["Location"] == "/sites/banque/connexion"


# --- step 1: the country ------------------------------------------------------------------


def test_step_one_offers_france_first_and_says_so(banker, events):
    page = banker.soup(banker.get(COUNTRY))
    select = page.select_one("select#paysDestination")
    options = select.select("option")
    assert options[0]["value"] == "FR" and options[0].has_attr("selected")
    assert page.find("label", attrs={"for": "paysDestination"}).get_text() == "Pays du compte"
    assert "seuls les comptes ouverts en France" in page.select_one("#pays-hint").get_text()
    legend = page.select_one("fieldset legend").get_text(strip=True)
    assert legend == "Ce compte est-il à la Banque Citoyenne ?"
    assert [r["value"] for r in page.select("input[name=compteLBP]")] == ["oui", "non"]
    assert page.select_one("input[name=csrf_token]")
    assert "banque.beneficiary.form_viewed" in names(events)


def test_step_one_goes_to_the_details_with_the_answers(banker):
    response = banker.post(COUNTRY, {"paysDestination": "FR", "compteLBP": "non"})
    assert response.status_code == 303
    assert response.headers["Location"] == DETAILS + "?paysDestination=FR&compteLBP=non"


@pytest.mark.parametrize("form, reason, message", [
    ({"paysDestination": "FR"}, "bank_unanswered",
     "Veuillez indiquer si ce compte est à la Banque Citoyenne."),
    ({"paysDestination": "BE", "compteLBP": "non"}, "country_unsupported",
     "Dans cet exercice, seuls les comptes ouverts en France peuvent être ajoutés."),
    ({"paysDestination": "XX", "compteLBP": "peut-être"}, "country_missing",
     "Veuillez choisir le pays du compte."),
])
def test_step_one_explains_what_is_missing(banker, events, form, reason, message):
    response = banker.post(COUNTRY, form)
    assert response.status_code == 200
    page = banker.soup(response)
    assert message in page.select_one("[role=alert]").get_text()
    assert message in page.select_one(".bq-field-error").get_text()
    assert data_of(events, "banque.beneficiary.rejected") == [{"reason": reason, "box": 0}]
    if form.get("compteLBP") == "non":  # what was chosen stays chosen
        assert page.select_one("input[name=compteLBP][value=non]").has_attr("checked")


def test_the_details_page_needs_the_answers_of_step_one(banker):
    for query in ("", "?paysDestination=BE&compteLBP=non", "?paysDestination=FR&compteLBP=x"):
        response = banker.get(DETAILS + query)
        assert response.status_code == 303
        assert response.headers["Location"] == COUNTRY
    forged = banker.post(DETAILS, {"paysDestination": "DE", "compteLBP": "non", **boxes(SOPHIE)})
    assert forged.headers["Location"] == COUNTRY
    assert len(all_beneficiaries(banker)) == 2


# --- step 2: the IBAN in seven boxes ------------------------------------------------------


def test_the_iban_has_seven_labelled_boxes_after_fr(banker):
    page = banker.soup(banker.get(DETAILS + "?paysDestination=FR&compteLBP=non"))
    assert page.select_one(".bq-iban__country").get_text() == "FR"
    inputs = page.select("[data-iban-box]")
    assert [i["name"] for i in inputs] == [f"ibans{n}" for n in range(1, 8)]
    assert [int(i["maxlength"]) for i in inputs] == [2, 4, 4, 4, 4, 4, 3]
    assert [i["inputmode"] for i in inputs] == ["numeric"] * 3 + ["text"] * 4
    labels = [page.find("label", attrs={"for": i["id"]}).get_text() for i in inputs]
    assert labels[1] == "IBAN, case 2 sur 7, 4 caractères"
    assert labels[6] == "IBAN, case 7 sur 7, 3 caractères"
    assert page.find("label", attrs={"for": "nom"}).get_text(strip=True) == "Nom du bénéficiaire"
    assert page.select_one("#nom")["maxlength"] == "70"
    assert page.select_one("#intituleCompte")["maxlength"] == "35"


def _refused(banker, events, response, reason, box, message):
    assert response.status_code == 200
    page = banker.soup(response)
    assert message in page.select_one("[role=alert]").get_text(" ", strip=True)
    assert message in page.select_one("#iban-error").get_text(" ", strip=True)
    invalid = [i["name"] for i in page.select("[data-iban-box][aria-invalid=true]")]
    assert invalid == ([f"ibans{box}"] if box else [f"ibans{n}" for n in range(1, 8)])
    for name in invalid:
        assert page.select_one(f"[name={name}]")["aria-describedby"] == "iban-error"
    assert data_of(events, "banque.beneficiary.rejected")[-1] == {"reason": reason, "box": box}
    assert len(all_beneficiaries(banker)) == 2
    return page


def test_a_wrong_check_is_refused_and_every_box_keeps_what_was_typed(banker, events):
    wrong = SOPHIE[:-1] + "9"
    page = _refused(banker, events, details(banker, iban=wrong), "iban_check", 0,
                    "L'IBAN que vous avez saisi est erroné, veuillez vérifier votre saisie.")
    assert [i["value"] for i in page.select("[data-iban-box]")] == rules.split_iban_boxes(wrong)
    assert page.select_one("#nom")["value"] == "Sophie Durand"
    assert page.select_one("#intituleCompte")["value"] == "Ma fille"


def test_a_wrong_rib_key_with_right_check_digits_is_refused(banker, events):
    bban = "99503" "00020" "00021045872" "99"  # RIB key 99 instead of 08
    from stdnum import iban as stdnum_iban

    forged = "FR" + stdnum_iban.calc_check_digits("FR00" + bban) + bban
    _refused(banker, events, details(banker, iban=forged), "iban_check", 0,
             "L'IBAN que vous avez saisi est erroné, veuillez vérifier votre saisie.")


def test_a_letter_in_a_digit_box_names_the_box(banker, events):
    _refused(banker, events, details(banker, ibans2="99O5"), "iban_letters", 2,
             "Le format de l'IBAN est incorrect : la case 2 ne doit contenir que des chiffres.")


def test_an_incomplete_iban_points_at_the_box(banker, events):
    page = _refused(banker, events, details(banker, ibans5="021"), "iban_incomplete", 5,
                    "Veuillez saisir l'IBAN complet.")
    assert "La case 5 doit contenir 4 caractères." in page.select_one("#iban-error").get_text()
    assert page.select_one("[name=ibans5]")["value"] == "021"


def test_an_empty_iban_points_at_the_first_box(banker, events):
    empty = {f"ibans{n}": "" for n in range(1, 8)}
    _refused(banker, events, details(banker, **empty), "iban_incomplete", 1,
             "Veuillez saisir l'IBAN complet.")


def test_signs_in_a_box_are_refused(banker, events):
    _refused(banker, events, details(banker, ibans6="45-7"), "iban_characters", 6,
             "la case 6 ne doit contenir que des chiffres et des lettres.")


def test_a_forged_box_longer_than_the_real_one_is_refused(banker, events):
    _refused(banker, events, details(banker, ibans7="2081"), "iban_too_long", 7,
             "Le format de l'IBAN est incorrect : la case 7 doit contenir 3 caractères.")


def test_an_account_of_the_bank_answered_non_is_refused(banker, events):
    _refused(banker, events, details(banker, iban=OTHER_CUSTOMER, bank="non"), "own_bank", 0,
             "Le n° de compte que vous avez saisi appartient à la Banque Citoyenne, "
             "veuillez vérifier votre saisie.")


def test_an_account_elsewhere_answered_oui_is_refused(banker, events):
    _refused(banker, events, details(banker, bank="oui"), "not_own_bank", 0,
             "Le n° de compte que vous avez saisi n'appartient pas à la Banque Citoyenne")


def test_an_account_of_the_bank_answered_oui_is_taken(banker):
    response = details(banker, iban=OTHER_CUSTOMER, bank="oui", name="Jeanne Martin")
    assert response.status_code == 303


def test_an_existing_beneficiary_is_refused(banker, events):
    _refused(banker, events, details(banker, iban=KARIM, name="Karim"), "duplicate", 0,
             "Ce bénéficiaire existe déjà.")


def test_the_learners_own_account_is_refused_even_typed_in_lower_case(banker, events):
    typed = {**boxes(OWN_CCP), "ibans6": "3k02"}
    page = _refused(banker, events, details(banker, bank="oui", **typed), "own_account", 0,
                    "Ce compte est le vôtre : il ne peut pas être ajouté comme bénéficiaire.")
    assert page.select_one("[name=ibans6]")["value"] == "3k02"


# --- step 2: the name and the label -------------------------------------------------------


@pytest.mark.parametrize("name, label, field, reason, message", [
    ("", "", "nom", "name_missing", "Veuillez saisir le nom du bénéficiaire."),
    ("   ", "", "nom", "name_missing", "Veuillez saisir le nom du bénéficiaire."),
    ("A" * 71, "", "nom", "name_too_long",
     "Le nom du bénéficiaire ne doit pas dépasser 70 caractères."),
    ("Sophie", "B" * 36, "intituleCompte", "label_too_long",
     "L'intitulé du compte ne doit pas dépasser 35 caractères."),
    ("Sophie; DROP", "", "nom", "name_characters",
     "Le nom du bénéficiaire contient des caractères non autorisés."),
    ("Sophie", "{fille}", "intituleCompte", "label_characters",
     "L'intitulé du compte contient des caractères non autorisés."),
])
def test_the_name_and_label_are_checked(banker, events, name, label, field, reason, message):
    response = details(banker, name=name, label=label)
    assert response.status_code == 200
    page = banker.soup(response)
    assert message in page.select_one(f"#{field}-error").get_text()
    assert message in page.select_one("[role=alert]").get_text()
    field_input = page.select_one(f"#{field}")
    assert field_input["aria-invalid"] == "true"
    assert f"{field}-error" in field_input["aria-describedby"].split()
    assert field_input["value"] == (name if field == "nom" else label)
    assert data_of(events, "banque.beneficiary.rejected") == [{"reason": reason, "box": 0}]
    assert len(all_beneficiaries(banker)) == 2


def test_html_typed_in_the_name_is_refused_and_shown_escaped(banker):
    typed = '<script>alert("x")</script><b>Sophie</b>'
    response = details(banker, name=typed)
    html = response.get_data(as_text=True)
    assert "<script>alert" not in html and "<b>Sophie" not in html
    assert banker.soup(response).select_one("#nom")["value"] == typed
    assert "&lt;script&gt;" in html or "&lt;script>" in html


def test_several_mistakes_are_all_shown_and_the_first_is_reported(banker, events):
    response = details(banker, name="", ibans3="30", label="C" * 40)
    page = banker.soup(response)
    assert len(page.select("[role=alert] li")) == 3
    assert {e.get("id") for e in page.select(".bq-field-error")} == {
        "nom-error", "iban-error", "intituleCompte-error"}
    assert data_of(events, "banque.beneficiary.rejected") == [
        {"reason": "name_missing", "box": 0}]


def test_accents_apostrophes_and_spaces_are_welcome(banker):
    review = review_path(details(banker, name="  Hélène   D'Arc-Dupont ", label=" Ma fille "))
    beneficiary = [b for b in all_beneficiaries(banker) if b["status"] == "draft"][0]
    assert (beneficiary["name"], beneficiary["label"]) == ("Hélène D'Arc-Dupont", "Ma fille")
    assert review.endswith(beneficiary["token"])


# --- summary, SMS code, outcome -----------------------------------------------------------


def test_the_summary_shows_what_will_be_created(banker):
    review = review_path(details(banker))
    page = banker.soup(banker.get(review))
    summary = page.select_one(".bq-summary").get_text(" ", strip=True)
    assert "Sophie Durand" in summary and "FR76 9950 3000 2000 0210 4587 208" in summary
    assert "Ma fille" in summary
    button = page.find("button", string="Confirmer la création")
    assert button.find_parent("form")["action"] == review
    modify = page.find("a", string="Modifier")["href"]
    refill = banker.soup(banker.get(modify))
    assert [i["value"] for i in refill.select("[data-iban-box]")] == rules.split_iban_boxes(SOPHIE)
    assert refill.select_one("#nom")["value"] == "Sophie Durand"


def test_adding_sophie_with_the_code_received_by_sms(banker, events):
    code_page = add_sophie(banker)
    assert in_world(banker, lambda db: [b["status"] for b in db["beneficiaries"].rows
                                        if b["iban"] == SOPHIE]) == ["awaiting_code"]
    assert "banque.beneficiary.code_sent" in names(events)
    page = banker.soup(banker.get(code_page))
    assert "Un code de sécurité vous a été envoyé par SMS." in page.get_text()
    assert page.select_one("form#SaisieOTP")["action"] == code_page
    response = banker.post(code_page, {"code": last_sms_code(banker)})
    assert response.status_code == 303
    done = banker.soup(banker.get(response.headers["Location"]))
    assert done.select_one("[role=status]").get_text(" ", strip=True) == (
        "Votre bénéficiaire a bien été enregistré. Il est dès maintenant utilisable.")
    assert data_of(events, "banque.beneficiary.added") == [
        {"name": "Sophie Durand", "iban_suffix": "7208", "active": True}]
    listed = banker.soup(banker.get(LIST))
    sophie = [r for r in listed.select(".bq-beneficiary") if "Sophie Durand" in r.get_text()][0]
    assert sophie.select_one(".bq-status").get_text(strip=True) == "Actif"
    assert sophie.select_one("a.bq-button")["href"].startswith("/sites/banque/virements?vers=")


def test_a_replayed_confirmation_or_code_never_creates_two(banker, events):
    review = review_path(details(banker))
    code_page = confirm(banker, review).headers["Location"]
    again = confirm(banker, review)
    assert again.headers["Location"] == code_page
    assert names(events).count("banque.beneficiary.code_sent") == 1
    code = last_sms_code(banker)
    done = banker.post(code_page, {"code": code}).headers["Location"]
    assert banker.post(code_page, {"code": code}).headers["Location"] == done
    assert banker.post(review).headers["Location"] == done
    assert names(events).count("banque.beneficiary.added") == 1
    sophies = [b for b in all_beneficiaries(banker) if b["iban"] == SOPHIE]
    assert [b["status"] for b in sophies] == ["active"]
    # Adding her a second time is refused like any existing beneficiary.
    assert "Ce bénéficiaire existe déjà." in details(banker).get_data(as_text=True)


def test_a_wrong_code_says_how_many_tries_are_left(banker, events):
    code_page = add_sophie(banker)
    right = last_sms_code(banker)
    wrong = "000000" if right != "000000" else "111111"
    page = banker.soup(banker.post(code_page, {"code": wrong}))
    assert page.select_one("#code-error").get_text(strip=True) == (
        "Le code de sécurité que vous avez saisi est erroné. Attention, il vous reste 2 essais.")
    assert page.select_one("#code")["aria-invalid"] == "true"
    assert data_of(events, "banque.beneficiary.code_failed") == [{"attempts_left": 2}]
    empty = banker.soup(banker.post(code_page, {"code": " "}))
    assert "Veuillez saisir le code de sécurité" in empty.select_one("#code-error").get_text()
    assert data_of(events, "banque.beneficiary.code_failed") == [{"attempts_left": 2}]
    assert banker.post(code_page, {"code": right}).status_code == 303


def test_three_wrong_codes_cancel_the_creation(banker, events):
    code_page = add_sophie(banker)
    wrong = "000000" if last_sms_code(banker) != "000000" else "111111"
    banker.post(code_page, {"code": wrong})
    banker.post(code_page, {"code": wrong})
    last = banker.post(code_page, {"code": wrong})
    assert last.status_code == 303
    page = banker.soup(banker.get(last.headers["Location"]))
    assert "l'ajout du bénéficiaire a été annulé" in page.select_one("[role=alert]").get_text()
    assert data_of(events, "banque.beneficiary.code_failed")[-1] == {"attempts_left": 0}
    assert [b["iban"] for b in all_beneficiaries(banker)] == [
        "FR7699502000100004128736402", KARIM]
    assert banker.get(code_page).status_code == 404
    assert "banque.beneficiary.added" not in names(events)


def test_a_new_code_can_be_asked_for_and_only_the_newest_works(banker, events):
    code_page = add_sophie(banker)
    first = last_sms_code(banker)
    resent = banker.post(code_page + "/renvoi")
    assert resent.headers["Location"] == code_page
    assert names(events).count("banque.beneficiary.code_sent") == 2
    second = last_sms_code(banker)
    assert first != second  # the world's draws are seeded: this holds on every run
    refused = banker.soup(banker.post(code_page, {"code": first}))
    assert "erroné" in refused.select_one("#code-error").get_text()
    assert banker.post(code_page, {"code": second}).status_code == 303


def test_starting_again_drops_the_unfinished_addition(banker):
    first_code_page = add_sophie(banker)
    review_path(details(banker, name="Sophie D."))
    assert banker.get(first_code_page).status_code == 404
    assert [b["name"] for b in all_beneficiaries(banker) if b["status"] != "active"] == [
        "Sophie D."]


def test_with_an_activation_delay_the_beneficiary_waits(app, banker, events):
    app.config["BANQUE_BENEFICIARY_ACTIVATION_MINUTES"] = 60
    app.config["SIMULATOR_CLOCK_SHIFT_SECONDS"] = shift_to_noon()  # one hour later: same day
    code_page = add_sophie(banker)
    done = banker.post(code_page, {"code": last_sms_code(banker)}).headers["Location"]
    page = banker.soup(banker.get(done))
    assert page.select_one("[role=status]").get_text(" ", strip=True) == (
        "Votre bénéficiaire a bien été enregistré. Il est en cours d'activation.")
    assert "vous pourrez lui faire un virement à partir du 26/11/2026" in page.get_text()
    assert not page.find("a", string="Faire un virement")
    assert data_of(events, "banque.beneficiary.added")[0]["active"] is False
    listed = banker.soup(banker.get(LIST))
    sophie = [r for r in listed.select(".bq-beneficiary") if "Sophie Durand" in r.get_text()][0]
    assert sophie.select_one(".bq-status").get_text(strip=True) == "En cours d'activation"
    assert "Utilisable à partir du 26/11/2026" in sophie.get_text()
    assert not sophie.select("a")


@pytest.mark.parametrize("method, suffix", [
    ("get", ""), ("post", ""), ("get", "/code"), ("post", "/code"), ("post", "/code/renvoi"),
])
def test_a_forged_token_gets_a_404_and_changes_nothing(banker, events, method, suffix):
    add_sophie(banker)
    before = all_beneficiaries(banker)
    token = "1"  # a database id is not a token
    path = f"{COUNTRY}/{token}{suffix}"
    response = banker.get(path) if method == "get" else banker.post(path, {"code": "123456"})
    assert response.status_code == 404
    assert all_beneficiaries(banker) == before
    assert "banque.beneficiary.added" not in names(events)


def test_the_outcome_page_needs_an_active_beneficiary(banker):
    code_page = add_sophie(banker)
    token = code_page.split("/")[-2]
    early = banker.get(f"{LIST}/{token}/enregistre")
    assert early.headers["Location"] == code_page
    assert banker.get(f"{LIST}/abcdef123456/enregistre").status_code == 404
