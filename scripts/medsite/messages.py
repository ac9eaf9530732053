"""Turn pydantic's validation errors into short messages an editor can act on."""

from __future__ import annotations

import difflib

from pydantic import BaseModel
from pydantic_core import ErrorDetails


def first_error(errors: list[ErrorDetails]) -> ErrorDetails:
    """The error to show: a misspelt key first, since it also explains a 'missing' one."""
    return next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])


def explain(error: ErrorDetails, model: type[BaseModel]) -> str:
    """Say what is wrong with one pydantic error in an editor's words (no key path)."""
    kind, loc = error["type"], error["loc"]
    if kind == "extra_forbidden":
        hint = difflib.get_close_matches(str(loc[-1]), sorted(_field_names(model, set())), n=1)
        return f"unknown key '{loc[-1]}'" + (f" (did you mean '{hint[0]}'?)" if hint else "")
    if kind == "missing":
        return f"missing key '{loc[-1]}'"
    if kind == "literal_error":
        return f"{error['input']!r} is not allowed here; use one of {error['ctx']['expected']}"
    if kind == "int_from_float":
        return f"must be a whole number, not {error['input']!r}"
    if kind in _NOT_A_NUMBER:
        return f"must be a number, not {error['input']!r}"
    if kind in ("greater_than", "greater_than_equal", "less_than_equal"):
        word = {"greater_than": "more than", "greater_than_equal": "at least",
                "less_than_equal": "at most"}[kind]
        limit = next(iter(error["ctx"].values()))
        return f"must be {word} {limit}, not {error['input']}"
    if kind.startswith("date"):
        return f"{error['input']!r} is not a real date in the form YYYY-MM-DD"
    if "[key]" in loc:
        return f"key '{loc[-2]}' must be lower-case letters, digits and '_'"
    message = error["msg"].removeprefix("Value error, ")
    return message[0].lower() + message[1:]


_NOT_A_NUMBER = {"decimal_parsing", "decimal_type", "int_parsing", "int_type",
                 "float_parsing", "float_type"}


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
