"""Helpers for the browser tests: Debian's Chromium driven by Playwright, axe-core, page surveys.

The tests look at the site the way a patient's browser does: every page, at phone and desktop
widths, in every colour scheme the site offers.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Page, Request, sync_playwright

from helpers import ROOT, html_pages

CHROMIUM = Path("/usr/bin/chromium")
# Flags tested on this machine (toolchain notes section 4): no sandbox as root, and no
# background traffic of Chromium's own, so every request we see comes from the page.
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MISSING_BROWSER = (f"Chromium not found at {CHROMIUM}. Install Debian's browser with "
                   "`apt-get install chromium` to run the browser tests "
                   "(never `playwright install`).")

SCREENSHOTS = ROOT / "build" / "screenshots"
PRINTS = ROOT / "build" / "print"


@dataclass(frozen=True)
class Viewport:
    """A screen the site must work on."""

    name: str
    width: int
    height: int
    phone: bool

    def new_context(self, browser: Browser) -> BrowserContext:
        """A browser context of this size: a phone's touch screen, or a desktop's mouse."""
        return browser.new_context(viewport={"width": self.width, "height": self.height},
                                   is_mobile=self.phone, has_touch=self.phone,
                                   device_scale_factor=1)

    def new_page(self, browser: Browser) -> Page:
        """A page in a context of its own, of this size."""
        return browser.new_page(viewport={"width": self.width, "height": self.height},
                                is_mobile=self.phone, has_touch=self.phone,
                                device_scale_factor=1)


NARROW = Viewport("320px", 320, 640, phone=True)  # WCAG 1.4.10 reflow width
PHONE = Viewport("390px", 390, 844, phone=True)
DESKTOP = Viewport("1280px", 1280, 900, phone=False)
VIEWPORTS = (NARROW, PHONE, DESKTOP)
SCREENSHOT_VIEWPORTS = (PHONE, DESKTOP)
KEYBOARD_VIEWPORTS = (PHONE, DESKTOP)

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best-practice rules.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                          "wcag22a", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}
_AXE = Axe()


@dataclass(frozen=True)
class ColourScheme:
    """One palette of the site: the attributes Material puts on <body> for it."""

    scheme: str
    primary: str
    accent: str

    @property
    def name(self) -> str:
        return f"{self.scheme}/{self.primary}/{self.accent}"


def colour_schemes(site: Path) -> list[ColourScheme]:
    """Every palette the built site offers: each palette toggle, or the one fixed palette."""
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    options = soup.select('form[data-md-component="palette"] input[data-md-color-scheme]')
    holders = options or ([soup.body] if soup.body else [])
    schemes = [ColourScheme(str(tag.get("data-md-color-scheme") or "default"),
                            str(tag.get("data-md-color-primary") or "indigo"),
                            str(tag.get("data-md-color-accent") or "indigo"))
               for tag in holders]
    return list(dict.fromkeys(schemes))


def apply_colour_scheme(page: Page, colour: ColourScheme) -> None:
    """Switch the loaded page to a palette the way Material's toggle does."""
    page.evaluate(
        """([scheme, primary, accent]) => {
            document.body.setAttribute("data-md-color-scheme", scheme);
            document.body.setAttribute("data-md-color-primary", primary);
            document.body.setAttribute("data-md-color-accent", accent);
        }""",
        [colour.scheme, colour.primary, colour.accent],
    )


def page_paths(site: Path) -> list[str]:
    """URL paths of every content page in the built site, found from the files."""
    paths = []
    for index in html_pages(site):
        folder = index.parent.relative_to(site).as_posix()
        paths.append("" if folder == "." else f"{folder}/")
    return paths


def screenshot_name(path: str, viewport: Viewport) -> str:
    return f"{path.strip('/').replace('/', '--') or 'home'}-{viewport.width}.png"


def png_width(png: Path) -> int:
    """Pixel width from a PNG's IHDR header."""
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{png} is not a PNG"
    return int.from_bytes(header[16:20], "big")


@contextmanager
def launch_chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def describe_violations(where: str, axe_response: dict[str, Any]) -> list[str]:
    """One line per axe violation and element: page, rule id, impact, target, help."""
    lines = []
    for violation in axe_response["violations"]:
        for node in violation["nodes"]:
            target = " ".join(json.dumps(t) if not isinstance(t, str) else t
                              for t in node["target"])
            lines.append(f"{where}: {violation['id']} ({violation['impact']}) at {target}"
                         f" - {violation['help']}")
    return lines


