"""Start a new page, as a draft, from a template and add it to the nav of mkdocs.yml.

Usage: python -m medsite page --type condition --name "Stroke"
(or `make page TYPE=condition NAME="Stroke"`). Writes content/conditions/stroke.md as
`status: draft` with no review dates, with the standard sections as [[placeholders]], adds
it under its type's nav group, and never overwrites a page that exists. The page types,
their folders, nav groups and templates are the site's `page_types` setting.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path
from string import Template

import yaml

from ..content.frontmatter import read_meta
from ..problems import SiteError
from ..project import Project, read_config
from ..settings import PageTypePolicy

TEMPLATES = Path(__file__).resolve().parent / "page_templates"
MAX_NAME_LENGTH = 60  # leaves room in the 70-character title and 160-character description


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
    site, problems = project.load_site(today)
    if site is None:
        raise SiteError(problems)
    policy = project.settings.page_types[page_type]
    first_regimen = next(iter(site.data.regimens))
    template_text = _template(project, page_type, policy.template).read_text(encoding="utf-8")
    # A template that shows the first regimen cites its source; others the first source.
    source = site.data.regimens[first_regimen].source if "${regimen}" in template_text \
        else next(iter(site.data.sources))
    fields = {
        "name": name, "name_in_text": in_text(name), "medicine": site.data.medicine.name,
        "regimen": first_regimen,
    }
    fields |= {
        "title": _yaml_text(name),
        "description": _yaml_text(Template(policy.description).substitute(fields)),
        "source": source,
    }
    return Template(template_text).substitute(fields)


def _template(project: Project, page_type: str, name: str | None) -> Path:
    """A page type's template: a file of the project (a path ending in .md, relative to
    mkdocs.yml) or one of the engine's own (by name)."""
    chosen = name or page_type
    path = project.root / chosen if chosen.endswith(".md") else TEMPLATES / f"{chosen}.md"
    if not path.is_file():
        raise NewPageError(
            f"mkdocs.yml: plugins.medsite.page_types.{page_type}.template: no template "
            f"'{chosen}'; give a .md file of the project, or one of the engine's: "
            + ", ".join(sorted(p.stem for p in TEMPLATES.glob("*.md"))))
    return path


def _groups(project: Project) -> list[str]:
    """The nav groups of the page types, in their order (for a group that does not exist)."""
    return [t.nav_group for t in project.settings.page_types.values() if t.nav_group]


def add_to_nav(config_text: str, group: str, title: str, page: str,
               group_order: list[str]) -> str:
    """Add `title: page` at the end of `group` in the nav, changing no other line.

    A group that does not exist yet is added in `group_order`.
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
        later = group_order[group_order.index(group) + 1:] if group in group_order else []
        before = next((i for i in items if _indent(lines[i]) == top
                       and _group_name(lines[i]) in later), None)
        at = before if before is not None else \
            max(i for i in range(start + 1, end) if lines[i].strip()) + 1
        new = [f"{' ' * top}- {group}:\n", f"{' ' * (top + 4)}- {entry}"]
    if at > 0 and not lines[at - 1].endswith("\n"):
        lines[at - 1] += "\n"
    return "".join([*lines[:at], *new, *lines[at:]])


def create_page(page_type: str, name: str, config_file: Path, today: date) -> Path:
    """Write the new page (a draft) and add it to the nav; return the page's path."""
    name = " ".join(name.split())
    project = Project.load(config_file)
    types = {k: t for k, t in project.settings.page_types.items() if t.nav_group}
    if page_type not in types:
        raise NewPageError(f"TYPE must be one of {', '.join(types)}, not '{page_type}'")
    if not name or not slug(name):
        raise NewPageError('NAME is empty; give the page a name, e.g. NAME="Stroke"')
    if len(name) > MAX_NAME_LENGTH:
        raise NewPageError(f"NAME is {len(name)} characters; keep it to {MAX_NAME_LENGTH}")
    kind: PageTypePolicy = types[page_type]
    assert kind.nav_group is not None
    page = f"{kind.folder}/{slug(name)}.md" if kind.folder else f"{slug(name)}.md"
    path = project.docs_dir / page
    label = project.label(project.docs_dir) + "/" + page
    if path.exists():
        raise NewPageError(f"{label} already exists; edit it, or choose another NAME")
    if page in project.nav_pages():
        raise NewPageError(f"mkdocs.yml already lists '{page}' in its nav")
    text = page_text(page_type, name, project, today)
    site, _ = project.load_site(today)
    result = read_meta(text, label, project.settings, set(site.data.sources) if site else None,
                       today)
    if result.problems:  # the template must make a valid draft
        raise SiteError(result.problems)
    config_text = add_to_nav(project.config_text, kind.nav_group, name, page, _groups(project))
    if not _nav_has(config_text, kind.nav_group, name, page):
        raise NewPageError(f"could not add '{page}' to the nav of mkdocs.yml; add "
                           f"'- {name}: {page}' under '{kind.nav_group}' by hand")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    config_file.write_text(config_text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="medsite page", description=__doc__.splitlines()[0])
    parser.add_argument("--type", required=True, help="a page type of the site, e.g. condition")
    parser.add_argument("--name", required=True, help="the page title, e.g. 'Stroke'")
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    try:
        path = create_page(args.type, args.name, args.config_file, date.today())
    except (NewPageError, SiteError) as exc:
        print(f"make page: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {Path(path).resolve().relative_to(args.config_file.resolve().parent)} as a "
          "draft and added it to the nav in mkdocs.yml.\n"
          "Next: write the page in place of each [[...]] (see EDITING.md), run 'make check', "
          "and preview it with 'make serve'. It is published once it is reviewed and its "
          "'status: draft' is replaced by its review dates and reviewer.")
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
