"""The rest of the job seeker's space: « Mes paiements » and their avis de paiement, « Mes
courriers » with unread marks and filters, « Envoyer un document » with the real constraints,
the messages with the adviser (the reply arrives later), and « Offres d'emploi » with
« Postuler »."""

from __future__ import annotations

import pytest

from simulator.sites.francetravail import store
from simulator.sites.papiers.store import paper_by_slug
from tests.support.francetravail import FT, in_world, job_seeker, last_sms, text_of


@pytest.fixture()
def seeker(app):
    return job_seeker(app)


def paper(seeker, slug: str) -> str:
    return in_world(seeker, lambda db: paper_by_slug(db, slug)).token


def test_payments_list_the_months_and_open_their_avis(seeker, events):
    page = seeker.get(f"{FT}/paiements")
    rows = seeker.soup(page).select(".ft-table tbody tr")
    assert [r.select_one("th").get_text() for r in rows] == ["Octobre 2026", "Septembre 2026"]
    assert "30" in rows[0].get_text() and "1\xa0121,90" in rows[0].get_text()
    avis = seeker.get(rows[0].select_one("a")["href"])
    text = text_of(seeker, avis)
    assert "Avis de paiement – octobre 2026" in text and "Montant net versé" in text
    opened = events[-1]
    assert (opened.name, opened.data["kind"], opened.data["latest"],
            opened.data["months_ago"]) == ("francetravail.courrier.opened", "avis_paiement",
                                           True, 1)
    pdf = seeker.get(seeker.soup(avis).select_one("a[download]")["href"])
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")


def test_courriers_show_unread_marks_and_filter_them(seeker, events):
    page = seeker.soup(seeker.get(f"{FT}/courriers"))
    unread = page.select("tr.courrierNonLu")
    assert [r.select_one("a").get_text() for r in unread] == ["Avis de paiement – octobre 2026"]
    assert len(page.select("tbody tr")) == 4
    only_unread = seeker.soup(seeker.get(f"{FT}/courriers?filtre=nonlus"))
    assert len(only_unread.select("tbody tr")) == 1
    assert events[-1].data["unread_only"] is True
    since = seeker.soup(seeker.get(f"{FT}/courriers?depuis=01/10/2026"))
    assert len(since.select("tbody tr")) == 2
    wrong = seeker.soup(seeker.get(f"{FT}/courriers?depuis=hier"))
    assert "jj/mm/aaaa" in wrong.select_one("#depuis-error").get_text()
    seeker.get(unread[0].select_one("a")["href"])
    assert not seeker.soup(seeker.get(f"{FT}/courriers")).select("tr.courrierNonLu")


@pytest.mark.parametrize("form, reason, message", [
    ({}, "type_missing", "Veuillez choisir le type de document"),
    ({"type": "attestation_employeur"}, "period_missing", "choisir la période de travail"),
    ({"type": "attestation_employeur", "periode": "nimporte"}, "unknown_period", "dans la liste"),
    ({"type": "attestation_employeur", "periode": 1}, "file_missing", "sélectionner un fichier"),
    ({"type": "attestation_employeur", "periode": 1, "document": "attestation-employeur-photo"},
     "too_large", "dépasse la taille maximale autorisée (5 000 Ko)"),
    ({"type": "autre", "document": "lettre-motivation"}, "format", "PDF, JPG, PNG"),
    ({"type": "attestation_employeur", "periode": 0, "document": "attestation-employeur-cdd"},
     "period_taken", "plusieurs documents pour une même période de travail"),
])
def test_a_document_is_refused_in_the_site_words(seeker, events, form, reason, message):
    periods = in_world(seeker, store.documents.work_periods)
    data = dict(form)
    if isinstance(data.get("periode"), int):
        data["periode"] = periods[data["periode"]]["token"]
    if "document" in data:
        data["document"] = paper(seeker, data["document"])
    page = seeker.post(f"{FT}/documents/envoi", data)
    assert message in text_of(seeker, page)
    assert events[-1].data["reason"] == reason


def test_the_employer_attestation_is_sent_once_and_listed_as_being_processed(seeker, events):
    interim = in_world(seeker, store.documents.work_periods)[1]
    form = {"type": "attestation_employeur", "periode": interim["token"],
            "document": paper(seeker, "attestation-employeur-scan")}
    assert seeker.post(f"{FT}/documents/envoi", form).headers["Location"].endswith("envoye=1")
    sent = events[-1]
    assert sent.data == {"document_type": "attestation_employeur",
                         "paper_kind": "attestation_employeur", "format": "PDF",
                         "period_matches": True, "employer": "INTERIM PLUS AUBERVILLIERS"}
    listing = seeker.get(f"{FT}/documents?envoye=1")
    assert "Votre document a bien été envoyé" in text_of(seeker, listing)
    assert "En cours de traitement" in text_of(seeker, listing)
    twice = seeker.post(f"{FT}/documents/envoi", form)
    assert "Ce document a déjà été envoyé le 02/12/2026" in text_of(seeker, twice)
    assert events[-1].data["reason"] == "same_file"


