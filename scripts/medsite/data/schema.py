"""The JSON Schema of the data file, generated from the pydantic model.

Editors' tools (VS Code's YAML extension and others) read it through the first line of the
data file, `# yaml-language-server: $schema=dosing.schema.json`, and then complete keys and
flag mistakes while typing. Never edit it by hand: change `model.py` and run
`python -m medsite.cli.schema`.
"""

from __future__ import annotations

import json

from .model import MedicineData


def schema_text() -> str:
    """The schema of the data file as the JSON text that is committed."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": "Generated from scripts/medsite/data/model.py by "
                    "`python -m medsite.cli.schema`; do not edit by hand.",
        **MedicineData.model_json_schema(),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
