"""The tax documents as PDFs marked « DOCUMENT FICTIF – EXERCICE »: the avis d'impôt and the
accusé de réception of a declaration (simulator.pdf.FictivePdf)."""

from __future__ import annotations

from simulator.formats import date_fr
from simulator.pdf import FictivePdf
from simulator.sites.impots.rules import spaced_fiscal
from simulator.sites.impots.store import Document

ISSUER = "impots.gouv.fr (simulation)"
ISSUER_LINES = ["Direction générale des Finances publiques", "Document d'exercice"]
NAVY = (29, 58, 107)


def _euros(amount: int) -> str:
    return f"{amount:,} €".replace(",", "\u00a0")


def render(document: Document, taxpayer: dict) -> tuple[bytes, str]:
    """The PDF of a document, and its file name."""
    person = taxpayer["person"]
    pdf = FictivePdf(document.title, issuer=ISSUER, issuer_lines=ISSUER_LINES, colour=NAVY)
    pdf.add_page()
    pdf.address_block([f"{person['civilite']} {person['nom'].upper()} {person['prenom'].upper()}",
                       *[line.upper() for line in person["adresse"]]])
    pdf.heading(document.title)
    content = document.content
    references = [("Numéro fiscal", spaced_fiscal(taxpayer["numero_fiscal"]))]
    if document.kind == "avis":
        result = content["result"]
        references += [("Référence de l'avis", content["reference"]),
                       ("Revenu fiscal de référence", _euros(result["net_income"])),
                       ("Nombre de parts", result["parts"])]
        pdf.line_of("Vos références", size=12, style="B")
        pdf.key_values(references)
        pdf.ln(4)
        pdf.line_of("Détail de votre imposition", size=12, style="B")
        rows = [("Salaires déclarés (1AJ)", _euros(result["salaries"])),
                ("Déduction de 10 % pour frais professionnels", _euros(result["deduction"])),
                ("Revenu net imposable", _euros(result["net_income"])),
                ("Impôt sur le revenu (barème)", _euros(result["tax_gross"])),
                ("Décote", _euros(result["decote"])),
                ("Impôt sur le revenu net", _euros(result["tax_due"])),
                ("Crédit d'impôt pour frais de garde des jeunes enfants",
                 _euros(result["childcare_credit"]))]
        balance = result["balance"]
        rows.append(("Montant qui vous a été remboursé" if balance < 0 else
                     "Montant de votre impôt", _euros(abs(balance))))
        pdf.key_values(rows)
        pdf.ln(4)
        pdf.line_of("Conservez cet avis : il vous sera demandé pour de nombreuses démarches "
                    "(logement, aides, crèche…).", size=10)
        name = f"avis_impot_{document.year}_revenus_{content['income_year']}.pdf"
    else:
        references += [("Numéro d'accusé de réception", content["reference"]),
                       ("Date de signature", date_fr(content["signed_at"][:10]) + " à "
                        + content["signed_at"][11:16])]
        pdf.key_values(references)
        pdf.ln(4)
        pdf.line_of(f"Votre déclaration des revenus de {content['income_year']} a bien été "
                    "reçue par l'administration fiscale.", size=11)
        rows = [("Salaires (1AJ)", _euros(content.get("salaries") or 0))]
        for box, amount in zip(("7GA", "7GB", "7GC"), content.get("childcare") or [],
                               strict=False):
            rows.append((f"Frais de garde des enfants de moins de 6 ans ({box})", _euros(amount)))
        balance = content["balance"]
        rows.append(("Estimation : montant qui vous sera remboursé" if balance < 0 else
                     "Estimation : montant de votre impôt", _euros(abs(balance))))
        pdf.key_values(rows)
        pdf.ln(4)
        pdf.line_of("Conservez cet accusé de réception. Vous pouvez corriger votre déclaration "
                    "en ligne depuis votre espace particulier.", size=10)
        name = f"accuse_reception_revenus_{content['income_year']}.pdf"
    return pdf.to_bytes(), name
