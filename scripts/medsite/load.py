"""Load `data/dosing.yml` into a validated `DosingData`, or stop with one clear line."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from .errors import DataError
from .invariants import find_problems
from .messages import explain, first_error
from .model import DosingData
from .yaml_source import YamlDocument


def load_dosing_data(path: Path, label: str | None = None) -> DosingData:
    """Read, validate and check the data file; raise `DataError` naming file, line and key."""
    document = YamlDocument.from_file(path, label)
    try:
        data = DosingData.model_validate(document.data)
    except ValidationError as exc:
        error = first_error(exc.errors())
        loc = tuple(part for part in error["loc"] if part != "[key]")
        more = len(exc.errors()) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise DataError(document.place(loc), explain(error, DosingData) + suffix) from None
    problems = find_problems(data)
    if problems:
        path_, message = problems[0]
        raise DataError(document.place(path_), message)
    return data
