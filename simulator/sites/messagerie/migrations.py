from sqlite_utils.migrations import Migrations

migrations = Migrations("messagerie")


@migrations()
def create_mailbox(db):
    db["mailbox"].create({"id": int, "address": str, "owner": str}, pk="id")
    db["mails"].create(
        {
            "id": int,
            "token": str,  # what the drawer's links carry (random per world)
            "sender_name": str,  # « impots.gouv.fr », « Service des impôts »
            "sender_address": str,  # ne-pas-repondre@dgfip.finances.gouv.fr
            "subject": str,
            "body": str,  # paragraphs separated by a blank line
            "kind": str,  # info | code | scam
            "topic": str,  # what the mail is about, for scenarios: impots.activation…
            "links": str,  # JSON list of the web addresses written in the body
            "folder": str,  # inbox | spam (« Courrier indésirable »)
            "received_at": str,  # ISO timestamp, Paris time
            "read": int,
            "deleted": int,
            "reported": int,
        },
        pk="id",
        defaults={"read": 0, "deleted": 0, "reported": 0, "folder": "inbox", "topic": "",
                  "links": "[]", "kind": "info"},
    )
    db["mails"].create_index(["token"], unique=True)
