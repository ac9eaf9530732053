"""The built site in a real browser: accessibility, reflow, help cards, phone numbers, the
build-up chart, keyboard, privacy, Content-Security-Policy, screenshots.

One Chromium for the whole session (conftest.py) and one context per screen width. Every page
is found from the built site and visited once per width (browser.Survey); the tests here
assert on what those visits saw, so a new page is checked without touching this file.
Printing is in test_print.py, search in test_search.py.
"""

from __future__ import annotations

import itertools
import re
from datetime import date

import pytest
from playwright.sync_api import Page

from browser import (
    DESKTOP,
    KEYBOARD_VIEWPORTS,
    PHONE,
    SCREENSHOT_VIEWPORTS,
    VIEWPORTS,
    Survey,
    Viewport,
    csp_violations,
    heading_problems,
    outside_hosts,
    png_width,
    screenshot_name,
)
from helpers import ROOT
from medsite.project import Project
from medsite.render.values import RegimenView

pytestmark = pytest.mark.browser

KEYBOARD_PAGE = "dosing/increasing-the-dose/"
CHART_PAGE = "dosing/increasing-the-dose/"
# A tap target for a phone number: WCAG 2.5.5's 44 by 44 CSS pixels.
TAP_TARGET = 44


def report(title: str, problems: list[str]) -> str:
    return f"{title} ({len(problems)}):\n  " + "\n  ".join(problems)


# ---- accessibility -------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: v.name)
def test_axe_finds_no_violations_on_any_page(survey: Survey, viewport: Viewport) -> None:
    visits = survey.visits(viewport)
    problems = [line for visit in visits for line in visit.axe_problems]
    assert not problems, report(f"axe-core violations at {viewport.name}", problems)


# ---- reflow --------------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: v.name)
def test_no_page_scrolls_sideways(survey: Survey, viewport: Viewport) -> None:
    wide = [f"/{v.path}: page is {v.scroll_width}px wide in a {v.inner_width}px screen"
            for v in survey.visits(viewport) if v.scroll_width > v.inner_width]
    assert not wide, report(f"pages that scroll sideways at {viewport.name}", wide)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: v.name)
def test_no_dose_table_is_wider_than_its_box(survey: Survey, viewport: Viewport) -> None:
    """Every column of every dose table is in sight: nothing to scroll sideways to find."""
    boxes = [(v, box) for v in survey.visits(viewport) for box in v.dose_tables]
    assert boxes, "no .dose-table on any page: the reflow check of tables checks nothing"
    problems = []
    for visit, box in boxes:
        where = f"/{visit.path} table {box['label']}"
        if box["scrollWidth"] > box["clientWidth"] or box["tableWidth"] > box["clientWidth"] + 1:
            problems.append(f"{where}: table is {box['tableWidth']:.0f}px "
                            f"(scrolls to {box['scrollWidth']}px) in a "
                            f"{box['clientWidth']}px box")
        if box["right"] > visit.inner_width:
            problems.append(f"{where}: box ends at {box['right']:.0f}px, past the screen")
    assert not problems, report(f"dose tables wider than their box at {viewport.name}",
                                problems)


# ---- help cards and phone numbers ----------------------------------------------------------


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: v.name)
def test_help_card_text_is_at_least_body_text_size(survey: Survey,
                                                    viewport: Viewport) -> None:
    visits = survey.visits(viewport)
    text = [(v, t) for v in visits for t in v.card_text]
    assert text, "no help card text on any page: the size check checks nothing"
    small = [f"/{v.path} card {t['card']}: {t['text']!r} is {t['size']}px, body text "
             f"{v.body_size}px" for v, t in text if t["size"] < v.body_size]
    assert not small, report(f"help card text smaller than body text at {viewport.name}",
                             small)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: v.name)
