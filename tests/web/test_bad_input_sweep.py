"""Every form of the kiosk, the bank and the console, sent nonsense: never a 500.

The pages are crawled (links and forms, as a learner or an adviser reaches them), then each form
is posted with every field set to each value of JUNK, and each search form sent it in its
query. With TESTING on, an unhandled exception would raise here rather than become a 500; the
answer must be a page or a redirect, and nothing typed may come back unescaped.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.support.console import ConsoleClient, create_adviser

JUNK = [
    "", " ", "abc", "-5", "0,50", "1e309", "NaN", "9" * 40, "١٢٣", "12,345,67",
    '<script>alert("x")</script>', "\x00", "é" * 3000, "../../etc/passwd", "%s%n", "null",
]
# Links that end what is being crawled (they are exercised by their own tests).
LEAVING = ("/deconnexion", "/seance/terminer", "/agent/deconnexion")


def crawl(client, starts: list[str], prefix: str) -> tuple[set[str], dict[str, set[str]],
                                                          dict[str, set[str]]]:
    """Pages under ``prefix`` reachable from ``starts`` by GET, and the field names of their
    POST forms and GET (search) forms, by action."""
    seen, queue = set(), list(starts)
    posts: dict[str, set[str]] = {}
    searches: dict[str, set[str]] = {}
    while queue:
        path = queue.pop()
        if path in seen or not path.startswith(prefix) or path.endswith(LEAVING):
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code < 500, path
        if response.mimetype != "text/html":
            continue
        soup = client.soup(response)
        for link in soup.select("a[href], [hx-get]"):  # links, and the fragments htmx loads
            parts = urlsplit(link.get("href") or link["hx-get"])
            if not parts.netloc and parts.path.startswith("/"):
                queue.append(parts.path)
        for form in soup.select("form"):
            action = urlsplit(form.get("action") or path).path
            names = {f["name"] for f in form.select("[name]") if f["name"] != "csrf_token"}
            target = posts if (form.get("method") or "get").lower() == "post" else searches
            target.setdefault(action, set()).update(names)
    return seen, posts, searches


def assert_handled(response, label: str) -> None:
    assert response.status_code < 500, label
    if response.mimetype == "text/html":
        html = response.get_data(as_text=True)
        assert "<script>alert" not in html, f"{label}: typed HTML came back unescaped"


def sweep(client, posts, searches) -> int:
    """Send JUNK to every search form and every POST form (as a page, and as htmx would), in
    one world: what a post changes stays, as it would for a learner tapping on."""
    sent = 0
    for action, names in sorted(searches.items()):
        for value in JUNK:
            query = {name: value for name in names} or {"q": value}
            assert_handled(client.get(action, query_string=query), f"GET {action} {value[:12]!r}")
            sent += 1
    # Starting a session makes a new world (its links change): last.
    for action, names in sorted(posts.items(), key=lambda item: item[0] == "/seance/commencer"):
        if action.endswith(LEAVING):
            continue
        for value in JUNK + [None]:
            data = {name: value for name in names} if value is not None else {}
            label = f"POST {action} {str(value)[:12]!r}"
            assert_handled(client.post(action, data), label)
            assert_handled(client.post(action, data, csrf=False, headers={
                "HX-Request": "true", "X-CSRFToken": client.csrf()}), f"htmx {label}")
            sent += 2
    return sent


BANK_STARTS = ["/", "/code", "/fiche", "/sites/banque/synthese", "/sites/banque/virements",
               "/sites/banque/beneficiaires/ajout", "/sites/banque/cartes", "/sites/banque/rib",
               "/sites/banque/e-releves", "/telephone/", "/exercices/banque-connexion"]


def test_the_kiosk_and_the_bank_answer_nonsense_without_failing(banker):
    pages, posts, searches = crawl(banker, BANK_STARTS, "/")
    assert len(pages) > 25
    assert {"/sites/banque/virements", "/langue", "/code"} <= set(posts)
    assert any(action.endswith("/verrouillage") for action in posts)
    assert sweep(banker, posts, searches) > 400


def test_the_bank_login_answers_nonsense_without_failing(learner):
    learner.start("banque")
    pages, posts, searches = crawl(learner, ["/sites/banque/connexion"], "/sites/banque/")
    assert "/sites/banque/connexion" in posts
    assert sweep(learner, posts, searches) > 30


def test_the_console_answers_nonsense_without_failing(app, banker):
    banker.get("/borne/borne-1")  # a kiosk in use: the board offers its message, time, end
    banker.get("/borne/battement?page=/sites/banque/synthese&seance=1&borne=")
    banker.htmx_post("/coach/aide")
    create_adviser(app)
    adviser = ConsoleClient(app)
    adviser.log_in()
    adviser.post("/agent/apprenants/lot", {"nombre": "2", "parcours": ""})
    pages, posts, searches = crawl(adviser, ["/agent/"], "/agent/")
    assert len(pages) > 6 and posts
    assert sweep(adviser, posts, searches) > 50


def test_the_console_login_answers_nonsense_without_failing(app):
    create_adviser(app)
    stranger = ConsoleClient(app)
    pages, posts, searches = crawl(stranger, ["/agent/", "/agent/connexion"], "/agent/")
    assert "/agent/connexion" in posts
    assert sweep(stranger, posts, searches) > 30


def sweep_page(client, path: str) -> int:
    """The forms of one page reached by a real flow (its forms only, nothing it links to)."""
    pages, posts, searches = crawl(client, [path], path)
    assert posts, f"{path} has no form"
    return sweep(client, posts, searches)


def test_the_steps_of_a_transfer_answer_nonsense_without_failing(banker, events):
    from tests.web.test_banque_transfers import VIREMENTS, reference_of, start_rent, submit

    reference = reference_of(submit(banker))  # Livret A → compte courant, 50 €
    assert sweep_page(banker, f"{VIREMENTS}/{reference}/confirmation") > 30
    rent = start_rent(banker, events)  # towards a beneficiary: the SMS code page
    assert sweep_page(banker, f"{VIREMENTS}/{rent}/code") > 30


def test_the_steps_of_adding_a_beneficiary_answer_nonsense_without_failing(banker):
    from tests.web.test_banque_beneficiaries import details, review_path

    banker.get("/sites/banque/beneficiaires/ajout")
    review = review_path(details(banker))
    assert sweep_page(banker, review) > 30
    banker.get("/sites/banque/beneficiaires/ajout")
    review = review_path(details(banker))
    code_page = banker.post(review).headers["Location"]
    assert sweep_page(banker, code_page) > 30


def test_the_mediatheque_its_cookie_banner_and_the_diagnostic_answer_nonsense(learner):
    learner.post("/exercices/gestes-fenetres/commencer", {"mode": "guide"})  # the banner shown
    pages, posts, searches = crawl(learner, ["/sites/gestes/", "/sites/gestes/horaires"],
                                   "/sites/gestes/")
    assert len(pages) > 10
    assert {"/sites/gestes/lettre", "/sites/gestes/agenda/atelier-numerique/inscription",
            "/sites/gestes/apprendre/adresse"} <= set(posts)
    _, banner, _ = crawl(learner, ["/sites/gestes/"], "/sites/gestes/")
    posts.update({action: names for action, names in banner.items()
                  if action.startswith("/sites/cookies/")})
    assert "/sites/cookies/choix" in posts
    for action, names in (("/sites/gestes/choix?nom=creneau", {"creneau"}),
                          ("/sites/gestes/choix?nom=reglement", {"reglement"}),
                          ("/sites/gestes/defilement?page=agenda", {"page"})):
        posts[action] = names
    assert sweep(learner, posts, searches) > 200
    learner.post("/commencer")
    pages, posts, searches = crawl(learner, ["/commencer", "/sites/gestes/"], "/")
    assert {"/commencer/passer", "/commencer/suivant", "/commencer/arreter"} <= set(posts)
    assert sweep(learner, {a: n for a, n in posts.items() if a.startswith("/commencer")},
                 {}) > 50


# --- France Travail (simulation) -------------------------------------------------------------

FT_STARTS = ["/sites/francetravail/accueil", "/sites/francetravail/actualisation",
             "/sites/francetravail/paiements", "/sites/francetravail/courriers",
             "/sites/francetravail/documents/envoi", "/sites/francetravail/messagerie/nouveau",
             "/sites/francetravail/offres?motsCles=preparateur&lieux=Aubervilliers",
             "/sites/francetravail/offres/201KPLM/postuler", "/sites/francetravail/inscription"]


def test_france_travail_answers_nonsense_without_failing(app):
    from tests.support.francetravail import job_seeker

    seeker = job_seeker(app)  # 2 December: the actualisation is open
    pages, posts, searches = crawl(seeker, FT_STARTS, "/sites/francetravail/")
    assert len(pages) > 15
    assert {"/sites/francetravail/actualisation", "/sites/francetravail/documents/envoi",
            "/sites/francetravail/messagerie/nouveau",
            "/sites/francetravail/offres/201KPLM/postuler"} <= set(posts)
    assert "/sites/francetravail/offres" in searches and "/sites/francetravail/courriers" in \
        searches
    assert sweep(seeker, posts, searches) > 300


def test_france_travail_login_and_recovery_answer_nonsense_without_failing(app):
    from tests.support.francetravail import job_seeker

    visitor = job_seeker(app, signed_in=False)
    pages, posts, searches = crawl(visitor, ["/sites/francetravail/connexion",
                                             "/sites/francetravail/identifiant-oublie",
                                             "/sites/francetravail/mot-de-passe-oublie"],
                                   "/sites/francetravail/")
    assert {"/sites/francetravail/connexion", "/sites/francetravail/identifiant-oublie",
            "/sites/francetravail/mot-de-passe-oublie"} <= set(posts)
    assert sweep(visitor, posts, searches) > 80
    # The pages behind a step: the password, the postal code, the new password.
    visitor.post("/sites/francetravail/connexion", {"identifiant": "4827153K"})
    assert sweep_page(visitor, "/sites/francetravail/connexion/mot-de-passe") > 30
    visitor.post("/sites/francetravail/mot-de-passe-oublie", {"identifiant": "4827153K"})
    assert sweep_page(visitor, "/sites/francetravail/mot-de-passe-oublie/nouveau") > 30


def test_the_pages_of_the_actualisation_and_the_registration_answer_nonsense(app):
    from tests.support.francetravail import job_seeker

    seeker = job_seeker(app)
    seeker.post("/sites/francetravail/actualisation", {"formation": "NON"})
    assert sweep_page(seeker, "/sites/francetravail/actualisation/situation") > 30
    newcomer = job_seeker(app, options={"francetravail.inscription": "etape-5"})
    for step in (1, 5):
        assert sweep_page(newcomer, f"/sites/francetravail/inscription/etape/{step}") > 30
    for value in JUNK:  # what htmx posts as the learner types (the draft)
        assert_handled(newcomer.htmx_post("/sites/francetravail/inscription/etape/1/brouillon",
                                          {"nir": value, "telephone": value}), "draft")
    # With the form's own revision, nonsense reaches every field's checks (not only the
    # stale-form guard), and is refused without a step being saved.
    from simulator.sites.francetravail.rules.registration import STEPS

    for step in (1, 2, 3, 4, 5):
        path = f"/sites/francetravail/inscription/etape/{step}"
        revision = newcomer.soup(newcomer.get(path)).select_one("[name=revision]")["value"]
        names = [f.name for f in STEPS[step]] + [f"ibans{n}" for n in range(1, 8)]
        for value in JUNK:
            response = newcomer.post(path, {**{n: value for n in names}, "revision": revision})
            assert_handled(response, f"{path} {value[:12]!r}")
            # 413: more than the kiosk's request limit (MAX_CONTENT_LENGTH), refused as a whole.
            assert response.status_code in (200, 413), (path, value[:12])
    from simulator.sites.francetravail.store import registration
    from tests.support.francetravail import in_world

    assert in_world(newcomer, registration.current)["step_reached"] == 5


# --- the tax space, FranceConnect, the mailbox ----------------------------------------------

TAX_STARTS = ["/sites/impots/accueil", "/sites/impots/declaration",
              "/sites/impots/declaration/etat-civil", "/sites/impots/declaration/situation",
              "/sites/impots/declaration/revenus", "/sites/impots/declaration/charges",
              "/sites/impots/declaration/montants", "/sites/impots/declaration/recapitulatif",
              "/sites/impots/documents", "/sites/impots/prelevement",
              "/sites/impots/profil?modifier=adresse", "/sites/impots/profil?modifier=mot-de-passe",
              "/sites/messagerie/", "/sites/messagerie/?dossier=indesirables",
              "/sites/franceconnect/"]


def test_the_tax_space_and_the_mailbox_answer_nonsense_without_failing(learner):
    from tests.support.impots import declare, ready_space

    ready_space(learner)
    declare(learner)
    pages, posts, searches = crawl(learner, TAX_STARTS, "/sites/")
    assert {"/sites/impots/declaration/revenus", "/sites/impots/prelevement/changement",
            "/sites/impots/profil/mot-de-passe",
            "/sites/impots/declaration/signature"} <= set(posts)
    assert any("/sites/messagerie/courriel/" in action for action in posts)
    assert sweep(learner, posts, searches) > 400


def test_creating_the_space_and_logging_in_answer_nonsense_without_failing(learner):
    from tests.support.impots import ACCESS, FISCAL, RFR, create_space, link_of

    learner.start("impots")
    pages, posts, searches = crawl(learner, ["/sites/impots/connexion", "/sites/impots/creation",
                                             "/sites/impots/mot-de-passe-oublie"],
                                   "/sites/impots/")
    assert {"/sites/impots/connexion", "/sites/impots/creation",
            "/sites/impots/mot-de-passe-oublie"} <= set(posts)
    assert sweep(learner, posts, searches) > 90
    learner.post("/sites/impots/connexion", {"spi": FISCAL})
    learner.post("/sites/impots/creation", {"acces": ACCESS, "rfr": RFR})
    assert sweep_page(learner, "/sites/impots/creation/compte") > 30
    create_space(learner)
    assert sweep_page(learner, "/sites/impots/creation/courriel-envoye") > 30
    learner.get(link_of(learner, "impots.activation"))
    learner.post("/sites/impots/connexion", {"spi": FISCAL})
    assert sweep(learner, {"/sites/impots/connexion/mot-de-passe": {"spi", "pwd"},
                           "/sites/impots/connexion/code": {"code"}}, {}) > 60
    assert learner.get("/sites/impots/activation/" + "é" * 3000).status_code < 500


def test_franceconnect_answers_nonsense_without_failing(learner):
    from tests.support.impots import create_space
    from tests.web.test_franceconnect import choice_page

    learner.start("impots")
    create_space(learner)
    page, state = choice_page(learner)
    assert sweep_page(learner, page.request.full_path) > 30
    learner.post("/sites/franceconnect/api/v1/authorize", {"state": state, "provider": "ameli"})
    assert sweep_page(learner, f"/sites/franceconnect/fournisseur/ameli?interaction={state}") > 30
    assert sweep_page(learner, "/sites/franceconnect/deconnexion?client_id=impots") > 30
    for path in ("/sites/franceconnect/confirmation?state=" + "x" * 5000,
                 "/sites/franceconnect/erreur?raison=%00", "/sites/franceconnect/deconnexion",
                 "/sites/franceconnect/fournisseur/inconnu?interaction=x",
                 "/sites/impots/fc/connexion?interaction=x",
                 "/sites/impots/franceconnect/retour?code=%00&state=" + "é" * 200):
        assert learner.get(path).status_code < 500, path


# --- the CAF ------------------------------------------------------------------------------------

CAF_STARTS = ["/sites/caf/mon-compte", "/sites/caf/declaration-trimestrielle",
              "/sites/caf/declaration-trimestrielle/salaires",
              "/sites/caf/declaration-trimestrielle/autres-ressources",
              "/sites/caf/declaration-trimestrielle/montants",
              "/sites/caf/declaration-trimestrielle/recapitulatif", "/sites/caf/mes-paiements",
              "/sites/caf/mes-attestations?demande=1&type=paiement&periode=3",
              "/sites/caf/changement-de-situation/adresse",
              "/sites/caf/changement-de-situation/emploi", "/sites/caf/simulation/prime-activite"]


def test_the_caf_answers_nonsense_without_failing(app):
    from tests.support.caf import allocataire, declare

    learner = allocataire(app, signed_in=True)
    declare(learner, pension=["150", "150", "150"])
    pages, posts, searches = crawl(learner, CAF_STARTS, "/sites/caf/")
    assert {"/sites/caf/declaration-trimestrielle/salaires",
            "/sites/caf/declaration-trimestrielle/montants",
            "/sites/caf/declaration-trimestrielle/envoyer",
            "/sites/caf/changement-de-situation/adresse",
            "/sites/caf/simulation/prime-activite"} <= set(posts)
    assert "/sites/caf/mes-attestations" in searches
    assert sweep(learner, posts, searches) > 300
    for path in ("/sites/caf/mes-attestations/%00.pdf", "/sites/caf/mes-attestations?periode=é",
                 "/sites/caf/declaration-trimestrielle/justificatif.pdf?trimestre=" + "é" * 300,
                 "/sites/caf/changement-de-situation/" + "x" * 500 + "/enregistre",
                 "/sites/caf/mot-de-passe/" + "é" * 3000):
        assert learner.get(path).status_code < 500, path


def test_the_caf_login_and_its_code_answer_nonsense_without_failing(app):
    from tests.support.caf import NIR, PASSWORD, allocataire

    learner = allocataire(app)
    pages, posts, searches = crawl(learner, ["/sites/caf/connexion",
                                             "/sites/caf/mot-de-passe-oublie"], "/sites/caf/")
    assert {"/sites/caf/connexion", "/sites/caf/mot-de-passe-oublie"} <= set(posts)
    assert sweep(learner, posts, searches) > 60
    learner.post("/sites/caf/connexion", {"nir": NIR, "password": PASSWORD})
    assert sweep_page(learner, "/sites/caf/connexion/verification") > 30
    learner = allocataire(app)
    learner.post("/sites/caf/connexion", {"nir": NIR, "password": PASSWORD})
    learner.post("/sites/caf/connexion/verification/envoi", {"canal": "sms"})
    assert sweep_page(learner, "/sites/caf/connexion/verification") > 30


# --- the ameli account ------------------------------------------------------------------------

AMELI_STARTS = ["/sites/ameli/accueil", "/sites/ameli/paiements", "/sites/ameli/demarches",
                "/sites/ameli/demarches/attestation", "/sites/ameli/demarches/carte-vitale",
                "/sites/ameli/demarches/coordonnees-bancaires", "/sites/ameli/messagerie",
                "/sites/ameli/messagerie/nouveau"]


def test_the_ameli_account_answers_nonsense_without_failing(learner):
    from tests.support.ameli import log_in

    log_in(learner)
    learner.post("/sites/ameli/messagerie/nouveau", {"objet": "autre", "message": "Bonjour"})
    pages, posts, searches = crawl(learner, AMELI_STARTS, "/sites/ameli/")
    assert any("/sites/ameli/paiements/" in page and not page.endswith(".pdf")
               for page in pages if page != "/sites/ameli/paiements/")
    assert {"/sites/ameli/demarches/carte-vitale", "/sites/ameli/messagerie/nouveau",
            "/sites/ameli/demarches/coordonnees-bancaires"} <= set(posts)
    assert sweep(learner, posts, searches) > 100
    learner.post("/sites/ameli/demarches/carte-vitale", {"motif": "perte"})
    assert sweep_page(learner, "/sites/ameli/demarches/carte-vitale/confirmation") > 30
    for path in ("/sites/ameli/paiements/" + "é" * 300, "/sites/ameli/messagerie/%00",
                 "/sites/ameli/paiements/releve/99999999999999999999.pdf",
                 "/sites/ameli/demarches/attestation/attestation_droits.pdf?pour=" + "é" * 300):
        assert learner.get(path).status_code < 500


def test_the_ameli_login_and_its_code_answer_nonsense_without_failing(app, learner):
    from tests.support.ameli import identify
    from tests.support.kiosk_client import KioskClient

    learner.start("ameli")
    pages, posts, searches = crawl(learner, ["/sites/ameli/connexion"], "/sites/ameli/")
    assert "/sites/ameli/connexion" in posts
    assert sweep(learner, posts, searches) > 30
    other = KioskClient(app.test_client(), app)  # the sweep locked that account: another world
    other.start("ameli")
    identify(other)
    assert sweep_page(other, "/sites/ameli/connexion/code") > 30
    assert other.get("/sites/ameli/franceconnect/retour?code=%00&state="
                        + "é" * 200).status_code < 500
