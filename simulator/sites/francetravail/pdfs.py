"""The documents France Travail (simulation) hands out as PDFs, each marked « DOCUMENT FICTIF –
EXERCICE » (simulator.pdf): the receipt of an actualisation, an avis de paiement, the
attestation d'inscription, and any other courrier."""

from __future__ import annotations

import datetime as dt

from simulator.formats import date_fr, euros
from simulator.pdf import FictivePdf
from simulator.sites.francetravail.rules import actualisation as questions
from simulator.sites.francetravail.rules.calendar import Period

ISSUER = "France Travail (simulation)"
COLOUR = (61, 44, 110)


def _pdf(title: str, account: dict) -> FictivePdf:
    pdf = FictivePdf(title, issuer=ISSUER, issuer_lines=account["agency_lines"], colour=COLOUR)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.address_block([f"{account['civilite']} {account['first_name']} "
                       f"{account['last_name']}".upper(), *account["address_lines"]])
    pdf.line_of(f"Identifiant : {account['identifiant']}", size=10)
    pdf.ln(2)
    pdf.heading(title)
    return pdf


def receipt(account: dict, declaration: dict) -> bytes:
    period = Period.parse(declaration["period"])
    pdf = _pdf(f"Récapitulatif de votre actualisation – {period.label()}", account)
    declared = dt.datetime.fromisoformat(declaration["declared_at"])
    pdf.line_of(f"Déclaration enregistrée le {declared:%d/%m/%Y} à {declared:%H:%M}, "
                f"numéro {declaration['reference']}.")
    pdf.ln(2)
    answers = declaration["answers"]
    rows = [(questions.TRAINING.label, _yes_no(answers.get("formation")))]
    for question in questions.SITUATION:
        rows.append((question.label, _yes_no(answers.get(question.name))))
        for sub in question.sub:
            if answers.get(sub.name):
                shown = questions.MOTIFS.get(answers[sub.name], answers[sub.name])
                rows.append((f"   {sub.label}", shown + (" €" if sub.kind == "amount" else "")))
    pdf.key_values(rows, widths=(3, 1))
    return pdf.to_bytes()


def avis_de_paiement(account: dict, payment: dict) -> bytes:
    period = Period.parse(payment["month"])
    pdf = _pdf(f"Avis de paiement – {period.label()}", account)
    pdf.line_of(f"Paiement du {date_fr(payment['paid_on'])} sur votre compte bancaire.")
    pdf.ln(2)
    pdf.key_values([
        ("Allocation", "Allocation d'aide au retour à l'emploi (ARE)"),
        ("Période", f"du {date_fr(period.first_day())} au {date_fr(period.last_day())}"),
        ("Nombre de jours indemnisés", str(payment["days"])),
        ("Montant journalier brut", euros(account["daily_gross_cents"])),
        ("Montant brut", euros(payment["gross_cents"])),
        ("Participation au financement des retraites complémentaires",
         "-" + euros(payment["pension_cents"])),
        ("CSG et CRDS", "-" + euros(payment["csg_cents"])),
        ("Montant net versé", euros(payment["net_cents"])),
    ], widths=(3, 2))
    return pdf.to_bytes()


def attestation_inscription(account: dict, registered_on: str, appointment: str | None) -> bytes:
    pdf = _pdf("Attestation d'inscription comme demandeur d'emploi", account)
    pdf.line_of(f"Nous attestons que {account['civilite']} {account['first_name']} "
                f"{account['last_name']} est inscrit(e) comme demandeur d'emploi depuis le "
                f"{date_fr(registered_on)}.")
    if appointment:
        when = dt.datetime.fromisoformat(appointment)
        pdf.ln(2)
        pdf.line_of(f"Premier rendez-vous : le {when:%d/%m/%Y} à {when:%H:%M}, "
                    f"{account['agency_lines'][0] if account['agency_lines'] else ''}.")
    return pdf.to_bytes()


def courrier(account: dict, subject: str, day: str, lines: list[str]) -> bytes:
    pdf = _pdf(subject, account)
    pdf.line_of(f"Le {date_fr(day)}")
    pdf.ln(2)
    for line in lines or ["Ce courrier est disponible dans votre espace personnel."]:
        pdf.line_of(line)
    return pdf.to_bytes()


def _yes_no(answer: str | None) -> str:
    return {"OUI": "Oui", "NON": "Non"}.get(answer or "", "—")
