"""xAPI statements for one attempt, in the cmi5 discipline (pure functions, no database).

An attempt is one launch of a cmi5 « assignable unit »: ``initialized`` first, one
``interacted`` per step done, then ``completed`` (every step done), ``passed`` or ``failed`` (the
only ones with a score, scaled 0–1 against the mastery score), and ``terminated`` last; or
``abandoned`` when the attempt ends before that (« Arrêter », another exercise, « Terminer »,
inactivity, the adviser). Reference: real-sites-and-anchors.md §3.1–3.3 (xAPI, ADL verbs, cmi5
§9.3–9.5) and §3.5 (the statement design).

Statements built here have no ``id`` and no ``timestamp``: the outbox fixes both when it queues
them (:func:`stamped`), so every retry sends the very same statement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

ADL = "http://adlnet.gov/expapi/verbs/"  # the classic ADL verbs are http://, not https://
ADL_W3ID = "https://w3id.org/xapi/adl/verbs/"

#: short name → (IRI, en-US display, fr-FR display as ADL ships it)
VERBS: dict[str, tuple[str, str, str]] = {
    "initialized": (ADL + "initialized", "initialized", "a initialisé"),
    "interacted": (ADL + "interacted", "interacted", "a interagi"),
    "completed": (ADL + "completed", "completed", "a terminé"),
    "passed": (ADL + "passed", "passed", "a réussi"),
    "failed": (ADL + "failed", "failed", "a échoué"),
    "terminated": (ADL + "terminated", "terminated", "a terminé"),
    "abandoned": (ADL_W3ID + "abandoned", "abandoned", "a abandonné"),
    "attempted": (ADL + "attempted", "attempted", "a essayé"),
    "answered": (ADL + "answered", "answered", "a répondu"),
}

ACTIVITY_SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
ACTIVITY_INTERACTION = "http://adlnet.gov/expapi/activities/interaction"
ACTIVITY_ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
ACTIVITY_PERFORMANCE = "http://adlnet.gov/expapi/activities/performance"
ACTIVITY_CMI_INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"

CMI5 = "https://w3id.org/xapi/cmi5/"
CMI5_SESSIONID = CMI5 + "context/extensions/sessionid"
CMI5_MASTERYSCORE = CMI5 + "context/extensions/masteryscore"
CMI5_CATEGORY = CMI5 + "context/categories/cmi5"
CMI5_MOVEON = CMI5 + "context/categories/moveon"

PLATFORM = "Pas à pas"

# Our own extensions, as paths under the configured home page (see :func:`extension`).
EXT_MODE = "mode"  # guide | entrainement | autonomie
EXT_SITE = "site"  # the replica: banque, impots…
EXT_HINTS = "hints-used"  # the highest rung of the hint ladder reached on the step (0–3)
EXT_HIGHLIGHT = "highlight"  # the highlight with its arrow was shown
EXT_MISTAKES = "mistakes"  # mistakes the coach recognised on the step
EXT_CRITICAL = "critical-mistake"  # e.g. codes given to a scam site: the step is worth nothing
EXT_OUTCOME = "outcome"  # alone | hints | highlight | mistakes (the adviser's funnel)
EXT_END_REASON = "end-reason"  # why an attempt was abandoned
EXT_WRONG = "wrong-taps"  # a diagnostic task: taps that went elsewhere before it was done
EXT_PROPOSAL = "proposal"  # the diagnostic's proposal: [{parcours, mode, rule}]


@dataclass(frozen=True)
class AttemptFacts:
    """What every statement of one attempt shares."""

    homepage: str  # e.g. https://kiosque.example.org (no trailing slash)
    actor_name: str  # the learner code, or an anonymous guest id: never a name or an e-mail
    registration: str  # a UUID for this attempt
    session_id: str  # cmi5 session id: a UUID for this attempt, never the kiosk cookie
    scenario_id: str
    scenario_title: dict[str, str]  # {lang: text}
    mastery: float | None
    mode: str
    site: str
    lang: str


@dataclass(frozen=True)
class StepFacts:
    index: int
    step_id: str
    name: dict[str, str]  # {lang: text}
    hint_level: int
    highlight: bool
    mistakes: int
    critical: bool
    outcome: str
    seconds: float


def extension(facts: AttemptFacts, name: str) -> str:
    return f"{facts.homepage}/xapi/extensions/{name}"


def scenario_iri(facts: AttemptFacts) -> str:
    return f"{facts.homepage}/xapi/activities/scenario/{facts.scenario_id}"


def step_iri(facts: AttemptFacts, step_id: str) -> str:
    return f"{scenario_iri(facts)}/step/{step_id}"


def iso_duration(seconds: float) -> str:
    """ISO 8601 duration with xAPI's 0.01 s precision: 372.5 → ``PT6M12.5S``."""
    hundredths = max(0, round(seconds * 100))
    hours, rest = divmod(hundredths, 360_000)
    minutes, rest = divmod(rest, 6_000)
    whole, fraction = divmod(rest, 100)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    if fraction:
        text += f"{whole}.{fraction:02d}".rstrip("0") + "S"
    elif whole or text == "PT":
        text += f"{whole}S"
    return text


