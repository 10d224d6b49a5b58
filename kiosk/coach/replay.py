"""Playing a scenario's solution (or a mistake path) in Chromium, as a learner would tap it.

Used by the test suite (every scenario is a regression test of the replicas) and by
``run_kiosk.py scenarios replay FILE`` for authors. Playwright is imported by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kiosk.coach.model import Action, Scenario, placeholder_names
from simulator.personas import load_persona

SCOPES = {"page": "#replica", "phone": "#phone-drawer", "mail": "#mail-drawer",
          "papers": "#papers-drawer",
          "coach": "#coach-panel", "kiosk": "body"}
MODE_LABELS = {"guide": "Guidé", "entrainement": "Entraînement", "autonomie": "Autonomie"}


class ReplayError(AssertionError):
    pass


@dataclass
class Replay:
    scenario: Scenario
    steps_done: list[str] = field(default_factory=list)
    feedback_seen: list[str] = field(default_factory=list)
    finished: bool = False
    log: list[str] = field(default_factory=list)


def resolve(text: str, scenario: Scenario) -> str:
    """``{persona.banque.code_secret}`` → the persona's value."""
    persona = load_persona(scenario.persona).model_dump()
    for name in placeholder_names(text):
        value: Any = {"persona": persona}
        for part in name.split("."):
            if not isinstance(value, dict) or part not in value:
                raise ReplayError(f"placeholder {{{name}}}: no such value in the persona")
            value = value[part]
        text = text.replace(f"{{{name}}}", str(value))
    return text


def start(page, scenario: Scenario, mode: str = "autonomie") -> None:
    """From the exercise's page: choose the mode, then go from the persona card to the site."""
    page.goto(f"/exercices/{scenario.id}")
    page.get_by_role("button", name=re.compile(MODE_LABELS[mode])).click()
    page.get_by_role("link", name="Aller sur le site").click()
    page.locator("#coach-panel").wait_for()


def play(page, scenario: Scenario, actions: list[Action],
         report: Callable[[str], None] = lambda line: None) -> Replay:
    replay = Replay(scenario)
    for number, action in enumerate(actions, 1):
        described = f"{number}. {action.kind} {_describe(action)}"
        try:
            _do(page, scenario, action)
            _settle(page)
        except Exception as exc:  # Playwright raises its own errors: say which action failed
            raise ReplayError(f"{scenario.id}: action {described} failed: {exc}") from exc
        report(f"  {described}")
        _note_progress(page, replay, report)
    if replay.scenario and not replay.finished and page.locator("#coach-panel").count():
        # The last action may be a download: the panel learns of it a moment later.
        try:
            page.wait_for_function("() => { const p = document.getElementById('coach-panel');"
                                   " return !p || p.dataset.status !== 'running'; }", timeout=5000)
        except Exception:  # still running: the test will say which steps are missing
            pass
        _note_progress(page, replay, report)
    return replay


