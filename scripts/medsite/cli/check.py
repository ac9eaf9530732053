"""`make check`: every content check without a build, each problem as `file:line: message`.

It runs the same page pipeline as the build (front matter, typed doses, spelling, data
names, raw HTML, dose numbers in the finished page), plus what only a whole-site look can
see: pages missing from the nav, links to pages or headings that do not exist, reading
grade, the data schema, and (against a git base) values changed without being re-checked.
Exit status 1 if anything is wrong; the review calendar alone never fails it.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bs4 import BeautifulSoup

from ..content.markdown_html import MarkdownRenderer
from ..content.pipeline import Site, finish_page, label_problems, prepare_page
from ..content.readability import page_prose, reading_grade
from ..data.schema import schema_text
from ..files import read_text
from ..problems import Problem, SiteError, sort_problems
from ..project import Project


@dataclass
class Report:
    """What the checks found: every problem and each page's reading grade."""

    problems: list[Problem] = field(default_factory=list)
    grades: dict[str, float] = field(default_factory=dict)
    pages: int = 0
    # What was not checked, and why (printed, never silent).
    notes: list[str] = field(default_factory=list)
    # The element ids of each rendered page, and every link to an anchor, for the anchor
    # check once every page is read.
    ids: dict[str, set[str]] = field(default_factory=dict)
    anchor_links: list[AnchorLink] = field(default_factory=list)


@dataclass(frozen=True)
class AnchorLink:
    """A link from a page to a place in a page (`page.md#place` or `#place`)."""

    label: str
    line: int | None
    href: str
    target: str  # the target page's path in the docs folder
    anchor: str


def run_checks(project: Project, today: date, base: str | None = None, *,
               require_base: bool = False) -> Report:
    """Run every content check on a project and collect all the problems. With `base`, the
    re-review rule compares the data with that git ref; a base that cannot be read is a
    note, or a problem with `require_base` (as in CI, where nothing is skipped)."""
    report = Report()
    settings = project.settings
    # One line per linked file (the data file is also looked at on its own).
    report.problems += {p.file: p for p in reversed(project.symlink_problems())}.values()
    schema = project.root / settings.schema_path
    if not schema.is_file() or schema.read_text(encoding="utf-8") != schema_text():
        report.problems.append(Problem(settings.schema_path, 1, None, "out of date with the "
                                       "data model; run 'python -m medsite schema'"))
    site, problems = project.load_site(today)
    report.problems += problems
    report.problems += _nav_problems(project)
    renderer = MarkdownRenderer(project.config.get("markdown_extensions") or [])
    nav = set(project.nav_pages())
    for path in project.pages():
        report.pages += 1
        report.problems += _page_problems(project, path, site, nav, renderer, report, today)
    report.problems += _anchor_problems(report)
    if base is not None and site is not None:
        from .changes import BaseUnavailable, review_problems  # only when comparing

        try:
            report.problems += review_problems(project, site, base, today)
        except BaseUnavailable as exc:
            unchecked = f"changed values were not checked for re-review: {exc}"
            if require_base:
                report.problems.append(Problem(settings.data_file, None, None, unchecked))
            else:
                report.notes.append(f"{settings.data_file}: {unchecked}")
    report.problems = sort_problems(report.problems)
    return report


def _nav_problems(project: Project) -> list[Problem]:
    problems = []
    for title, page, line in project.nav_entries():
        problems += label_problems("mkdocs.yml", line, title, "nav")
        if page and not (project.docs_dir / page).is_file():
            problems.append(Problem("mkdocs.yml", line, "nav", f"no page '{page}' in "
                                    f"{project.docs_dir.name}/"))
    return problems


