"""The generated sources page: one section per source, its numbers in a labelled table."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES
from medsite.catalogue import all_numbers
from medsite.load import load_dosing_data
from medsite.readability import page_prose
from medsite.sources_page import render_sources
from medsite.values import SiteValues, build_values


@pytest.fixture(scope="module")
def values() -> SiteValues:
    return build_values(load_dosing_data(FIXTURES / "dosing.yml"))


@pytest.fixture(scope="module")
def page(values: SiteValues) -> BeautifulSoup:
    body = "# Sources\n\nThe list.\n\n" + render_sources(values)
    html = markdown.markdown(body, extensions=["attr_list", "md_in_html"])
    return BeautifulSoup(f"<article>{html}</article>", "html.parser")


def test_each_source_is_a_second_level_heading_with_its_anchor(page: BeautifulSoup) -> None:
    headings = [(h.name, h.get("id"), h.get_text()) for h in page.select("h2, h3, h4")]
    assert headings == [("h2", "src-label", "Example label"), ("h2", "src-guide", "Example guide")]


def test_numbers_tables_have_distinct_captions_naming_their_source(page: BeautifulSoup) -> None:
    captions = [c.get_text() for c in page.select("caption")]
    assert captions == ["Numbers from: Example label", "Numbers from: Example guide"]
    for box in page.select("div.dose-table"):
        assert page.find(id=box["aria-labelledby"]).name == "caption"


def test_every_number_is_listed_under_its_source(page: BeautifulSoup,
                                                 values: SiteValues) -> None:
    for record in all_numbers(values):
        section = page.find(id=record.citation.source.anchor).find_next("table")
        rows = [[cell.get_text() for cell in row.select("th, td")][:2]
                for row in section.select("tbody tr")]
        assert [record.what, record.value] in rows


def test_reference_lines_are_not_counted_as_prose(page: BeautifulSoup) -> None:
    refs = page.select("p.source-ref")
    assert len(refs) == 2
    assert refs[0].a["href"] == "https://example.org/label"
    prose = page_prose(str(page), [])
    assert prose == "The list."
