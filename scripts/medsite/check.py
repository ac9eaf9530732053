"""The fast content checks, without a MkDocs build: every problem as a `file:line: message` line.

Run as `python -m medsite.check` (or `make check`) from the project folder. It checks the
data file, each page's front matter, dose numbers typed into pages, data names and links
that do not exist, pages missing from the nav, and each page's reading grade. Exit status
is 1 if anything is wrong, so CI stops; the review calendar never fails it.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
import yaml
from bs4 import BeautifulSoup
from pydantic import ValidationError

from .errors import ContentError, DataError
from .frontmatter import PageMeta, read_front_matter, split_front_matter
from .invariants import find_problems
from .literals import find_dose_literals
from .messages import explain
from .model import DosingData
from .pages import render_page
from .readability import page_prose, reading_grade
from .schema import SCHEMA_FILE, schema_text
from .site import check_and_render
from .urls import page_url, relative_url
from .values import SiteValues, build_values
from .yaml_source import YamlDocument

# The highest Flesch-Kincaid grade a page's prose may have.
MAX_READING_GRADE = 8.0

# MkDocs always adds these to the extensions listed in mkdocs.yml.
MKDOCS_BUILTIN_EXTENSIONS = ["toc", "tables", "fenced_code"]

_PLACE = re.compile(r"^(?P<file>[^:]+)(?::(?P<line>\d+))?")


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml and ignores tags such as `!ENV` or `!!python/name:`."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/",
                                    lambda loader, suffix, node: None)


def read_config(text: str) -> dict[str, Any]:
    """The settings in the text of an mkdocs.yml."""
    return yaml.load(text, Loader=_ConfigLoader)


@dataclass
class Project:
    """The parts of a site project the checks need, read from its mkdocs.yml."""

    root: Path
    config: dict[str, Any]
    config_text: str

    @classmethod
    def load(cls, config_file: Path) -> Project:
        """Read `mkdocs.yml` (the project root is its folder)."""
        text = config_file.read_text(encoding="utf-8")
        return cls(config_file.resolve().parent, read_config(text), text)

    @property
    def docs_dir(self) -> Path:
        """The folder of Markdown pages."""
        return self.root / self.config.get("docs_dir", "docs")

    @property
    def data_label(self) -> str:
        """The data file as messages name it, e.g. `data/dosing.yml`."""
        return self.config["extra"]["medsite"]["data"]

    @property
    def sources_page(self) -> str:
        """The sources page, relative to the docs folder."""
        return self.config["extra"]["medsite"]["sources_page"]

    def pages(self) -> list[Path]:
        """Every Markdown page under the docs folder, in path order."""
        return sorted(self.docs_dir.rglob("*.md"))

    def label(self, path: Path) -> str:
        """A path as messages name it: relative to the project root, with '/'."""
        return path.resolve().relative_to(self.root).as_posix()

    def nav_pages(self) -> list[str]:
        """Every page the nav of mkdocs.yml lists, relative to the docs folder."""
        found: list[str] = []

        def walk(node: Any) -> None:
            if isinstance(node, str) and node.endswith(".md"):
                found.append(node)
            elif isinstance(node, list):
                for item in node:
                    walk(item)
            elif isinstance(node, dict):
                for item in node.values():
                    walk(item)

        walk(self.config.get("nav") or [])
        return found

    def config_line(self, text: str) -> int:
        """The first line of mkdocs.yml that contains `text` (1 if none does)."""
        for number, line in enumerate(self.config_text.splitlines(), start=1):
            if text in line:
                return number
        return 1

    def markdown_extensions(self) -> tuple[list[str], dict[str, dict]]:
        """The Markdown extensions and their settings, as MkDocs uses them."""
        names, configs = list(MKDOCS_BUILTIN_EXTENSIONS), {}
        for entry in self.config.get("markdown_extensions") or []:
            name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
            if name not in names:
                names.append(name)
            if settings:
                configs[name] = settings
        return names, configs


@dataclass
class Report:
    """What the checks found: problem lines and each page's reading grade."""

    problems: list[str] = field(default_factory=list)
    grades: dict[str, float] = field(default_factory=dict)
    pages: int = 0

    def sorted_problems(self) -> list[str]:
        """Problems ordered by file, then line number."""
        def key(problem: str) -> tuple[str, int]:
            match = _PLACE.match(problem)
            assert match is not None
            return match["file"], int(match["line"] or 0)
        return sorted(self.problems, key=key)


