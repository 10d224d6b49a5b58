"""The CAF's documents as PDFs marked « DOCUMENT FICTIF – EXERCICE »: the attestation de
paiement, the attestation de quotient familial, the justificatif of a quarterly declaration."""

from __future__ import annotations

import datetime as dt

from simulator.formats import date_fr, euros, month_year_fr
from simulator.pdf import FictivePdf

ISSUER = "Caf (simulation)"
ISSUER_LINES = ["Caisse d'allocations familiales du Rhône", "Document d'exercice"]
TEAL = (0, 94, 110)
COMPRESS = True  # tests read the text of uncompressed ones


def _start(title: str, allocataire: dict, today: dt.date) -> FictivePdf:
    person = allocataire["person"]
    pdf = FictivePdf(title, issuer=ISSUER, issuer_lines=ISSUER_LINES, colour=TEAL,
                     compress=COMPRESS)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.address_block([f"{person['civilite']} {person['prenom'].upper()} "
                       f"{person['nom'].upper()}", *allocataire["address_lines"]])
    pdf.line_of(f"Fait le {date_fr(today)}", size=10)
    pdf.line_of(f"Numéro de dossier (numéro allocataire) : {allocataire['numero_allocataire']}",
                size=10)
    pdf.ln(2)
    pdf.heading(title)
    return pdf


def payment_attestation(allocataire: dict, payments: list[dict], months: int,
                        today: dt.date) -> tuple[bytes, str]:
    pdf = _start("Attestation de paiement", allocataire, today)
    person = allocataire["person"]
    pdf.line_of(f"La Caf atteste avoir versé à {person['civilite']} {person['prenom']} "
                f"{person['nom'].upper()} les prestations suivantes au cours des {months} "
                "derniers mois :")
    pdf.ln(2)
    rows = [("Versé le – prestation – mois concerné", "Montant")]
    for payment in payments:
        month = month_year_fr(dt.date.fromisoformat(payment["period"]))
        rows.append((f"{date_fr(payment['paid_on'])} – {payment['aid']} – {month}",
                     euros(payment["amount"])))
    rows.append(("Total versé", euros(sum(p["amount"] for p in payments))))
    pdf.key_values(rows, widths=(3, 1))
    pdf.ln(3)
    pdf.line_of("Attestation délivrée pour servir et valoir ce que de droit.", size=10)
    return pdf.to_bytes(), f"attestation_paiement_caf_{today:%Y%m%d}.pdf"


def quotient_attestation(allocataire: dict, quotient: int, today: dt.date) -> tuple[bytes, str]:
    pdf = _start("Attestation de quotient familial", allocataire, today)
    pdf.line_of(f"Quotient familial au {date_fr(today.replace(day=1))} : {quotient} €")
    pdf.line_of("Le quotient familial sert à calculer certains tarifs (cantine, centre de "
                "loisirs, crèche).", size=10)
    return pdf.to_bytes(), f"attestation_quotient_familial_{today:%Y%m%d}.pdf"


def declaration_receipt(allocataire: dict, declaration: dict, label: str, rows: list,
                        today: dt.date) -> tuple[bytes, str]:
    pdf = _start("Déclaration trimestrielle de ressources – justificatif", allocataire, today)
    sent = dt.datetime.fromisoformat(declaration["sent_at"])
    pdf.line_of(f"Ressources de {label}")
    pdf.line_of(f"Déclaration reçue le {date_fr(sent.date())} à {sent:%H:%M}, numéro "
                f"{declaration['reference']}.")
    pdf.ln(2)
    pdf.key_values([(what, euros(cents)) for what, cents in rows], widths=(3, 1))
    return pdf.to_bytes(), f"declaration_trimestrielle_{declaration['quarter']}.pdf"
