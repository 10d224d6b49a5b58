"""The health insurance account (« compte ameli » of the Assurance Maladie): a fictional twin
marked SIMULATION, with our own look (never the State's or the Assurance Maladie's).

Log in with the numéro de sécurité sociale and the code personnel, then the security code
received by e-mail, typed in six boxes (or through FranceConnect); « Mes paiements » (the monthly
statements and each reimbursement's detail); « Mes démarches » (the attestation de droits as a
PDF, a lost or stolen carte Vitale, the bank details); « Ma messagerie » (write to the caisse, its
answer later in the session). Reference: real-sites-and-anchors §1.5.
"""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from simulator.events import EventSpec
from simulator.site import Site, Tile
from simulator.sites import franceconnect as fc
from simulator.sites.ameli.migrations import migrations
from simulator.sites.ameli.rules import ADDRESS
from simulator.sites.ameli.seed import personalise, seed

bp = Blueprint("ameli", __name__, template_folder="templates", static_folder="static")

_LOGIN_REASONS = ("str: nir_empty, nir_length, nir_characters, nir_with_key, nir_key, "
                  "real_number, code_empty, wrong_code_personnel, locked")
_CODE_REASONS = "str: format (not 6 digits), wrong, expired, used, locked"

EVENTS = [
    # Logging in
    EventSpec("ameli.login.viewed", "The login page was displayed.", {}),
    EventSpec("ameli.login.failed", "The numéro de sécurité sociale or the code personnel was "
              "refused.", {"reason": _LOGIN_REASONS, "attempts_left": "int"}),
    EventSpec("ameli.login.code_sent", "The identifiers were right: the security code went by "
              "e-mail.", {"again": "bool: « Recevoir un nouveau code »"}),
    EventSpec("ameli.login.code_failed", "The security code typed was refused.",
              {"reason": _CODE_REASONS, "attempts_left": "int"}),
    EventSpec("ameli.login.locked", "Too many wrong attempts: « compte ameli verrouillé ».",
              {"step": "str: code_personnel or code"}),
    EventSpec("ameli.login.succeeded", "The learner is in the account.",
              {"via": "str: code or franceconnect"}),
    EventSpec("ameli.logout", "The learner tapped « Se déconnecter ».",
              {"franceconnect": "bool: the login was through FranceConnect"}),
    # Mes paiements
    EventSpec("ameli.payments.viewed", "« Mes paiements » was displayed.", {}),
    EventSpec("ameli.payment.opened", "A reimbursement's detail was opened.",
              {"act": "str: consultation, pharmacie, dentaire, pediatre",
               "beneficiary": "str: the first name of the person cared for",
               "months_ago": "int: the month of care, 1 = last month",
               "reimbursed": "float: euros reimbursed", "participation": "float: euros kept"}),
    EventSpec("ameli.statement.downloaded", "A « Relevé mensuel » was opened as a PDF.",
              {"months_ago": "int"}),
    # Mes démarches
    EventSpec("ameli.demarches.viewed", "« Mes démarches » was displayed.", {}),
    EventSpec("ameli.attestation.viewed", "« Obtenir une attestation de droits » was displayed.",
              {}),
    EventSpec("ameli.attestation.downloaded", "The attestation de droits was opened as a PDF.",
              {"who": "str: moi (the insured alone) or tous (with the children)"}),
    EventSpec("ameli.carte_vitale.reason_chosen", "« Perte » or « Vol » was chosen.",
              {"reason": "str: perte or vol"}),
    EventSpec("ameli.carte_vitale.declared", "The carte Vitale was declared lost or stolen and "
              "a new one ordered.", {"reason": "str: perte or vol"}),
    EventSpec("ameli.carte_vitale.refused", "The declaration was refused.",
              {"reason": "str: no_reason, not_confirmed, already_declared"}),
    EventSpec("ameli.rib.viewed", "« Modifier mes coordonnées bancaires » was displayed.", {}),
    EventSpec("ameli.rib.rejected", "The new bank details were refused.",
              {"reason": "str: an IBAN problem (incomplete, letters, check…), holder_empty, "
                         "same_iban, not_confirmed"}),
    EventSpec("ameli.rib.changed", "The new bank details were saved.",
              {"iban_suffix": "str: the last 4 characters of the new IBAN"}),
    # Ma messagerie
    EventSpec("ameli.messages.viewed", "« Ma messagerie » was displayed.", {}),
    EventSpec("ameli.message.rejected", "A message to the caisse was refused.",
              {"reason": "str: subject_missing, body_empty, body_too_long"}),
    EventSpec("ameli.message.sent", "A message was sent to the caisse.",
              {"subject": "str: remboursements, carte_vitale, attestation, coordonnees, autre"}),
    EventSpec("ameli.message.reply_read", "The caisse's answer was opened.",
              {"subject": "str"}),
]

# The account as a FranceConnect service: the providers the real one offers (reference §1.3.3);
# « ameli » itself cannot be used to log in to ameli.
FRANCECONNECT = fc.register_service(fc.Service(
    key="ameli", name="ameli.fr", return_endpoint="ameli.franceconnect_return",
    logged_out_endpoint="ameli.logged_out",
    providers=("impots", "laposte", "msa", "france_identite", "yris")))


def _sign_in(db) -> None:
    from simulator.sites.ameli import store

    store.open_session(db, "code")


SITE = Site(
    name="ameli",
    title="ameli (simulation)",
    address=ADDRESS,
    blueprint=bp,
    migrations=migrations,
    events=EVENTS,
    seed=seed,
    personalise=personalise,
    default_persona="nadia",
    tile=Tile(_l("Mon compte ameli"),
              _l("Mes remboursements, mon attestation de droits, ma carte Vitale…"), "health"),
    card_fields=[("nir", _l("Numéro de sécurité sociale")),
                 ("code_personnel", _l("Code personnel"))],
    sign_in=_sign_in,
)

from simulator.sites.ameli import routes  # noqa: E402,F401  (registers the routes)
