"""Write the data file's JSON Schema (generated from the model), or check it is current."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..data.schema import schema_text
from ..problems import SiteError
from ..project import Project
from .generated import write_or_check


def main(argv: list[str] | None = None) -> int:
    """Write the schema file, or with `--check` say whether the committed one is current."""
    parser = argparse.ArgumentParser(prog="medsite schema", description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the file is out of date with the model")
    args = parser.parse_args(argv)
    try:
        project = Project.load(args.config_file)
    except SiteError as exc:
        print(exc, file=sys.stderr)
        return 1
    output = project.root / project.settings.schema_path
    text = schema_text()
    current = output.read_text(encoding="utf-8") if output.is_file() else None
    return write_or_check(output, current, text, check=args.check,
                          stale=f"{project.settings.schema_path}: out of date with the data "
                          "model; run 'python -m medsite schema'",
                          wrote=f"Wrote {project.settings.schema_path}")


if __name__ == "__main__":
    sys.exit(main())
