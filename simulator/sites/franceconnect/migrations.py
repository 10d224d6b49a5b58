from sqlite_utils.migrations import Migrations

migrations = Migrations("franceconnect")


@migrations()
def create_franceconnect(db):
    # One login through FranceConnect, from the service's button to its return (an OpenID
    # Connect authorisation request). state and nonce are drawn at random for each one; the
    # code is single-use. Another world's state or code finds nothing here.
    db["fc_requests"].create(
        {
            "id": int,
            "service": str,  # the service's key: impots
            "state": str,
            "nonce": str,
            "provider": str,  # chosen provider, or None
            "status": str,  # started | at_provider | authenticated | code_issued | consumed
            "code": str,  # the authorisation code given to the service's return, once
            "created_at": float,  # epoch seconds (real time: expiry is about minutes)
            "code_at": float,
        },
        pk="id",
    )
    db["fc_requests"].create_index(["state"], unique=True)
    # The persona's FranceConnect session (logged in through a provider, until « se déconnecter
    # de FranceConnect »): the next service goes straight to « Continuer sur … ».
    db["fc_session"].create({"id": int, "provider": str, "connected": int}, pk="id",
                            defaults={"connected": 0})
    # The persona's accounts at the simulated providers (fictional, from the persona file).
    db["fc_accounts"].create({"provider": str, "identifiant": str, "secret": str,
                              "failures": int}, pk="provider", defaults={"failures": 0})
    # What FranceConnect knows of the person (the « identité pivot »), one row.
    db["fc_identity"].create({"id": int, "given_name": str, "family_name": str,
                              "birthdate": str, "birthplace": str, "gender": str}, pk="id")
