"""The review report: each page's review dates, and the data values each page shows.

Run as `python -m medsite.review` (or `make review`). Pages due within 60 days or overdue
are flagged, but the calendar alone never fails: only missing or impossible dates do.
`python -m medsite.review regimens.adults` lists only the pages that show that entry, so
an editor who changes a number knows which pages to re-read.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import TemplateSyntaxError, nodes

from .check import Project
from .errors import ContentError, DataError
from .frontmatter import PageMeta, read_front_matter, split_front_matter
from .load import load_dosing_data
from .pages import make_environment
from .review_dates import DUE_SOON_DAYS, ReviewStatus, review_status
from .values import SiteValues, build_values

# Names a page can show: data groups and values (as in `SiteValues.names`) ...
DATA_NAMES = ("edition", "medicine", "brand_names", "sources", "forms", "regimens", "facts",
              "contacts")
# ... and the functions that write whole tables from the data (see `pages.render_page`).
TABLE_FUNCTIONS = ("titration_table", "max_dose_table", "forms_table", "liquid_dose_table",
                   "sources_list")

_ENV = make_environment()


def page_references(body: str) -> list[str]:
    """The data references of a page body, as written: `regimens.adults.max_daily`, ...

    Read from the Jinja syntax tree, so nothing is rendered; a whole table is listed as its
    call, e.g. `titration_table(regimens.adults)`. `cite(x)` is listed as `x`.
    """
    found: list[str] = []

    def visit(node: nodes.Node) -> None:
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) \
                and node.node.name in TABLE_FUNCTIONS:
            args = ", ".join(_expression_text(arg) for arg in node.args)
            found.append(f"{node.node.name}({args})")
            return
        if isinstance(node, nodes.Getattr | nodes.Getitem | nodes.Name):
            path = _dotted(node)
            if path and path.split(".")[0].split("[")[0] in DATA_NAMES:
                found.append(path)
                return
        for child in node.iter_child_nodes():
            visit(child)

    visit(_ENV.parse(body))
    return list(dict.fromkeys(found))


def data_entries(reference: str, values: SiteValues) -> list[str]:
    """The data file entries a reference shows, e.g. `regimens.adults` for its maximum."""
    name, _, args = reference.partition("(")
    args = args.rstrip(")")
    if name == "sources_list":  # the sources page lists every number in the file
        groups = (values.forms, values.regimens, values.facts, values.contacts)
        return ["sources", *(f"{group.path}.{key}" for group in groups for key in group)]
    if name == "max_dose_table":
        return [r.path for r in values.regimens.values() if r.route == "oral"]
    if name == "forms_table":
        kinds = [arg.strip().strip("'\"") for arg in args.split(",") if arg.strip()]
        return [f.path for f in values.forms.values() if not kinds or f.kind in kinds]
    if name == "liquid_dose_table":
        liquids = [f.path for f in values.forms.values() if f.concentration is not None]
        return [_entry(args), *liquids]
    if name == "titration_table":
        return [_entry(args)]
    return [_entry(reference)]


@dataclass(frozen=True)
class PageReview:
    """One page's review dates, status and the data values it shows."""

    label: str
    meta: PageMeta
    status: ReviewStatus
    references: list[str]
    entries: list[str]


def review_pages(project: Project, today: date) -> tuple[list[PageReview], list[str]]:
    """Every page's review, and the problems (bad front matter) that stop the report."""
    values = build_values(load_dosing_data(project.root / project.data_label,
                                           project.data_label))
    reviews, problems = [], []
    for path in project.pages():
        label = project.label(path)
        text = path.read_text(encoding="utf-8")
        try:
            meta = read_front_matter(text, label, set(values.sources))
        except ContentError as exc:
            problems.append(str(exc))
            continue
        _, body, offset = split_front_matter(text)
        try:
            references = page_references(body)
        except TemplateSyntaxError as exc:
            problems.append(f"{label}:{(exc.lineno or 0) + offset}: template syntax error: "
                            f"{exc.message}")
            continue
        entries = list(dict.fromkeys(e for r in references for e in data_entries(r, values)))
        reviews.append(PageReview(label, meta, review_status(meta.next_review, today),
                                  references, entries))
    return reviews, problems


def format_report(reviews: list[PageReview], today: date, only: str | None = None) -> str:
    """The report as text: the calendar, each page's values, and pages by data entry."""
    if only:
        reviews = [r for r in reviews if any(_overlaps(only, e) for e in r.entries)]
    width = max((len(r.label) for r in reviews), default=4)
    lines = [f"Review dates (today {today}; 'due soon' means within {DUE_SOON_DAYS} days)", "",
             f"  {'Page':<{width}}  Last reviewed  Next review  Status"]
    for r in reviews:
        flag = {"overdue": f"OVERDUE by {(today - r.meta.next_review).days} days",
                "due soon": f"DUE SOON, in {(r.meta.next_review - today).days} days",
                "ok": "ok"}[r.status]
        lines.append(f"  {r.label:<{width}}  {r.meta.last_reviewed}     "
                     f"{r.meta.next_review}   {flag}")
    lines += ["", "Data values each page shows"]
    for r in reviews:
        lines.append(f"  {r.label}")
        lines += [f"    {reference}" for reference in r.references] or ["    (none)"]
    by_entry: dict[str, list[str]] = {}
    for r in reviews:
        for entry in r.entries:
            by_entry.setdefault(entry, []).append(r.label)
    lines += ["", "If you change a value in the data file, re-read these pages"]
    for entry in sorted(by_entry):
        if not only or _overlaps(only, entry):
            lines.append(f"  {entry}: {', '.join(by_entry[entry])}")
    overdue = sum(r.status == "overdue" for r in reviews)
    soon = sum(r.status == "due soon" for r in reviews)
    pages = f"{len(reviews)} page{'s' if len(reviews) != 1 else ''}"
    lines += ["", f"{pages}: {overdue} overdue, {soon} due within {DUE_SOON_DAYS} days"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; exits 1 only if a page's dates are missing or impossible."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("value", nargs="?",
                        help="only pages showing this data entry, e.g. regimens.adults")
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--today", type=date.fromisoformat, default=date.today(),
                        help="the date to review against (YYYY-MM-DD); default today")
    args = parser.parse_args(argv)
    project = Project.load(args.config_file)
    try:
        reviews, problems = review_pages(project, args.today)
    except DataError as exc:
        print(exc)
        return 1
    if problems:
        print("\n".join(problems))
        return 1
    print(format_report(reviews, args.today, args.value))
    return 0


def _dotted(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        base = _dotted(node.node)
        return f"{base}.{node.attr}" if base else None
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        base = _dotted(node.node)
        key = node.arg.value
        if base is None:
            return None
        return f"{base}[{key}]" if isinstance(key, int) else f"{base}.{key}"
    return None


def _expression_text(node: nodes.Node) -> str:
    if isinstance(node, nodes.Const):
        return repr(node.value)
    return _dotted(node) or "..."


def _entry(reference: str) -> str:
    """The data entry of a reference: its group and key (`regimens.adults`), or top name."""
    parts = reference.replace("[", ".[").split(".")
    if parts[0] in ("sources", "forms", "regimens", "facts", "contacts") and len(parts) > 1:
        return ".".join(parts[:2])
    return "medicine" if parts[0] in ("medicine", "brand_names") else parts[0]


def _overlaps(wanted: str, entry: str) -> bool:
    """Whether a data path an editor names and a page's entry are the same or nested."""
    return wanted == entry or wanted.startswith(entry + ".") or entry.startswith(wanted + ".")


if __name__ == "__main__":
    sys.exit(main())
