from sqlite_utils.migrations import Migrations

migrations = Migrations("papiers")


@migrations()
def create_papers(db):
    db["papers"].create(
        {
            "id": int,
            "token": str,  # what forms and URLs carry (random per world)
            "slug": str,  # the paper's id in the persona file: avis-impot
            "kind": str,  # bulletin_salaire, attestation_employeur, avis_impot, rib, cv…
            "title": str,
            "file_name": str,  # as a site shows a chosen file: attestation_employeur.pdf
            "format": str,  # PDF, JPG, PNG, HEIC, DOCX…
            "size_ko": int,
            "period_start": str,  # ISO dates of the period the paper covers, or None
            "period_end": str,
            "content": str,  # JSON: issuer, fields, lines, as they are drawn
            "position": int,
        },
        pk="id",
    )
    db["papers"].create_index(["token"], unique=True)