def iso_timestamp(epoch: float) -> str:
    """UTC with milliseconds: the outbox spaces an attempt's statements by 1 ms at least."""
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="milliseconds")


def stamped(statement: dict, statement_id: str, epoch: float) -> dict:
    return {"id": statement_id, "timestamp": iso_timestamp(epoch), **statement}


# --- the statements ---------------------------------------------------------------------------

def initialized(facts: AttemptFacts) -> dict:
    return _statement(facts, "initialized", cmi5=True)


def step_done(facts: AttemptFacts, step: StepFacts) -> dict:
    """One per step done (a « cmi5 allowed » statement: free verb, same session id)."""
    statement = _statement(facts, "interacted", cmi5=False)
    statement["object"] = {
        "objectType": "Activity",
        "id": step_iri(facts, step.step_id),
        "definition": {"type": ACTIVITY_INTERACTION, "name": dict(step.name)},
    }
    statement["result"] = {
        "success": not step.critical,
        "duration": iso_duration(step.seconds),
        "extensions": {
            extension(facts, EXT_HINTS): step.hint_level,
            extension(facts, EXT_HIGHLIGHT): step.highlight,
            extension(facts, EXT_MISTAKES): step.mistakes,
            extension(facts, EXT_CRITICAL): step.critical,
            extension(facts, EXT_OUTCOME): step.outcome,
        },
    }
    statement["context"]["contextActivities"] = {"parent": [_scenario_activity(facts)]}
    return statement


def completed(facts: AttemptFacts, seconds: float) -> dict:
    statement = _statement(facts, "completed", cmi5=True, moveon=True)
    statement["result"] = {"completion": True, "duration": iso_duration(seconds)}
    return statement


def judged(facts: AttemptFacts, score: float, seconds: float, *, passed: bool) -> dict:
    """``passed`` or ``failed``: cmi5 allows a score only here, and a scaled score that
    contradicts the verb (a failed attempt at or above the mastery score, when an irreversible
    mistake stopped a nearly finished exercise) is left out rather than bent."""
    statement = _statement(facts, "passed" if passed else "failed", cmi5=True, moveon=True)
    result: dict = {"success": passed, "duration": iso_duration(seconds)}
    scaled = round(min(1.0, max(0.0, score)), 4)
    if facts.mastery is None or (scaled >= facts.mastery) == passed:
        result = {"score": {"scaled": scaled}, **result}
    statement["result"] = result
    return statement


def terminated(facts: AttemptFacts, seconds: float) -> dict:
    statement = _statement(facts, "terminated", cmi5=True)
    statement["result"] = {"duration": iso_duration(seconds)}
    return statement


def abandoned(facts: AttemptFacts, seconds: float, reason: str) -> dict:
    """The attempt ended before ``terminated``; reason: stopped (« Arrêter »), restarted
    (another exercise), finished (« Terminer »), expired (inactivity), adviser."""
    statement = _statement(facts, "abandoned", cmi5=True)
    statement["result"] = {"duration": iso_duration(seconds),
                           "extensions": {extension(facts, EXT_END_REASON): reason}}
    return statement


def _statement(facts: AttemptFacts, verb: str, *, cmi5: bool, moveon: bool = False) -> dict:
    iri, english, french = VERBS[verb]
    context: dict = {
        "registration": facts.registration,
        "platform": PLATFORM,
        "language": facts.lang,
        "extensions": {
            CMI5_SESSIONID: facts.session_id,
            extension(facts, EXT_MODE): facts.mode,
            extension(facts, EXT_SITE): facts.site,
        },
    }
    if facts.mastery is not None:
        context["extensions"][CMI5_MASTERYSCORE] = round(facts.mastery, 4)
    if cmi5:
        categories = [{"id": CMI5_CATEGORY}] + ([{"id": CMI5_MOVEON}] if moveon else [])
        context["contextActivities"] = {"category": categories}
    return {
        "actor": {"objectType": "Agent",
                  "account": {"homePage": facts.homepage, "name": facts.actor_name}},
        "verb": {"id": iri, "display": {"en-US": english, "fr-FR": french}},
        "object": _scenario_activity(facts),
        "context": context,
    }


def _scenario_activity(facts: AttemptFacts) -> dict:
    return {"objectType": "Activity", "id": scenario_iri(facts),
            "definition": {"type": ACTIVITY_SIMULATION, "name": dict(facts.scenario_title)}}


