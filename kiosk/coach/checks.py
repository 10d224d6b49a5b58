"""Cross-references of the scenarios, beyond what the model checks by itself: the persona
exists, each event is one the site emits (docs/events.md) with those data fields, each
placeholder of the solution has a value, each `target` exists on the page it names."""

from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from kiosk.coach.loader import Catalog, ScenarioError, _line, _shown_path
from kiosk.coach.model import EventPattern, Scenario, placeholder_names
from simulator.events import declared
from simulator.personas import PersonaNotFound, load_persona
from simulator.sites import SITES_BY_NAME

# Events every site's scenarios may use: the learner's devices (phone, mailbox, papers), the
# shared login (FranceConnect), the look-alike sites that scam messages lead to, and the cookie
# banner any replica can show.
SHARED_SITES = ("telephone", "messagerie", "papiers", "franceconnect", "arnaque",
                "arnaque_impots", "cookies")


def check_catalog(catalog: Catalog, root: Path, *, pages: bool = True) -> list[ScenarioError]:
    problems: list[ScenarioError] = []
    for scenario_id, scenario in catalog.scenarios.items():
        path = catalog.sources[scenario_id]
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        shown = _shown_path(path, root)

        def report(loc: tuple, message: str, scenario_id=scenario_id, shown=shown, node=node):
            problems.append(ScenarioError(shown, _line(node, loc), message, scenario_id))

        _check_scenario(scenario, report)
    if pages:
        problems.extend(_check_targets(catalog, root))
    return problems


def _check_scenario(scenario: Scenario, report) -> None:
    if scenario.site not in SITES_BY_NAME:
        report(("site",), f"field site: unknown site {scenario.site!r}; sites: "
                          f"{', '.join(SITES_BY_NAME)}")
    try:
        load_persona(scenario.persona)
    except PersonaNotFound:
        report(("persona",), f"field persona: no persona {scenario.persona!r} in "
                             "simulator/personas/")
        return
    for index, step in enumerate(scenario.steps):
        where = f"step {index + 1} « {step.id} », "
        ways = step.done_when if isinstance(step.done_when, list) else [step.done_when]
        for way_index, way in enumerate(ways):
            loc = ("steps", index, "done_when") + (
                (way_index,) if isinstance(step.done_when, list) else ())
            _check_event(scenario, way, loc, where + "field done_when", report)
        for m_index, mistake in enumerate(step.mistakes):
            _check_event(scenario, mistake.when, ("steps", index, "mistakes", m_index, "when"),
                         where + f"field mistakes.{mistake.id}.when", report)
    for m_index, mistake in enumerate(scenario.mistakes):
        _check_event(scenario, mistake.when, ("mistakes", m_index, "when"),
                     f"field mistakes.{mistake.id}.when", report)
    for kind, actions in [("solution", scenario.solution)] + [
            (f"mistake_paths.{p.id}", p.actions) for p in scenario.mistake_paths]:
        for a_index, action in enumerate(actions):
            for text in _texts(action):
                for name in placeholder_names(text):
                    if _persona_value(scenario.persona, name) is None:
                        report((kind.split(".")[0], a_index), f"field {kind}: placeholder "
                               f"{{{name}}} has no value (expected e.g. "
                               "{persona.banque.identifiant})")


def _check_event(scenario: Scenario, pattern: EventPattern, loc: tuple, where: str, report) -> None:
    spec = declared().get(pattern.event)
    site = pattern.event.split(".")[0]
    if spec is None:
        names = sorted(n for n in declared() if n.startswith(scenario.site + "."))
        close = [n for n in names if n.split(".")[1:2] == pattern.event.split(".")[1:2]]
        report(loc + ("event",),
               f"{where}.event: {pattern.event!r} is not an event of docs/events.md"
               f"; expected one of: {', '.join(close or names[:8])}…")
        return
    if site != scenario.site and site not in SHARED_SITES:
        report(loc + ("event",), f"{where}.event: {pattern.event!r} belongs to the site {site!r}, "
               f"not to {scenario.site!r}")
    for field in pattern.conditions:
        if field not in spec.fields:
            report(loc + (field,), f"{where}.{field}: the event {pattern.event} has no field "
                   f"{field!r}; its fields are: {', '.join(spec.fields) or 'none'}")


def _texts(action) -> list[str]:
    value = getattr(action, action.kind)
    if isinstance(value, str):
        return [value]
    return [v for v in value.model_dump().values() if isinstance(v, str)]


def _persona_value(persona_id: str, name: str):
    if not name.startswith("persona."):
        return None
    value = load_persona(persona_id).model_dump()
    for part in name.split(".")[1:]:
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _check_targets(catalog: Catalog, root: Path) -> list[ScenarioError]:
    """Render each page named by a target, as the persona's logged-in customer, and look for
    the selector in it."""
    wanted = [(sid, i, step) for sid, s in catalog.scenarios.items()
              for i, step in enumerate(s.steps) if step.target]
    if not wanted:
        return []
    from kiosk.app import create_app
    from kiosk.coach.world_setup import prepare_world

    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"TESTING": True, "INSTANCE_PATH": tmp, "SECRET_KEY": "checks",
                          "WTF_CSRF_ENABLED": False})
        worlds = app.extensions["pasapas.worlds"]
        with app.app_context():
            for scenario_id, index, step in wanted:
                scenario = catalog.scenarios[scenario_id]
                site = SITES_BY_NAME.get(scenario.site)
                if site is None:
                    continue
                world = prepare_world(scenario, seed=1)
                page_html, path = _render(app, world, site, step.target.page)
                world.close()
                worlds.destroy(world.id)
                found = page_html is not None and BeautifulSoup(
                    page_html, "html.parser").select_one(step.target.selector) is not None
                if not found:
                    source = catalog.sources[scenario_id]
                    node = yaml.compose(source.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
                    problems.append(ScenarioError(
                        _shown_path(source, root), _line(node, ("steps", index, "target")),
                        f"step {index + 1} « {step.id} », field target: the selector "
                        f"{step.target.selector!r} is not on the page {path}"
                        + ("" if page_html is not None else " (the page did not open)"),
                        scenario_id))
    return problems


def _render(app, world, site, page: str) -> tuple[str | None, str]:
    from kiosk import store as kiosk_store
    from kiosk.database import get_db

    path = page
    for kind, key in re.findall(r"\{([a-z_]+):([a-z0-9_.-]+)\}", page):
        value = site.page_placeholder(world.db, kind, key) if site.page_placeholder else None
        path = path.replace(f"{{{kind}:{key}}}", value or "?")
    sid = "check-" + world.id
    with app.test_request_context():
        kiosk_store.create_session(get_db(), sid, time.time(), world.id, {})
    client = app.test_client()
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], sid)
    response = client.get(path)
    if response.status_code != 200 and site.sign_in:
        # Pages of the customer space: open them as the logged-in persona.
        site.sign_in(world.db)
        response = client.get(path)
    with app.test_request_context():
        kiosk_store.delete_session(get_db(), sid)
    if response.status_code != 200:
        return None, path
    return response.get_data(as_text=True), path
