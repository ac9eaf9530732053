"""The built site in a real browser: accessibility, reflow, keyboard, privacy, print, screenshots.

One Chromium for the whole session and one context per screen width. Every page is found from
the built site, so a new page is checked without touching this file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

from browser import (
    CHROMIUM,
    DESKTOP,
    MISSING_BROWSER,
    NARROW,
    PHONE,
    PRINTS,
    SCREENSHOT_VIEWPORTS,
    VIEWPORTS,
    Survey,
    Viewport,
    heading_problems,
    launch_chromium,
    outside_hosts,
    png_width,
    screenshot_name,
)
from helpers import IN_CI

pytestmark = pytest.mark.browser

PRINTED_PAGE = "dosing/increasing-the-dose/"
KEYBOARD_VIEWPORTS = (PHONE, DESKTOP)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium; missing is a failure under CI=true and a skip elsewhere."""
    if not CHROMIUM.exists():
        if IN_CI:
            pytest.fail(f"CI=true: {MISSING_BROWSER}")
        pytest.skip(MISSING_BROWSER)
    with launch_chromium() as browser:
        yield browser


@pytest.fixture(scope="session")
def survey(chromium: Browser, site_url: str, built_site: Path) -> Iterator[Survey]:
    survey = Survey(chromium, site_url, built_site)
    assert survey.paths, f"no pages found in {built_site}"
    yield survey
    survey.close()


def report(title: str, problems: list[str]) -> str:
    return f"{title} ({len(problems)}):\n  " + "\n  ".join(problems)


# ---- accessibility -------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: v.name)
def test_axe_finds_no_violations_on_any_page(survey: Survey, viewport: Viewport) -> None:
    visits = survey.visits(viewport)
    problems = [line for visit in visits for line in visit.axe_problems]
    assert not problems, report(f"axe-core violations at {viewport.name}", problems)


# ---- reflow --------------------------------------------------------------------------------


def test_no_page_scrolls_sideways_at_320px(survey: Survey) -> None:
    wide = [f"/{v.path}: page is {v.scroll_width}px wide in a {v.inner_width}px screen"
            for v in survey.visits(NARROW) if v.scroll_width > v.inner_width]
    assert not wide, report("pages that scroll sideways at 320px", wide)


def test_wide_dose_tables_scroll_inside_their_own_box_at_320px(survey: Survey) -> None:
    boxes = [(v, box) for v in survey.visits(NARROW) for box in v.dose_tables]
    assert boxes, "no .dose-table on any page: the reflow check of tables checks nothing"
    problems = []
    for visit, box in boxes:
        where = f"/{visit.path} table {box['label']}"
        if box["overflowX"] not in ("auto", "scroll"):
            problems.append(f"{where}: overflow-x is {box['overflowX']}, so it cannot scroll")
        if box["right"] > visit.inner_width:
            problems.append(f"{where}: box ends at {box['right']:.0f}px, past the screen")
        if box["scrollWidth"] > box["clientWidth"] and (box["tabindex"] != "0"
                                                        or box["role"] != "region"):
            problems.append(f"{where}: scrolls but keyboard users cannot reach it "
                            "(needs tabindex=0 and role=region)")
    assert not problems, report("dose tables that do not reflow", problems)


# ---- keyboard and structure ----------------------------------------------------------------


@pytest.mark.parametrize("viewport", KEYBOARD_VIEWPORTS, ids=lambda v: v.name)
def test_first_tab_is_a_skip_link_that_reaches_the_content(
        survey: Survey, viewport: Viewport) -> None:
    problems = [f"/{visit.path}: {visit.skip_link_problem}"
                for visit in survey.keyboard(viewport) if visit.skip_link_problem]
    assert not problems, report(f"skip links that fail at {viewport.name}", problems)


