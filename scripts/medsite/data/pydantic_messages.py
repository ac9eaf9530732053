"""Turn pydantic's validation errors into short messages an editor can act on.

One slip gives one message: a block indented one level too far out shows up in pydantic as
several unknown keys plus a missing or empty block; those are reported once, as "check the
indentation".
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from .yaml_lines import KeyPath, format_path

Loc = tuple[str | int, ...]


def explain_all(errors: list[ErrorDetails], model: type[BaseModel],
                data: Any) -> list[tuple[Loc, str]]:
    """Every error as (key path, message), cascades folded into the slip that caused them."""
    errors = [e for e in errors if not _is_union_noise(e)]
    located = [(_clean_loc(e["loc"]), e) for e in errors]
    misplaced = _misplaced_keys(located, model, data)
    explained: list[tuple[Loc, str]] = []
    swallowed: set[int] = set()
    for parent, (child, keys, first_loc) in misplaced.items():
        one = len(keys) == 1
        explained.append((first_loc, (
            f"{_names(keys)} {'is not a key' if one else 'are not keys'} of "
            f"{format_path(parent) or 'the top level'}; "
            f"{'it belongs' if one else 'they belong'} inside '{child}' - check the "
            "indentation of this line against the line above")))
        for index, (loc, _error) in enumerate(located):
            if loc[: len(parent)] == parent and (
                    (len(loc) == len(parent) + 1 and loc[-1] in keys)
                    or loc[: len(parent) + 1] == (*parent, child)):
                swallowed.add(index)
    # A misspelt key explains the 'missing key' of the name it was meant to be: say it once.
    meant = {(*loc[:-1], hint) for loc, error in located
             if error["type"] == "extra_forbidden"
             and (hint := _close_name(str(loc[-1]), model)) is not None}
    for index, (loc, error) in enumerate(located):
        if error["type"] == "missing" and loc in meant:
            swallowed.add(index)
    for index, (loc, error) in enumerate(located):
        if index not in swallowed:
            explained.append((loc, explain(error, model)))
    return list(dict.fromkeys(explained))


def first_error(errors: list[ErrorDetails]) -> ErrorDetails:
    """The error to show first: a misspelt key, since it also explains a 'missing' one."""
    return next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])


def explain(error: ErrorDetails, model: type[BaseModel]) -> str:
    """Say what is wrong with one pydantic error in an editor's words (no key path)."""
    kind, loc = error["type"], _clean_loc(error["loc"])
    if kind == "extra_forbidden":
        name = str(loc[-1])
        hint = _close_name(name, model)
        return f"unknown key '{name}'" + (f" (did you mean '{hint}'?)" if hint else "")
    if kind == "missing":
        return f"missing key '{loc[-1]}'"
    if kind == "literal_error":
        return f"{error['input']!r} is not allowed here; use one of {error['ctx']['expected']}"
    if kind == "int_from_float":
        return f"must be a whole number, not {error['input']!r}"
    if kind in _NOT_A_NUMBER:
        return f"must be a number, not {_short(error['input'])}"
    if kind in ("greater_than", "greater_than_equal", "less_than_equal", "less_than"):
        word = {"greater_than": "more than", "greater_than_equal": "at least",
                "less_than_equal": "at most", "less_than": "less than"}[kind]
        limit = next(iter(error["ctx"].values()))
        return f"must be {word} {limit}, not {_short(error['input'])}"
    if kind == "decimal_max_places":
        places = error["ctx"]["decimal_places"]
        return f"use at most {places} decimal places, not {_short(error['input'])}"
    if kind in ("decimal_max_digits", "decimal_whole_digits"):
        return f"{_short(error['input'])} is too large a number for this site"
    if kind.startswith("date"):
        return f"{_short(error['input'])} is not a real date in the form YYYY-MM-DD"
    if kind == "string_pattern_mismatch" and "[key]" in error["loc"]:
        return f"key {_short(loc[-1])} must be lower-case letters, digits and '_'"
    if kind == "string_pattern_mismatch":
        form = _PATTERN_WORDS.get(str(loc[-1]) if loc else "", "is not in the right form here")
        return f"{_short(error['input'])} {form}"
    if kind == "string_too_long":
        limit, size = error["ctx"]["max_length"], len(str(error["input"]))
        return f"must be at most {limit} characters long, not {size}"
    if kind == "string_too_short":
        limit, size = error["ctx"]["min_length"], len(str(error["input"]))
        return "must not be empty" if limit <= 1 else \
            f"must be at least {limit} characters long, not {size}"
    if kind == "too_long":
        return f"has more than {error['ctx']['max_length']} entries"
    if kind == "too_short":
        count = error["ctx"]["min_length"]
        return f"needs at least {count} entr{'y' if count == 1 else 'ies'}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"must be a block of 'key: value' lines, not {_short(error['input'])}"
    if kind == "list_type":
        return f"must be a list, not {_short(error['input'])}"
    if kind in ("string_type", "str_type"):
        return f"must be text, not {_short(error['input'])}"
    if kind == "bool_parsing" or kind == "bool_type":
        return f"must be true or false, not {_short(error['input'])}"
    message = str(error["msg"]).removeprefix("Value error, ")
    return message[0].lower() + message[1:]


