"""The personal space of the tax administration (« espace particulier » of impots.gouv.fr): a
fictional twin marked SIMULATION, with our own look (never the State's design system).

Create the space (with the three numbers of the papers, or through FranceConnect), activate it
from the e-mail, log in in two steps, declare the income of last year (pre-filled figures to
check, boxes never pre-filled such as 7GA), sign and keep the accusé de réception, find the avis
d'impôt, manage the prélèvement à la source, the profile. Reference: real-sites-and-anchors §1.3.
"""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from simulator.events import EventSpec
from simulator.site import Site, Tile
from simulator.sites import franceconnect as fc
from simulator.sites.impots.migrations import migrations
from simulator.sites.impots.rules import ADDRESS
from simulator.sites.impots.seed import personalise, seed

bp = Blueprint("impots", __name__, template_folder="templates", static_folder="static")

_REASONS_LOGIN = ("str: fiscal_empty, fiscal_format, fiscal_key, real_number, unknown, "
                  "not_activated, password_empty, wrong_password, blocked")
_REASONS_CREATION = ("str: fiscal_empty, fiscal_format, fiscal_key, real_number, "
                     "access_format, access_wrong, rfr_empty, rfr_format, rfr_negative, "
                     "rfr_wrong, already_created")
_REASONS_ACCOUNT = ("str: email_format, email_mismatch, email_not_persona, password_short, "
                    "password_long, password_no_letter, password_no_digit, password_mismatch, "
                    "password_not_persona")
_YEAR = "int: the year of income declared, e.g. 2025"

EVENTS = [
    # Creating and activating the space
    EventSpec("impots.creation.started",
              "A numéro fiscal without a space led to « Créer votre espace ».", {}),
    EventSpec("impots.creation.rejected", "A number of the creation form was refused.",
              {"reason": _REASONS_CREATION}),
    EventSpec("impots.creation.identified",
              "The three numbers were right (or FranceConnect gave the identity): next, the "
              "e-mail and the password.", {"via": "str: numeros or franceconnect"}),
    EventSpec("impots.creation.account_rejected", "The e-mail or the password was refused.",
              {"reason": _REASONS_ACCOUNT}),
    EventSpec("impots.creation.requested",
              "The space is created and the activation e-mail sent (to open within 8 hours).",
              {"via": "str: numeros or franceconnect"}),
    EventSpec("impots.activation.succeeded", "The activation link opened the space.", {}),
    EventSpec("impots.activation.refused", "An activation link was refused.",
              {"reason": "str: used, expired, unknown (another session's, or made up)"}),
    EventSpec("impots.activation.resent", "A new activation e-mail was asked for.", {}),
    # Logging in
    EventSpec("impots.login.viewed", "The login page was displayed.", {}),
    EventSpec("impots.login.identified",
              "The numéro fiscal of an existing space was accepted: the password is asked.", {}),
    EventSpec("impots.login.failed", "A login step was refused.",
              {"reason": _REASONS_LOGIN, "attempts_left": "int"}),
    EventSpec("impots.login.blocked", "Too many wrong passwords: the access is blocked.", {}),
    EventSpec("impots.login.code_sent",
              "The temporary code went by e-mail (option impots.code: oui).", {}),
    EventSpec("impots.login.code_failed", "A wrong temporary code was typed.",
              {"reason": "str: format or wrong"}),
    EventSpec("impots.login.succeeded", "The learner is in the space.",
              {"via": "str: password or franceconnect"}),
    EventSpec("impots.logout", "The learner tapped « Se déconnecter ».",
              {"franceconnect": "bool: the login was through FranceConnect"}),
    EventSpec("impots.password.reset_requested",
              "« Mot de passe oublié »: the reset link went by e-mail.", {}),
    EventSpec("impots.password.reset_refused", "A reset link or a new password was refused.",
              {"reason": "str: unknown, used, or a password rule (password_short…)"}),
    EventSpec("impots.password.reset_done", "A new password was chosen with the reset link.", {}),
    # Declaring
    EventSpec("impots.declaration.started", "The declaration's first step was opened.",
              {"year": _YEAR, "correction": "bool"}),
    EventSpec("impots.declaration.step_saved", "A step was saved (« Suivant » or « Précédent »).",
              {"step": "str: etat-civil, situation, personnes-a-charge, revenus, charges, "
                       "montants", "year": _YEAR}),
    EventSpec("impots.declaration.situation_saved", "Situation de famille saved.",
              {"situation": "str: C, M, O, D or V", "single_parent": "bool: case T ticked"}),
    EventSpec("impots.declaration.income_saved", "The income step was saved.",
              {"salaries": "int: 1AJ in euros", "prefilled": "int: the pre-filled 1AJ",
               "changed": "bool: different from the pre-filled figure"}),
    EventSpec("impots.declaration.rejected", "A step's form was refused (an amount…).",
              {"step": "str", "reason": "str: amount_format, amount_negative, amount_too_big, "
                                       "salary_empty, situation_missing"}),
    EventSpec("impots.declaration.charges_chosen", "The rubrics of charges were chosen.",
              {"childcare": "bool: frais de garde chosen", "count": "int"}),
    EventSpec("impots.declaration.childcare_saved", "The frais de garde boxes were saved.",
              {"amount": "int: 7GA in euros", "paid": "int: what the crèche's certificate says "
                                                      "was paid before the CAF's help",
               "net": "int: what was paid minus the CAF's help (what 7GA should hold)"}),
    EventSpec("impots.declaration.summary_viewed", "The récapitulatif was displayed.",
              {"balance": "int: tax to pay (> 0) or refund (< 0), euros",
               "childcare": "int: 7GA", "salaries": "int: 1AJ"}),
    EventSpec("impots.declaration.signed", "The declaration was signed: accusé de réception.",
              {"year": _YEAR, "correction": "bool", "balance": "int", "childcare": "int",
               "salaries": "int"}),
    EventSpec("impots.declaration.sign_refused", "Signing was refused.",
              {"reason": "str: already_signed, incomplete"}),
    EventSpec("impots.declaration.correction_started",
              "« Corriger ma déclaration en ligne » reopened a signed declaration.",
              {"year": _YEAR}),
    EventSpec("impots.accuse.viewed", "The accusé de réception was displayed on screen.",
              {"year": _YEAR}),
    # Documents, prélèvement à la source, profile
    EventSpec("impots.documents.viewed", "« Documents » was displayed for a year.",
              {"year": "int: the tab's year", "years_ago": "int: 0 = this year"}),
    EventSpec("impots.document.opened", "A document was opened as a PDF.",
              {"kind": "str: avis, accuse", "year": "int: the tab's year",
               "years_ago": "int: 0 = this year's tab, 1 = last year's",
               "income_year": "int: the year of income it is about"}),
    EventSpec("impots.pas.viewed", "« Gérer mon prélèvement à la source » was displayed.", {}),
    EventSpec("impots.pas.rate_chosen", "A withholding rate was chosen.",
              {"choice": "str: personnalise or non_personnalise"}),
    EventSpec("impots.pas.change_declared", "A change of situation was declared.",
              {"kind": "str: mariage, pacs, naissance, divorce, deces"}),
    EventSpec("impots.profile.viewed", "« Gérer mon profil » was displayed.", {}),
    EventSpec("impots.profile.email_changed", "The e-mail address was changed.", {}),
    EventSpec("impots.profile.password_changed", "The password was changed.", {}),
    EventSpec("impots.profile.rejected", "A profile change was refused.",
              {"reason": "str: a rule's name (email_format, password_short…) or wrong_password"}),
]