# Everything a visit measures, in one round trip: the page's width, each dose table's box,
# the text size of the body and of every help card, and the box of every phone link.
_LAYOUT_SCRIPT = """() => {
    const root = document.documentElement;
    const article = document.querySelector("article");
    const size = (el) => parseFloat(getComputedStyle(el).fontSize);
    const tables = [...document.querySelectorAll(".dose-table")].map((box) => {
        const rect = box.getBoundingClientRect();
        const table = box.querySelector("table");
        return {label: box.getAttribute("aria-labelledby") || box.id || "(unnamed)",
                right: rect.right, clientWidth: box.clientWidth, scrollWidth: box.scrollWidth,
                tableWidth: table ? table.getBoundingClientRect().width : 0};
    });
    // Every element of a help card that holds text of its own, with that text's size.
    const cardText = [...document.querySelectorAll(".help-card")].flatMap((card) =>
        [...card.querySelectorAll("*")]
            .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim()))
            .map((el) => ({card: card.dataset.card || card.id, size: size(el),
                           text: el.textContent.trim().slice(0, 40)})));
    const phones = [...document.querySelectorAll("a[href^='tel:']")].map((link) => {
        const box = link.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(link);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.bottom)));
        return {text: link.textContent.trim(), href: link.getAttribute("href"),
                width: box.width, height: box.height, lines: lines.size};
    });
    return {scrollWidth: root.scrollWidth, innerWidth: window.innerWidth,
            bodySize: article ? size(article) : 0, doseTables: tables, cardText, phones};
}"""

# Registered before any page script runs: every Content-Security-Policy violation the page
# reports, in words (the site's policy is a <meta> tag, publish/csp.py).
CSP_LISTENER = """(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
        window.__cspViolations.push(
            `${event.effectiveDirective} refused ${event.blockedURI || "(inline)"}` +
            (event.sourceFile ? ` from ${event.sourceFile}:${event.lineNumber}` : "") +
            (event.sample ? `: ${event.sample}` : ""));
    }, true);
})();"""


def csp_violations(page: Page) -> list[str]:
    """The violations CSP_LISTENER recorded on the page so far."""
    return list(page.evaluate("() => window.__cspViolations || ['CSP listener missing']"))


@dataclass
class KeyboardVisit:
    """What a keyboard user met on one page: the tab stops and where the skip link went."""

    path: str
    stops: list[dict[str, Any]]
    skip_link_problem: str
    headings_without_css: list[dict[str, Any]]


@dataclass
class Visit:
    """What one page did in one viewport: every per-page check reads from here."""

    path: str
    viewport: Viewport
    axe_problems: list[str] = field(default_factory=list)
    scroll_width: int = 0
    inner_width: int = 0
    body_size: float = 0.0
    dose_tables: list[dict[str, Any]] = field(default_factory=list)
    card_text: list[dict[str, Any]] = field(default_factory=list)
    phones: list[dict[str, Any]] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    screenshot: Path | None = None
    keyboard: KeyboardVisit | None = None


class Survey:
    """Visits every page once per viewport, runs every per-page check on that visit and
    remembers what it saw; tests assert on it."""

    def __init__(self, browser: Browser, base_url: str, site: Path) -> None:
        self.browser = browser
        self.base_url = base_url
        self.paths = page_paths(site)
        self.schemes = colour_schemes(site)
        self._visits: dict[str, list[Visit]] = {}
        self._contexts: dict[str, BrowserContext] = {}

    def context(self, viewport: Viewport) -> BrowserContext:
        """One browser context per viewport, reused by every test that needs that width;
        every page in it reports Content-Security-Policy violations."""
        if viewport.name not in self._contexts:
            context = viewport.new_context(self.browser)
            context.add_init_script(CSP_LISTENER)
            self._contexts[viewport.name] = context
        return self._contexts[viewport.name]

    def visits(self, viewport: Viewport) -> list[Visit]:
        if viewport.name not in self._visits:
            self._visits[viewport.name] = self._walk(viewport)
        return self._visits[viewport.name]

    def keyboard(self, viewport: Viewport) -> list[KeyboardVisit]:
        assert viewport in KEYBOARD_VIEWPORTS, f"no keyboard walk at {viewport.name}"
        return [visit.keyboard for visit in self.visits(viewport) if visit.keyboard]

    def _walk(self, viewport: Viewport) -> list[Visit]:
        page = self.context(viewport).new_page()
        current: list[Visit] = []

        def record(request: Request) -> None:
            # A request made after a page's load event lands on the visit in progress, so
            # nothing any page asks for goes unrecorded.
            if current:
                current[-1].requests.append(request.url)

        page.on("request", record)
        shots = viewport in SCREENSHOT_VIEWPORTS
        if shots:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            for old in SCREENSHOTS.glob(f"*-{viewport.width}.png"):
                old.unlink()
        try:
            for path in self.paths:
                visit = Visit(path, viewport)
                current.append(visit)
                page.goto(self.base_url + path, wait_until="load")
                self._look(page, visit, shots)
            page.wait_for_load_state("networkidle")
        finally:
            page.close()
        return current

    def _look(self, page: Page, visit: Visit, shots: bool) -> None:
        """Every check of one loaded page, the ones that change the page last."""
        layout = page.evaluate(_LAYOUT_SCRIPT)
        visit.scroll_width = layout["scrollWidth"]
        visit.inner_width = layout["innerWidth"]
        visit.body_size = layout["bodySize"]
        visit.dose_tables = layout["doseTables"]
        visit.card_text = layout["cardText"]
        visit.phones = layout["phones"]
        if shots:
            visit.screenshot = SCREENSHOTS / screenshot_name(visit.path, visit.viewport)
            page.screenshot(path=str(visit.screenshot), full_page=True)
        for colour in self.schemes:
            apply_colour_scheme(page, colour)
            where = f"/{visit.path} at {visit.viewport.name}, palette {colour.name}"
            response = _AXE.run(page, options=AXE_OPTIONS).response
            visit.axe_problems += describe_violations(where, response)
        if visit.viewport in KEYBOARD_VIEWPORTS:
            visit.keyboard = walk_with_keyboard(page, visit.path)
        visit.csp_violations = csp_violations(page)

    def close(self) -> None:
        for context in self._contexts.values():
            context.close()