# What a value matching each field's pattern looks like, in an editor's words.
_PATTERN_WORDS = {
    "jurisdiction": "is not a two-letter country code such as 'US' or 'UK'",
    "edition": "is not a two-letter country code such as 'US' or 'UK'",
    "phone": "is not a phone number (digits, capital letters, spaces and hyphens)",
    "url": "is not a web address starting with https:// (or http://)",
    "level": "is not a key (lower-case letters, digits and '_')",
    "audience": "is not a key (lower-case letters, digits and '_')",
    "language": "is not a language tag such as 'en-US'",
}

_NOT_A_NUMBER = {"decimal_parsing", "decimal_type", "int_parsing", "int_type",
                 "float_parsing", "float_type", "decimal_finite_number"}


def _close_name(name: str, model: type[BaseModel]) -> str | None:
    """The known key an unknown one was most likely meant to be (never itself)."""
    known = sorted(_field_names(model, set()) - {name})
    hint = difflib.get_close_matches(name, known, n=1)
    return hint[0] if hint else None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "...'"


def _clean_loc(loc: tuple[Any, ...]) -> Loc:
    return tuple(part for part in loc if part != "[key]"
                 and not (isinstance(part, str) and part.startswith(("function-", "lax-"))))


def _is_union_noise(error: ErrorDetails) -> bool:
    """pydantic tries every member of `X | None`; the 'none' attempt says nothing useful."""
    return error["type"] == "none_required"


def _misplaced_keys(located: list[tuple[Loc, ErrorDetails]], model: type[BaseModel],
                    data: Any) -> dict[Loc, tuple[str, list[str], Loc]]:
    """Unknown keys that are the fields of a sibling block left empty: a dedent slip."""
    found: dict[Loc, tuple[str, list[str], Loc]] = {}
    for loc, error in located:
        if error["type"] != "extra_forbidden":
            continue
        parent, key = loc[:-1], str(loc[-1])
        block_model = _model_at(model, parent)
        if block_model is None:
            continue
        for child, child_model in _child_models(block_model).items():
            if key in child_model.model_fields and _value_at(data, (*parent, child)) in (None, ""):
                entry = found.setdefault(parent, (child, [], loc))
                if entry[0] == child and key not in entry[1]:
                    entry[1].append(key)
                break
    return found


def _names(keys: list[str]) -> str:
    quoted = [f"'{k}'" for k in keys]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            # a dict of blocks: the part is a key, the model is the dict's value type
            continue
        current = _first_model(field.annotation)
        if current is None:
            return None
        if _is_dict(field.annotation):
            continue
    return current


def _child_models(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    children = {}
    for name, field in model.model_fields.items():
        child = _first_model(field.annotation)
        if child is not None and not _is_dict(field.annotation):
            children[name] = child
    return children


def _first_model(annotation: object) -> type[BaseModel] | None:
    for arg in _types_in(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _is_dict(annotation: object) -> bool:
    return getattr(annotation, "__origin__", None) is dict


def _value_at(data: Any, loc: KeyPath) -> Any:
    for part in loc:
        in_list = isinstance(data, list) and isinstance(part, int) and part < len(data)
        if (isinstance(data, dict) and part in data) or in_list:
            data = data[part]
        else:
            return None
    return data


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