@pytest.mark.parametrize("viewport", KEYBOARD_VIEWPORTS, ids=lambda v: v.name)
def test_every_tab_stop_is_on_screen_with_a_visible_focus_ring(
        survey: Survey, viewport: Viewport) -> None:
    visits = survey.keyboard(viewport)
    problems = []
    for visit in visits:
        for stop in visit.stops:
            if not stop["visible"]:
                problems.append(f"/{visit.path}: {stop['name']} takes focus out of sight")
            elif not (stop["outline"] or stop["shadow"]):
                problems.append(f"/{visit.path}: {stop['name']} shows no outline or "
                                "box-shadow when focused")
    assert sum(len(v.stops) for v in visits) >= 3 * len(visits), "Tab reached almost nothing"
    assert not problems, report(f"focus problems at {viewport.name}", problems)


def test_headings_make_sense_with_css_off(survey: Survey) -> None:
    problems = []
    for visit in survey.keyboard(DESKTOP):
        headings = visit.headings_without_css
        problems += [f"/{visit.path}: {problem}" for problem in heading_problems(headings)]
        problems += [f"/{visit.path}: heading {h['text']!r} is outside <main>"
                     for h in headings if not h["inMain"]]
    assert not problems, report("heading outlines that do not make sense", problems)


# ---- privacy -------------------------------------------------------------------------------


def test_pages_request_nothing_from_other_hosts(survey: Survey, site_url: str) -> None:
    visits = [v for viewport in VIEWPORTS for v in survey.visits(viewport)]
    assert any(v.requests for v in visits), "no requests were recorded at all"
    leaks = sorted({f"/{v.path} at {v.viewport.name}: {url}"
                    for v in visits for url in outside_hosts(v.requests, site_url)})
    assert not leaks, report("requests to other hosts", leaks)


# ---- print ---------------------------------------------------------------------------------


def words(text: str) -> str:
    """Text with its whitespace collapsed, and none before punctuation (a link's text joined
    with " " leaves "1-800-222-1222 ." where the page shows "1-800-222-1222.")."""
    return re.sub(r" ([.,;:!?)])", r"\1", " ".join(text.split()))


