"""The médiathèque (site gestes) and the shared cookie banner, through the test client: what
each page reports, the back and reload buttons told from links, forms that refuse like real ones
and lose nothing typed, the banner off by default and answered once per site."""

from __future__ import annotations

import pytest

from tests.support.diagnostic import FRAGMENT, LINK

BROWSER = {}  # a page the browser loads itself: its back or reload button


@pytest.fixture()
def visitor(learner):
    """A learner in the first exercise of « Premiers gestes »."""
    learner.post("/exercices/gestes-toucher/commencer", {"mode": "guide"})
    return learner


def viewed(events, name="gestes.page.viewed"):
    return [e.data for e in events if e.name == name]


def test_every_page_says_simulation_and_reports_itself(visitor, events):
    for path in ("/sites/gestes/", "/sites/gestes/horaires", "/sites/gestes/agenda",
                 "/sites/gestes/agenda/heure-du-conte", "/sites/gestes/catalogue",
                 "/sites/gestes/lettre", "/sites/gestes/actualites",
                 "/sites/gestes/actualites/horaires-ete", "/sites/gestes/apprendre/adresse",
                 "/sites/gestes/agenda/atelier-numerique/inscription"):
        page = visitor.get(path, headers=LINK)
        assert page.status_code == 200, path
        html = page.get_data(as_text=True)
        assert "SIMULATION" in html and "Site fictif" in html
        assert "https://www.mediatheque-coquelicots.fr" in visitor.soup(page).select_one(
            ".address-bar").get_text("", strip=True).replace(" ", "")
    assert [e["page"] for e in viewed(events)][-2:] == [
        "apprendre/adresse", "agenda/atelier-numerique/inscription"]


def test_the_back_button_is_told_from_a_link_and_from_reload(visitor, events):
    visitor.get("/sites/gestes/agenda", headers=LINK)
    visitor.get("/sites/gestes/agenda/heure-du-conte", headers=LINK)
    visitor.get("/sites/gestes/agenda/heure-du-conte", headers=BROWSER)  # reload
    visitor.get("/sites/gestes/agenda", headers=BROWSER)  # back
    visitor.get("/sites/gestes/agenda/heure-du-conte", headers=LINK)
    visitor.get("/sites/gestes/agenda", headers=LINK)  # the menu: a link, not back
    seen = [(e["page"], e["back"], e["reloaded"]) for e in viewed(events)][-6:]
    assert seen == [("agenda", False, False), ("agenda/heure-du-conte", False, False),
                    ("agenda/heure-du-conte", False, True), ("agenda", True, False),
                    ("agenda/heure-du-conte", False, False), ("agenda", False, False)]


def test_scrolling_to_the_end_and_choosing_a_day(visitor, events):
    visitor.htmx_post("/sites/gestes/defilement?page=agenda")
    visitor.htmx_post("/sites/gestes/defilement?page=nimporte")
    assert viewed(events, "gestes.page.scrolled") == [{"page": "agenda"}]
    fragment = visitor.get("/sites/gestes/horaires?jour=samedi", headers=FRAGMENT)
    assert "Le samedi, la médiathèque est ouverte de 10 h à 18 h." in fragment.get_data(
        as_text=True)
    visitor.get("/sites/gestes/horaires?jour=jeudredi", headers=LINK)
    assert viewed(events, "gestes.hours.viewed") == [{"day": "samedi"}]


def test_the_search_keeps_capitals_and_accents_for_the_coach(visitor, events):
    page = visitor.get("/sites/gestes/catalogue?q=emile zola", headers=LINK)
    assert "3 résultats pour « emile zola »" in page.get_data(as_text=True)
    visitor.get("/sites/gestes/catalogue?q=Émile Zola", headers=LINK)
    assert [e["words"] for e in viewed(events, "gestes.search.done")] == [
        "emile zola", "Émile Zola"]


def test_the_letter_refuses_a_wrong_address_and_keeps_what_was_typed(visitor, events):
    refused = visitor.post("/sites/gestes/lettre", {"email": "martine.durand93exemple.fr"})
    soup = visitor.soup(refused)
    assert "Veuillez saisir une adresse e-mail valide" in soup.select_one("#email-error").text
    assert soup.select_one("#email")["value"] == "martine.durand93exemple.fr"
    done = visitor.post("/sites/gestes/lettre", {"email": "martine.durand93@exemple.fr"})
    assert done.headers["Location"] == "/sites/gestes/lettre/merci"
    assert viewed(events, "gestes.newsletter.subscribed") == [
        {"email": "martine.durand93@exemple.fr"}]
    world = visitor.world()
    try:
        dump = "\n".join(world.db.conn.iterdump())
    finally:
        world.close()
    assert "durand93" not in dump  # compared by the coach, never stored


