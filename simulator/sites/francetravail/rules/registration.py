"""The registration's 8-step train (« S'inscrire, se réinscrire »): the steps, their fields and
their options, in the order of Pôle emploi's partner guide (reference §1.2.2). The checks are in
``registration_checks``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

STEP_TITLES = ("Mon inscription", "Ma situation", "Mes expériences", "Mes connaissances",
               "Mon projet professionnel", "Ma recherche d'emploi", "Mon RIB et récapitulatif",
               "Mon choix de rendez-vous")
LAST_STEP = len(STEP_TITLES)

MOTIFS = {"fin_cdd": "Fin de contrat à durée déterminée (CDD)",
          "fin_interim": "Fin de mission d'intérim", "licenciement": "Licenciement",
          "rupture": "Rupture conventionnelle", "demission": "Démission",
          "premiere": "Première inscription (fin d'études…)", "autre": "Autre motif"}
FORMATIONS = {"aucun": "Aucun diplôme", "cap": "CAP ou BEP", "bac": "Baccalauréat",
              "bac2": "Bac + 2 (BTS, DUT…)", "bac3": "Bac + 3 et plus"}
LANGUES = {"francais": "Français", "anglais": "Anglais", "arabe": "Arabe",
           "espagnol": "Espagnol", "portugais": "Portugais", "turc": "Turc",
           "roumain": "Roumain"}
PERMIS = {"permis_b": "Permis B (voiture)", "permis_c": "Permis C (poids lourd)",
          "caces_1": "CACES R489 catégorie 1 (transpalette)",
          "caces_3": "CACES R489 catégorie 3 (chariot élévateur)"}
CONTRATS = {"cdi": "CDI", "cdd": "CDD", "interim": "Mission d'intérim"}
TEMPS = {"plein": "Temps plein", "partiel": "Temps partiel"}
DISTANCES = {"10": "10 km", "20": "20 km", "30": "30 km", "50": "50 km"}
TRANSPORTS = {"commun": "Transports en commun", "voiture": "Voiture", "deux_roues": "Deux-roues",
              "velo": "Vélo", "pied": "À pied"}
YES_NO = {"OUI": "Oui", "NON": "Non"}


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str  # text | nir | date | birth | postal | phone | email | select | radio | checks |
    #            iban | certify | slot
    required: bool = True
    max_length: int = 80
    options: dict[str, str] = field(default_factory=dict)
    hint: str = ""
    keyboard: str = ""  # the on-screen keyboard's layout (data-keyboard)


STEPS: dict[int, tuple[Field, ...]] = {
    1: (
        Field("nir", "Numéro de sécurité sociale", "nir", max_length=25, keyboard="numeric",
              hint="13 chiffres et la clé de 2 chiffres, comme sur votre carte Vitale."),
        Field("naissance", "Date de naissance", "birth", max_length=10, keyboard="date",
              hint="jj/mm/aaaa"),
        Field("adresse", "Adresse", "text", max_length=120),
        Field("code_postal", "Code postal", "postal", max_length=10, keyboard="numeric"),
        Field("commune", "Commune", "text", max_length=60),
        Field("telephone", "Téléphone portable", "phone", max_length=20, keyboard="numeric",
              hint="10 chiffres. Nous vous enverrons des SMS à ce numéro."),
        Field("email", "Adresse e-mail", "email", max_length=120),
    ),
    2: (
        Field("motif", "Motif de votre inscription", "select", options=MOTIFS),
        Field("fin_contrat", "Date de fin de votre dernier contrat", "date", max_length=10,
              keyboard="date", hint="jj/mm/aaaa. Elle est écrite sur votre attestation "
                                    "employeur."),
        Field("disponible", "Êtes-vous disponible pour travailler dès maintenant ?", "radio",
              options=YES_NO),
        Field("allocation", "Demandez-vous une allocation chômage ?", "radio", options=YES_NO),
    ),
    3: (
        Field("metier", "Métier exercé", "text", hint="Par exemple : préparateur de commandes"),
        Field("employeur", "Nom de l'employeur", "text"),
        Field("experience_du", "Date de début", "date", max_length=10, keyboard="date",
              hint="jj/mm/aaaa"),
        Field("experience_au", "Date de fin", "date", max_length=10, keyboard="date",
              hint="jj/mm/aaaa"),
    ),
    4: (
        Field("formation", "Votre niveau de formation", "select", options=FORMATIONS),
        Field("langues", "Langues que vous parlez", "checks", required=False, options=LANGUES),
        Field("permis", "Permis et certificats", "checks", required=False, options=PERMIS),
    ),
    5: (
        Field("metier_recherche", "Métier recherché", "text",
              hint="Par exemple : préparateur de commandes"),
        Field("contrats", "Types de contrat recherchés", "checks", options=CONTRATS),
        Field("temps", "Temps de travail souhaité", "radio", options=TEMPS),
    ),
    6: (
        Field("commune_recherche", "Commune où vous cherchez un emploi", "text", max_length=60),
        Field("distance", "Distance maximale autour de cette commune", "select",
              options=DISTANCES),
        Field("transports", "Comment vous déplacez-vous ?", "checks", options=TRANSPORTS),
    ),
    7: (
        Field("titulaire", "Titulaire du compte", "text", max_length=70),
        Field("iban", "IBAN de votre compte", "iban"),
        Field("certifie", "Je certifie sur l'honneur l'exactitude des informations déclarées.",
              "certify"),
    ),
    8: (
        Field("rendez_vous", "Choisissez la date de votre rendez-vous", "slot"),
    ),
}

APPOINTMENT_TIMES = ("09:00", "10:30", "14:00")
APPOINTMENT_SLOTS = 6
_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre")


def day_label(day: dt.date) -> str:
    """« mardi 8 décembre 2026 »."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def appointment_slots(today: dt.date) -> dict[str, str]:
    """The next slots at the agency, from two days on, working days only."""
    slots: dict[str, str] = {}
    day = today + dt.timedelta(days=2)
    while len(slots) < APPOINTMENT_SLOTS:
        if day.weekday() < 5:
            for time in APPOINTMENT_TIMES[day.toordinal() % 2::2] or APPOINTMENT_TIMES[:1]:
                slots[f"{day.isoformat()}T{time}"] = f"{day_label(day)} à {time}"
        day += dt.timedelta(days=1)
    return dict(list(slots.items())[:APPOINTMENT_SLOTS])


