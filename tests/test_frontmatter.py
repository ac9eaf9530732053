"""Each page's front matter: fields, real dates, review policy by page type, drafts and
reviewers; one line at the field that is wrong."""

from __future__ import annotations

import pytest

from helpers import TODAY, fixture_settings
from medsite.content.frontmatter import read_meta, split_front_matter

GOOD = """---
title: Stroke
description: What stroke is, how it affects people who take examplofen, and when to get help.
type: condition
last_reviewed: 2026-11-25
next_review: 2029-11-25
reviewed_by: Clinical pharmacist
sources: [label]
keywords: [brain attack]
---

# Stroke
"""
DRAFT = """---
title: Stroke
description: What stroke is, how it affects people who take examplofen, and when to get help.
type: condition
status: draft
sources: [label]
---
"""


def problems(text: str) -> list[str]:
    result = read_meta(text, "content/conditions/stroke.md", fixture_settings(), {"label"},
                       TODAY)
    return [str(p) for p in result.problems]


def test_good_front_matter_has_no_problem() -> None:
    result = read_meta(GOOD, "x.md", fixture_settings(), {"label"}, TODAY)
    assert result.problems == []
    assert result.meta is not None and result.meta.keywords == ["brain attack"]


def test_a_draft_needs_no_review_dates_and_says_it_is_a_draft() -> None:
    result = read_meta(DRAFT, "x.md", fixture_settings(), {"label"}, TODAY)
    assert result.problems == []
    assert result.meta is not None and result.meta.is_draft


def test_the_body_starts_after_the_front_matter_and_its_lines_are_counted() -> None:
    front, body, offset = split_front_matter(GOOD)
    assert front is not None and front.startswith("title: Stroke")
    assert body == "# Stroke\n"
    assert offset == 11


@pytest.mark.parametrize(("old", "new", "message"), [
    pytest.param("reviewed_by: Clinical pharmacist\n", "",
                 "content/conditions/stroke.md:2: missing key 'reviewed_by': a published page "
                 "names its review dates and its clinical reviewer (a new page stays 'status: "
                 "draft' until it is reviewed)", id="no-reviewer"),
    pytest.param("type: condition", "type: illness",
                 "content/conditions/stroke.md:4: type: 'illness' is not allowed here; use one "
                 "of 'home', 'condition', 'dosing', 'safety', 'about'", id="unknown-type"),
    pytest.param("next_review: 2029-11-25", "next_review: 2030-11-25",
                 "content/conditions/stroke.md:6: next_review: next_review is more than 3 "
                 "years after last_reviewed, the longest a condition page may go without "
                 "review", id="interval-too-long"),
    pytest.param("next_review: 2029-11-25", "next_review: 2026-01-01",
                 "content/conditions/stroke.md:6: next_review: next_review must be after "
                 "last_reviewed", id="dates-in-the-wrong-order"),
    pytest.param("last_reviewed: 2026-11-25", "last_reviewed: 2026-12-25",
                 "content/conditions/stroke.md:5: last_reviewed: 2026-12-25 is in the future",
                 id="reviewed-in-the-future"),
    pytest.param("next_review: 2029-11-25", "next_review: 2029-11-31",
                 "content/conditions/stroke.md:6: next_review: '2029-11-31' is not a real date "
                 "in the form YYYY-MM-DD", id="impossible-date"),
    pytest.param("sources: [label]", "sources: [nice]",
                 "content/conditions/stroke.md:8: sources[0]: unknown source 'nice' (not listed "
                 "under 'sources:' in the data file)", id="unknown-source"),
    pytest.param("title: Stroke", "title: Take 200 mg for a stroke",
                 "content/conditions/stroke.md:2: title: dose number '200 mg' typed into a "
                 "title; titles and menu labels name the topic, and the page shows the number "
                 "from the data file", id="dose-in-title"),
    pytest.param("title: Stroke", "title: Stroke {{ regimens.adults.max_daily }}",
                 "content/conditions/stroke.md:2: title: data names are not filled in here; "
                 "write plain words (and no dose number)", id="reference-in-title"),
    pytest.param("title: Stroke", "title: \"Stroke 2\u200b00 mg\"",
                 "content/conditions/stroke.md:2: title: holds an invisible character; retype "
                 "it", id="invisible-in-title"),
    pytest.param("sources: [label]\n", "sources: [label]\nauthor: me\n",
                 "content/conditions/stroke.md:9: author: unknown key 'author'",
                 id="unknown-key"),
    pytest.param("description: What stroke is,", "description: Stroke.\nx: What stroke is,",
                 "content/conditions/stroke.md:3: description: must be at least 50 characters "
                 "long, not 7", id="description-too-short"),
])
def test_bad_front_matter_gives_one_line(old: str, new: str, message: str) -> None:
    assert old in GOOD
    assert problems(GOOD.replace(old, new, 1))[0] == message


def test_a_page_without_front_matter_is_refused() -> None:
    assert problems("# Stroke\n") == [
        "content/conditions/stroke.md:1: no front matter (a '---' block with title, "
        "description, type, sources and review dates)"]


def test_the_review_policy_comes_from_the_site_settings() -> None:
    settings = fixture_settings(page_types={"condition": {"review_years": 5}})
    text = GOOD.replace("next_review: 2029-11-25", "next_review: 2031-11-25")
    assert read_meta(text, "x.md", settings, {"label"}, TODAY).problems == []
