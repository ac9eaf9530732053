"""`make changes`: what a change does, for the reviewer of a pull request.

It compares the working tree with a git ref (`--base`, default main) and lists every data
value added, removed or changed (old and new, with units, source and section), and for each
the pages that show it with the sentence or table row before and after; then the page text
that changed. The same report is written as Markdown for CI to attach to the pull request.

`make check --base REF` uses the same comparison to refuse a value that changed while its
checked date did not, and a page that shows a changed value but was last reviewed before it.
"""

from __future__ import annotations

import argparse
import difflib
import io
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..content.contexts import value_contexts
from ..content.frontmatter import PageMeta
from ..content.markdown_html import MarkdownRenderer
from ..content.pipeline import Site, finish_page, prepare_page
from ..data.load import read_document
from ..data.yaml_lines import YamlDocument, parse_path
from ..files import read_text
from ..problems import Problem, SiteError
from ..project import Project
from ..render.catalogue import Record, all_records


class BaseUnavailable(Exception):
    """The base ref cannot be read (no git, or no such ref)."""


@dataclass
class PageState:
    """One page as a reviewer compares it: its source, front matter and value contexts."""

    label: str
    text: str
    meta: PageMeta | None
    contexts: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Snapshot:
    """The site at one point: its values and pages (empty if it could not be read)."""

    records: dict[str, Record]
    pages: dict[str, PageState]
    document: YamlDocument | None
    note: str = ""


@dataclass(frozen=True)
class ValueChange:
    """A data value added, removed or changed, and the pages that show it."""

    path: str
    kind: str  # "added", "removed" or "changed"
    before: Record | None
    after: Record | None
    pages: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]  # label, before, after


@dataclass
class ChangeReport:
    """Everything a reviewer reads about a change."""

    base: str
    values: list[ValueChange]
    page_diffs: dict[str, list[str]]
    problems: list[Problem]
    notes: list[str]


def snapshot(project: Project, site: Site | None, today: date) -> Snapshot:
    """Render every page of a project and note where each value shows."""
    if site is None:
        return Snapshot({}, {}, None, "its data file could not be read")
    records = {r.path: r for r in all_records(site.values)}
    renderer = MarkdownRenderer(project.config.get("markdown_extensions") or [])
    pages: dict[str, PageState] = {}
    for path in project.pages():
        label = project.label(path)
        text, _problem = read_text(path, label)
        if text is None:
            continue
        page = prepare_page(text, label, project.uri(path), site, project.settings, today,
                        use_directory_urls=project.use_directory_urls)
        state = PageState(label, text, page.meta)
        if not page.problems:
            finished = finish_page(renderer.html(page.markdown), page, text)
            for value, context in value_contexts(finished.marked_html, page.output):
                for entry in value.inputs:
                    state.contexts.setdefault(entry, []).append(context)
        pages[label] = state
    return Snapshot(records, pages, read_document(project.data_path, project.settings.data_file))