def step_fields(step: int) -> tuple[Field, ...]:
    return STEPS[step]


def spaced_nir(number: str) -> str:
    """``191069300824560`` → ``1 91 06 93 008 245 60``, as the carte Vitale prints it."""
    if len(number or "") != 15:
        return number or ""
    return " ".join((number[0], number[1:3], number[3:5], number[5:7], number[7:10],
                     number[10:13], number[13:]))


def display(fld: Field, value) -> str:
    """A stored answer as the summary writes it."""
    if fld.kind == "nir":
        return spaced_nir(value) or "—"
    if fld.kind == "checks":
        return ", ".join(fld.options.get(v, v) for v in value or []) or "—"
    if fld.kind in ("select", "radio"):
        return fld.options.get(value, value or "—")
    if fld.kind == "certify":
        return "Oui" if value else "Non"
    if fld.kind == "iban":
        return " ".join(value[i:i + 4] for i in range(0, len(value or ""), 4)) or "—"
    return value or "—"


def recap(data: dict) -> list[tuple[int, str, list[tuple[str, str]]]]:
    """Steps 1 to 6 as the « récapitulatif » of step 7 shows them."""
    return [(step, STEP_TITLES[step - 1],
             [(f.label, display(f, data.get(str(step), {}).get(f.name))) for f in STEPS[step]])
            for step in range(1, 7)]


def prefill_from_account(account: dict) -> dict[str, str]:
    """What the form shows before anything is typed: the space already knows these."""
    lines = account["address_lines"]
    last = lines[-1] if lines else ""
    postal, _, town = last.partition(" ")
    return {"adresse": ", ".join(lines[:-1]), "code_postal": postal, "commune": town,
            "email": account["email"] or "", "commune_recherche": town.title(),
            "titulaire": f"{account['civilite'].rstrip('.')} {account['first_name']} "
                         f"{account['last_name']}".upper()}


def draft_from_persona(answers: dict, prefill: dict[str, str]) -> dict:
    """Steps 1 to 4 as the persona would have filled them (an exercise that starts at step 5)."""
    nir = "".join(str(answers.get("nir", "")).split())
    return {
        "1": {"nir": nir, "naissance": answers.get("naissance", ""),
              "adresse": prefill["adresse"], "code_postal": prefill["code_postal"],
              "commune": prefill["commune"], "email": prefill["email"],
              "telephone": answers.get("telephone", "")},
        "2": {"motif": answers.get("motif", ""), "fin_contrat": answers.get("fin_contrat", ""),
              "disponible": answers.get("disponible", ""),
              "allocation": answers.get("allocation", "")},
        "3": {"metier": answers.get("metier", ""), "employeur": answers.get("employeur", ""),
              "experience_du": answers.get("experience_du", ""),
              "experience_au": answers.get("experience_au", "")},
        "4": {"formation": answers.get("formation", ""),
              "langues": list(answers.get("langues", [])),
              "permis": list(answers.get("permis", []))},
    }
