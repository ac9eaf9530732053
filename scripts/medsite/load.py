"""Load `data/dosing.yml` into a validated `DosingData`, or stop with one clear line."""

from __future__ import annotations

import difflib
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .errors import DataError
from .invariants import find_problems
from .model import DosingData
from .yaml_source import YamlDocument


def load_dosing_data(path: Path, label: str | None = None) -> DosingData:
    """Read, validate and check the data file; raise `DataError` naming file, line and key."""
    document = YamlDocument.from_file(path, label)
    try:
        data = DosingData.model_validate(document.data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(part for part in error["loc"] if part != "[key]")
        more = len(exc.errors()) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise DataError(document.place(loc), _explain(error) + suffix) from None
    problems = find_problems(data)
    if problems:
        path_, message = problems[0]
        raise DataError(document.place(path_), message)
    return data


def _explain(error: dict) -> str:
    kind, loc = error["type"], error["loc"]
    if kind == "extra_forbidden":
        hint = difflib.get_close_matches(str(loc[-1]), _ALL_FIELDS, n=1)
        return f"unknown key '{loc[-1]}'" + (f" (did you mean '{hint[0]}'?)" if hint else "")
    if kind == "missing":
        return f"missing key '{loc[-1]}'"
    if kind == "literal_error":
        return f"{error['msg'][0].lower()}{error['msg'][1:]}, not {error['input']!r}"
    if "[key]" in loc:
        return f"key '{loc[-2]}' must be lower-case letters, digits and '_'"
    message = error["msg"].removeprefix("Value error, ")
    return message[0].lower() + message[1:]


def _field_names(model: type[BaseModel], seen: set[type]) -> set[str]:
    if model in seen:
        return set()
    seen.add(model)
    names = set(model.model_fields)
    for field in model.model_fields.values():
        for arg in _types_in(field.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                names |= _field_names(arg, seen)
    return names


def _types_in(annotation: object) -> list[object]:
    args = getattr(annotation, "__args__", ())
    return [annotation, *[t for a in args for t in _types_in(a)]]


_ALL_FIELDS = sorted(_field_names(DosingData, set()))
