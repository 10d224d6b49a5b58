"""The médiathèque's pages. Each page view is reported (``gestes.page.viewed``), with whether
the learner came back to it with the browser's back button or reloaded it."""

from __future__ import annotations

from flask import abort, render_template, request, url_for

from simulator import htmx
from simulator.events import emit
from simulator.sites.gestes import bp, rules, store
from simulator.world import current_world


def _page(template: str, page: str, **context):
    """Render a page of the site and report it; a fragment swapped by htmx is not a visit."""
    if not htmx.wants_fragment():
        before = store.record_visit(current_world().db, page)
        linked = htmx.followed_a_link()
        emit("gestes.page.viewed", page=page,
             back=rules.came_back(page, before, link_followed=linked),
             reloaded=rules.reloaded(page, before, link_followed=linked))
    return render_template(template, here=page, **context)


@bp.get("/")
def home():
    return _page("gestes/pages/home.html", "accueil", popup=_popup_wanted())


def _popup_wanted() -> bool:
    world = current_world()
    return (world.option("gestes.popup") == "shown"
            and store.recalled(world.db, "popup_closed") is None)


@bp.get("/fenetre")
def popup():
    """The pop-up, once the cookie banner is answered (as real sites open it after)."""
    return render_template("gestes/partials/_popup.html") if _popup_wanted() else ""


@bp.post("/fenetre/fermer")
def close_popup():
    how = "non-merci" if request.form.get("comment") == "non-merci" else "fermer"
    store.remember(current_world().db, "popup_closed", how)
    emit("gestes.popup.closed", how=how)
    if htmx.wants_fragment():
        return ""  # the pop-up swaps itself out
    return htmx.redirect(url_for("gestes.home"))


@bp.get("/horaires")
def hours():
    day = request.args.get("jour", "")
    if day not in rules.DAYS:
        day = ""
    if day:
        emit("gestes.hours.viewed", day=day)
    context = {"days": rules.DAYS, "day": day,
               "sentence": rules.hours_sentence(day) if day else None}
    if htmx.wants_fragment():
        return render_template("gestes/partials/_hours_result.html", **context)
    return _page("gestes/pages/hours.html", "horaires", **context)


@bp.get("/agenda")
def agenda():
    return _page("gestes/pages/agenda.html", "agenda", items=rules.AGENDA)


@bp.post("/defilement")
def scrolled():
    """The end of a long page came into view (htmx's « intersect » trigger)."""
    page = request.args.get("page", "")
    if page in ("agenda",):
        emit("gestes.page.scrolled", page=page)
    return ""


@bp.get("/agenda/<slug>")
def agenda_item(slug: str):
    item = rules.AGENDA_BY_SLUG.get(slug) or abort(404)
    return _page("gestes/pages/agenda_item.html", f"agenda/{slug}", item=item)


@bp.route("/agenda/atelier-numerique/inscription", methods=["GET", "POST"])
def booking():
    db = current_world().db
    if request.method == "GET":
        return _page("gestes/pages/booking.html", "agenda/atelier-numerique/inscription",
                     slots=rules.SLOTS, chosen=None, accepted=False, error=None)
    slot = request.form.get("creneau")
    accepted = request.form.get("reglement") == "oui"
    problem = rules.booking_problem(slot, accepted)
    if problem:
        emit("gestes.booking.refused", reason=problem)
        return htmx.render("gestes/pages/booking.html", slots=rules.SLOTS,
                           chosen=slot if slot in rules.SLOTS else None, accepted=accepted,
                           error=rules.BOOKING_MESSAGES[problem],
                           here="agenda/atelier-numerique/inscription")
    store.remember(db, "booking", slot)
    emit("gestes.booking.confirmed", slot=slot)
    return htmx.redirect(url_for("gestes.booked"))


@bp.get("/agenda/atelier-numerique/reservation")
def booked():
    slot = store.recalled(current_world().db, "booking")
    if slot not in rules.SLOTS:
        return htmx.redirect(url_for("gestes.booking"))
    return _page("gestes/pages/booked.html", "agenda/atelier-numerique/reservation",
                 slot=rules.SLOTS[slot])


@bp.post("/choix")
def choice():
    """A round choice or the box of the booking form was tapped: the coach follows each tap."""
    name = request.args.get("nom", "")
    if name == "creneau":
        value = request.form.get("creneau", "")
        if value in rules.SLOTS:
            emit("gestes.choice.changed", name=name, value=value, checked=True)
    elif name == "reglement":
        checked = request.form.get("reglement") == "oui"
        emit("gestes.choice.changed", name=name, value="oui", checked=checked)
    return ""


@bp.get("/catalogue")
def catalogue():
    words = request.args.get("q")
    found = None
    if words is not None:
        words = words[:100]
        found = rules.search(words)
        emit("gestes.search.done", words=words.strip(), found=len(found))
    return _page("gestes/pages/catalogue.html", "catalogue", words=words, found=found)


@bp.route("/lettre", methods=["GET", "POST"])
def letter():
    if request.method == "GET":
        return _page("gestes/pages/letter.html", "lettre", error=None, email="")
    email = (request.form.get("email") or "")[:200]
    problem = rules.email_problem(email)
    if problem:
        emit("gestes.newsletter.refused", reason=problem)
        return htmx.render("gestes/pages/letter.html", error=rules.EMAIL_MESSAGES[problem],
                           email=email, here="lettre")
    # The address is compared by the coach, then forgotten: nothing is stored.
    emit("gestes.newsletter.subscribed", email=email.strip())
    return htmx.redirect(url_for("gestes.letter_thanks"))


@bp.get("/lettre/merci")
def letter_thanks():
    return _page("gestes/pages/letter_thanks.html", "lettre/merci")


@bp.get("/actualites")
def news():
    return _page("gestes/pages/news.html", "actualites")


@bp.get("/actualites/<slug>")
def news_item(slug: str):
    if slug not in ("horaires-ete", "portage"):
        abort(404)
    return _page(f"gestes/pages/news_{slug.replace('-', '_')}.html", f"actualites/{slug}")


@bp.route("/apprendre/adresse", methods=["GET", "POST"])
def quiz():
    db = current_world().db
    if request.method == "POST":
        question = request.form.get("question", "")
        answer = request.form.get("reponse", "")
        if question in rules.QUIZ and answer in dict(rules.QUIZ[question]["answers"]):
            store.remember(db, f"quiz:{question}", answer)
            emit("gestes.quiz.answered", question=question, answer=answer,
                 right=rules.quiz_right(question, answer))
        return htmx.render("gestes/pages/quiz.html", "gestes/partials/_quiz.html",
                           quiz=rules.QUIZ, answered=_answers(db), here="apprendre/adresse")
    return _page("gestes/pages/quiz.html", "apprendre/adresse", quiz=rules.QUIZ,
                 answered=_answers(db))


def _answers(db) -> dict[str, dict]:
    answered = {}
    for question in rules.QUIZ:
        answer = store.recalled(db, f"quiz:{question}")
        if answer is not None:
            answered[question] = {"answer": answer, "right": rules.quiz_right(question, answer)}
    return answered
