"""What the médiathèque's pages hold, and the checks of its forms (pure functions)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# --- opening hours ------------------------------------------------------------------------

DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
HOURS = {
    "lundi": None,
    "mardi": "de 13 h à 19 h",
    "mercredi": "de 10 h à 18 h",
    "jeudi": "de 13 h à 19 h",
    "vendredi": "de 13 h à 19 h",
    "samedi": "de 10 h à 18 h",
    "dimanche": None,
}


def hours_sentence(day: str) -> str:
    hours = HOURS[day]
    if hours is None:
        return f"Le {day}, la médiathèque est fermée."
    return f"Le {day}, la médiathèque est ouverte {hours}."


# --- the agenda: a long page, the workshop at its end ----------------------------------------

@dataclass(frozen=True)
class AgendaItem:
    slug: str
    date: str
    title: str
    text: str
    public: str


AGENDA = [
    AgendaItem("heure-du-conte", "Mercredi 2 décembre, 10 h 30", "L'heure du conte",
               "Des histoires lues à voix haute, pour les enfants de 3 à 6 ans.", "Enfants"),
    AgendaItem("club-lecture", "Jeudi 3 décembre, 18 h", "Club de lecture",
               "On parle des livres qu'on a aimés, autour d'un café.", "Adultes"),
    AgendaItem("tricot", "Samedi 5 décembre, 14 h", "Tricot et papotage",
               "Apportez vos aiguilles : on tricote ensemble.", "Tout public"),
    AgendaItem("cinema", "Mercredi 9 décembre, 15 h", "Ciné-goûter",
               "Un film d'animation, puis un goûter.", "Familles"),
    AgendaItem("jeux", "Samedi 12 décembre, 10 h", "Matinée jeux de société",
               "Des jeux pour tous les âges, avec l'équipe de la ludothèque.", "Tout public"),
    AgendaItem("concert", "Vendredi 18 décembre, 19 h", "Concert de Noël",
               "La chorale du quartier chante dans le hall.", "Tout public"),
    AgendaItem("atelier-numerique", "Jeudi 7 janvier, 14 h", "Atelier numérique",
               "Premiers pas sur Internet : envoyer un e-mail, faire une démarche en ligne. "
               "Gratuit, sur inscription.", "Adultes"),
]
AGENDA_BY_SLUG = {item.slug: item for item in AGENDA}
SLOTS = {"mardi-10h": "Mardi 5 janvier, 10 h", "jeudi-14h": "Jeudi 7 janvier, 14 h"}


def booking_problem(slot: str | None, rules_accepted: bool) -> str | None:
    if slot not in SLOTS:
        return "slot_missing"
    if not rules_accepted:
        return "rules_not_accepted"
    return None


BOOKING_MESSAGES = {
    "slot_missing": "Veuillez choisir un créneau.",
    "rules_not_accepted": "Vous devez accepter le règlement de la médiathèque pour continuer.",
}

# --- the catalogue ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    title: str
    author: str
    kind: str
    shelf: str


CATALOGUE = [
    Document("Germinal", "Émile Zola", "Livre", "Disponible"),
    Document("L'Assommoir", "Émile Zola", "Livre", "Emprunté"),
    Document("Au Bonheur des Dames", "Émile Zola", "Livre audio", "Disponible"),
    Document("Les Misérables", "Victor Hugo", "Livre", "Disponible"),
    Document("Le Petit Prince", "Antoine de Saint-Exupéry", "Livre", "Disponible"),
    Document("La Cuisine de tous les jours", "Françoise Bernard", "Livre", "Emprunté"),
    Document("Intouchables", "Olivier Nakache et Éric Toledano", "Film", "Disponible"),
]


def search(words: str) -> list[Document]:
    """Like most library catalogues: capitals and accents do not matter to the search."""
    wanted = _bare(words).split()
    if not wanted:
        return []
    return [doc for doc in CATALOGUE
            if all(word in _bare(f"{doc.title} {doc.author}") for word in wanted)]


def _bare(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# --- the letter ---------------------------------------------------------------------------------

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$")


def email_problem(email: str) -> str | None:
    if not email.strip():
        return "email_missing"
    if not _EMAIL.match(email.strip()):
        return "email_invalid"
    return None


EMAIL_MESSAGES = {
    "email_missing": "Veuillez saisir votre adresse e-mail.",
    "email_invalid": "Veuillez saisir une adresse e-mail valide (exemple : nom@exemple.fr).",
}

# --- the browser's buttons, as the pages seen tell them ---------------------------------------


def came_back(page: str, before: list[str], *, link_followed: bool) -> bool:
    """Back to the page seen before the last one, and not by a link of the site (a link is
    followed by htmx; the browser's back button loads the page anew). Reloads of a page do not
    count as pages of their own: ``before`` is the latest first."""
    distinct = [p for i, p in enumerate(before) if i == 0 or p != before[i - 1]]
    return (not link_followed and len(distinct) >= 2 and distinct[0] != page
            and distinct[1] == page)


def reloaded(page: str, before: list[str], *, link_followed: bool) -> bool:
    return not link_followed and bool(before) and before[0] == page


# --- « Apprendre Internet »: the address bar and its padlock ---------------------------------

QUIZ = {
    "adresse": {
        "question": "Regardez la barre d'adresse, en haut de l'écran. Sur quel site êtes-vous ?",
        "answers": [("coquelicots-fr", "www.mediatheque-coquelicots.fr"),
                    ("coquelicots-com", "www.mediatheque-coquelicots.com"),
                    ("banque", "voscomptes.banque-citoyenne.fr")],
        "right": "coquelicots-fr",
        "explanation": "L'adresse du site est écrite en haut, après le petit cadenas : "
                       "www.mediatheque-coquelicots.fr.",
    },
    "cadenas": {
        "question": "À gauche de l'adresse, il y a un petit cadenas. Que veut-il dire ?",
        "answers": [("chiffre", "La connexion est protégée : ce que j'écris ne peut pas être "
                                "lu en chemin."),
                    ("honnete", "Le site est forcément honnête."),
                    ("ferme", "Le site est fermé.")],
        "right": "chiffre",
        "explanation": "Le cadenas protège la connexion. Il ne dit pas si le site est honnête : "
                       "lisez toujours l'adresse.",
    },
}


def quiz_right(question: str, answer: str) -> bool:
    return QUIZ[question]["right"] == answer
