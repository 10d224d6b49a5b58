from sqlite_utils.migrations import Migrations

migrations = Migrations("gestes")


@migrations()
def create_visits_and_state(db):
    # The pages seen, in order: the browser's back button is recognised as coming back to the
    # page seen just before. Kept only as long as the world.
    db["gestes_visits"].create({"id": int, "page": str}, pk="id")
    # What the learner did that pages remember: the pop-up closed, a booking made.
    db["gestes_state"].create({"key": str, "value": str}, pk="key")
