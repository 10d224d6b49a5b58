"""Does an event of the simulated world match a pattern of a scenario?"""

from __future__ import annotations

from typing import Any

from kiosk.coach.model import EventPattern


def matches(pattern: EventPattern, name: str, data: dict[str, Any]) -> bool:
    if pattern.event != name:
        return False
    return all(field in data and holds(condition, data[field])
               for field, condition in pattern.conditions.items())


def holds(condition: Any, actual: Any) -> bool:
    if isinstance(condition, dict):
        checks = []
        if "min" in condition:
            checks.append(_number(actual) is not None
                          and _number(actual) >= _number(condition["min"]))
        if "max" in condition:
            checks.append(_number(actual) is not None
                          and _number(actual) <= _number(condition["max"]))
        if "contains" in condition:
            checks.append(str(condition["contains"]).casefold() in str(actual).casefold())
        if "not" in condition:
            checks.append(not holds(condition["not"], actual))
        return all(checks)
    if isinstance(condition, list):
        return any(holds(option, actual) for option in condition)
    return _equal(condition, actual)


def _equal(expected: Any, actual: Any) -> bool:
    if isinstance(expected, bool) or isinstance(actual, bool):
        return (expected is actual if isinstance(expected, bool) and isinstance(actual, bool)
                else False)
    if (_number(expected) is not None and _number(actual) is not None
            and not isinstance(expected, str)):
        return abs(_number(expected) - _number(actual)) < 0.005
    return str(expected).strip() == str(actual).strip()


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    return None
