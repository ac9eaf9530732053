"""`make review`: review dates, reviewers and drafts; and which pages show each data value.

`make review KEY=regimens.adults.max_daily` lists exactly the pages that show that value
(or anything inside it), so an editor who changes a number knows which pages to re-read.
An unknown key is an error, never an empty list. The calendar alone never fails.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..content.frontmatter import PageMeta
from ..content.pipeline import Site, prepare_page
from ..content.review_dates import ReviewStatus, review_status
from ..files import read_text
from ..problems import Problem, SiteError
from ..project import Project
from ..render.catalogue import all_records


@dataclass(frozen=True)
class PageReview:
    """One page's review dates, reviewer and the data entries it shows."""

    label: str
    meta: PageMeta
    status: ReviewStatus
    entries: tuple[str, ...]


def review_pages(project: Project, site: Site, today: date,
                 build_day: date) -> tuple[list[PageReview], list[Problem]]:
    """Every page's review record, and the problems that stop one being read."""
    reviews, problems = [], []
    for path in project.pages():
        label = project.label(path)
        text, problem = read_text(path, label)
        if problem is not None or text is None:
            problems += [problem] if problem else []
            continue
        page = prepare_page(text, label, project.uri(path), site, project.settings, today,
                        use_directory_urls=project.use_directory_urls)
        if page.meta is None:
            problems += page.problems[:1]
            continue
        entries = tuple(sorted({i for value in page.output.values for i in value.inputs}))
        status = review_status(page.meta.next_review, build_day,
                               project.settings.review_due_soon_days)
        reviews.append(PageReview(label, page.meta, status, entries))
    return reviews, problems


def known_keys(site: Site) -> set[str]:
    """Every data path a reviewer may ask about, with each of its parents."""
    keys: set[str] = set()
    for record in all_records(site.values):
        parts = record.path.replace("[", ".[").split(".")
        for cut in range(1, len(parts) + 1):
            keys.add(".".join(parts[:cut]).replace(".[", "["))
    return keys


def overlaps(wanted: str, entry: str) -> bool:
    """Whether a key an editor names and a data entry a page shows are the same or nested."""
    return wanted == entry or entry.startswith((wanted + ".", wanted + "[")) or \
        wanted.startswith((entry + ".", entry + "["))


def format_report(reviews: list[PageReview], build_day: date, due_soon_days: int) -> str:
    """The report as text: calendar, drafts and reviewers, and pages by data entry."""
    width = max((len(r.label) for r in reviews), default=4)
    lines = [f"Review dates (as of {build_day}; 'due soon' means within {due_soon_days} days)",
             "", f"  {'Page':<{width}}  Last reviewed  Next review  Status       Reviewer"]
    for r in reviews:
        flag = {"overdue": f"OVERDUE by {(build_day - r.meta.next_review).days} days"
                if r.meta.next_review else "OVERDUE",
                "due soon": f"DUE SOON, in {(r.meta.next_review - build_day).days} days"
                if r.meta.next_review else "DUE SOON",
                "ok": "ok", "draft": "DRAFT"}[r.status]
        last = str(r.meta.last_reviewed or "never")
        following = str(r.meta.next_review or "-")
        lines.append(f"  {r.label:<{width}}  {last:<13}  {following:<11}  {flag:<11}  "
                     f"{r.meta.reviewed_by or '-'}")
    drafts = [r.label for r in reviews if r.meta.is_draft]
    never = [r.label for r in reviews if r.meta.last_reviewed is None]
    lines += ["", "Drafts (previewed by make serve, left out of the published site)"]
    lines += [f"  {label}" for label in drafts] or ["  (none)"]
    lines += ["", "Never reviewed"]
    lines += [f"  {label}" for label in never] or ["  (none)"]
    reviewers: dict[str, list[str]] = {}
    for r in reviews:
        if r.meta.reviewed_by:
            reviewers.setdefault(r.meta.reviewed_by, []).append(r.label)
    lines += ["", "Reviewers"]
    lines += [f"  {who}: {len(pages)} page{'s' if len(pages) != 1 else ''}"
              for who, pages in sorted(reviewers.items())] or ["  (none)"]
    by_entry: dict[str, list[str]] = {}
    for r in reviews:
        for entry in r.entries:
            by_entry.setdefault(entry, []).append(r.label)
    lines += ["", "If you change a value in the data file, re-read these pages"]
    lines += [f"  {entry}: {', '.join(pages)}" for entry, pages in sorted(by_entry.items())]
    overdue = sum(r.status == "overdue" for r in reviews)
    soon = sum(r.status == "due soon" for r in reviews)
    lines += ["", f"{len(reviews)} pages: {overdue} overdue, {soon} due within "
              f"{due_soon_days} days, {len(drafts)} drafts"]
    return "\n".join(lines)


def pages_showing(key: str, reviews: list[PageReview]) -> list[str]:
    """Exactly the pages that show the value `key`, or anything inside it."""
    return [r.label for r in reviews if any(overlaps(key, entry) for entry in r.entries)]


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; exits 1 only if a page or the data cannot be read, or the
    key is not in the data file."""
    parser = argparse.ArgumentParser(prog="medsite review", description=__doc__.splitlines()[0])
    parser.add_argument("key", nargs="?", help="only the pages that show this data value, "
                        "e.g. regimens.adults.max_daily")
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--today", type=date.fromisoformat, default=None,
                        help="the date to review against (YYYY-MM-DD); default: the build's")
    args = parser.parse_args(argv)
    try:
        project = Project.load(args.config_file)
        from ..dates import build_date

        build_day = args.today or build_date(project.root)
        site, problems = project.load_site(date.today())
        if site is None:
            raise SiteError(problems)
        reviews, problems = review_pages(project, site, date.today(), build_day)
        if problems:
            raise SiteError(problems)
    except SiteError as exc:
        for problem in exc.problems:
            print(problem)
        return 1
    if args.key:
        keys = known_keys(site)
        key = args.key.strip()
        if key not in keys:
            hint = difflib.get_close_matches(key, sorted(keys), n=1)
            print(f"{project.settings.data_file}: no value '{key}' in the data file"
                  + (f" (did you mean '{hint[0]}'?)" if hint else ""))
            return 1
        pages = pages_showing(key, reviews)
        print(f"Pages that show {key}:")
        print("\n".join(f"  {page}" for page in pages) or "  (none: no page shows it)")
        return 0
    print(format_report(reviews, build_day, project.settings.review_due_soon_days))
    return 0


if __name__ == "__main__":
    sys.exit(main())