# The tax space as a FranceConnect service: the providers the real one offers to create or
# open the space (reference §1.3.1). « impots.gouv » itself cannot be used here.
FRANCECONNECT = fc.register_service(fc.Service(
    key="impots", name="impots.gouv.fr", return_endpoint="impots.franceconnect_return",
    logged_out_endpoint="impots.logged_out",
    providers=("ameli", "laposte", "msa", "france_identite", "yris")))
# … and as a provider for the others (the CAF, the health insurance…): its own login page.
fc.register_provider(fc.Provider("impots", "impots.gouv", "https://cfspart-idp.impots.gouv.fr",
                                 "Numéro fiscal", "13 chiffres",
                                 login_endpoint="impots.provider_login"))


def _sign_in(db) -> None:
    from simulator.sites.impots import store

    store.update_taxpayer(db, status="actif", created_via=store.taxpayer(db)["created_via"]
                          or "numeros")
    store.open_session(db, "password")


SITE = Site(
    name="impots",
    title="impots.gouv.fr (simulation)",
    address=ADDRESS,
    blueprint=bp,
    migrations=migrations,
    events=EVENTS,
    seed=seed,
    personalise=personalise,
    default_persona="nadia",
    tile=Tile(_l("Mes impôts"),
              _l("Créer mon espace, déclarer mes revenus, trouver mon avis d'impôt…"), "tax"),
    # The numéro fiscal is not on the card: it is on the papers (« Mes documents »).
    card_fields=[("mot_de_passe", _l("Mot de passe")),
                 ("franceconnect.comptes.ameli.identifiant",
                  _l("ameli : numéro de sécurité sociale")),
                 ("franceconnect.comptes.ameli.mot_de_passe", _l("ameli : mot de passe"))],
    sign_in=_sign_in,
)

from simulator.sites.impots import routes  # noqa: E402,F401  (registers the routes)
