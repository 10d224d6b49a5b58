"""Exercises through the coach, tap by tap over HTTP: the coach panel beside the replica must
count each step as the learner does it (``data-steps-done``), and the exercise must pass."""

from __future__ import annotations

import re

from benchmarks.learner import BOOSTED, FlowError, Learner, Step

_STEPS_DONE = re.compile(r'id="coach-panel"[^>]*data-steps-done="(\d+)"[^>]*data-status="(\w+)"')
_SMS = re.compile(r'hx-get="(/sites/telephone/sms/\d+)"')


def coach_state(html: str) -> tuple[int, str] | None:
    """(steps done, status) as the coach panel of this page shows them."""
    found = _STEPS_DONE.search(html)
    return (int(found.group(1)), found.group(2)) if found else None


async def _start(learner: Learner, scenario: str, lands_on: str) -> None:
    learner._landed(await learner.browser.get(f"/exercices/{scenario}"), "/exercices/")
    response = await learner.browser.post(
        f"/exercices/{scenario}/commencer", {"csrf_token": learner.csrf, "mode": "guide"},
        learner._post_headers())
    learner._landed(response, "/seance/fiche")
    learner.steps_done = 0
    page = learner._landed(await learner.browser.get(lands_on, BOOSTED), lands_on)
    _expect_steps(learner, page.text, 0)


def _expect_steps(learner: Learner, html: str, done: int, status: str = "running") -> None:
    state = coach_state(html)
    if state != (done, status):
        raise FlowError(f"the coach shows {state}, expected ({done}, {status!r})")
    learner.steps_done = done


async def _read_panel(learner: Learner) -> str:
    response = await learner.browser.get("/coach/panneau", {"HX-Request": "true"})
    if response.status != 200:
        raise FlowError(f"the coach panel answered {response.status}")
    return response.text


# --- « Virer de l'argent du Livret A vers le compte courant » -------------------------------

SCENARIO_TRANSFER = "banque-livret-a-vers-compte-courant"


async def transfer_start(learner: Learner) -> None:
    await _start(learner, SCENARIO_TRANSFER, "/sites/banque/connexion")
    await Learner.open_bank(learner)


async def transfer_log_in(learner: Learner) -> None:
    await Learner.log_in(learner)
    _expect_steps(learner, await _read_panel(learner), 1)


async def transfer_form(learner: Learner) -> None:
    await Learner.transfer_form(learner)
    _expect_steps(learner, await _read_panel(learner), 2)


async def transfer_submit(learner: Learner) -> None:
    await Learner.transfer_submit(learner)
    _expect_steps(learner, await _read_panel(learner), 3)


async def transfer_confirm(learner: Learner) -> None:
    await Learner.transfer_confirm(learner)
    _expect_steps(learner, await _read_panel(learner), 4, "passed")


TRANSFER_EXERCISE: list[Step] = [
    ("home", Learner.home),
    ("exercise: start (guided)", transfer_start),
    ("exercise: log in", transfer_log_in),
    ("exercise: transfer form", transfer_form),
    ("exercise: Valider", transfer_submit),
    ("exercise: Confirmer", transfer_confirm),
    ("end (wipe)", Learner.end),
]


# --- « Reconnaître un faux SMS de la banque »: the phone and the fraudulent site ------------

SCENARIO_FAKE_SMS = "banque-faux-sms"


async def sms_start(learner: Learner) -> None:
    await _start(learner, SCENARIO_FAKE_SMS, "/sites/banque/connexion")


async def sms_open_phone(learner: Learner) -> None:
    response = await learner.browser.get("/sites/telephone/", {"HX-Request": "true"})
    found = _SMS.findall(response.text)
    if response.status != 200 or not found:
        raise FlowError("the phone shows no message")
    learner.sms = found[0]


async def sms_read(learner: Learner) -> None:
    response = await learner.browser.get(learner.sms, {"HX-Request": "true"})
    if response.status != 200 or "bq-citoyenne-securite.com" not in response.text:
        raise FlowError("the fake SMS does not show its link")
    _expect_steps(learner, await _read_panel(learner), 1)


async def sms_look_at_the_fake_site(learner: Learner) -> None:
    """The learner opens the link (a mistake the coach names, not a failure of the run)."""
    response = await learner.browser.get("/sites/arnaque/", BOOSTED)
    if response.status != 200 or "Vérification de sécurité" not in response.text:
        raise FlowError("the fraudulent page did not open")


async def sms_delete(learner: Learner) -> None:
    response = await learner.browser.post(f"{learner.sms}/supprimer", {},
                                          {"HX-Request": "true", "X-CSRFToken": learner.csrf})
    if response.status != 200:
        raise FlowError(f"deleting the SMS answered {response.status}")
    _expect_steps(learner, await _read_panel(learner), 2, "passed")


FAKE_SMS_EXERCISE: list[Step] = [
    ("home", Learner.home),
    ("fake SMS: start", sms_start),
    ("fake SMS: open the phone", sms_open_phone),
    ("fake SMS: read it", sms_read),
    ("fake SMS: the fraudulent site", sms_look_at_the_fake_site),
    ("fake SMS: delete it", sms_delete),
    ("end (wipe)", Learner.end),
]
