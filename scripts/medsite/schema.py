"""Write the JSON Schema of `data/dosing.yml`, generated from the pydantic model.

Editors' tools (VS Code's YAML extension and others) read it through the first line of the
data file, `# yaml-language-server: $schema=dosing.schema.json`, and then complete keys and
flag mistakes while typing. Never edit the schema by hand: change `model.py` and run
`python -m medsite.schema`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .model import DosingData

SCHEMA_FILE = Path("data/dosing.schema.json")


def schema_text() -> str:
    """The schema of the data file as the JSON text that is committed."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": "Generated from scripts/medsite/model.py by `python -m medsite.schema`; "
                    "do not edit by hand.",
        **DosingData.model_json_schema(),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the schema file, or with `--check` say whether the committed one is current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=SCHEMA_FILE)
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the file is out of date with the model")
    args = parser.parse_args(argv)
    text = schema_text()
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        if current != text:
            print(f"{args.output.as_posix()}: out of date with the data model; "
                  "run 'python -m medsite.schema'", file=sys.stderr)
            return 1
        return 0
    if current != text:
        args.output.write_text(text, encoding="utf-8")
    print(f"Wrote {args.output.as_posix()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