def test_every_phone_number_is_a_large_tap_target_on_one_line(survey: Survey,
                                                               viewport: Viewport) -> None:
    phones = [(v, p) for v in survey.visits(viewport) for p in v.phones]
    assert phones, "no tel: link on any page: the tap-target check checks nothing"
    problems = []
    for visit, phone in phones:
        where = f"/{visit.path} {phone['href']} ({phone['text']!r})"
        if phone["width"] < TAP_TARGET or phone["height"] < TAP_TARGET:
            problems.append(f"{where}: {phone['width']:.0f}x{phone['height']:.0f}px, "
                            f"less than {TAP_TARGET}x{TAP_TARGET}")
        if phone["lines"] != 1:
            problems.append(f"{where}: the number is split over {phone['lines']} lines")
    assert not problems, report(f"phone links at {viewport.name}", problems)


# ---- the build-up chart --------------------------------------------------------------------

_CHART_SCRIPT = """() => [...document.querySelectorAll("figure.dose-chart")].map((figure) => {
    const svg = figure.querySelector("svg.dose-chart__svg");
    const texts = (selector) => [...svg.querySelectorAll(selector)]
        .map((t) => t.textContent.replace(/\\s+/g, " ").trim());
    const box = svg.getBoundingClientRect();
    return {
        id: svg.querySelector("title").id.replace(/-title$/, ""),
        role: svg.getAttribute("role"),
        labelledBy: (svg.getAttribute("aria-labelledby") || "").split(" "),
        describedBy: (svg.getAttribute("aria-describedby") || "").split(" "),
        title: svg.querySelector("title").textContent.trim(),
        desc: svg.querySelector("desc").textContent.replace(/\\s+/g, " ").trim(),
        width: box.width, height: box.height,
        values: texts(".dose-chart__values text"),
        labels: texts(".dose-chart__labels text"),
        grid: [...svg.querySelectorAll(".dose-chart__grid line")]
            .map((l) => Number(l.getAttribute("y1"))),
        line: svg.querySelector(".dose-chart__line").getAttribute("d"),
        hasTable: !!figure.querySelector(".dose-table table"),
    };
})"""


def plain(text: str) -> str:
    """Text with non-breaking spaces as spaces and runs of space as one."""
    return " ".join(text.replace("\u00a0", " ").split())