def walk_with_keyboard(page: Page, path: str) -> KeyboardVisit:
    """Tab through the loaded page, follow its skip link, then read its headings with the
    style sheets off (which leaves the page unstyled: the last look at it)."""
    stops = tab_stops(page)
    first = stops[0] if stops else {"text": "", "href": "", "name": "nothing"}
    if first["text"] != "Skip to content" or not first["href"].startswith("#"):
        skip_problem = (f"the first Tab focuses {first['name']}, not a "
                        "'Skip to content' link to the content")
    else:
        skip_problem = follow_skip_link(page, first["href"])
        skip_problem = skip_problem and f"skip link {first['href']}: {skip_problem}"
    headings = page.evaluate(HEADINGS_WITHOUT_CSS_SCRIPT)
    return KeyboardVisit(path, stops, skip_problem, headings)


def outside_hosts(requests: list[str], base_url: str) -> list[str]:
    """Requested URLs that leave the local server (data: and blob: stay in the page)."""
    local = urlsplit(base_url).netloc
    return [url for url in requests
            if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != local]



# ---- keyboard ------------------------------------------------------------------------------

# Records every element that takes focus, with what a sighted keyboard user would see of it.
# Logging in the page lets Tab be pressed many times without a round trip per key.
_FOCUS_LOG_SCRIPT = """() => {
    window.__focusLog = [];
    document.addEventListener("focusin", (event) => {
        const el = event.target;
        const style = getComputedStyle(el);
        const rect = el.getBoundingClientRect();
        const label = (el.getAttribute("aria-label") || el.innerText || el.value || "")
            .trim().split("\\n")[0].slice(0, 40);
        const classes = [...el.classList].filter((c) => c !== "focus-visible");
        window.__focusLog.push({
            key: el,
            name: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
                  (classes.length ? "." + classes.join(".") : "") +
                  (el.getAttribute("href") ? `[href="${el.getAttribute("href")}"]` : "") +
                  ` "${label}"`,
            text: (el.innerText || "").trim(),
            href: el.getAttribute("href") || "",
            outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 &&
                     style.outlineColor !== "rgba(0, 0, 0, 0)",
            shadow: style.boxShadow !== "none",
            visible: style.visibility !== "hidden" && rect.width > 0 && rect.height > 0 &&
                     rect.right > 0 && rect.bottom > 0 &&
                     rect.left < window.innerWidth && rect.top < window.innerHeight,
        });
    }, true);
    // An upper bound on the tab stops: everything that could take focus, plus one to wrap.
    return document.querySelectorAll(
        "a[href], button, input, select, textarea, summary, [tabindex]").length + 1;
}"""

# The focus log up to the first element that was focused a second time (Tab wrapped round).
_READ_FOCUS_LOG_SCRIPT = """() => {
    const seen = new Set(), stops = [];
    for (const entry of window.__focusLog) {
        if (seen.has(entry.key)) break;
        seen.add(entry.key);
        const {key, ...rest} = entry;
        stops.push(rest);
    }
    return stops;
}"""

# After the skip link was followed: what is wrong with where it landed, or "" when all is well.
_SKIP_LINK_LANDING_SCRIPT = """async (href) => {
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
    const target = document.getElementById(decodeURIComponent(href.slice(1)));
    if (!target) return "no element has that id";
    if (!target.closest("main .md-content")) return "its target is outside the main content";
    if (location.hash !== href) return "following it did not change the address";
    const top = target.getBoundingClientRect().top;
    return top >= 0 && top < window.innerHeight ? "" : `its target is off screen at ${top}px`;
}"""


