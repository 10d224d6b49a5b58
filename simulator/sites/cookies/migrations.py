from sqlite_utils.migrations import Migrations

migrations = Migrations("cookies")


@migrations()
def create_consents(db):
    # What the learner answered on each site's banner: the banner does not come back.
    db["cookie_consents"].create({"site": str, "choice": str, "accepted": int}, pk="site")