# --- « Par où commencer ? »: the entry diagnostic, statements of its own -------------------------
#
# The diagnostic is an assessment (``…/xapi/activities/diagnostic``): ``initialized``, one
# ``attempted`` per practical task (an activity of type performance; result.response says what
# the task showed: a_l_aise, hesitant or pas_encore), one ``answered`` per question (a
# cmi.interaction of type choice: sait, pas_sur, ne_sait_pas), ``completed`` with the proposal
# when it reached its end, ``terminated`` last. No score anywhere: it is not an exam.

DIAGNOSTIC_NAME = {"fr-FR": "Par où commencer ?", "en-US": "Where to start?"}
ANSWER_NAMES = {"sait": "Je sais faire", "pas_sur": "Je ne suis pas sûr",
                "ne_sait_pas": "Je ne sais pas"}


@dataclass(frozen=True)
class DiagnosticFacts:
    homepage: str
    actor_name: str  # the learner code, or a guest's anonymous id
    registration: str  # a UUID for this diagnostic
    session_id: str  # its cmi5 session id (a UUID, never the kiosk cookie)
    lang: str


def diagnostic_iri(facts: DiagnosticFacts) -> str:
    return f"{facts.homepage}/xapi/activities/diagnostic"


def diagnostic_started(facts: DiagnosticFacts) -> dict:
    return _diagnostic_statement(facts, "initialized")


def diagnostic_task(facts: DiagnosticFacts, task_id: str, gesture: dict[str, str],
                    outcome: str, wrong: int, seconds: float) -> dict:
    statement = _diagnostic_statement(facts, "attempted")
    statement["object"] = {
        "objectType": "Activity", "id": f"{diagnostic_iri(facts)}/task/{task_id}",
        "definition": {"type": ACTIVITY_PERFORMANCE, "name": dict(gesture)}}
    done = outcome != "pas_encore"
    statement["result"] = {"success": done, "completion": done, "response": outcome,
                           "duration": iso_duration(seconds),
                           "extensions": {_ext(facts, EXT_WRONG): wrong}}
    statement["context"]["contextActivities"] = {"parent": [_diagnostic_activity(facts)]}
    return statement


def diagnostic_answer(facts: DiagnosticFacts, question_id: str, text: dict[str, str],
                      answer: str) -> dict:
    statement = _diagnostic_statement(facts, "answered")
    statement["object"] = {
        "objectType": "Activity", "id": f"{diagnostic_iri(facts)}/question/{question_id}",
        "definition": {
            "type": ACTIVITY_CMI_INTERACTION, "name": dict(text), "interactionType": "choice",
            "choices": [{"id": key, "description": {"fr-FR": name}}
                        for key, name in ANSWER_NAMES.items()]}}
    statement["result"] = {"response": answer}
    statement["context"]["contextActivities"] = {"parent": [_diagnostic_activity(facts)]}
    return statement


def diagnostic_completed(facts: DiagnosticFacts, seconds: float, proposal: list[dict]) -> dict:
    statement = _diagnostic_statement(facts, "completed")
    statement["result"] = {"completion": True, "duration": iso_duration(seconds),
                           "extensions": {_ext(facts, EXT_PROPOSAL): proposal}}
    return statement


def diagnostic_terminated(facts: DiagnosticFacts, seconds: float,
                          reason: str | None = None) -> dict:
    """Last; ``reason`` when it ended before its end (stopped: « Arrêter »; finished,
    expired, adviser: the session ended)."""
    statement = _diagnostic_statement(facts, "terminated")
    statement["result"] = {"duration": iso_duration(seconds)}
    if reason:
        statement["result"]["extensions"] = {_ext(facts, EXT_END_REASON): reason}
    return statement


def _ext(facts: DiagnosticFacts, name: str) -> str:
    return f"{facts.homepage}/xapi/extensions/{name}"


def _diagnostic_activity(facts: DiagnosticFacts) -> dict:
    return {"objectType": "Activity", "id": diagnostic_iri(facts),
            "definition": {"type": ACTIVITY_ASSESSMENT, "name": dict(DIAGNOSTIC_NAME)}}


def _diagnostic_statement(facts: DiagnosticFacts, verb: str) -> dict:
    iri, english, french = VERBS[verb]
    return {
        "actor": {"objectType": "Agent",
                  "account": {"homePage": facts.homepage, "name": facts.actor_name}},
        "verb": {"id": iri, "display": {"en-US": english, "fr-FR": french}},
        "object": _diagnostic_activity(facts),
        "context": {"registration": facts.registration, "platform": PLATFORM,
                    "language": facts.lang,
                    "extensions": {CMI5_SESSIONID: facts.session_id}},
    }
