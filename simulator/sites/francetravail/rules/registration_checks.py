"""The checks of each step of the registration, in the site's own words.

What was typed is kept as typed (shown again after an error); a valid NIR that is not the
persona's is refused with the kiosk's coaching message and dropped (simulator.identifiers).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from simulator.formats import parse_date_fr
from simulator.iban import boxes_from_form, check_iban_boxes
from simulator.identifiers import REAL_NUMBER_MESSAGE, Check, check_nir, compact
from simulator.sites.francetravail.rules.registration import Field, appointment_slots, step_fields

MINIMUM_AGE = 16
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,180}\.[A-Za-z]{2,}$")

MESSAGES = {
    "missing": "Ce champ est obligatoire.",
    "missing_choice": "Veuillez faire un choix.",
    "missing_answer": "Veuillez répondre à cette question.",
    "missing_checks": "Veuillez choisir au moins une réponse.",
    "missing_certify": "Veuillez cocher la case pour certifier l'exactitude de vos informations.",
    "unknown_option": "Veuillez faire un choix dans la liste.",
    "too_long": "Ce champ ne doit pas dépasser {max} caractères.",
    "date_format": "La date doit être au format jj/mm/aaaa.",
    "date_future": "La date ne peut pas être postérieure à la date du jour.",
    "date_order": "La date de fin doit être postérieure à la date de début.",
    "too_young": f"Vous devez avoir au moins {MINIMUM_AGE} ans pour vous inscrire.",
    "postal_format": "Le code postal doit comporter 5 chiffres.",
    "phone_format": "Le numéro de téléphone doit comporter 10 chiffres "
                    "(exemple : 06 12 34 56 78).",
    "email_format": "Veuillez saisir une adresse e-mail valide (exemple : nom@domaine.fr).",
    "nir_length": "Le numéro de sécurité sociale doit comporter 15 chiffres "
                  "(13 chiffres et la clé).",
    "nir_characters": "Le numéro de sécurité sociale ne doit contenir que des chiffres "
                      "(et 2A ou 2B pour la Corse).",
    "nir_key": "La clé du numéro de sécurité sociale est incorrecte. Vérifiez votre saisie.",
    "nir_real_looking": REAL_NUMBER_MESSAGE,
}
_MISSING = {"select": "missing_choice", "radio": "missing_answer", "slot": "missing_choice",
            "checks": "missing_checks", "certify": "missing_certify"}
_NIR = {Check.LENGTH: "nir_length", Check.CHARACTERS: "nir_characters", Check.KEY: "nir_key",
        Check.REAL_LOOKING: "nir_real_looking"}


@dataclass
class StepForm:
    step: int
    values: dict  # as typed: shown again after an error (a real-looking NIR excepted)
    clean: dict = field(default_factory=dict)  # what is kept once the step is valid
    errors: dict[str, str] = field(default_factory=dict)
    reasons: list[tuple[str, str]] = field(default_factory=list)
    iban_box: int | None = None

    def refuse(self, name: str, reason: str, message: str | None = None, **details) -> None:
        self.errors.setdefault(name, message or MESSAGES[reason].format(**details))
        self.reasons.append((name, reason))

    def box_invalid(self, number: int) -> bool:
        return "iban" in self.errors and self.iban_box in (None, number)


def typed_values(step: int, form) -> dict:
    """What the form holds, field by field, as typed (lists for checkboxes, boxes for an IBAN)."""
    values: dict = {}
    for fld in step_fields(step):
        if fld.kind == "checks":
            values[fld.name] = [v[:40] for v in form.getlist(fld.name)][:len(fld.options)]
        elif fld.kind == "iban":
            values[fld.name] = [b[:10] for b in boxes_from_form(form)]
        elif fld.kind == "certify":
            values[fld.name] = bool(form.get(fld.name))
        else:
            values[fld.name] = (form.get(fld.name) or "")[:fld.max_length * 2]
    return values


def check_step(step: int, form, *, today: dt.date, persona_nir: str) -> StepForm:
    checked = StepForm(step, typed_values(step, form))
    for fld in step_fields(step):
        _check_field(checked, fld, today, persona_nir)
    if step == 3:
        start = parse_date_fr(checked.clean.get("experience_du"))
        end = parse_date_fr(checked.clean.get("experience_au"))
        if start and end and end < start:
            checked.refuse("experience_au", "date_order")
    return checked


def _check_field(checked: StepForm, fld: Field, today: dt.date, persona_nir: str) -> None:
    value = checked.values[fld.name]
    name = fld.name
    if fld.kind == "checks":
        if any(v not in fld.options for v in value):
            return checked.refuse(name, "unknown_option")
        if fld.required and not value:
            return checked.refuse(name, "missing_checks")
        checked.clean[name] = [v for v in fld.options if v in value]
        return None
    if fld.kind == "certify":
        if not value:
            return checked.refuse(name, "missing_certify")
        checked.clean[name] = True
        return None
    if fld.kind == "iban":
        iban, problem = check_iban_boxes("FR", value)
        if problem:
            checked.iban_box = problem.box
            return checked.refuse(name, f"iban_{problem.reason}", problem.message())
        checked.clean[name] = iban
        return None
    text = " ".join(value.split())
    if not text:
        return checked.refuse(name, _MISSING.get(fld.kind, "missing")) if fld.required else None
    if len(text) > fld.max_length:
        return checked.refuse(name, "too_long", max=fld.max_length)
    if fld.kind in ("select", "radio"):
        if text not in fld.options:
            return checked.refuse(name, "unknown_option")
    elif fld.kind == "slot":
        if text not in appointment_slots(today):
            return checked.refuse(name, "unknown_option")
    elif fld.kind == "nir":
        verdict = check_nir(text, persona_nir)
        if verdict is not Check.PERSONA:
            if verdict is Check.REAL_LOOKING:
                checked.values[name] = ""  # never kept, never shown again
            return checked.refuse(name, _NIR.get(verdict, "missing"))
        text = compact(text)
    elif fld.kind in ("date", "birth"):
        day = parse_date_fr(text)
        if day is None or not re.fullmatch(r"\d{2}/\d{2}/\d{4}", text):
            return checked.refuse(name, "date_format")
        if day > today:
            return checked.refuse(name, "date_future")
        if fld.kind == "birth" and (today.year - day.year
                                    - ((today.month, today.day) < (day.month, day.day))
                                    ) < MINIMUM_AGE:
            return checked.refuse(name, "too_young")
    elif fld.kind == "postal":
        if not re.fullmatch(r"\d{5}", text.replace(" ", "")):
            return checked.refuse(name, "postal_format")
        text = text.replace(" ", "")
    elif fld.kind == "phone":
        digits = re.sub(r"[\s.\-]", "", text)
        if not re.fullmatch(r"0\d{9}", digits):
            return checked.refuse(name, "phone_format")
        text = " ".join(digits[i:i + 2] for i in range(0, 10, 2))
    elif fld.kind == "email":
        if not _EMAIL.match(text):
            return checked.refuse(name, "email_format")
        text = text.lower()
    checked.clean[name] = text
    return None


def safe_to_keep(step: int, values: dict, persona_nir: str) -> dict:
    """What a draft may keep of a step typed but not validated (autosave): everything but a
    NIR that is not (the beginning of) the persona's: it may be the learner's own."""
    kept = dict(values)
    if step == 1 and kept.get("nir") and not compact(persona_nir).startswith(compact(kept["nir"])):
        kept["nir"] = ""
    return kept
