from sqlite_utils.migrations import Migrations

migrations = Migrations("telephone")


@migrations()
def create_phone_and_sms(db):
    db["phone"].create({"id": int, "number": str, "owner": str}, pk="id")
    db["sms"].create(
        {
            "id": int,
            "sender": str,  # as the phone shows it: "BANQUE CIT", "06 12 34 56 78"
            "body": str,
            "kind": str,  # code | info | scam
            "received_at": str,  # ISO timestamp, Paris time
            "read": int,
            "deleted": int,
            "reported": int,
        },
        pk="id",
        defaults={"read": 0, "deleted": 0, "reported": 0},
    )


@migrations()
def add_sms_link(db):
    # The web address an SMS carries (a scam's look-alike site), shown as a tappable link.
    db["sms"].add_column("link", str)
