"""The validated data file as JSON, with its JSON Schema, for services that reuse the numbers.

The export is the data after every check of the build has passed, in the data file's own
shape and key names (the keys manifest.json and the pages' JSON-LD `identifier` use), so a
re-user reads `regimens.adults.max_daily` exactly as an editor does. Numbers are JSON
numbers, dates ISO dates. The schema is the one editors' tools use, generated from the model.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any

from ..data.model import MedicineData
from ..data.schema import schema_text
from ..settings import SiteSettings
from .jsonld import json_number

FOLDER = "data"


def export_paths(settings: SiteSettings) -> tuple[str, str]:
    """Where the export and its schema go in the built site: 'data/dosing.json' and
    'data/dosing.schema.json' for the data file 'data/dosing.yml'."""
    stem = PurePosixPath(settings.data_file).stem
    return f"{FOLDER}/{stem}.json", f"{FOLDER}/{stem}.schema.json"


def export_text(data: MedicineData) -> str:
    """The data as JSON text, in the data file's order."""
    return json_text(_plain(data.model_dump(mode="python")))


def export_schema_text() -> str:
    """The JSON Schema the export follows (the data file's own)."""
    return schema_text()


def json_text(value: object) -> str:
    """JSON as every file of the site writes it: indented, UTF-8, a final newline."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Decimal):
        return json_number(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
