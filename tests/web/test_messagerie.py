"""« Messagerie »: the persona's mailbox as a device — the inbox, an e-mail, its links (only to
simulated sites), spam, and the e-mails other sites send through its store."""

from __future__ import annotations

import re

from simulator.sites.messagerie import store
from simulator.world import bound_to
from tests.support.impots import EMAIL, create_space, newest_mail


def names(events) -> list[str]:
    return [e.name for e in events]


def test_the_kiosk_bar_offers_the_mailbox_to_a_persona_who_has_one(learner):
    learner.start("impots")
    page = learner.soup(learner.get("/sites/impots/connexion"))
    button = page.select_one("#mail-button")
    assert button is not None and "Messagerie" in button.get_text()
    assert page.select_one("#mail-drawer[hidden]") is not None
    card = learner.soup(learner.get("/seance/fiche")).select_one(".persona-card")
    assert EMAIL in card.get_text()


def test_martine_has_no_mailbox(banker):
    page = banker.soup(banker.get("/sites/banque/synthese"))
    assert page.select_one("#mail-button") is None and page.select_one("#mail-drawer") is None
    assert banker.get("/sites/messagerie/").status_code == 404


def test_the_inbox_lists_the_persona_s_e_mails_newest_first_and_reports_opening(learner, events):
    learner.start("impots")
    fragment = learner.htmx_get("/sites/messagerie/")
    soup = learner.soup(fragment)
    assert soup.select_one("html") is None  # a fragment for the drawer
    subjects = [s.get_text() for s in soup.select(".mail-list__subject")]
    assert subjects[0] == "Votre commande est prête" and len(subjects) == 4
    assert "Votre déclaration trimestrielle de ressources est à faire" in subjects  # the CAF's
    assert events[-1].name == "messagerie.opened"
    assert events[-1].data == {"unread": 0, "folder": "inbox"}


def test_an_e_mail_is_marked_read_and_its_link_opens_the_replica(learner, events):
    learner.start("impots")
    create_space(learner)
    drawer = learner.soup(learner.htmx_get("/sites/messagerie/"))
    unread = drawer.select(".mail-list__item--unread")
    assert len(unread) == 1 and "Non lu" in unread[0].get_text()
    assert learner.soup(learner.get("/sites/impots/creation/courriel-envoye")).select_one(
        "#mail-button .badge").get_text() == "1"
    view = learner.htmx_get(unread[0]["hx-get"])
    html = view.get_data(as_text=True)
    assert "ne-pas-repondre@dgfip.finances.gouv.fr" in html and "dans un délai de 8" in html
    assert events[-1].name == "messagerie.mail.read"
    assert events[-1].data["topic"] == "impots.activation"
    link = learner.soup(view).select_one("a.mail-view__link")
    assert link.get_text().startswith("https://cfspart.impots.gouv.fr/activation/")
    followed = learner.get(link["href"])
    assert followed.status_code == 303
    assert followed.headers["Location"].startswith("/sites/impots/activation/")
    assert events[-1].name == "messagerie.link.opened"
    assert events[-1].data == {"sender": "ne-pas-repondre@dgfip.finances.gouv.fr",
                               "kind": "info", "topic": "impots.activation", "site": "impots"}
    assert store.unread_count(learner.world().db) == 0


def deliver(learner, **mail):
    world = learner.world()
    try:
        with learner.app.test_request_context(), bound_to(world):
            return store.deliver_mail(world.db, **{
                "sender_name": "X", "sender_address": "x@exemple.fr", "subject": "Objet",
                "body": "Texte", **mail})
    finally:
        world.close()


