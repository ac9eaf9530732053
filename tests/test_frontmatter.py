"""Page front matter: required fields, real dates, review intervals by page type, sources."""

from __future__ import annotations

from datetime import date

import pytest

from medsite.errors import ContentError
from medsite.frontmatter import add_years, read_front_matter, split_front_matter

PAGE = """---
title: Stopping safely
description: How the dose is lowered slowly when you stop, and the signs of stopping too fast.
type: dosing
last_reviewed: 2026-11-25
next_review: 2027-11-25
sources: [label]
---

# Body
"""


def read(text: str):
    return read_front_matter(text, "content/p.md", {"label", "guide"})


def test_valid_front_matter_is_read() -> None:
    meta = read(PAGE)
    assert (meta.type, meta.last_reviewed, meta.next_review) == (
        "dosing", date(2026, 11, 25), date(2027, 11, 25))


def test_body_and_line_offset_are_split_off() -> None:
    front, body, offset = split_front_matter(PAGE)
    assert front is not None and front.startswith("title:")
    assert body == "# Body\n"
    assert offset == 9


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("next_review: 2027-11-25", "next_review: 2027-11-26",
         "content/p.md:6: next_review is more than 1 year after last_reviewed, the longest a "
         "dosing page may go without review"),
        ("next_review: 2027-11-25", "next_review: 2026-11-24",
         "content/p.md:6: next_review must be after last_reviewed"),
        ("last_reviewed: 2026-11-25", "last_reviewed: 2026-02-29",
         "content/p.md:5: last_reviewed: '2026-02-29' is not a real date in the form YYYY-MM-DD"),
        ("title: Stopping safely\n", "",
         "content/p.md:2: title: missing key 'title'"),
        ("title: Stopping", "titel: Stopping",
         "content/p.md:2: titel: unknown key 'titel' (did you mean 'title'?)"),
        ("type: dosing", "type: dosage",
         "content/p.md:4: type: 'dosage' is not allowed here; use one of 'home', 'condition', "
         "'dosing', 'safety' or 'about'"),
        ("sources: [label]", "sources: [label, nhs]",
         "content/p.md:7: sources: unknown source 'nhs' (not listed under 'sources:' in the "
         "data file)"),
        ("How the dose is lowered slowly when you stop, and the signs of stopping too fast.",
         "Too short.",
         "content/p.md:3: description: string should have at least 50 characters"),
    ],
)
def test_bad_front_matter_names_file_line_and_field(old: str, new: str, message: str) -> None:
    assert old in PAGE
    with pytest.raises(ContentError) as caught:
        read(PAGE.replace(old, new, 1))
    assert str(caught.value) == message


def test_page_without_front_matter_is_refused() -> None:
    with pytest.raises(ContentError, match=r"^content/p.md:1: no front matter"):
        read("# Just a heading\n")


@pytest.mark.parametrize(
    ("page_type", "next_review", "ok"),
    [("condition", "2029-11-25", True), ("condition", "2029-11-26", False),
     ("dosing", "2027-11-25", True), ("about", "2029-11-25", True)],
)
def test_review_interval_depends_on_page_type(page_type: str, next_review: str,
                                              ok: bool) -> None:
    text = PAGE.replace("type: dosing", f"type: {page_type}").replace(
        "next_review: 2027-11-25", f"next_review: {next_review}")
    if ok:
        assert read(text).type == page_type
    else:
        with pytest.raises(ContentError, match="more than 3 years after last_reviewed"):
            read(text)


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [(date(2026, 11, 25), 1, date(2027, 11, 25)), (date(2028, 2, 29), 1, date(2029, 2, 28))],
)
def test_add_years_keeps_the_calendar_day(day: date, years: int, expected: date) -> None:
    assert add_years(day, years) == expected
