"""« Par où commencer ? »: the entry diagnostic offered on the home page.

A few small tasks on the médiathèque's pages, measured by what the learner does (the world's
events, matched like a scenario's steps), then a few « Je sais faire / Je ne suis pas sûr / Je ne
sais pas » questions; the rules of scenarios/diagnostic.yaml turn them into one or two parcours
to start with. Never an exam: no marks on screen, « Je ne sais pas » is a good answer, and
« Arrêter » is always there.
"""

from flask import Blueprint

bp = Blueprint("diagnostic", __name__, template_folder="templates")

from kiosk.diagnostic import routes  # noqa: E402,F401  (registers the routes)
