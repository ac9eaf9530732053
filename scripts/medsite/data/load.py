"""Load the data file into a validated `MedicineData`: every problem, or the first as an error."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import ValidationError

from ..files import read_text
from ..problems import Problem, SiteError
from ..settings import SiteSettings
from .model import MedicineData
from .pydantic_messages import explain_all
from .rules import find_problems
from .yaml_lines import YamlDocument, YamlRefused, parse_yaml


def data_problems(path: Path, label: str, settings: SiteSettings,
                  today: date) -> tuple[MedicineData | None, list[Problem]]:
    """Read, validate and check the data file; return it (if valid) and every problem."""
    text, problem = read_text(path, label)
    if problem is not None or text is None:
        return None, [problem] if problem else []
    try:
        document = parse_yaml(text, label)
    except YamlRefused as exc:
        return None, [exc.problem]
    return validate(document, settings, today)


def read_document(path: Path, label: str) -> YamlDocument | None:
    """The data file parsed (for the line of a key path), or None if it cannot be."""
    text, problem = read_text(path, label)
    if problem is not None or text is None:
        return None
    try:
        return parse_yaml(text, label)
    except YamlRefused:
        return None


def validate(document: YamlDocument, settings: SiteSettings,
             today: date) -> tuple[MedicineData | None, list[Problem]]:
    """Validate a parsed data file against the model and the rules."""
    if not isinstance(document.data, dict):
        return None, [Problem(document.label, 1, None, "the data file must be a block of "
                              "'key: value' lines")]
    try:
        data = MedicineData.model_validate(document.data)
    except ValidationError as exc:
        return None, [document.problem(loc, message)
                      for loc, message in explain_all(exc.errors(), MedicineData, document.data)]
    return data, [document.problem(path, message)
                  for path, message in find_problems(data, settings, today)]


def load_data(path: Path, label: str, settings: SiteSettings, today: date) -> MedicineData:
    """The validated data file; raise `SiteError` at the first problem."""
    data, problems = data_problems(path, label, settings, today)
    if problems or data is None:
        raise SiteError(problems or [Problem(label, None, None, "cannot be read")])
    return data