def test_the_adviser_replies_later_in_the_session(app):
    app.config["FRANCETRAVAIL_REPLY_SECONDS"] = 3600
    seeker = job_seeker(app)
    for form, message in [({"objet": "", "message": "Bonjour"}, "l'objet de votre message"),
                          ({"objet": "paiement", "message": "  "}, "saisir votre message"),
                          ({"objet": "paiement", "message": "x" * 1001}, "1000 caractères")]:
        assert message in text_of(seeker, seeker.post(f"{FT}/messagerie/nouveau", form))
    sent = seeker.post(f"{FT}/messagerie/nouveau",
                       {"objet": "paiement", "message": "Quand serai-je payé ?"})
    assert sent.headers["Location"].endswith("envoye=1")
    listing = text_of(seeker, seeker.get(f"{FT}/messagerie?envoye=1"))
    assert "vous répondra dans un délai de 48 heures" in listing
    assert "Nouveau message" not in listing
    assert "1 nouveau message" not in text_of(seeker, seeker.get(f"{FT}/accueil"))
    # An hour passes (the reply's time is moved back): the next page brings the reply, with
    # its SMS and an unread mark.
    in_world(seeker, lambda db: db.execute(
        "UPDATE ft_messages SET visible_at = visible_at - 3601 WHERE arrived = 0"))
    dashboard = text_of(seeker, seeker.get(f"{FT}/accueil"))
    assert "1 nouveau message" in dashboard
    assert "nouveau message de votre conseiller" in last_sms(seeker)
    conversation = seeker.soup(seeker.get(f"{FT}/messagerie")).select_one(".ft-unread a")
    thread = text_of(seeker, seeker.get(conversation["href"]))
    assert "Bonjour Monsieur Haddad" in thread and "Mes paiements" in thread


def test_a_world_option_makes_the_reply_immediate(app, events):
    seeker = job_seeker(app, options={"francetravail.reply_seconds": "0"})
    seeker.post(f"{FT}/messagerie/nouveau", {"objet": "autre", "message": "Bonjour"})
    page = seeker.soup(seeker.get(f"{FT}/messagerie"))
    assert "francetravail.message.reply_arrived" in [e.name for e in events]
    seeker.get(page.select_one(".ft-unread a")["href"])
    assert events[-1].name == "francetravail.message.reply_read"


def test_offers_are_found_near_home_and_an_application_is_sent_with_the_cv(seeker, events):
    page = seeker.get(f"{FT}/offres?motsCles=préparateur+de+commandes&lieux=Aubervilliers"
                      "&rayon=10")
    cards = seeker.soup(page).select("li.ft-offer")
    places = [c.select_one(".subtext").get_text() for c in cards]
    assert len(cards) == 4 and all("Rungis" not in p and "Roissy" not in p for p in places)
    assert events[-1].data["results"] == 4 and events[-1].data["radius_km"] == 10
    wide = seeker.soup(seeker.get(f"{FT}/offres?motsCles=preparateur&lieux=93&rayon=10"))
    assert {c.select_one(".subtext").get_text().split("(")[-1] for c in
            wide.select("li.ft-offer")} == {"93)"}
    interim = seeker.soup(seeker.get(f"{FT}/offres?motsCles=preparateur&lieux=Aubervilliers"
                                     "&rayon=10&typeContrat=Mission+d'intérim"))
    assert all("Mission d'intérim" in c.get_text() for c in interim.select("li.ft-offer"))
    unknown = text_of(seeker, seeker.get(f"{FT}/offres?motsCles=&lieux=Atlantis"))
    assert "Lieu inconnu" in unknown
    detail = text_of(seeker, seeker.get(f"{FT}/offres/201KPLM"))
    assert "Profil souhaité" in detail and "Horaire de 12,10 € brut" in detail
    assert events[-1].data["distance_km"] == 0
    assert "Veuillez sélectionner votre CV" in text_of(seeker, seeker.post(
        f"{FT}/offres/201KPLM/postuler", {}))
    photo = seeker.post(f"{FT}/offres/201KPLM/postuler",
                        {"cv": paper(seeker, "carte-identite")})
    assert "PDF, DOC, DOCX, ODT" in text_of(seeker, photo)
    seeker.post(f"{FT}/offres/201KPLM/postuler", {"cv": paper(seeker, "cv"),
                                                  "message": "Disponible tout de suite."})
    review = text_of(seeker, seeker.get(f"{FT}/offres/201KPLM/postuler/verification"))
    assert "CV_Samir_Haddad.pdf" in review and "Disponible tout de suite." in review
    done = seeker.post(f"{FT}/offres/201KPLM/postuler/verification")
    assert done.headers["Location"].endswith("/envoyee")
    assert events[-1].data["paper_kind"] == "cv" and events[-1].data["distance_km"] == 0
    assert "Votre candidature a bien été envoyée" in text_of(seeker, seeker.get(
        done.headers["Location"]))
    again = seeker.post(f"{FT}/offres/201KPLM/postuler", {"cv": paper(seeker, "cv")})
    assert "Vous avez déjà postulé à cette offre le 02/12/2026" in text_of(seeker, again)