def _page_problems(project: Project, path: Path, site: Site | None, nav: set[str],
                   renderer: MarkdownRenderer, report: Report, today: date) -> list[Problem]:
    label, uri = project.label(path), project.uri(path)
    text, problem = read_text(path, label)
    if problem is not None or text is None:
        return [problem] if problem else []
    problems: list[Problem] = []
    if uri not in nav:
        problems.append(Problem(label, 1, None, "not in the nav of mkdocs.yml; add it under "
                                "its group (make page does this for new pages)"))
    page = prepare_page(text, label, uri, site, project.settings, today,
                        use_directory_urls=project.use_directory_urls)
    problems += page.problems
    if not page.safe_for_markdown:
        return problems
    page_html = renderer.html(page.markdown)
    broken, to_places = _links(page_html, text, label, uri, project.docs_dir)
    problems += broken
    report.anchor_links += to_places
    report.ids[uri] = _ids(page_html)
    if site is None or page.problems:
        return problems
    finished = finish_page(page_html, page, text)
    problems += finished.problems
    report.ids[uri] = _ids(finished.html)
    prose = page_prose(finished.html, [site.data.medicine.name,
                                       *site.data.medicine.brand_names])
    grade = reading_grade(prose) if prose.strip() else 0.0
    report.grades[label] = grade
    limit = project.settings.reading_grade_max
    if grade > limit:
        problems.append(Problem(label, page.first_line, None, (
            f"reading grade {grade:.1f} is above {limit:g}; use shorter sentences and "
            "everyday words")))
    return problems


def _links(page_html: str, text: str, label: str, uri: str,
           docs_dir: Path) -> tuple[list[Problem], list[AnchorLink]]:
    """Links from a page to other pages that do not exist, and its links to a place in a
    page (judged by `_anchor_problems` once every page is read)."""
    problems, to_places = [], []
    for link in BeautifulSoup(page_html, "html.parser").find_all("a", href=True):
        full = str(link["href"])
        href, _, anchor = full.partition("#")
        if href and (not href.endswith(".md") or ":" in href.split("/", 1)[0]
                     or href.startswith("/")):
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(uri), href)) if href \
            else uri
        position = text.find(full)
        line = text.count("\n", 0, position) + 1 if position >= 0 else None
        if not (docs_dir / target).is_file():
            problems.append(Problem(label, line, None, (
                f"link to '{full}': no such page ('{target}' is not in {docs_dir.name}/)")))
        elif anchor:
            to_places.append(AnchorLink(label, line, full, target, anchor))
    return problems, to_places


_ID = re.compile(r"""\sid=["']([^"']+)["']""")


def _ids(page_html: str) -> set[str]:
    """Every element id in a page's HTML: the places a link can point to."""
    return set(_ID.findall(page_html))


def _anchor_problems(report: Report) -> list[Problem]:
    """Links to a place that the target page does not have (a heading renamed or removed).
    A page that could not be rendered is not judged: its own problem is reported."""
    problems = []
    for link in report.anchor_links:
        ids = report.ids.get(link.target)
        if ids is not None and link.anchor not in ids:
            problems.append(Problem(link.label, link.line, None, (
                f"link to '{link.href}': no heading or place '#{link.anchor}' on "
                f"'{link.target}'")))
    return problems


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: print every problem, or a one-line summary."""
    parser = argparse.ArgumentParser(prog="medsite check", description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--base", default=None, help="a git ref to compare the data with "
                        "(values changed since it must be re-checked and their pages "
                        "re-reviewed)")
    parser.add_argument("--require-base", action="store_true", help="a --base that cannot "
                        "be read is a problem, not a note (CI: nothing is skipped)")
    args = parser.parse_args(argv)
    try:
        project = Project.load(args.config_file)
        report = run_checks(project, date.today(), args.base, require_base=args.require_base)
    except SiteError as exc:
        for problem in exc.problems:
            print(problem)
        return 1
    for note in report.notes:
        print(f"Note: {note}", file=sys.stderr)
    if report.problems:
        for problem in report.problems:
            print(problem)
        sys.stdout.flush()
        count = len(report.problems)
        print(f"{count} problem{'s' if count > 1 else ''} found; see EDITING.md for what each "
              "message means", file=sys.stderr)
        return 1
    hardest = max(report.grades.items(), key=lambda item: item[1], default=("", 0.0))
    print(f"All clear: {project.settings.data_file} and {report.pages} pages checked; highest "
          f"reading grade {hardest[1]:.1f} ({hardest[0]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