def check_data(path: Path, label: str) -> tuple[DosingData | None, list[str]]:
    """Validate the data file and return it with every problem found (not just the first)."""
    try:
        document = YamlDocument.from_file(path, label)
    except DataError as exc:
        return None, [str(exc)]
    try:
        data = DosingData.model_validate(document.data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(part for part in error["loc"] if part != "[key]")
            problems.append(f"{document.place(loc)}: {explain(error, DosingData)}")
        return None, problems
    return data, [f"{document.place(path_)}: {message}" for path_, message in find_problems(data)]


def check_page(text: str, label: str, values: SiteValues | None, known_sources: set[str],
               sources_href: str) -> tuple[list[str], str | None]:
    """Every problem of one page, and its rendered Markdown if it renders cleanly."""
    if values is not None:
        try:
            return [], check_and_render(text, values, page=label,
                                        sources_href=sources_href).markdown
        except ContentError:
            pass  # look at each step on its own below, to report every problem
    problems = front_matter_problems(text, label, known_sources)
    _, body, offset = split_front_matter(text)
    for literal in find_dose_literals(body, offset):
        problems.append(f"{label}:{literal.line}: {literal.problem()}")
    if values is not None:
        try:
            render_page(body, values, page=label, sources_href=sources_href, line_offset=offset)
        except ContentError as exc:
            problems.append(str(exc))
    return problems, None


def front_matter_problems(text: str, label: str, known_sources: set[str]) -> list[str]:
    """Every problem of a page's front matter; the first is the one the build stops at."""
    try:
        read_front_matter(text, label, known_sources)
        return []
    except ContentError as exc:
        first = str(exc)
    front, _, _ = split_front_matter(text)
    try:
        document = YamlDocument(front or "", label, line_offset=1)
    except DataError:
        return [first]
    if not isinstance(document.data, dict):
        return [first]
    problems = [first]
    try:
        PageMeta.model_validate(document.data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            place = document.place(loc or ("next_review",)).rsplit(": ", 1)[0]
            name = ".".join(str(part) for part in loc)
            what = explain(error, PageMeta)
            problems.append(f"{place}: {name}: {what}" if name else f"{place}: {what}")
    sources = document.data.get("sources")
    for index, source in enumerate(sources if isinstance(sources, list) else []):
        if source not in known_sources:
            place = document.place(("sources", index)).rsplit(": ", 1)[0]
            problems.append(f"{place}: sources: unknown source '{source}' "
                            "(not listed under 'sources:' in the data file)")
    return list(dict.fromkeys(problems))


def broken_links(html: str, text: str, label: str, page: str, docs_dir: Path) -> list[str]:
    """Links from a page to other pages that do not exist."""
    problems = []
    for link in BeautifulSoup(html, "html.parser").find_all("a", href=True):
        href = link["href"].split("#", 1)[0]
        if not href.endswith(".md") or re.match(r"^[a-z][a-z0-9+.-]*:", href) or \
                href.startswith("/"):
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
        if not (docs_dir / target).is_file():
            line = _line_of(text, link["href"])
            problems.append(f"{label}:{line}: link to '{link['href']}': no such page "
                            f"('{target}' is not in {docs_dir.name}/)")
    return problems


def grade_of(rendered: str, project: Project, masked_words: list[str]) -> tuple[float, str]:
    """The reading grade of a rendered page body, and its HTML."""
    names, configs = project.markdown_extensions()
    html = markdown.markdown(rendered, extensions=names, extension_configs=configs)
    prose = page_prose(html, masked_words)
    return (reading_grade(prose) if prose.strip() else 0.0), html


def run_checks(project: Project) -> Report:
    """Run every content check on a project and collect all the problems."""
    report = Report()
    schema_file = project.root / SCHEMA_FILE
    if not schema_file.is_file() or schema_file.read_text(encoding="utf-8") != schema_text():
        report.problems.append(f"{SCHEMA_FILE.as_posix()}:1: out of date with the data model; "
                               "run 'python -m medsite.schema'")
    data, problems = check_data(project.root / project.data_label, project.data_label)
    report.problems += problems
    values = build_values(data) if data is not None and not problems else None
    known_sources = set(data.sources) if data is not None else _source_keys(project)
    masked = [values.medicine, *values.brand_names] if values else []
    nav = project.nav_pages()
    for entry in nav:
        if not (project.docs_dir / entry).is_file():
            report.problems.append(f"mkdocs.yml:{project.config_line(entry)}: nav: no page "
                                   f"'{entry}' in {project.docs_dir.name}/")
    for path in project.pages():
        report.pages += 1
        label = project.label(path)
        page = path.relative_to(project.docs_dir).as_posix()
        if page not in nav:
            report.problems.append(f"{label}:1: not in the nav of mkdocs.yml; add it under "
                                   "its group (make page does this for new pages)")
        text = path.read_text(encoding="utf-8")
        sources_href = relative_url(page_url(page), page_url(project.sources_page))
        problems, rendered = check_page(text, label, values, known_sources, sources_href)
        report.problems += problems
        if rendered is None:  # still look for broken links, in the unrendered text
            html = markdown.markdown(split_front_matter(text)[1])
            report.problems += broken_links(html, text, label, page, project.docs_dir)
            continue
        grade, html = grade_of(rendered, project, masked)
        report.grades[label] = grade
        report.problems += broken_links(html, text, label, page, project.docs_dir)
        if grade > MAX_READING_GRADE:
            _, _, offset = split_front_matter(text)
            report.problems.append(
                f"{label}:{offset + 1}: reading grade {grade:.1f} is above "
                f"{MAX_READING_GRADE:g}; use shorter sentences and everyday words"
            )
    return report


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: print every problem, or a one-line summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    project = Project.load(args.config_file)
    report = run_checks(project)
    if report.problems:
        for problem in report.sorted_problems():
            print(problem)
        count = len(report.problems)
        print(f"{count} problem{'s' if count > 1 else ''} found; see EDITING.md for what each "
              "message means", file=sys.stderr)
        return 1
    hardest = max(report.grades.items(), key=lambda item: item[1], default=("", 0.0))
    print(f"All clear: {project.data_label} and {report.pages} pages checked; highest reading "
          f"grade {hardest[1]:.1f} ({hardest[0]})")
    return 0


class _AnySource(set):
    """Stands in for the source keys when the data file cannot be read at all."""

    def __contains__(self, item: object) -> bool:
        return True


def _source_keys(project: Project) -> set[str]:
    """Source keys from a data file that did not validate, so pages can still be checked."""
    try:
        document = YamlDocument.from_file(project.root / project.data_label)
    except DataError:
        return _AnySource()  # the data file's own error says what to fix first
    sources = document.data.get("sources") if isinstance(document.data, dict) else None
    return set(sources) if isinstance(sources, dict) else _AnySource()


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1


if __name__ == "__main__":
    sys.exit(main())