def test_printed_dosing_page_keeps_the_content_and_drops_the_navigation(
        survey: Survey, site_url: str, built_site: Path) -> None:
    soup = BeautifulSoup((built_site / PRINTED_PAGE / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    article = soup.select_one("article")
    table = article.select_one(".dose-table table") if article else None
    help_box = article.select_one(".admonition") if article else None
    review = article.select_one(".page-review") if article else None
    assert table and help_box and review, f"/{PRINTED_PAGE} lacks a dose table, help box or review"
    expected = {
        "title": article.select_one("h1").get_text(),
        "table caption": table.caption.get_text(),
        **{f"table row {i}": row.get_text(" ") for i, row in enumerate(table.select("tbody tr"))},
        # Title and text apart: Chromium paints the title last, so the PDF's text has it last.
        **{f"help box {'title' if 'admonition-title' in (p.get('class') or []) else 'text'} {i}":
           p.get_text(" ") for i, p in enumerate(help_box.select("p"))},
        **{f"review date {t['datetime']}": t.get_text() for t in review.select("time")},
        "disclaimer": review.select_one(".page-disclaimer").get_text(),
    }
    article_text = words(article.get_text(" "))
    chrome = soup.select(".md-header, .md-sidebar, .md-footer")
    navigation = {words(a.get_text(" ")) for part in chrome for a in part.select("a, label")}
    navigation |= {words(i.get("placeholder", "")) for i in soup.select(".md-search input")}
    # Only what appears nowhere in the article can prove the navigation was left out.
    navigation = {n for n in navigation if n and n not in article_text}
    assert navigation, "found no navigation text to look for"

    page = survey.context(DESKTOP).new_page()
    try:
        page.goto(site_url + PRINTED_PAGE, wait_until="load")
        PRINTS.mkdir(parents=True, exist_ok=True)
        pdf = PRINTS / "increasing-the-dose.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True)
    finally:
        page.close()
    printed = words(" ".join(p.extract_text() or "" for p in PdfReader(pdf).pages))

    missing = [f"{what}: {words(text)!r}" for what, text in expected.items()
               if words(text) not in printed]
    assert not missing, report(f"missing from the printed {pdf.name}", missing)
    leaked = sorted(n for n in navigation if n in printed)
    assert not leaked, report(f"navigation printed in {pdf.name}", leaked)


_FOCUSED_NAME = r"""() => {
    const el = document.activeElement;
    return (el.getAttribute("aria-label") || el.innerText || "").replace(/\s+/g, " ").trim();
}"""


def tab_to(page: Page, name: str, limit: int = 20) -> None:
    """Press Tab until the focused element's accessible name is `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(_FOCUSED_NAME) == name:
            return
    raise AssertionError(f"{limit} presses of Tab never reached '{name}'")


def wait_for_focus(page: Page, name: str) -> None:
    page.wait_for_function(f"([name]) => ({_FOCUSED_NAME})() === name", arg=[name],
                           timeout=5_000)


def test_phone_menu_works_from_the_keyboard(survey: Survey, site_url: str) -> None:
    """Open the menu, go back to all sections, open another one, close the menu: all keys."""
    page = survey.browser.new_page(**PHONE.context_options())
    try:
        page.goto(site_url + PRINTED_PAGE, wait_until="load")
        stopping = page.locator('.md-nav--primary a[href$="stopping/"]').first
        spasticity = page.locator('.md-nav--primary a[href$="spasticity/"]').first
        assert not stopping.is_visible(), "the menu is open before anyone opened it"
        tab_to(page, "Menu")
        page.keyboard.press("Enter")
        stopping.wait_for(state="visible", timeout=5_000)
        # The opened menu takes the focus: its first item is the way back to all sections.
        wait_for_focus(page, "Back from Dosing")
        page.keyboard.press("Enter")
        # Back in the list of sections, the focus is on the section just left.
        wait_for_focus(page, "Dosing")
        page.keyboard.press("Shift+Tab")
        assert page.evaluate(_FOCUSED_NAME) == "Conditions"
        page.keyboard.press(" ")
        spasticity.wait_for(state="visible", timeout=5_000)
        wait_for_focus(page, "Back from Conditions")
        page.keyboard.press("Escape")
        assert not page.is_checked("#__drawer")
        assert page.evaluate(_FOCUSED_NAME) == "Menu"
    finally:
        page.close()


_DRAWER_LABEL_STOPS = """() => [...document.querySelectorAll(
    ".md-nav--primary label[for^='__nav'], .md-nav--primary label[for='__toc'], " +
    ".md-nav--primary label [role='button']")]
    .filter((element) => element.tabIndex >= 0).length"""


def test_drawer_labels_are_tab_stops_only_while_there_is_a_drawer(survey: Survey,
                                                                   site_url: str) -> None:
    page = survey.browser.new_page(**PHONE.context_options())
    try:
        page.goto(site_url + PRINTED_PAGE, wait_until="load")
        on_phone = page.evaluate(_DRAWER_LABEL_STOPS)
        page.set_viewport_size({"width": DESKTOP.width, "height": DESKTOP.height})
        page.wait_for_function(f"() => ({_DRAWER_LABEL_STOPS})() === 0", timeout=5_000)
    finally:
        page.close()
    assert on_phone > 0


# Whether the focused element is visible and not covered: the topmost element at its centre
# is the element itself or inside it.
_FOCUS_IN_SIGHT = """() => {
    const el = document.activeElement;
    const box = el.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    const top = document.elementFromPoint(x, y);
    return {inDrawer: !!el.closest(".md-sidebar--primary"),
            visible: getComputedStyle(el).visibility === "visible" && box.width > 0,
            onTop: !!top && (top === el || el.contains(top))};
}"""


def test_open_phone_menu_keeps_every_tab_stop_in_sight(survey: Survey, site_url: str) -> None:
    """Tab through the open menu: each stop is in the drawer, visible and not covered, and
    leaving the drawer closes it."""
    page = survey.browser.new_page(**PHONE.context_options())
    problems, stops = [], 0
    try:
        page.goto(site_url + PRINTED_PAGE, wait_until="load")
        tab_to(page, "Menu")
        page.keyboard.press("Enter")
        wait_for_focus(page, "Back from Dosing")
        page.wait_for_timeout(300)  # let the drawer finish sliding in
        while page.is_checked("#__drawer") and stops < 40:
            where = page.evaluate(_FOCUS_IN_SIGHT)
            name = page.evaluate(_FOCUSED_NAME)
            if not all(where.values()):
                problems.append(f"{name!r}: {where}")
            stops += 1
            page.keyboard.press("Tab")
            page.wait_for_timeout(50)
        still_open = page.is_checked("#__drawer")
    finally:
        page.close()
    assert not problems, report("tab stops out of sight in the open menu", problems)
    assert stops >= 10, f"only {stops} tab stops in the open menu"
    assert not still_open, "Tab never left the open menu, or leaving it did not close it"


def test_phone_search_button_works_from_the_keyboard(survey: Survey, site_url: str) -> None:
    page = survey.browser.new_page(**PHONE.context_options())
    try:
        page.goto(site_url, wait_until="load")
        tab_to(page, "Search")
        page.keyboard.press(" ")
        assert page.evaluate("() => document.activeElement.matches('input.md-search__input')")
        page.keyboard.type("missed")
        page.locator(".md-search-result__item a").first.wait_for(state="visible",
                                                                  timeout=10_000)
    finally:
        page.close()


# ---- search --------------------------------------------------------------------------------

SEARCH_FILES = ("search/search_index.json", "/workers/search.")
# How to reach the search box: on a phone the header's search button opens it first.
SEARCH_OPENERS = {PHONE.name: 'button.md-header__button[data-for="__search"]',
                  DESKTOP.name: "input.md-search__input"}


def search_requests(requests: list[str]) -> list[str]:
    return [url for url in requests if any(part in url for part in SEARCH_FILES)]


@pytest.mark.parametrize("viewport", KEYBOARD_VIEWPORTS, ids=lambda v: v.name)
def test_search_loads_only_when_the_reader_reaches_for_it(
        survey: Survey, site_url: str, viewport: Viewport) -> None:
    page = survey.browser.new_page(**viewport.context_options())
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(site_url, wait_until="networkidle")
        assert search_requests(requests) == [], "search files fetched before anyone searched"
        page.locator(SEARCH_OPENERS[viewport.name]).first.click()
        page.locator("input.md-search__input").fill("withdrawal")
        results = page.locator(".md-search-result__item a")
        results.first.wait_for(state="visible", timeout=10_000)
        hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    finally:
        page.close()
    assert len(search_requests(requests)) == 2, requests
    assert outside_hosts(requests, site_url) == []
    assert any("stopping" in href for href in hrefs), hrefs


# ---- screenshots for reviewers -------------------------------------------------------------


@pytest.mark.parametrize("viewport", SCREENSHOT_VIEWPORTS, ids=lambda v: v.name)
def test_every_page_has_a_screenshot_for_review(survey: Survey, viewport: Viewport) -> None:
    problems = []
    for visit in survey.visits(viewport):
        shot = visit.screenshot
        if shot is None or not shot.is_file():
            problems.append(f"/{visit.path}: no {screenshot_name(visit.path, viewport)}")
        elif png_width(shot) != viewport.width:
            problems.append(f"/{visit.path}: {shot.name} is {png_width(shot)}px wide, "
                            f"expected {viewport.width}px")
    assert not problems, report(f"screenshots at {viewport.name}", problems)


def test_outside_hosts_spots_a_request_to_another_host() -> None:
    base = "http://127.0.0.1:8001/"
    requests = [base + "assets/site.css", "data:image/png;base64,AA==",
                "https://fonts.googleapis.com/css?family=Roboto", "http://127.0.0.1:9999/x"]
    assert outside_hosts(requests, base) == requests[2:]
