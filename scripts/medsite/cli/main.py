"""The `medsite` command: one entry point for every editor and CI command."""

from __future__ import annotations

import importlib
import os
import sys

COMMANDS = {
    "check": ("check", "the fast content checks, every problem at once"),
    "review": ("review", "review dates, reviewers and drafts; pages that show a value"),
    "changes": ("changes", "what a change to the data or pages does, for a reviewer"),
    "page": ("new_page", "start a new page (a draft) from a template"),
    "schema": ("schema", "write (or --check) the data file's JSON Schema"),
    "reference": ("reference", "write (or --check) the names table in EDITING.md"),
    "prerender": ("prerender", "fill in every page without MkDocs"),
    "build": ("medsite.mkdocs.build", "strict build into site/, swapped in only when it "
              "succeeds"),
    "offline": ("offline", "a zip of the site that works from the file system, search included"),
    "check-sources": ("check_sources", "check every source address of the data file; report "
                      "dead or moved ones with the values that depend on them"),
}


def main(argv: list[str] | None = None) -> int:
    """Run `medsite COMMAND [options]`."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help") or args[0] not in COMMANDS:
        print("usage: medsite COMMAND [options]\n\ncommands:")
        for name, (_, summary) in COMMANDS.items():
            print(f"  {name:<10} {summary}")
        return 0 if args and args[0] in ("-h", "--help") else 2
    name = COMMANDS[args[0]][0]
    module = importlib.import_module(name if "." in name else f"medsite.cli.{name}")
    try:
        return int(module.main(args[1:]))
    except OSError as exc:
        # A file or folder the command needs is missing or cannot be written: one line.
        where = ""
        if exc.filename:
            relative = os.path.relpath(os.fsdecode(exc.filename))
            where = f"{exc.filename if relative.startswith('..') else relative}: "
        print(f"medsite {args[0]}: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
