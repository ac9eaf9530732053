"""Start a new page from a template and add it to the nav of mkdocs.yml.

Usage: python scripts/new_page.py --type condition --name "Stroke"
(or `make page TYPE=condition NAME="Stroke"`). Writes content/conditions/stroke.md with
valid front matter and the standard sections, adds it under "Conditions" in the nav, and
never overwrites a page that exists.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from string import Template

import yaml

from medsite.check import Project, read_config
from medsite.errors import SiteError
from medsite.frontmatter import REVIEW_INTERVAL_YEARS, add_years, read_front_matter
from medsite.load import load_dosing_data

TEMPLATES = Path(__file__).resolve().parent / "page_templates"
MAX_NAME_LENGTH = 60  # leaves room in the 70-character title and 160-character description


@dataclass(frozen=True)
class PageType:
    """Where a type of page lives, its nav group, and its description pattern."""

    folder: str
    group: str
    description: str


PAGE_TYPES: dict[str, PageType] = {
    "condition": PageType("conditions", "Conditions",
                          "What ${name_in_text} is, how it affects people who take ${medicine}, "
                          "and when to get help."),
    "dosing": PageType("dosing", "Dosing",
                       "${name}: the usual dose of ${medicine}, how to take it, and when to "
                       "get help."),
    "safety": PageType("safety", "Safety",
                       "${name} and ${medicine}: what the risk is, what you can do, and when "
                       "to get help."),
    "about": PageType("about", "About",
                      "${name}: what this page tells you about the ${medicine} information "
                      "on this site."),
}
# The order of the nav groups, for a group that does not exist yet.
GROUP_ORDER = [t.group for t in PAGE_TYPES.values()]


class NewPageError(Exception):
    """A page cannot be created; the message says why and what to do."""


def slug(name: str) -> str:
    """The file name for a page name: 'Multiple sclerosis (MS)' -> 'multiple-sclerosis-ms'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def in_text(name: str) -> str:
    """A name as it reads mid-sentence: 'Stroke' -> 'stroke', but 'MS' stays 'MS'."""
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


def page_text(page_type: str, name: str, project: Project, today: date) -> str:
    """The new page's Markdown, filled in from its type's template."""
    data = load_dosing_data(project.root / project.data_label, project.data_label)
    first_regimen = next(iter(data.regimens))
    source = data.regimens[first_regimen].source if page_type == "dosing" else next(
        iter(data.sources))
    fields = {
        "name": name, "name_in_text": in_text(name), "medicine": data.medicine.name,
        "regimen": first_regimen,
    }
    fields |= {
        "title": _yaml_text(name),
        "description": _yaml_text(Template(PAGE_TYPES[page_type].description).substitute(fields)),
        "last_reviewed": today.isoformat(),
        "next_review": add_years(today, REVIEW_INTERVAL_YEARS[page_type]).isoformat(),
        "source": source,
    }
    template = (TEMPLATES / f"{page_type}.md").read_text(encoding="utf-8")
    return Template(template).substitute(fields)


def add_to_nav(config_text: str, group: str, title: str, page: str) -> str:
    """Add `title: page` at the end of `group` in the nav, changing no other line.

    A group that does not exist yet is added in `GROUP_ORDER`.
    """
    lines = config_text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"nav:\s*(#.*)?$", line)), None)
    if start is None:
        raise NewPageError("mkdocs.yml has no 'nav:' block to add the page to")
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t-#"):
        end += 1
    items = [i for i in range(start + 1, end) if lines[i].lstrip().startswith("- ")]
    if not items:
        raise NewPageError("the nav of mkdocs.yml is empty; add the Home page first")
    top = _indent(lines[items[0]])
    entry = f"{_yaml_text(title)}: {page}\n"
    group_line = next((i for i in items if _indent(lines[i]) == top
                       and _group_name(lines[i]) == group), None)
    if group_line is not None:
        last, child = group_line, None
        for i in range(group_line + 1, end):
            if lines[i].strip() and _indent(lines[i]) <= top:
                break
            if lines[i].strip():
                last = i
                child = child or _indent(lines[i])
        new = [f"{' ' * (child or top + 4)}- {entry}"]
        at = last + 1
    else:
        later = GROUP_ORDER[GROUP_ORDER.index(group) + 1:]
        at = next((i for i in items if _indent(lines[i]) == top
                   and _group_name(lines[i]) in later), None)
        if at is None:
            at = max(i for i in range(start + 1, end) if lines[i].strip()) + 1
        new = [f"{' ' * top}- {group}:\n", f"{' ' * (top + 4)}- {entry}"]
    if at > 0 and not lines[at - 1].endswith("\n"):
        lines[at - 1] += "\n"
    return "".join([*lines[:at], *new, *lines[at:]])


def create_page(page_type: str, name: str, config_file: Path, today: date) -> Path:
    """Write the new page and add it to the nav; return the page's path."""
    name = " ".join(name.split())
    if page_type not in PAGE_TYPES:
        raise NewPageError(f"TYPE must be one of {', '.join(PAGE_TYPES)}, not '{page_type}'")
    if not name or not slug(name):
        raise NewPageError('NAME is empty; give the page a name, e.g. NAME="Stroke"')
    if len(name) > MAX_NAME_LENGTH:
        raise NewPageError(f"NAME is {len(name)} characters; keep it to {MAX_NAME_LENGTH}")
    project = Project.load(config_file)
    kind = PAGE_TYPES[page_type]
    page = f"{kind.folder}/{slug(name)}.md"
    path = project.docs_dir / page
    label = project.label(project.docs_dir) + "/" + page
    if path.exists():
        raise NewPageError(f"{label} already exists; edit it, or choose another NAME")
    if page in project.nav_pages():
        raise NewPageError(f"mkdocs.yml already lists '{page}' in its nav")
    text = page_text(page_type, name, project, today)
    data = load_dosing_data(project.root / project.data_label, project.data_label)
    read_front_matter(text, label, set(data.sources))  # the template must make a valid page
    config_text = add_to_nav(project.config_text, kind.group, name, page)
    if not _nav_has(config_text, kind.group, name, page):
        raise NewPageError(f"could not add '{page}' to the nav of mkdocs.yml; add "
                           f"'- {name}: {page}' under '{kind.group}' by hand")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    config_file.write_text(config_text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--type", required=True, help=f"one of {', '.join(PAGE_TYPES)}")
    parser.add_argument("--name", required=True, help="the page title, e.g. 'Stroke'")
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    try:
        path = create_page(args.type, args.name, args.config_file, date.today())
    except (NewPageError, SiteError) as exc:
        print(f"make page: {exc}", file=sys.stderr)
        return 1
    group = PAGE_TYPES[args.type].group
    print(f"Wrote {Path(path).resolve().relative_to(args.config_file.resolve().parent)} and "
          f"added it to the {group} section of the nav in mkdocs.yml.\n"
          "Next: write the page (see EDITING.md), run 'make check', and preview with "
          "'make serve'.")
    return 0


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _group_name(line: str) -> str | None:
    match = re.match(r"\s*- (['\"]?)(.+?)\1:\s*(#.*)?$", line)
    return match.group(2) if match else None


def _yaml_text(text: str) -> str:
    """`text` as a YAML plain scalar if it reads back the same, else double-quoted."""
    try:
        plain = read_config(f"key: {text}\n") == {"key": text}
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text)


def _nav_has(config_text: str, group: str, title: str, page: str) -> bool:
    nav = read_config(config_text).get("nav") or []
    return any(isinstance(item, dict) and {title: page} in (item.get(group) or [])
               for item in nav)


if __name__ == "__main__":
    sys.exit(main())
