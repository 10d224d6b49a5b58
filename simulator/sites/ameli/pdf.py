"""The ameli account's documents as PDFs: the attestation de droits and the « Relevé mensuel »,
each marked « DOCUMENT FICTIF – EXERCICE » (simulator.pdf)."""

from __future__ import annotations

import datetime as dt

from simulator.formats import date_fr
from simulator.pdf import FictivePdf
from simulator.sites.ameli import rules

ISSUER = "L'Assurance Maladie (simulation)"
GREEN = (0, 94, 84)


def _money(cents: int) -> str:
    euros, rest = divmod(cents, 100)
    return f"{euros},{rest:02d} €"


def _document(title: str, account: dict, compress: bool) -> FictivePdf:
    doc = FictivePdf(title, issuer=ISSUER, issuer_lines=[account["caisse"]], colour=GREEN,
                     compress=compress)
    doc.add_page()
    person = account["person"]
    doc.address_block([f"{person['civilite']} {person['prenom']} {person['nom'].upper()}",
                       *person["adresse"]])
    return doc


def attestation(account: dict, today: dt.date, *, with_children: bool,
                compress: bool = True) -> bytes:
    """« Attestation de droits à l'assurance maladie »: who is covered, until when."""
    person = account["person"]
    doc = _document("Attestation de droits à l'assurance maladie", account, compress)
    doc.heading("Attestation de droits à l'assurance maladie")
    doc.line_of(f"Délivrée le {date_fr(today)}, valable à cette date.", size=10)
    doc.ln(3)
    end = dt.date(today.year + 1, today.month, 1) - dt.timedelta(days=1)
    doc.key_values([
        ("Assuré(e)", f"{person['prenom']} {person['nom'].upper()}"),
        ("Numéro de sécurité sociale", rules.spaced_nir(account["nir"], account["nir_key"])),
        ("Date de naissance", date_fr(dt.date.fromisoformat(person["naissance"]))),
        ("Régime", "Régime général"),
        ("Organisme de rattachement", account["caisse"]),
        ("Droits à l'assurance maladie", f"ouverts jusqu'au {date_fr(end)}"),
        ("Médecin traitant", account["doctor"]),
    ])
    if with_children and account["children"]:
        doc.ln(4)
        doc.line_of("Bénéficiaires rattachés à l'assuré(e)", style="B")
        doc.key_values([(f"{child['prenom']} {person['nom'].upper()}, née le "
                         f"{date_fr(dt.date.fromisoformat(child['naissance']))}",
                         f"droits ouverts jusqu'au {date_fr(end)}")
                        for child in account["children"]])
    doc.ln(4)
    doc.line_of("Cette attestation justifie vos droits à l'assurance maladie auprès des "
                "professionnels de santé, de votre employeur ou d'un organisme. Elle ne "
                "remplace pas la carte Vitale.", size=10)
    return doc.to_bytes()


def statement(account: dict, month: str, lines: list[dict], *, compress: bool = True) -> bytes:
    """« Relevé mensuel de vos remboursements »: the month's lines."""
    doc = _document(f"Relevé mensuel {month}", account, compress)
    doc.heading(f"Relevé mensuel de vos remboursements – {month}")
    doc.ln(2)
    for line in lines:
        money = line["money"]
        care = date_fr(dt.date.fromisoformat(line["care_on"]))
        doc.line_of(f"{line['act']} – {line['beneficiary']} – soins du {care}", style="B",
                    size=10)
        doc.key_values([
            ("Montant payé", _money(money.spent)),
            ("Base de remboursement", _money(money.base)),
            ("Taux de remboursement", f"{money.rate} %"),
            ("Participation forfaitaire ou franchise", f"- {_money(money.deducted)}"),
            ("Montant remboursé" + (" (tiers payant : versé au professionnel)"
                                    if line["third_party"] else ""), _money(money.reimbursed)),
        ])
        doc.ln(3)
    return doc.to_bytes()
