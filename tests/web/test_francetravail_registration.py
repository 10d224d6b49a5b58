"""« S'inscrire, se réinscrire »: the 8-step train with its step bar, checks per field in the
site's words, a draft kept and resumable (left and resumed: everything typed is there), forged
or replayed steps turned away kindly, the RIB in the shared IBAN boxes, the appointment, the
confirmation and the « Attestation d'inscription »."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from simulator.iban import split_iban_boxes
from simulator.identifiers import REAL_NUMBER_MESSAGE, nir_key
from simulator.sites.francetravail import store
from simulator.sites.francetravail.rules.registration import STEP_TITLES
from tests.support.francetravail import FT, NIR, in_world, job_seeker, last_sms, text_of

REG = f"{FT}/inscription"
IBAN = "FR7699504003100084123755135"
ANSWERS = {
    1: {"nir": NIR, "naissance": "18/06/1991", "adresse": "27 rue Henri Barbusse",
        "code_postal": "93300", "commune": "AUBERVILLIERS", "telephone": "06 39 98 52 14",
        "email": "samir.haddad@courriel-exemple.fr"},
    2: {"motif": "fin_cdd", "fin_contrat": "31/07/2026", "disponible": "OUI",
        "allocation": "OUI"},
    3: {"metier": "Préparateur de commandes", "employeur": "ENTREPOTS DU CANAL",
        "experience_du": "01/11/2025", "experience_au": "31/07/2026"},
    4: {"formation": "cap", "langues": ["francais", "arabe"], "permis": ["permis_b"]},
    5: {"metier_recherche": "Préparateur de commandes", "contrats": ["cdi", "interim"],
        "temps": "plein"},
    6: {"commune_recherche": "Aubervilliers", "distance": "10", "transports": ["commun"]},
    7: {"titulaire": "M SAMIR HADDAD", "certifie": "1",
        **{f"ibans{n}": box for n, box in enumerate(split_iban_boxes(IBAN), 1)}},
}


@pytest.fixture()
def newcomer(app):
    return job_seeker(app, options={"francetravail.inscription": "a-faire"})


def revision(learner, step: int) -> str:
    return learner.soup(learner.get(f"{REG}/etape/{step}")).select_one("[name=revision]")["value"]


def submit(learner, step: int, answers: dict, **extra):
    data = MultiDict()
    for name, value in {**answers, **extra}.items():
        for item in value if isinstance(value, list) else [value]:
            data.add(name, item)
    data.add("revision", revision(learner, step))
    data.add("csrf_token", learner.csrf())
    return learner.client.post(f"{REG}/etape/{step}", data=data)


def test_the_eight_steps_lead_to_the_registration_and_its_attestation(newcomer, events):
    start = text_of(newcomer, newcomer.get(REG))
    assert "L'inscription se fait en 8 étapes" in start
    assert newcomer.post(f"{REG}/commencer").headers["Location"].endswith("/etape/1")
    first = newcomer.soup(newcomer.get(f"{REG}/etape/1"))
    steps = [" ".join(s.get_text(" ").split()) for s in first.select(".ft-train__title")]
    assert steps == list(STEP_TITLES)
    assert "Étape 1 sur 8" in first.select_one(".ft-train__where").get_text()
    assert first.select_one("[aria-current=step]").get_text(" ").split()[0] == "1"
    assert first.select_one("#adresse")["value"] == "27 rue Henri Barbusse, Appartement 14"
    for step in range(1, 8):
        response = submit(newcomer, step, ANSWERS[step])
        assert response.headers["Location"].endswith(f"/etape/{step + 1}"), (
            step, text_of(newcomer, response)[:600])
    review = text_of(newcomer, newcomer.get(f"{REG}/etape/7"))
    assert "Récapitulatif de vos réponses" in review and "ENTREPOTS DU CANAL" in review
    slot = newcomer.soup(newcomer.get(f"{REG}/etape/8")).select_one("[name=rendez_vous]")
    done = submit(newcomer, 8, {"rendez_vous": slot["value"]})
    assert done.headers["Location"].endswith("/inscription/confirmation")
    page = text_of(newcomer, newcomer.get(f"{REG}/confirmation"))
    assert "Votre inscription est enregistrée" in page
    completed = [e for e in events if e.name == "francetravail.registration.completed"][-1]
    assert completed.data["motive"] == "fin_cdd"
    assert in_world(newcomer, store.account)["registered"] == 1
    assert "votre inscription est enregistrée" in last_sms(newcomer)
    pdf = newcomer.get(f"{REG}/attestation.pdf")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    # A replayed last step, or any step, is turned away kindly.
    replay = newcomer.post(f"{REG}/etape/8", {"rendez_vous": slot["value"], "revision": "9"})
    assert replay.headers["Location"].endswith("/inscription/confirmation")
    assert events[-1].data["reason"] == "already_done"


def test_a_registration_left_and_resumed_keeps_everything_typed(newcomer, events):
    newcomer.post(f"{REG}/commencer")
    submit(newcomer, 1, ANSWERS[1])
    submit(newcomer, 2, ANSWERS[2])
    # Step 3 typed halfway, then saved by « Enregistrer et quitter » (no check at all).
    left = submit(newcomer, 3, {"metier": "Préparateur de commandes", "employeur": "ENTREP"},
                  action="quitter")
    assert left.headers["Location"].endswith("/accueil")
    dashboard = text_of(newcomer, newcomer.get(f"{FT}/accueil"))
    assert "Reprendre mon inscription" in dashboard
    newcomer.get(f"{FT}/paiements")
    start = newcomer.soup(newcomer.get(REG))
    assert "vous reprenez à l'étape 3" in start.get_text(" ")
    resumed = newcomer.get(start.select_one("a.ft-button--primary")["href"])
    assert events[-1].name == "francetravail.registration.resumed"
    soup = newcomer.soup(resumed)
    assert soup.select_one("#metier")["value"] == "Préparateur de commandes"
    assert soup.select_one("#employeur")["value"] == "ENTREP"
    earlier = newcomer.soup(newcomer.get(f"{REG}/etape/2"))
    assert earlier.select_one("#fin_contrat")["value"] == "31/07/2026"
    assert earlier.select_one("[name=motif] option[selected]")["value"] == "fin_cdd"


def test_what_is_typed_is_kept_as_it_is_typed(newcomer):
    newcomer.post(f"{REG}/commencer")
    form = newcomer.soup(newcomer.get(f"{REG}/etape/1")).select_one("#replica [hx-post]")
    assert form["hx-post"].endswith("/etape/1/brouillon") and form["hx-trigger"] == "change"
    assert newcomer.htmx_post(f"{REG}/etape/1/brouillon",
                              {"telephone": "06 39 98", "nir": "1 91 06 93"}).status_code == 204
    page = newcomer.soup(newcomer.get(f"{REG}/etape/1"))
    assert page.select_one("#telephone")["value"] == "06 39 98"
    assert page.select_one("#nir")["value"] == "1 91 06 93"  # the beginning of the persona's


def test_a_real_looking_nir_is_refused_and_never_kept(newcomer):
    newcomer.post(f"{REG}/commencer")
    someone = "2850575123456"
    real = someone + nir_key(someone)
    page = submit(newcomer, 1, {**ANSWERS[1], "nir": real})
    assert REAL_NUMBER_MESSAGE in text_of(newcomer, page)
    assert real not in page.get_data(as_text=True)
    newcomer.htmx_post(f"{REG}/etape/1/brouillon", {"nir": real})
    draft = in_world(newcomer, store.registration.current)
    assert real not in str(draft)


@pytest.mark.parametrize("step, changes, field, message", [
    (1, {"nir": "1 91 06 93 008 245 61"}, "nir", "La clé du numéro de sécurité sociale"),
    (1, {"nir": "1 91 06"}, "nir", "15 chiffres"),
    (1, {"telephone": "06 39"}, "telephone", "10 chiffres"),
    (1, {"code_postal": "933"}, "code_postal", "5 chiffres"),
    (1, {"naissance": "18/06/2015"}, "naissance", "au moins 16 ans"),
    (1, {"email": "samir@"}, "email", "adresse e-mail valide"),
    (2, {"fin_contrat": "31/12/2026"}, "fin_contrat", "postérieure à la date du jour"),
    (2, {"fin_contrat": "31-07-2026"}, "fin_contrat", "jj/mm/aaaa"),
    (2, {"motif": "vacances"}, "motif", "dans la liste"),
    (2, {"disponible": ""}, "disponible", "Veuillez répondre"),
    (3, {"experience_au": "01/10/2025"}, "experience_au", "La date de fin doit être"),
    (3, {"metier": "x" * 81}, "metier", "80 caractères"),
    (5, {"contrats": []}, "contrats", "au moins une réponse"),
    (7, {"ibans4": "0310"}, "iban", "L'IBAN que vous avez saisi est erroné"),
    (7, {"ibans2": "99O5"}, "iban", "la case 2 ne doit contenir que des chiffres"),
    (7, {"certifie": ""}, "certifie", "Veuillez cocher la case"),
])
def test_each_field_is_checked_in_the_site_words(newcomer, events, step, changes, field,
                                                message):
    newcomer.post(f"{REG}/commencer")
    for earlier in range(1, step):
        submit(newcomer, earlier, ANSWERS[earlier])
    page = submit(newcomer, step, {**ANSWERS[step], **changes})
    assert page.status_code == 200
    assert message in newcomer.soup(page).select_one(f"#{field}-error").get_text()
    assert events[-1].name == "francetravail.registration.rejected"
    assert in_world(newcomer, store.registration.current)["step_reached"] == step


def test_forged_and_replayed_steps_are_turned_away_kindly(newcomer, events):
    assert newcomer.post(f"{REG}/etape/1", {}).headers["Location"].endswith("avis=not_started")
    newcomer.post(f"{REG}/commencer")
    # Step 5 before step 1 is done: the current step, with a kind notice.
    forged = newcomer.post(f"{REG}/etape/5", {"revision": "1"})
    assert "Cette étape n'est pas encore accessible" in text_of(newcomer, forged)
    assert events[-1].data["reason"] == "step_not_reached"
    assert "Étape 1 sur 8" in text_of(newcomer, forged)
    assert newcomer.get(f"{REG}/etape/6").status_code == 200  # the same, for a typed address
    # The same form sent twice (a double tap): the second is stale and changes nothing.
    stale_revision = revision(newcomer, 1)
    submit(newcomer, 1, ANSWERS[1])
    again = newcomer.post(f"{REG}/etape/1", {**ANSWERS[1], "telephone": "07 00 00 00 00",
                                             "revision": stale_revision})
    assert "Cette page avait déjà été validée" in text_of(newcomer, again)
    assert events[-1].data["reason"] == "stale_form"
    assert in_world(newcomer, store.registration.current)["data"]["1"]["telephone"] == \
        "06 39 98 52 14"


def test_an_exercise_can_start_half_way(app):
    seeker = job_seeker(app, options={"francetravail.inscription": "etape-5"})
    start = text_of(seeker, seeker.get(REG))
    assert "vous reprenez à l'étape 5" in start
    fifth = seeker.soup(seeker.get(f"{REG}/etape/5"))
    assert "Étape 5 sur 8" in fifth.get_text(" ")
    draft = in_world(seeker, store.registration.current)
    assert draft["data"]["2"]["motif"] == "fin_cdd"
    assert draft["data"]["1"]["nir"] == NIR.replace(" ", "")


def test_someone_already_registered_has_nothing_to_do_here(app):
    seeker = job_seeker(app)
    assert "Vous êtes déjà inscrit(e)" in text_of(seeker, seeker.get(REG))
    assert seeker.post(f"{REG}/commencer").headers["Location"].endswith("avis=already_done")


def test_an_exercise_half_way_can_follow_another_exercise(learner):
    """The draft of « etape-5 » is written while the world is created, when the request still
    belongs to the previous exercise's world (already wiped): it must not read that one."""
    for scenario in ("francetravail-inscription-debut", "francetravail-inscription-fin"):
        learner.get(f"/exercices/{scenario}")
        assert learner.post(f"/exercices/{scenario}/commencer",
                            {"mode": "entrainement"}).status_code == 303
    draft = in_world(learner, store.registration.current)
    assert (draft["step_reached"], draft["started_at"]) == (5, "2026-11-26T09:00")
