"""The simulated phone (messages, links) and the look-alike site that scam messages lead to."""

from __future__ import annotations

from simulator.sites.telephone import store as phone


def deliver(learner, **sms):
    world = learner.world()
    try:
        return phone.deliver_sms(world.db, **sms)
    finally:
        world.close()


def test_the_inbox_lists_the_personas_messages_newest_first(learner, events):
    learner.start("banque")
    page = learner.soup(learner.htmx_get("/sites/telephone/"))
    senders = [s.get_text(" ", strip=True) for s in page.select(".sms-list__sender")]
    assert senders == ["Sophie", "PHARMACIE"]
    assert events[-1].name == "telephone.opened"


def test_reading_marks_as_read_and_deleting_removes(learner, events):
    learner.start("banque")
    sms_id = deliver(learner, sender="BQCITOYENNE", body="Votre code est 123456.", kind="code")
    frame = learner.soup(learner.get("/sites/banque/connexion"))
    assert frame.select_one("#phone-button .badge").get_text() == "1"
    assert frame.select_one(".phone-toast")
    page = learner.soup(learner.htmx_get(f"/sites/telephone/sms/{sms_id}"))
    assert "123456" in page.select_one(".sms-bubble").get_text()
    assert not learner.soup(learner.get("/sites/banque/connexion")).select_one(
        "#phone-button .badge")
    after = learner.soup(learner.htmx_post(f"/sites/telephone/sms/{sms_id}/supprimer"))
    assert "BQCITOYENNE" not in after.get_text()
    names = [e.name for e in events if e.name.startswith("telephone.sms")]
    assert names == ["telephone.sms.read", "telephone.sms.deleted"]


def test_an_unknown_message_is_a_404(learner):
    learner.start("banque")
    assert learner.htmx_get("/sites/telephone/sms/999").status_code == 404


def test_a_link_to_the_look_alike_site_opens_it_in_the_simulated_browser(learner):
    learner.start("banque")
    link = "https://bq-citoyenne-securite.com/verification"
    sms_id = deliver(learner, sender="BQ-CITOYENN", body=f"Confirmez sur {link} vite",
                     kind="scam", link=link)
    bubble = learner.soup(learner.htmx_get(f"/sites/telephone/sms/{sms_id}")).select_one(
        ".sms-bubble")
    anchor = bubble.select_one("a")
    assert anchor["href"] == "/sites/arnaque/verification" and anchor.get_text() == link
    page = learner.soup(learner.get(anchor["href"]))
    assert page.select_one(".address-bar__host").get_text() == "bq-citoyenne-securite.com"
    assert "SIMULATION" in page.select_one(".replica-watermark").get_text()


def test_a_link_to_an_address_no_replica_answers_stays_text(learner):
    learner.start("banque")
    sms_id = deliver(learner, sender="X", body="Voir https://exemple.org/x", kind="scam",
                     link="https://exemple.org/x")
    bubble = learner.soup(learner.htmx_get(f"/sites/telephone/sms/{sms_id}")).select_one(
        ".sms-bubble")
    assert bubble.select_one("a") is None and "https://exemple.org/x" in bubble.get_text()


def test_the_look_alike_form_never_sends_what_is_typed(learner, events):
    learner.start("banque")
    page = learner.soup(learner.get("/sites/arnaque/verification"))
    form = page.select_one("form[data-scam-form]")
    named = {i["name"] for i in form.select("input[name]")}
    assert named == {"csrf_token", "filled"}
    response = learner.post("/sites/arnaque/", {"filled": "1", "fake-code": "482916"})
    assert "Merci, votre identité est confirmée." in response.get_data(as_text=True)
    assert events[-1].name == "arnaque.form.submitted" and events[-1].data == {"filled": True}
