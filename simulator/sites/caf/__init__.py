"""The CAF's « Mon Compte » (caf.fr): a fictional twin marked SIMULATION, with our own look.

Log in with the numéro de sécurité sociale and the password, then a 6-digit verification code by
SMS or e-mail (or through FranceConnect); declare the quarterly resources of the prime d'activité
(pre-filled « montant net social » to check against the payslips, the pension alimentaire to add),
see the payments, download the attestation de paiement, declare a move or a new job, estimate
the prime d'activité. Reference: real-sites-and-anchors §1.4.
"""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from simulator.events import EventSpec
from simulator.site import Site, Tile
from simulator.sites import franceconnect as fc
from simulator.sites.caf.migrations import migrations
from simulator.sites.caf.rules import ADDRESS
from simulator.sites.caf.seed import personalise, seed

bp = Blueprint("caf", __name__, template_folder="templates", static_folder="static")

_LOGIN_REASONS = ("str: nir_empty, nir_length, nir_characters, nir_key, real_number, "
                  "password_empty, wrong_password, blocked")
_QUARTER = "str: the month the declaration is asked in, YYYY-MM"

EVENTS = [
    EventSpec("caf.login.viewed", "The login page was displayed.", {}),
    EventSpec("caf.login.failed", "The numéro de sécurité sociale or the password was refused.",
              {"reason": _LOGIN_REASONS, "attempts_left": "int"}),
    EventSpec("caf.login.identified",
              "The NIR and the password were right: the verification code is asked.", {}),
    EventSpec("caf.login.blocked", "Too many mistakes: the account is blocked.",
              {"after": "str: password or code"}),
    EventSpec("caf.login.code_sent", "A verification code went to the phone or the mailbox.",
              {"channel": "str: sms or email", "again": "bool: a new code was asked for"}),
    EventSpec("caf.login.code_failed", "A verification code was refused.",
              {"reason": "str: channel_missing, code_format, code_wrong, code_expired, "
                         "code_used", "attempts_left": "int"}),
    EventSpec("caf.login.succeeded", "The learner is in « Mon Compte ».",
              {"via": "str: password or franceconnect"}),
    EventSpec("caf.logout", "The learner tapped « Me déconnecter ».",
              {"franceconnect": "bool: the login was through FranceConnect"}),
    EventSpec("caf.password.reset_requested", "« Mot de passe oublié »: the link went by e-mail.",
              {}),
    EventSpec("caf.password.reset_refused", "The NIR, the link or the new password was refused.",
              {"reason": "str: a NIR reason, unknown, or a password rule"}),
    EventSpec("caf.password.reset_done", "A new password was chosen (the account unblocked).", {}),
    EventSpec("caf.account.viewed", "The home of « Mon Compte » was displayed.",
              {"declaration_due": "bool: the quarterly declaration is still to do"}),
    EventSpec("caf.declaration.viewed", "« Déclarer mes ressources trimestrielles » displayed.",
              {"quarter": _QUARTER, "sent": "bool: already declared"}),
    EventSpec("caf.declaration.started", "The declaration of the quarter was begun.",
              {"quarter": _QUARTER}),
    EventSpec("caf.declaration.salaries_saved", "The salaries (montant net social) were saved.",
              {"quarter": _QUARTER, "changed": "bool: different from the pre-filled figures",
               "match_payslips": "bool: the three months equal the payslips"}),
    EventSpec("caf.declaration.others_chosen", "The other resources were chosen (or none).",
              {"pension": "bool", "foyer": "bool", "count": "int"}),
    EventSpec("caf.declaration.amounts_saved", "The amounts of the other resources were saved.",
              {"pension_total": "int: cents over the quarter", "pension_months": "int: months "
               "with a pension alimentaire"}),
    EventSpec("caf.declaration.rejected", "A step's form was refused.",
              {"step": "str: salaires, montants, recapitulatif", "reason": "str: empty, format, "
               "negative, too_big, not_certified"}),
    EventSpec("caf.declaration.summary_viewed", "The summary was displayed.",
              {"total": "int: cents over the quarter", "pension_total": "int: cents"}),
    EventSpec("caf.declaration.sent", "The declaration was sent: confirmation and receipt.",
              {"quarter": _QUARTER, "total": "int: cents", "pension_total": "int: cents",
               "match_payslips": "bool"}),
    EventSpec("caf.declaration.send_refused", "Sending was refused.",
              {"reason": "str: already_sent, wrong_quarter, incomplete"}),
    EventSpec("caf.declaration.receipt_opened", "The justificatif was opened as a PDF.",
              {"quarter": _QUARTER}),
    EventSpec("caf.payments.viewed", "« Mes paiements » was displayed.", {"count": "int"}),
    EventSpec("caf.attestations.viewed", "« Mes attestations » was displayed.", {}),
    EventSpec("caf.attestation.opened", "An attestation was opened as a PDF.",
              {"kind": "str: paiement or quotient", "months": "int: the period asked"}),
    EventSpec("caf.change.viewed", "« Déclarer un changement de situation » was displayed.", {}),
    EventSpec("caf.change.rejected", "A change's form was refused.",
              {"kind": "str: adresse or emploi", "fields": "str: the fields refused, a,b"}),
    EventSpec("caf.change.declared", "A change of situation was recorded.",
              {"kind": "str: adresse or emploi"}),
    EventSpec("caf.estimate.computed", "« Estimer mes droits » gave an estimate.",
              {"monthly": "int: cents a month (0: no prime)"}),
]

# The CAF as a FranceConnect service: the same provider pages as from the tax space.
FRANCECONNECT = fc.register_service(fc.Service(
    key="caf", name="caf.fr", return_endpoint="caf.franceconnect_return",
    logged_out_endpoint="caf.logged_out",
    providers=("impots", "ameli", "laposte", "msa", "france_identite", "yris")))


def _sign_in(db) -> None:
    from simulator.sites.caf import store

    store.open_session(db, "password")


SITE = Site(
    name="caf",
    title="caf.fr (simulation)",
    address=ADDRESS,
    blueprint=bp,
    migrations=migrations,
    events=EVENTS,
    seed=seed,
    personalise=personalise,
    default_persona="nadia",
    tile=Tile(_l("Mes aides CAF"),
              _l("Déclarer mes ressources, voir mes paiements, mes attestations…"), "family"),
    card_fields=[("caf.nir", _l("Numéro de sécurité sociale")),
                 ("caf.mot_de_passe", _l("Mot de passe"))],
    sign_in=_sign_in,
)

from simulator.sites.caf import routes  # noqa: E402,F401  (registers the routes)
