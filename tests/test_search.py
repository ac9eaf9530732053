"""Search, in Material's real search box on the built site: it loads only when a reader
reaches for it, and the words worried readers type find the right page first or second."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from browser import DESKTOP, NARROW, PHONE, SearchBox, SearchResult, Survey, Viewport, outside_hosts

pytestmark = pytest.mark.browser

SEARCH_VIEWPORTS = (NARROW, PHONE, DESKTOP)  # the widths issue 12 names
# What a reader types, and the page that answers it (issue 12).
READERS_WORDS = {
    "overdose": "dosing/missed-doses/",
    "max dose": "dosing/maximum-dose/",
    "maximum": "dosing/maximum-dose/",
    "too much": "dosing/missed-doses/",
    "withdrawal": "dosing/stopping/",
    "forgot": "dosing/missed-doses/",
    "kidney": "dosing/things-that-change-your-dose/",
    "pregnant": "safety/pregnancy-breastfeeding/",
    "liquid": "dosing/forms/",
    "pump alarm": "dosing/pump/",
    "alcohol": "safety/medicines-alcohol-driving/",
    "side effects": "safety/side-effects/",
}
SEARCH_FILES = ("search/search_index.json", "/workers/search.")


def page_path(result: SearchResult, site_url: str) -> str:
    """A result's page as a path of the site: 'dosing/pump/'."""
    return urlsplit(result.href).path.removeprefix(urlsplit(site_url).path)


@pytest.fixture(scope="module")
def answers(survey: Survey, site_url: str) -> Iterator[dict[str, dict[str, list[SearchResult]]]]:
    """Every listed query, typed into one search box per screen width; the result lists,
    searched once and kept for the tests below."""
    found: dict[str, dict[str, list[SearchResult]]] = {}
    pages: list[Page] = []
    try:
        for viewport in SEARCH_VIEWPORTS:
            page = survey.context(viewport).new_page()
            pages.append(page)
            page.goto(site_url, wait_until="load")
            box = SearchBox(page, viewport)
            found[viewport.name] = {query: box.search(query) for query in READERS_WORDS}
        yield found
    finally:
        for page in pages:
            page.close()


@pytest.mark.parametrize("viewport", SEARCH_VIEWPORTS, ids=lambda v: v.name)
@pytest.mark.parametrize(("query", "expected"), READERS_WORDS.items())
def test_readers_words_find_the_right_page_first_or_second(
        answers: dict[str, dict[str, list[SearchResult]]], site_url: str, viewport: Viewport,
        query: str, expected: str) -> None:
    ranked = [page_path(result, site_url) for result in answers[viewport.name][query]]
    assert expected in ranked[:2], f"{query!r} lists {ranked[:5]}"


def test_a_missing_word_is_said_in_plain_words(
        answers: dict[str, dict[str, list[SearchResult]]]) -> None:
    """'max dose' also finds pages without 'max': they say so in words, not struck through."""
    results = answers[DESKTOP.name]["max dose"]
    lacking = [result for result in results if result.terms]
    assert lacking, "no result lacks a word of 'max dose'"
    assert {result.terms for result in lacking} == {"Not on this page: max"}
    assert {result.struck for result in lacking} == {"none"}


def search_requests(requests: list[str]) -> list[str]:
    return [url for url in requests if any(part in url for part in SEARCH_FILES)]


@pytest.mark.parametrize("viewport", SEARCH_VIEWPORTS, ids=lambda v: v.name)
def test_search_loads_only_when_the_reader_reaches_for_it(
        survey: Survey, site_url: str, viewport: Viewport) -> None:
    page = viewport.new_page(survey.browser)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(site_url, wait_until="networkidle")
        assert search_requests(requests) == [], "search files fetched before anyone searched"
        results = SearchBox(page, viewport).search("withdrawal")
    finally:
        page.close()
    assert len(search_requests(requests)) == 2, requests
    assert outside_hosts(requests, site_url) == []
    assert any(page_path(r, site_url) == READERS_WORDS["withdrawal"] for r in results), results
