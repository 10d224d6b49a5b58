"""Médiathèque des Coquelicots: a friendly neighbourhood site of our own, where the very first
gestures of the web are practised on real-looking pages (« Premiers gestes »).

Each gesture happens on an ordinary page with its own address: a button on the home page, a
long agenda to scroll, a catalogue search and a letter to subscribe to (the on-screen keyboard),
a drop-down list of days, a booking form with a round choice and a box to tick, news with links
among plain text, a pop-up and the shared cookie banner, a detail page to leave with the
browser's back button, and a short quiz about the address bar and its padlock. The pages are
in French like every replica; the events below tell the coach what the learner did.
"""

from flask import Blueprint

from simulator.events import EventSpec
from simulator.site import Site
from simulator.sites.gestes.migrations import migrations

bp = Blueprint("gestes", __name__, template_folder="templates", static_folder="static")

_PAGE = ("str: the page, as its address after the site's name: accueil, horaires, agenda, "
         "agenda/atelier-numerique, catalogue, lettre, actualites, actualites/horaires-ete, "
         "apprendre/adresse…")

EVENTS = [
    EventSpec("gestes.page.viewed", "A page of the médiathèque was displayed.",
              {"page": _PAGE,
               "back": "bool: the learner came back to the page seen just before "
                       "(the browser's back button)",
               "reloaded": "bool: the same page again (the browser's reload button)"}),
    EventSpec("gestes.page.scrolled",
              "The learner scrolled a long page down to its end (the last items came into view).",
              {"page": _PAGE}),
    EventSpec("gestes.hours.viewed", "A day was chosen in the list « Jour » of the opening hours.",
              {"day": "str: lundi, mardi… dimanche"}),
    EventSpec("gestes.search.done", "The catalogue was searched.",
              {"words": "str: the words as typed (capitals and accents kept)",
               "found": "int: how many documents were found"}),
    EventSpec("gestes.newsletter.refused", "The letter's form was refused.",
              {"reason": "str: email_missing, email_invalid"}),
    EventSpec("gestes.newsletter.subscribed",
              "The learner subscribed to the letter (the address is never stored).",
              {"email": "str: the address as typed"}),
    EventSpec("gestes.choice.changed",
              "A round choice was chosen or a box ticked (or unticked) on the booking form.",
              {"name": "str: creneau (the round choices) or reglement (the box)",
               "value": "str: the choice, e.g. jeudi-14h", "checked": "bool"}),
    EventSpec("gestes.booking.refused", "The booking form was sent incomplete.",
              {"reason": "str: slot_missing, rules_not_accepted"}),
    EventSpec("gestes.booking.confirmed", "A place at the workshop was booked.",
              {"slot": "str: mardi-10h or jeudi-14h"}),
    EventSpec("gestes.popup.closed", "The learner closed the pop-up window of the home page.",
              {"how": "str: fermer (the cross) or non-merci"}),
    EventSpec("gestes.quiz.answered", "A question of « Apprendre Internet » was answered.",
              {"question": "str: adresse or cadenas", "answer": "str: the answer's id",
               "right": "bool"}),
]

SITE = Site(
    name="gestes",
    title="Médiathèque des Coquelicots",
    address="https://www.mediatheque-coquelicots.fr",
    blueprint=bp,
    migrations=migrations,
    events=EVENTS,
    default_persona="martine",
)

from simulator.sites.gestes import routes  # noqa: E402,F401  (registers the routes)