def chart_levels(path: str) -> list[float]:
    """The height of each flat step of a step line 'M x,y L x,y L x,y ...', left to right."""
    points = [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", path)]
    return [a[1] for a, b in itertools.pairwise(points)
            if a[1] == b[1] and b[0] > a[0]]


@pytest.fixture(scope="module")
def regimens() -> dict[str, RegimenView]:
    """The regimens of the real data file, as the engine reads them."""
    site, problems = Project.load(ROOT / "mkdocs.yml").load_site(date.today())
    assert site is not None, problems
    return dict(site.values.regimens)


def test_titration_chart_draws_the_build_up_from_the_data(survey: Survey, site_url: str,
                                                          regimens: dict[str, RegimenView]) -> None:
    page = survey.context(DESKTOP).new_page()
    try:
        page.goto(site_url + CHART_PAGE, wait_until="load")
        charts = page.evaluate(_CHART_SCRIPT)
        # Found by its role and title, as assistive technology finds it.
        named = [page.get_by_role("img", name=chart["title"]).count() for chart in charts]
    finally:
        page.close()
    assert charts, f"no figure.dose-chart on /{CHART_PAGE}"
    assert named == [1] * len(charts), "a chart is not an image named by its title"
    for chart in charts:
        regimen = regimens[chart["id"].removeprefix("chart-")]
        steps = regimen.steps
        assert chart["role"] == "img"
        assert f"{chart['id']}-title" in chart["labelledBy"]
        assert f"{chart['id']}-desc" in chart["labelledBy"] + chart["describedBy"]
        assert chart["title"] and chart["desc"] and chart["hasTable"]
        assert chart["width"] > 300 and chart["height"] > 150, "the chart is not shown"
        # The words: each step's total a day above its step, each step's days below the axis.
        assert chart["values"] == [plain(step.daily.text()) for step in steps]
        assert [plain(step.days.value) for step in steps] == \
            [label for label in chart["labels"] if label.startswith("day")]
        assert plain(steps[0].daily.text()) in chart["desc"]
        assert plain(steps[-1].daily.text()) in chart["desc"]
        # The drawing: each step's height, read against the scale's labelled lines.
        scale = [float(label) for label in chart["labels"] if label.replace(".", "").isdigit()]
        assert len(scale) == len(chart["grid"]) >= 2
        (low, y_low), (high, y_high) = (scale[0], chart["grid"][0]), (scale[-1], chart["grid"][-1])
        drawn = [low + (y - y_low) * (high - low) / (y_high - y_low)
                 for y in chart_levels(chart["line"])]
        expected = [float(step.daily.value) for step in steps]
        assert drawn == pytest.approx(expected, abs=0.5), f"steps drawn at {drawn}"


_CHART_COLOURS = """() => {
    const probe = document.createElement("span");
    probe.className = "forced-colour-probe";
    document.body.append(probe);
    probe.style.color = "CanvasText";  // CSSOM, which the page's style-src allows
    const text = getComputedStyle(probe).color;
    probe.remove();
    const svg = document.querySelector(".dose-chart__svg");
    const paint = (selector, property) => [...svg.querySelectorAll(selector)]
        .map((el) => getComputedStyle(el)[property]);
    return {text, strokes: [...paint("line", "stroke"), ...paint("path", "stroke")],
            words: paint("text", "fill")};
}"""


@pytest.mark.parametrize("media", ["forced-colors", "print"])
def test_chart_draws_in_the_text_colour_in_forced_colours_and_print(
        survey: Survey, site_url: str, media: str) -> None:
    """Windows high contrast and paper: every line and word of the chart in the colour of
    the text (CanvasText; black on paper), never a colour that may vanish."""
    page = survey.context(DESKTOP).new_page()
    try:
        if media == "print":
            page.emulate_media(media="print")
        else:
            page.emulate_media(forced_colors="active")
        page.goto(site_url + CHART_PAGE, wait_until="load")
        colours = page.evaluate(_CHART_COLOURS)
    finally:
        page.close()
    expected = "rgb(0, 0, 0)" if media == "print" else colours["text"]
    assert colours["strokes"] and colours["words"]
    assert set(colours["strokes"]) == {expected}
    assert set(colours["words"]) == {expected}


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


# ---- privacy and Content-Security-Policy ---------------------------------------------------


def test_pages_request_nothing_from_other_hosts(survey: Survey, site_url: str) -> None:
    visits = [v for viewport in VIEWPORTS for v in survey.visits(viewport)]
    assert any(v.requests for v in visits), "no requests were recorded at all"
    leaks = sorted({f"/{v.path} at {v.viewport.name}: {url}"
                    for v in visits for url in outside_hosts(v.requests, site_url)})
    assert not leaks, report("requests to other hosts", leaks)


def test_no_page_breaks_its_content_security_policy(survey: Survey) -> None:
    """Nothing on any page, at any width, tried to run or load what the policy forbids."""
    visits = [v for viewport in VIEWPORTS for v in survey.visits(viewport)]
    problems = sorted({f"/{v.path}: {line}" for v in visits for line in v.csp_violations})
    assert not problems, report("Content-Security-Policy violations", problems)


@pytest.mark.parametrize(("what", "script"), [
    ("an inline style attribute", "document.body.insertAdjacentHTML('beforeend', "
                                  "'<p style=\"color: red\">x</p>')"),
    ("an inline script", "const s = document.createElement('script'); "
                         "s.textContent = 'window.ran = 1'; document.body.append(s)"),
])
def test_the_csp_listener_reports_a_violation(survey: Survey, site_url: str, what: str,
                                              script: str) -> None:
    """The check above can fail: what the policy forbids is seen and reported."""
    page = survey.context(DESKTOP).new_page()
    try:
        page.goto(site_url, wait_until="load")
        page.evaluate(f"() => {{ {script}; }}")
        page.wait_for_function("() => window.__cspViolations.length > 0")
        seen = csp_violations(page)
    finally:
        page.close()
    assert seen, f"{what} was not reported"


# ---- the phone menu ------------------------------------------------------------------------

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
    page.wait_for_function(f"([name]) => ({_FOCUSED_NAME})() === name", arg=[name])


def test_phone_menu_works_from_the_keyboard(survey: Survey, site_url: str) -> None:
    """Open the menu, go back to all sections, open another one, close the menu: all keys."""
    page = PHONE.new_page(survey.browser)
    try:
        page.goto(site_url + KEYBOARD_PAGE, wait_until="load")
        stopping = page.locator('.md-nav--primary a[href$="stopping/"]').first
        spasticity = page.locator('.md-nav--primary a[href$="spasticity/"]').first
        assert not stopping.is_visible(), "the menu is open before anyone opened it"
        tab_to(page, "Menu")
        page.keyboard.press("Enter")
        stopping.wait_for(state="visible")
        # The opened menu takes the focus: its first item is the way back to all sections.
        wait_for_focus(page, "Back from Dosing")
        page.keyboard.press("Enter")
        # Back in the list of sections, the focus is on the section just left.
        wait_for_focus(page, "Dosing")
        page.keyboard.press("Shift+Tab")
        assert page.evaluate(_FOCUSED_NAME) == "Conditions"
        page.keyboard.press(" ")
        spasticity.wait_for(state="visible")
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
    page = PHONE.new_page(survey.browser)
    try:
        page.goto(site_url + KEYBOARD_PAGE, wait_until="load")
        on_phone = page.evaluate(_DRAWER_LABEL_STOPS)
        page.set_viewport_size({"width": DESKTOP.width, "height": DESKTOP.height})
        page.wait_for_function(f"() => ({_DRAWER_LABEL_STOPS})() === 0")
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

# The open drawer has finished sliding in: its panel no longer moves between two frames.
_DRAWER_AT_REST = """() => new Promise((resolve) => {
    const drawer = document.querySelector(".md-sidebar--primary");
    const left = () => drawer.getBoundingClientRect().left;
    const before = left();
    requestAnimationFrame(() => requestAnimationFrame(() =>
        resolve(before === left() && left() >= 0)));
})"""


def test_open_phone_menu_keeps_every_tab_stop_in_sight(survey: Survey, site_url: str) -> None:
    """Tab through the open menu: each stop is in the drawer, visible and not covered, and
    leaving the drawer closes it."""
    page = PHONE.new_page(survey.browser)
    problems, stops = [], 0
    try:
        page.goto(site_url + KEYBOARD_PAGE, wait_until="load")
        tab_to(page, "Menu")
        page.keyboard.press("Enter")
        wait_for_focus(page, "Back from Dosing")
        page.wait_for_function(_DRAWER_AT_REST)
        while page.is_checked("#__drawer") and stops < 40:
            page.wait_for_function(_DRAWER_AT_REST)
            where = page.evaluate(_FOCUS_IN_SIGHT)
            name = page.evaluate(_FOCUSED_NAME)
            if not all(where.values()):
                problems.append(f"{name!r}: {where}")
            stops += 1
            page.keyboard.press("Tab")
        still_open = page.is_checked("#__drawer")
    finally:
        page.close()
    assert not problems, report("tab stops out of sight in the open menu", problems)
    assert stops >= 10, f"only {stops} tab stops in the open menu"
    assert not still_open, "Tab never left the open menu, or leaving it did not close it"


def test_phone_search_button_works_from_the_keyboard(survey: Survey, site_url: str) -> None:
    """Tab to the header's search button, press Space, type: the box has the typing and
    the results come."""
    page = PHONE.new_page(survey.browser)
    try:
        page.goto(site_url, wait_until="load")
        tab_to(page, "Search")
        page.keyboard.press(" ")
        assert page.evaluate("() => document.activeElement.matches('input.md-search__input')")
        page.keyboard.type("missed")
        page.locator(".md-search-result__item a[href*='missed-doses']").first.wait_for()
    finally:
        page.close()


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