def base_snapshot(project: Project, base: str, today: date) -> tuple[Snapshot, str]:
    """The project as it was at git ref `base`, and the commit it names."""
    commit = _git(project.root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    if not commit:
        raise BaseUnavailable(f"no git ref '{base}' here; give one with BASE=<ref>")
    prefix = _git(project.root, "rev-parse", "--show-prefix")
    archive = subprocess.run(["git", "-C", str(project.root), "archive", "--format=tar", commit],
                             capture_output=True, check=False)
    if archive.returncode != 0:
        raise BaseUnavailable(f"cannot read '{base}' from git")
    with tempfile.TemporaryDirectory(prefix="medsite-base-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        config = Path(folder) / prefix / "mkdocs.yml"
        try:
            old = Project.load(config)
            site, _ = old.load_site(today)
        except SiteError:
            return Snapshot({}, {}, None, "its settings could not be read"), commit[:12]
        state = snapshot(old, site, today)
        # Labels are relative to each project's root, so the two snapshots line up.
        return state, commit[:12]


def compare(before: Snapshot, after: Snapshot) -> tuple[list[ValueChange], dict[str, list[str]]]:
    """The value changes and the page text changes between two snapshots (no value changes
    when either side's data could not be read: only its page text is compared)."""
    changes = []
    comparable = not before.note and not after.note
    paths = [*after.records, *(p for p in before.records if p not in after.records)]
    for path in paths if comparable else []:
        old, new = before.records.get(path), after.records.get(path)
        if old is not None and new is not None and _same(old, new):
            continue
        kind = "added" if old is None else "removed" if new is None else "changed"
        pages = []
        for label in sorted(set(before.pages) | set(after.pages)):
            was = before.pages[label].contexts.get(path, []) if label in before.pages else []
            now = after.pages[label].contexts.get(path, []) if label in after.pages else []
            if was or now:
                pages.append((label, tuple(dict.fromkeys(was)), tuple(dict.fromkeys(now))))
        changes.append(ValueChange(path, kind, old, new, tuple(pages)))
    diffs = {}
    for label in sorted(set(before.pages) | set(after.pages)):
        old_text = before.pages[label].text if label in before.pages else ""
        new_text = after.pages[label].text if label in after.pages else ""
        if old_text != new_text:
            diff = list(difflib.unified_diff(old_text.splitlines(), new_text.splitlines(),
                                             lineterm="", n=0))[2:]
            diffs[label] = [line for line in diff if not line.startswith("@@")]
    return changes, diffs


def _cited(record: Record) -> str:
    return f"{record.citation.source.key} ({record.citation.section})"


def _what_changed(old: Record, new: Record) -> str:
    """'10 mg -> 5 mg', or for the same value cited elsewhere, 'source: a (x) -> b (y)'."""
    if old.shown != new.shown:
        return f"{old.shown} -> {new.shown}"
    return f"source: {_cited(old)} -> {_cited(new)}"


def _same(old: Record, new: Record) -> bool:
    return (old.value, old.unit, old.citation.source.key, old.citation.section) == \
        (new.value, new.unit, new.citation.source.key, new.citation.section)


def review_problems_for(changes: list[ValueChange], before: Snapshot, after: Snapshot,
                        data_label: str, sources_page: str) -> list[Problem]:
    """A changed value must be re-checked, and every page that shows it re-reviewed (but
    the sources page, which lists every value and is written by the engine)."""
    problems = []
    for change in changes:
        new = change.after
        if new is None:
            continue
        old = change.before
        checked = new.citation.checked
        line = after.document.line_of(parse_path(change.path)) if after.document else None
        if old is not None and (checked is None or (old.citation.checked is not None and
                                                    checked <= old.citation.checked)):
            problems.append(Problem(data_label, line, change.path, (
                f"changed ({_what_changed(old, new)}) but its checked date did not; check "
                "it against its source and set 'checked' to that day")))
            continue
        if checked is None:
            continue
        for label, state in after.pages.items():
            meta = state.meta
            if change.path not in state.contexts or meta is None or meta.is_draft or \
                    label.endswith("/" + sources_page):
                continue
            if meta.last_reviewed is None or meta.last_reviewed < checked:
                problems.append(Problem(label, None, "last_reviewed", (
                    f"this page shows {change.path}, which changed on {checked}; review the "
                    f"page against it and set last_reviewed to {checked} or later")))
    return problems


def review_problems(project: Project, site: Site, base: str, today: date) -> list[Problem]:
    """`make check`'s re-review rule against the base ref (`BaseUnavailable` if it cannot be
    read)."""
    before, _ = base_snapshot(project, base, today)
    after = snapshot(project, site, today)
    changes, _ = compare(before, after)
    return _with_lines(review_problems_for(changes, before, after, project.settings.data_file,
                                           project.settings.sources_page), after)


def _with_lines(problems: list[Problem], after: Snapshot) -> list[Problem]:
    placed = []
    for problem in problems:
        state = after.pages.get(problem.file)
        if problem.line is None and state is not None:
            line = _line_of(state.text, "last_reviewed:")
            problem = Problem(problem.file, line, problem.key_path, problem.message)
        placed.append(problem)
    return placed


def build_report(project: Project, site: Site | None, base: str, today: date) -> ChangeReport:
    """Compare the working tree with `base`."""
    before, commit = base_snapshot(project, base, today)
    after = snapshot(project, site, today)
    changes, diffs = compare(before, after)
    notes = [f"The base ({base}) could not be compared: {before.note}."] if before.note else []
    problems = _with_lines(review_problems_for(changes, before, after,
                                               project.settings.data_file,
                                               project.settings.sources_page), after)
    return ChangeReport(f"{base} ({commit})", changes, diffs, problems, notes)


def format_text(report: ChangeReport, markdown: bool = False) -> str:
    """The report as plain text, or as Markdown for a pull request."""
    h1, h2, bullet, quote = ("# ", "## ", "- ", "    ") if markdown else ("", "", "  ", "      ")
    lines = [f"{h1}Changes since {report.base}", ""]
    lines += [*report.notes, ""] if report.notes else []
    lines += [f"{h2}Data values ({len(report.values)})", ""]
    if not report.values:
        lines += [f"{bullet}No data value changed.", ""]
    for change in report.values:
        old, new = change.before, change.after
        if change.kind == "changed" and old and new:
            what = f"{old.shown} -> {new.shown}" if old.shown != new.shown else \
                f"{new.shown} (its source changed)"
        else:
            what = (new or old).shown if (new or old) else ""  # type: ignore[union-attr]
        record = new or old
        assert record is not None
        lines.append(f"{bullet}{change.kind.upper()} {_code(change.path, markdown)}: {what}")
        where = _cited(record)
        if old and new and _cited(old) != where:
            where = f"{_cited(old)} -> {where}"
        checked = f"checked {old.citation.checked} -> {new.citation.checked}" if old and new \
            else f"checked {record.citation.checked}"
        lines.append(f"{quote}source: {where}; {checked}")
        if not change.pages:
            lines.append(f"{quote}no page shows it")
        for label, was, now in change.pages:
            lines.append(f"{quote}{_code(label, markdown)}")
            for text in was:
                lines.append(f"{quote}  before: {text}")
            for text in now:
                lines.append(f"{quote}  after:  {text}")
        lines.append("")
    lines += [f"{h2}Page text ({len(report.page_diffs)} pages)", ""]
    for label, diff in report.page_diffs.items():
        lines.append(f"{bullet}{_code(label, markdown)}")
        body = [f"{quote}{line}" for line in diff[:60]]
        if len(diff) > 60:
            body.append(f"{quote}... and {len(diff) - 60} more lines")
        lines += (["", "```diff", *[line.strip() and line[len(quote):] for line in body], "```"]
                  if markdown else body)
        lines.append("")
    lines += [f"{h2}Before this can be merged ({len(report.problems)})", ""]
    lines += [f"{bullet}{problem}" for problem in report.problems] or [
        f"{bullet}Nothing: every changed value was re-checked and its pages re-reviewed."]
    return "\n".join(lines).rstrip() + "\n"


def _code(text: str, markdown: bool) -> str:
    return f"`{text}`" if markdown else text


def _git(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                                text=True, check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def _line_of(text: str, needle: str) -> int | None:
    position = text.find(needle)
    return text.count("\n", 0, position) + 1 if position >= 0 else None


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: print the report and write it as Markdown."""
    parser = argparse.ArgumentParser(prog="medsite changes", description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="main", help="the git ref to compare with")
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--markdown", type=Path, default=Path("build/changes.md"),
                        help="where to write the Markdown report (default build/changes.md)")
    args = parser.parse_args(argv)
    today = date.today()
    try:
        project = Project.load(args.config_file)
        site, problems = project.load_site(today)
        if site is None:
            raise SiteError(problems)
        report = build_report(project, site, args.base, today)
    except SiteError as exc:
        print(exc.first, file=sys.stderr)
        return 1
    except BaseUnavailable as exc:
        print(f"make changes: {exc}", file=sys.stderr)
        return 1
    print(format_text(report), end="")
    args.markdown.parent.mkdir(parents=True, exist_ok=True)
    args.markdown.write_text(format_text(report, markdown=True), encoding="utf-8")
    print(f"\nWrote {args.markdown}")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