_WRAPPED_SCRIPT = """() => new Set(window.__focusLog.map((e) => e.key)).size
                           < window.__focusLog.length"""
TABS_PER_LOOK = 12


def tab_stops(page: Page) -> list[dict[str, Any]]:
    """Press Tab from the top of the loaded page until focus wraps; what got focus, in order."""
    most = page.evaluate(_FOCUS_LOG_SCRIPT)
    pressed = 0
    while pressed < most:
        for _ in range(TABS_PER_LOOK):
            page.keyboard.press("Tab")
        pressed += TABS_PER_LOOK
        if page.evaluate(_WRAPPED_SCRIPT):
            break
    return list(page.evaluate(_READ_FOCUS_LOG_SCRIPT))


def follow_skip_link(page: Page, href: str) -> str:
    """Focus the skip link, press Enter, and say what is wrong with where it lands ("" if fine)."""
    page.focus(f'a[href="{href}"]')
    page.keyboard.press("Enter")
    return str(page.evaluate(_SKIP_LINK_LANDING_SCRIPT, href))


# With every style sheet switched off, the headings the page really shows, in order.
HEADINGS_WITHOUT_CSS_SCRIPT = """() => {
    for (const sheet of document.styleSheets) sheet.disabled = true;
    for (const el of document.querySelectorAll("[style]")) el.removeAttribute("style");
    return [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
        .filter((h) => h.getClientRects().length > 0)
        .map((h) => ({level: Number(h.tagName[1]), text: h.innerText.trim(),
                      inMain: !!h.closest("main")}));
}"""


def heading_problems(headings: list[dict[str, Any]]) -> list[str]:
    """Why an outline of headings would not make sense read top to bottom."""
    problems = []
    first_levels = [h for h in headings if h["level"] == 1]
    if len(first_levels) != 1:
        problems.append(f"{len(first_levels)} h1 headings "
                        f"({', '.join(repr(h['text']) for h in first_levels)}), expected 1")
    elif headings[0]["level"] != 1:
        problems.append(f"the first heading is h{headings[0]['level']} "
                        f"{headings[0]['text']!r}, not the h1")
    for before, after in itertools.pairwise(headings):
        if after["level"] > before["level"] + 1:
            problems.append(f"h{before['level']} {before['text']!r} is followed by "
                            f"h{after['level']} {after['text']!r} (a level is skipped)")
    return problems


# ---- search --------------------------------------------------------------------------------

# How a reader reaches the search box: on a phone the header's search button opens it.
SEARCH_OPENERS = {NARROW.name: 'button.md-header__button[data-for="__search"]',
                  PHONE.name: 'button.md-header__button[data-for="__search"]',
                  DESKTOP.name: "input.md-search__input"}

_SEARCH_META_IS = """([text, same]) => {
    const meta = document.querySelector(".md-search-result__meta");
    return !!meta && (meta.textContent.trim() === text) === same;
}"""

_SEARCH_RESULTS = """() => [...document.querySelectorAll(".md-search-result__item")].map((item) => {
    const terms = item.querySelector(".md-search-result__terms");
    const missing = terms && terms.querySelector("del");
    return {href: item.querySelector("a").href,
            terms: terms ? terms.textContent.replace(/\\s+/g, " ").trim() : "",
            struck: missing ? getComputedStyle(missing).textDecorationLine : ""};
})"""


@dataclass
class SearchResult:
    """One page in the result list: its address, and what it says about missing words."""

    href: str
    terms: str
    struck: str


class SearchBox:
    """Material's own search box, used as a reader does, on a loaded page.

    Material searches when a key is released in the box (or when its index becomes ready),
    not on every change of the text: typing the whole query and then releasing one key asks
    for exactly one search. Between queries the box is emptied and the test waits until the
    results say so, so the next list on screen is the answer to the next query, whatever
    the load on the machine.
    """

    def __init__(self, page: Page, viewport: Viewport) -> None:
        self.page = page
        page.locator(SEARCH_OPENERS[viewport.name]).first.click()
        self.box = page.locator("input.md-search__input")
        self.box.wait_for(state="visible")
        # The words the result list shows for an empty box (a translation in __config).
        self.empty = page.evaluate("""() => JSON.parse(document.getElementById("__config")
            .textContent).translations["search.result.placeholder"]""")

    def search(self, query: str) -> list[SearchResult]:
        """The result list for `query`, best first."""
        self._ask("")  # the index is ready, and the list is that of an empty box
        self.page.wait_for_function(_SEARCH_META_IS, arg=[self.empty, True])
        self._ask(query)
        self.page.wait_for_function(_SEARCH_META_IS, arg=[self.empty, False])
        return [SearchResult(**r) for r in self.page.evaluate(_SEARCH_RESULTS)]

    def _ask(self, text: str) -> None:
        self.box.fill(text)
        self.box.press("End")  # one key released: Material reads the box once
