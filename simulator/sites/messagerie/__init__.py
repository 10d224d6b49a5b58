"""« Messagerie »: the persona's e-mail, a device of the kiosk bar like the phone.

The sites send e-mails to it with :func:`simulator.sites.messagerie.store.deliver_mail` (an
activation link, an « accusé de réception », a security code); scenarios put scam e-mails in it
(``setup.mails``). A link in an e-mail opens only a simulated site: its address is mapped to the
replica that answers for it, as the phone does for an SMS; any other address stays plain text.
"""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from simulator.events import EventSpec
from simulator.site import Device, Site
from simulator.sites.messagerie.migrations import migrations
from simulator.sites.messagerie.seed import personalise, seed

bp = Blueprint("messagerie", __name__, template_folder="templates", static_folder="static")

_MAIL = {"sender": "str: the sender's address, e.g. ne-pas-repondre@dgfip.finances.gouv.fr",
         "kind": "str: info, code or scam",
         "topic": "str: what the e-mail is about, e.g. impots.activation, impots.accuse, "
                  "or the topic a scenario's setup gave; '' for the persona's old e-mails"}

EVENTS = [
    EventSpec("messagerie.opened", "The learner opened the mailbox (or one of its folders).",
              {"unread": "int: unread e-mails in the inbox",
               "folder": "str: inbox or spam (« Courrier indésirable »)"}),
    EventSpec("messagerie.mail.received", "A site (or the scenario) sent an e-mail.", _MAIL),
    EventSpec("messagerie.mail.read", "The learner opened an e-mail.", _MAIL),
    EventSpec("messagerie.link.opened", "The learner tapped a link inside an e-mail.",
              {**_MAIL, "site": "str: the simulated site the link opens, e.g. impots"}),
    EventSpec("messagerie.mail.deleted", "The learner deleted an e-mail.", _MAIL),
    EventSpec("messagerie.mail.reported",
              "The learner reported an e-mail as spam (« Signaler comme indésirable »).", _MAIL),
    EventSpec("messagerie.mail.not_spam",
              "The learner moved an e-mail back to the inbox (« Ce n'est pas un courrier "
              "indésirable »).", _MAIL),
]

SITE = Site(
    name="messagerie",
    title="Messagerie",
    address="",
    blueprint=bp,
    migrations=migrations,
    events=EVENTS,
    seed=seed,
    personalise=personalise,
    card_fields=[("adresse", _l("Adresse électronique"))],
    device=Device("messagerie/partials/_mail_button.html",
                  "messagerie/partials/_mail_drawer.html", order=20),
)

from simulator.sites.messagerie import routes  # noqa: E402,F401  (registers the routes)