def test_a_link_to_an_address_no_replica_answers_for_stays_plain_text(learner):
    learner.start("impots")
    token = deliver(learner, body="Voir https://www.exemple-reel.fr/page ou https://cfspart."
                                  "impots.gouv.fr/connexion", kind="info",
                    links=["https://www.exemple-reel.fr/page",
                           "https://cfspart.impots.gouv.fr/connexion"])
    soup = learner.soup(learner.htmx_get(f"/sites/messagerie/courriel/{token}"))
    assert [a.get_text() for a in soup.select("a.mail-view__link")] == [
        "https://cfspart.impots.gouv.fr/connexion"]
    assert soup.select_one(".mail-view__dead-link").get_text() == "https://www.exemple-reel.fr/page"
    assert learner.get(f"/sites/messagerie/courriel/{token}/lien/0").status_code == 404
    assert learner.get(f"/sites/messagerie/courriel/{token}/lien/1").headers["Location"] == (
        "/sites/impots/connexion")
    assert learner.get(f"/sites/messagerie/courriel/{token}/lien/7").status_code == 404


def test_report_as_spam_moves_it_to_courrier_indesirable_and_back(learner, events):
    learner.start("impots")
    token = deliver(learner, kind="scam", topic="arnaque.remboursement", subject="Remboursement")
    learner.htmx_get(f"/sites/messagerie/courriel/{token}")
    after = learner.htmx_post(f"/sites/messagerie/courriel/{token}/signaler")
    assert "Remboursement" not in after.get_data(as_text=True)  # back to the inbox, without it
    assert events[-1].name == "messagerie.mail.reported"
    assert events[-1].data["kind"] == "scam"
    spam = learner.soup(learner.htmx_get("/sites/messagerie/?dossier=indesirables"))
    assert [s.get_text() for s in spam.select(".mail-list__subject")] == ["Remboursement"]
    assert "(1)" in spam.select("a.mail-folders__link")[1].get_text()
    learner.htmx_post(f"/sites/messagerie/courriel/{token}/pas-indesirable")
    assert events[-1].name == "messagerie.mail.not_spam"
    learner.post(f"/sites/messagerie/courriel/{token}/supprimer")
    assert events[-1].name == "messagerie.mail.deleted"
    assert learner.get(f"/sites/messagerie/courriel/{token}").status_code == 404


def test_an_e_mail_of_another_world_is_not_found(app, learner):
    learner.start("impots")
    token = deliver(learner, subject="Secret")
    other = type(learner)(app.test_client(), app)
    other.start("impots")
    assert other.get(f"/sites/messagerie/courriel/{token}").status_code == 404
    assert other.get(f"/sites/messagerie/courriel/{token}/lien/0").status_code == 404


def test_a_mail_sent_during_an_htmx_swap_tells_the_page(learner):
    learner.start("impots")
    learner.post("/sites/impots/connexion", {"spi": "3012847596283"})
    learner.post("/sites/impots/creation", {"acces": "4827193", "rfr": "13968"})
    response = learner.htmx_post("/sites/impots/creation/compte", {
        "email": EMAIL, "email_confirmation": EMAIL, "pwd": "Lilas7412",
        "pwd_confirmation": "Lilas7412"})
    assert "mail-arrived" in response.headers.get("HX-Trigger", "")
    button = learner.htmx_get("/sites/messagerie/bouton").get_data(as_text=True)
    assert re.search(r'class="badge"[^>]*>1<', button)


def test_the_toast_of_a_new_e_mail_opens_it_in_the_drawer(learner):
    learner.start("impots")
    create_space(learner)
    toast = learner.soup(learner.get("/sites/impots/creation/courriel-envoye")).select_one(
        ".mail-toast")
    assert "impots.gouv.fr" in toast.get_text()
    button = toast.select_one(".mail-toast__open")
    assert button.has_attr("data-drawer-quiet") and button["data-drawer-open"] == "mail-drawer"
    assert "Activation" in learner.htmx_get(button["hx-get"]).get_data(as_text=True)
    assert newest_mail(learner, "impots.activation")["read"] == 1


def test_without_javascript_the_mailbox_is_a_page_of_the_kiosk(learner):
    learner.start("impots")
    page = learner.get("/sites/messagerie/")
    assert page.status_code == 200 and "Ma messagerie" in page.get_data(as_text=True)
    assert learner.soup(page).select_one(".mailbox--page") is not None