def _do(page, scenario: Scenario, action: Action) -> None:
    kind = action.kind
    if kind == "tap":
        scope = page.locator(SCOPES[action.tap.within])
        found = scope.get_by_role(action.tap.role, name=action.tap.name, exact=action.tap.exact)
        target = found.nth(action.tap.nth - 1) if action.tap.nth else found
        if target.get_attribute("download") is not None and page.locator("#coach-panel").count():
            # A download leaves the page as it is: the coach's panel asks a moment later
            # whether the exercise moved on (kiosk.js). Wait for that answer, as a learner
            # reads the panel before tapping again.
            with page.expect_response(lambda response: "/coach/panneau" in response.url):
                target.click()
        else:
            target.click()
    elif kind == "type":
        _field(page, action.type.label, exact=action.type.exact).fill(
            resolve(action.type.text, scenario))
    elif kind == "select":
        combo = page.locator("#replica").get_by_role("combobox", name=action.select.label)
        wanted = resolve(action.select.option, scenario)
        options = combo.locator("option").all_inner_texts()
        chosen = next((o for o in options if wanted in o), None)
        if chosen is None:
            raise ReplayError(f"no option containing {wanted!r} in {options}")
        combo.select_option(label=chosen)
    elif kind == "keypad":
        keypad = page.locator("#imageclavier")
        for digit in resolve(action.keypad, scenario):
            keypad.get_by_role("button", name=digit, exact=True).click()
    elif kind == "sms_code":
        _type_code(page, action.sms_code, read_last_sms_code(page))
    elif kind == "mail_code":
        _type_code(page, action.mail_code, read_last_mail_code(page))
    elif kind == "iban":
        iban = resolve(action.iban, scenario).replace(" ", "")
        boxes = page.locator("#replica [data-iban-box]")
        lengths = (2, 4, 4, 4, 4, 4, 3)
        position = 2
        for index, length in enumerate(lengths):
            boxes.nth(index).fill(iban[position:position + length])
            position += length
    elif kind == "expect_text":
        page.get_by_text(resolve(action.expect_text, scenario)).first.wait_for()
    elif kind == "scroll":
        # As a finger would: the page moves until the words show; what the page reports about
        # it (htmx's « intersect ») is sent before the next action.
        page.locator("#replica").get_by_text(resolve(action.scroll, scenario)).first \
            .scroll_into_view_if_needed()
        page.evaluate("() => new Promise(done => requestAnimationFrame("
                      "() => requestAnimationFrame(done)))")
    elif kind == "goto":
        page.goto(action.goto)


def read_last_sms_code(page) -> str:
    """Open the simulated phone, read the newest message's 6-digit code, close the phone."""
    page.locator("#phone-button").click()
    page.locator("#phone-screen .sms-list__item").first.click()
    body = page.locator("#phone-screen .sms-bubble").inner_text()
    page.locator("#phone-drawer [data-drawer-close]").click()
    found = re.search(r"\b(\d{6})\b", body)
    if not found:
        raise ReplayError(f"no 6-digit code in the last SMS: {body!r}")
    return found.group(1)


def read_last_mail_code(page) -> str:
    """Open « Messagerie », read the newest e-mail's 6-digit code, close the mailbox."""
    page.locator("#mail-button").click()
    page.locator("#mail-screen .mail-list__item").first.click()
    body = page.locator("#mail-screen .mail-view__body").inner_text()
    page.locator("#mail-drawer [data-drawer-close]").click()
    found = re.search(r"\b(\d{6})\b", body)
    if not found:
        raise ReplayError(f"no 6-digit code in the last e-mail: {body!r}")
    return found.group(1)


def _type_code(page, label: str, code: str) -> None:
    """Into one field, or one digit per box when the code is asked in boxes (ameli's six)."""
    field = _field(page, label)
    if field.count() > 1:
        for index, digit in enumerate(code):
            field.nth(index).fill(digit)
    else:
        field.fill(code)


def _field(page, label: str, *, exact: bool = False):
    scope = page.locator("#replica")
    textbox = scope.get_by_role("textbox", name=label, exact=exact)
    # A password field has no role: found by its label.
    return textbox if textbox.count() else scope.get_by_label(label, exact=exact)


def _settle(page) -> None:
    """Wait until htmx has no request in flight (a tap may have started one)."""
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


def _note_progress(page, replay: Replay, report: Callable[[str], None]) -> None:
    panel = page.locator("#coach-panel")
    if not panel.count():
        return
    feedback = panel.locator(".coach__feedback")
    if feedback.count():
        text = " ".join(feedback.inner_text().split())
        if text not in replay.feedback_seen:
            replay.feedback_seen.append(text)
            report(f"  ! feedback: {text}")
    done = int(panel.get_attribute("data-steps-done") or 0)
    while len(replay.steps_done) < done:
        step = replay.scenario.steps[len(replay.steps_done)]
        replay.steps_done.append(step.id)
        report(f"  ✓ step {len(replay.steps_done)} « {step.id} » done")
    if panel.get_attribute("data-status") not in (None, "running") and not replay.finished:
        replay.finished = True
        report(f"  ■ exercise {panel.get_attribute('data-status')}")


def _describe(action: Action) -> str:
    value = getattr(action, action.kind)
    if hasattr(value, "model_dump"):
        return " ".join(f"{k}={v!r}" for k, v in value.model_dump().items()
                        if v not in (None, False))
    return repr(value)
