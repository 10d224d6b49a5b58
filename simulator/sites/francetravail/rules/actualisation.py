"""The monthly actualisation: the real questions in their real order, and their checks.

Page 1 asks about training; page 2 asks the seven questions of the situation, each answered
« Oui » or « Non », some opening sub-questions on « Oui » (and « toujours à la recherche d'un
emploi » on « Non »: the end of the registration). Labels from the bots that validate the live
site (reference §0.5 and §1.2.3).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from simulator.formats import parse_date_fr


@dataclass(frozen=True)
class SubField:
    name: str
    label: str
    kind: str  # hours | amount | date | motif
    required: bool = True
    hint: str = ""


@dataclass(frozen=True)
class Question:
    name: str
    label: str
    opens_on: str = "OUI"  # the answer that opens the sub-questions
    sub: tuple[SubField, ...] = field(default_factory=tuple)


_FROM = SubField("{q}_du", "Date de début", "date", hint="jj/mm/aaaa")
_TO = SubField("{q}_au", "Date de fin (si elle est connue)", "date", required=False,
               hint="jj/mm/aaaa")


def _dates(question: str) -> tuple[SubField, ...]:
    return tuple(SubField(f.name.format(q=question), f.label, f.kind, f.required, f.hint)
                 for f in (_FROM, _TO))


TRAINING = Question("formation", "Etes-vous inscrit à une session de formation ou suivez-vous "
                                 "une formation ?")

SITUATION = (
    Question("travail", "Avez-vous travaillé ou exercé une activité non salariée ?", sub=(
        SubField("heures", "Heures travaillées dans le mois", "hours",
                 hint="En chiffres, sans lettre : par exemple 35"),
        SubField("salaire", "Montant total de votre ou vos salaires bruts réels ou estimés",
                 "amount", hint="En euros, sans espace ni point : par exemple 1200,50"),
    )),
    Question("stage", "Avez-vous été en stage ?", sub=_dates("stage")),
    Question("maladie", "Avez-vous été en arrêt maladie ?", sub=_dates("maladie")),
    Question("maternite", "Avez-vous été en congé maternité ?", sub=_dates("maternite")),
    Question("retraite", "Percevez-vous une nouvelle pension retraite ?", sub=(
        SubField("retraite_du", "Date de début de la pension", "date", hint="jj/mm/aaaa"),)),
    Question("invalidite", "Percevez-vous une nouvelle pension d'invalidité de 2ème ou 3ème "
                           "catégorie ?", sub=(
        SubField("invalidite_du", "Date de début de la pension", "date", hint="jj/mm/aaaa"),)),
    Question("recherche", "Etes-vous toujours à la recherche d'un emploi ?", opens_on="NON",
             sub=(SubField("motif", "Pour quelle raison n'êtes-vous plus à la recherche d'un "
                                    "emploi ?", "motif"),)),
)

# Why one is no longer looking for work (the « Non » of the last question).
MOTIFS = {
    "reprise": "J'ai repris un emploi",
    "formation": "J'entre en formation",
    "creation": "Je crée mon entreprise",
    "retraite": "Je pars à la retraite",
    "autre": "Autre raison",
}

ANSWERS = ("OUI", "NON")
MAX_HOURS = 744  # 31 days of 24 hours: more is not a month
MAX_LENGTH = 40

MESSAGES = {
    "unanswered": "Veuillez répondre à cette question.",
    "hours_format": "Indiquez un nombre entier d'heures, en chiffres, sans lettre "
                    "(exemple : 35).",
    "hours_zero": "Le nombre d'heures doit être supérieur à 0.",
    "hours_too_many": f"Le nombre d'heures ne peut pas dépasser {MAX_HOURS}.",
    "salary_format": "Indiquez le montant en chiffres, sans espace ni point "
                     "(exemple : 1200,50).",
    "salary_zero": "Le montant doit être supérieur à 0.",
    "date_format": "La date doit être au format jj/mm/aaaa.",
    "date_future": "La date ne peut pas être postérieure à la date du jour.",
    "date_order": "La date de fin doit être postérieure à la date de début.",
    "motif_missing": "Veuillez indiquer la raison.",
}

_HOURS = re.compile(r"^\d{1,3}$")
_AMOUNT = re.compile(r"^\d{1,6}(,\d{1,2})?$")


@dataclass
class Answers:
    values: dict[str, str]  # as typed (shown again after an error)
    errors: dict[str, str] = field(default_factory=dict)  # field → message
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (field, reason) in order

    def refuse(self, name: str, reason: str) -> None:
        self.errors.setdefault(name, MESSAGES[reason])
        self.reasons.append((name, reason))


def read_training(form) -> Answers:
    answers = Answers({"formation": (form.get("formation") or "")[:MAX_LENGTH]})
    if answers.values["formation"] not in ANSWERS:
        answers.refuse("formation", "unanswered")
    return answers


def read_situation(form, today: dt.date) -> Answers:
    """The seven questions in order, then the sub-questions that an answer opened."""
    names = [q.name for q in SITUATION] + [f.name for q in SITUATION for f in q.sub]
    answers = Answers({name: (form.get(name) or "").strip()[:MAX_LENGTH] for name in names})
    for question in SITUATION:
        answer = answers.values[question.name]
        if answer not in ANSWERS:
            answers.refuse(question.name, "unanswered")
            continue
        if answer != question.opens_on:
            for sub in question.sub:  # a closed block sends nothing that counts
                answers.values[sub.name] = ""
            continue
        for sub in question.sub:
            problem = _check(sub, answers.values[sub.name], today)
            if problem:
                answers.refuse(sub.name, problem)
        if question.sub and question.sub[0].kind == "date" and len(question.sub) == 2:
            start = parse_date_fr(answers.values[question.sub[0].name])
            end = parse_date_fr(answers.values[question.sub[1].name])
            if start and end and end < start and question.sub[1].name not in answers.errors:
                answers.refuse(question.sub[1].name, "date_order")
    return answers


def _check(sub: SubField, value: str, today: dt.date) -> str | None:
    if not value:
        if not sub.required:
            return None
        return {"hours": "hours_format", "amount": "salary_format", "date": "date_format",
                "motif": "motif_missing"}[sub.kind]
    if sub.kind == "hours":
        if not _HOURS.match(value):
            return "hours_format"
        hours = int(value)
        return "hours_zero" if hours == 0 else "hours_too_many" if hours > MAX_HOURS else None
    if sub.kind == "amount":
        if not _AMOUNT.match(value):
            return "salary_format"
        return "salary_zero" if not value.replace("0", "").strip(",") else None
    if sub.kind == "date":
        day = parse_date_fr(value)
        if day is None or day.year < 1900 or not re.fullmatch(r"\d{2}/\d{2}/\d{4}", value):
            return "date_format"
        return "date_future" if day > today and sub.required else None
    if sub.kind == "motif":
        return None if value in MOTIFS else "motif_missing"
    return None  # pragma: no cover


def summary(training: str, situation: dict[str, str]) -> dict:
    """What the events and the receipt say about a set of answers."""
    hours = int(situation.get("heures") or 0) if situation.get("travail") == "OUI" else 0
    salary = situation.get("salaire") or "0"
    return {
        "training": training == "OUI",
        "worked": situation.get("travail") == "OUI",
        "hours": hours,
        "salary": float(salary.replace(",", ".")) if situation.get("travail") == "OUI" else 0.0,
        "internship": situation.get("stage") == "OUI",
        "sick": situation.get("maladie") == "OUI",
        "maternity": situation.get("maternite") == "OUI",
        "retirement": situation.get("retraite") == "OUI",
        "invalidity": situation.get("invalidite") == "OUI",
        "still_searching": situation.get("recherche") == "OUI",
    }
