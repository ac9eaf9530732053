"""Rules that span fields: sources exist, steps rise, nothing goes above the maximum."""

from __future__ import annotations

from collections.abc import Iterator

from .model import Cited, DosingData, Regimen
from .units import format_number, per_day
from .yaml_source import KeyPath

Problem = tuple[KeyPath, str]


def find_problems(data: DosingData) -> list[Problem]:
    """Return every broken rule as (key path, message), in file order."""
    problems = list(_repeated_source_titles(data))
    problems.extend(_unknown_sources(data))
    for key, regimen in data.regimens.items():
        problems.extend(_regimen_problems(("regimens", key), regimen))
    return problems


def _repeated_source_titles(data: DosingData) -> Iterator[Problem]:
    """Titles head the sources page and name its tables, so each must be its own."""
    first_with: dict[str, str] = {}
    for key, source in data.sources.items():
        earlier = first_with.setdefault(source.title, key)
        if earlier != key:
            yield ("sources", key, "title"), f"same title as sources.{earlier}; give each " \
                "source its own title"


def _unknown_sources(data: DosingData) -> Iterator[Problem]:
    known = set(data.sources)
    for path, source in _source_refs(data):
        if source is not None and source not in known:
            yield (*path, "source"), f"unknown source '{source}' (not listed under 'sources:')"


def _source_refs(data: DosingData) -> Iterator[tuple[KeyPath, str | None]]:
    for group in ("forms", "facts", "contacts", "regimens"):
        for key, item in getattr(data, group).items():
            yield (group, key), item.source
            yield from _nested_refs((group, key), item)


def _nested_refs(path: KeyPath, item: object) -> Iterator[tuple[KeyPath, str | None]]:
    for name in type(item).model_fields:  # type: ignore[attr-defined]
        value = getattr(item, name)
        children = enumerate(value) if isinstance(value, list) else [(name, value)]
        for index, child in children:
            child_path = (*path, name, index) if isinstance(index, int) else (*path, name)
            if isinstance(child, Cited):
                yield child_path, child.source
                yield from _nested_refs(child_path, child)


def _regimen_problems(path: KeyPath, regimen: Regimen) -> Iterator[Problem]:
    unit, daily_unit = regimen.dose_unit, per_day(regimen.dose_unit)
    maximum = regimen.max_daily
    if maximum.unit != daily_unit:
        yield (*path, "max_daily", "unit"), f"must be '{daily_unit}' to match dose_unit '{unit}'"
        return
    limit = f"the maximum of {format_number(maximum.value)} {daily_unit}"
    if maximum.given_as is not None:
        split = maximum.given_as.dose * maximum.given_as.times_per_day
        if split != maximum.value:
            yield (*path, "max_daily", "given_as"), (
                f"{format_number(maximum.given_as.dose)} {unit} x "
                f"{maximum.given_as.times_per_day} is {format_number(split)} {daily_unit}, "
                f"not {format_number(maximum.value)}"
            )
    start = regimen.starting_dose
    if start.dose * start.times_per_day > maximum.value:
        yield (*path, "starting_dose"), f"is above {limit}"
    previous = None
    for index, step in enumerate(regimen.titration_steps):
        total = step.dose * step.times_per_day
        where = (*path, "titration_steps", index)
        if total > maximum.value:
            yield where, f"{format_number(total)} {daily_unit} is above {limit}"
        if previous is not None and total <= previous:
            yield where, (
                f"steps must rise: {format_number(total)} {daily_unit} is not more than "
                f"the step before ({format_number(previous)} {daily_unit})"
            )
        previous = total
    if regimen.maintenance is not None:
        if regimen.maintenance.unit != daily_unit:
            yield (*path, "maintenance", "unit"), f"must be '{daily_unit}'"
        elif regimen.maintenance.high > maximum.value:
            yield (*path, "maintenance", "high"), f"is above {limit}"