def test_the_booking_reports_each_tap_and_refuses_without_the_rules(visitor, events):
    path = "/sites/gestes/agenda/atelier-numerique/inscription"
    visitor.htmx_post("/sites/gestes/choix?nom=creneau", {"creneau": "jeudi-14h"})
    visitor.htmx_post("/sites/gestes/choix?nom=reglement", {"reglement": "oui"})
    visitor.htmx_post("/sites/gestes/choix?nom=reglement", {})
    assert viewed(events, "gestes.choice.changed") == [
        {"name": "creneau", "value": "jeudi-14h", "checked": True},
        {"name": "reglement", "value": "oui", "checked": True},
        {"name": "reglement", "value": "oui", "checked": False}]
    refused = visitor.soup(visitor.post(path, {"creneau": "jeudi-14h"}))
    assert "Vous devez accepter le règlement" in refused.select_one("#booking-error").text
    assert refused.select_one("#creneau-jeudi-14h").has_attr("checked")
    done = visitor.post(path, {"creneau": "jeudi-14h", "reglement": "oui"},
                        follow_redirects=True)
    assert "Jeudi 7 janvier, 14 h" in done.get_data(as_text=True)


def test_the_quiz_answers_kindly_and_remembers(visitor, events):
    visitor.htmx_post("/sites/gestes/apprendre/adresse",
                      {"question": "adresse", "reponse": "coquelicots-com"})
    fragment = visitor.htmx_post("/sites/gestes/apprendre/adresse",
                                 {"question": "cadenas", "reponse": "chiffre"})
    text = visitor.soup(fragment).get_text(" ", strip=True)
    assert "Ce n'est pas cette réponse" in text and "Bonne réponse" in text
    assert [(e["question"], e["right"]) for e in viewed(events, "gestes.quiz.answered")] == [
        ("adresse", False), ("cadenas", True)]


def test_the_cookie_banner_is_off_unless_a_scenario_asks(visitor):
    assert visitor.soup(visitor.get("/sites/gestes/")).select_one("#cookie-banner") is None
    visitor.get("/sites/banque/connexion")
    assert visitor.soup(visitor.get("/sites/banque/connexion")).select_one(
        "#cookie-banner") is None


def test_the_cookie_banner_answered_once_per_site_then_the_pop_up(learner, events):
    learner.post("/exercices/gestes-fenetres/commencer", {"mode": "guide"})
    home = learner.soup(learner.get("/sites/gestes/"))
    banner = home.select_one("#cookie-banner")
    assert [b.get_text() for b in banner.select("button")] == [
        "Enregistrer mes choix", "Tout refuser", "Personnaliser", "Tout accepter"]
    assert home.select_one("#mq-popup") is None  # it waits for the banner's answer
    answered = learner.htmx_post("/sites/cookies/choix", {"site": "gestes",
                                                          "choix": "refuse_all"})
    assert answered.headers["HX-Trigger"] == "cookies-answered"
    assert learner.soup(learner.get("/sites/gestes/fenetre")).select_one(".mq-popup__close")
    home = learner.soup(learner.get("/sites/gestes/"))
    assert home.select_one("#cookie-banner") is None and home.select_one("#mq-popup")
    # Another site of the same world asks again, as real sites do.
    assert learner.soup(learner.get("/sites/banque/connexion")).select_one("#cookie-banner")
    custom = learner.post("/sites/cookies/choix", {"site": "banque", "choix": "custom",
                                                   "audience": "oui",
                                                   "retour": "/sites/banque/connexion"})
    assert custom.headers["Location"] == "/sites/banque/connexion"
    assert [(e.data["site"], e.data["choice"], e.data["accepted"]) for e in events
            if e.name == "cookies.choice.made"] == [("gestes", "refuse_all", 0),
                                                    ("banque", "custom", 1)]
    closed = learner.htmx_post("/sites/gestes/fenetre/fermer", {"comment": "fermer"})
    assert closed.status_code == 200
    assert learner.soup(learner.get("/sites/gestes/")).select_one("#mq-popup") is None


def test_the_banner_refuses_nonsense_and_never_leaves_the_site(learner):
    learner.post("/exercices/gestes-fenetres/commencer", {"mode": "guide"})
    assert learner.post("/sites/cookies/choix", {"site": "ailleurs",
                                                 "choix": "accept_all"}).status_code == 400
    away = learner.post("/sites/cookies/choix", {"site": "gestes", "choix": "accept_all",
                                                 "retour": "https://exemple.com/"})
    assert away.headers["Location"] == "/sites/gestes/"
