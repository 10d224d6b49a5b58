"""What « Envoyer un document » and « Postuler » accept, in the site's words.

The real constraints (reference §1.2.5): PDF scans or good photos, 5 000 Ko at most, one
document per work period (the red error « Il n'est pas possible d'envoyer plusieurs documents
pour une même période de travail »). A paper comes from « Mes documents »
(simulator.sites.papiers.store.paper_by_token): its kind, format, size and period.
"""

from __future__ import annotations

from simulator.formats import date_fr

MAX_SIZE_KO = 5000
DOCUMENT_FORMATS = ("PDF", "JPG", "PNG")
CV_FORMATS = ("PDF", "DOC", "DOCX", "ODT")
MESSAGE_MAX_LENGTH = 1000

# « Type de document »: the types that belong to a work period ask for it.
DOCUMENT_TYPES = {
    "attestation_employeur": "Attestation employeur",
    "bulletin_salaire": "Bulletin de salaire",
    "arret_travail": "Arrêt de travail",
    "identite": "Pièce d'identité",
    "rib": "Relevé d'identité bancaire (RIB)",
    "domicile": "Justificatif de domicile",
    "autre": "Autre document",
}
WITH_PERIOD = ("attestation_employeur", "bulletin_salaire")

MESSAGES = {
    "type_missing": "Veuillez choisir le type de document.",
    "unknown_type": "Veuillez choisir le type de document dans la liste.",
    "period_missing": "Veuillez choisir la période de travail concernée.",
    "unknown_period": "Veuillez choisir la période de travail dans la liste.",
    "file_missing": "Veuillez sélectionner un fichier.",
    "unknown_file": "Le fichier n'a pas pu être lu. Veuillez le sélectionner à nouveau.",
    "format": "Ce format de fichier n'est pas accepté. Formats acceptés : PDF, JPG, PNG.",
    "too_large": f"Le fichier dépasse la taille maximale autorisée ({MAX_SIZE_KO:,} Ko)."
                 .replace(",", "\u202f"),
    "same_file": "Ce document a déjà été envoyé le {day}.",
    "period_taken": "Il n'est pas possible d'envoyer plusieurs documents pour une même période "
                    "de travail.",
    "cv_missing": "Veuillez sélectionner votre CV.",
    "cv_format": "Ce format de fichier n'est pas accepté. Formats acceptés : PDF, DOC, DOCX, ODT.",
    "message_too_long": f"Votre message ne doit pas dépasser {MESSAGE_MAX_LENGTH} caractères.",
    "already_applied": "Vous avez déjà postulé à cette offre le {day}.",
}


def document_problem(*, document_type: str, period_token: str, period_known: bool,
                     paper_token: str, paper, sent_on_by_paper: dict[str, str],
                     period_taken: bool) -> tuple[str, str] | None:
    """The first problem of « Envoyer le document », as (reason, message), or None."""
    if not document_type:
        return "type_missing", MESSAGES["type_missing"]
    if document_type not in DOCUMENT_TYPES:
        return "unknown_type", MESSAGES["unknown_type"]
    if document_type in WITH_PERIOD:
        if not period_token:
            return "period_missing", MESSAGES["period_missing"]
        if not period_known:
            return "unknown_period", MESSAGES["unknown_period"]
    problem = file_problem(paper_token, paper, DOCUMENT_FORMATS, "file_missing", "format")
    if problem:
        return problem
    if paper.token in sent_on_by_paper:
        return "same_file", MESSAGES["same_file"].format(day=date_fr(sent_on_by_paper[paper.token]))
    if period_taken:
        return "period_taken", MESSAGES["period_taken"]
    return None


def file_problem(paper_token: str, paper, formats: tuple[str, ...], missing: str,
                 wrong_format: str) -> tuple[str, str] | None:
    """A file field's own checks: chosen, readable, of an accepted format, not too large."""
    if not paper_token:
        return missing, MESSAGES[missing]
    if paper is None:
        return "unknown_file", MESSAGES["unknown_file"]
    if paper.format not in formats:
        return "format", MESSAGES[wrong_format]
    if paper.size_ko > MAX_SIZE_KO:
        return "too_large", MESSAGES["too_large"]
    return None


def covers(paper, start: str, end: str) -> bool:
    """The paper's period overlaps the work period (ISO dates)."""
    if not paper.period_start or not paper.period_end:
        return False
    return paper.period_start <= end and start <= paper.period_end


def period_label(employer: str, start: str, end: str) -> str:
    return f"{employer} – du {date_fr(start)} au {date_fr(end)}"


def application_problem(*, paper_token: str, paper, message: str,
                        applied_on: str | None) -> tuple[str, str] | None:
    if applied_on:
        return "already_applied", MESSAGES["already_applied"].format(day=date_fr(applied_on))
    problem = file_problem(paper_token, paper, CV_FORMATS, "cv_missing", "cv_format")
    if problem:
        return problem
    if len(message) > MESSAGE_MAX_LENGTH:
        return "message_too_long", MESSAGES["message_too_long"]
    return None
