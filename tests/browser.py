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

    def context_options(self) -> dict[str, object]:
        return {"viewport": {"width": self.width, "height": self.height},
                "is_mobile": self.phone, "has_touch": self.phone, "device_scale_factor": 1}


NARROW = Viewport("320px", 320, 640, phone=True)  # WCAG 1.4.10 reflow width
PHONE = Viewport("390px", 390, 844, phone=True)
DESKTOP = Viewport("1280px", 1280, 900, phone=False)
VIEWPORTS = (NARROW, PHONE, DESKTOP)
SCREENSHOT_VIEWPORTS = (PHONE, DESKTOP)

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
    holders = options or [soup.body]
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


def describe_violations(where: str, axe_response: dict) -> list[str]:
    """One line per axe violation and element: page, rule id, impact, target, help."""
    lines = []
    for violation in axe_response["violations"]:
        for node in violation["nodes"]:
            target = " ".join(json.dumps(t) if not isinstance(t, str) else t
                              for t in node["target"])
            lines.append(f"{where}: {violation['id']} ({violation['impact']}) at {target}"
                         f" - {violation['help']}")
    return lines


_LAYOUT_SCRIPT = """() => {
    const root = document.documentElement;
    const boxes = [...document.querySelectorAll(".dose-table")].map((box) => {
        const style = getComputedStyle(box);
        const rect = box.getBoundingClientRect();
        return {label: box.getAttribute("aria-labelledby") || box.id || "(unnamed)",
                overflowX: style.overflowX, right: rect.right,
                clientWidth: box.clientWidth, scrollWidth: box.scrollWidth,
                tabindex: box.getAttribute("tabindex"), role: box.getAttribute("role")};
    });
    return {scrollWidth: root.scrollWidth, innerWidth: window.innerWidth, doseTables: boxes};
}"""


@dataclass
class Visit:
    """What one page did in one viewport."""

    path: str
    viewport: Viewport
    axe_problems: list[str]
    scroll_width: int
    inner_width: int
    dose_tables: list[dict]
    requests: list[str] = field(default_factory=list)
    screenshot: Path | None = None


class Survey:
    """Visits every page once per viewport and remembers what it saw; tests assert on it."""

    def __init__(self, browser: Browser, base_url: str, site: Path) -> None:
        self.browser = browser
        self.base_url = base_url
        self.paths = page_paths(site)
        self.schemes = colour_schemes(site)
        self._visits: dict[str, list[Visit]] = {}
        self._keyboard: dict[str, list[KeyboardVisit]] = {}
        self._contexts: dict[str, BrowserContext] = {}

    def context(self, viewport: Viewport) -> BrowserContext:
        """One browser context per viewport, reused by every test that needs that width."""
        if viewport.name not in self._contexts:
            self._contexts[viewport.name] = self.browser.new_context(**viewport.context_options())
        return self._contexts[viewport.name]

    def visits(self, viewport: Viewport) -> list[Visit]:
        if viewport.name not in self._visits:
            self._visits[viewport.name] = self._walk(viewport)
        return self._visits[viewport.name]

    def _walk(self, viewport: Viewport) -> list[Visit]:
        page = self.context(viewport).new_page()
        current: list[Visit] = []

        def record(request: Request) -> None:
            # A request made after a page's load event lands on the visit in progress, so
            # nothing any page asks for goes unrecorded. (Search loads only when a reader
            # reaches for it; test_search_loads_only_when_the_reader_reaches_for_it checks
            # its requests.)
            if current:
                current[-1].requests.append(request.url)

        page.on("request", record)
        shots = viewport in SCREENSHOT_VIEWPORTS
        if shots:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            for old in SCREENSHOTS.glob(f"*-{viewport.width}.png"):
                old.unlink()
        visits = []
        try:
            for path in self.paths:
                visit = Visit(path, viewport, [], 0, 0, [])
                current.append(visit)
                page.goto(self.base_url + path, wait_until="load")
                layout = page.evaluate(_LAYOUT_SCRIPT)
                visit.scroll_width = layout["scrollWidth"]
                visit.inner_width = layout["innerWidth"]
                visit.dose_tables = layout["doseTables"]
                if shots:
                    visit.screenshot = SCREENSHOTS / screenshot_name(path, viewport)
                    page.screenshot(path=str(visit.screenshot), full_page=True)
                for colour in self.schemes:
                    apply_colour_scheme(page, colour)
                    where = f"/{path} at {viewport.name}, palette {colour.name}"
                    response = _AXE.run(page, options=AXE_OPTIONS).response
                    visit.axe_problems += describe_violations(where, response)
                visits.append(visit)
            page.wait_for_load_state("networkidle")
        finally:
            page.close()
        return visits

    def keyboard(self, viewport: Viewport) -> list[KeyboardVisit]:
        if viewport.name not in self._keyboard:
            self._keyboard[viewport.name] = self._walk_with_keyboard(viewport)
        return self._keyboard[viewport.name]

    def _walk_with_keyboard(self, viewport: Viewport) -> list[KeyboardVisit]:
        page = self.context(viewport).new_page()
        visits = []
        try:
            for path in self.paths:
                page.goto(self.base_url + path, wait_until="load")
                stops = tab_stops(page)
                first = stops[0] if stops else {"text": "", "href": "", "name": "nothing"}
                if first["text"] != "Skip to content" or not first["href"].startswith("#"):
                    skip_problem = (f"the first Tab focuses {first['name']}, not a "
                                    "'Skip to content' link to the content")
                else:
                    skip_problem = follow_skip_link(page, first["href"])
                    skip_problem = skip_problem and f"skip link {first['href']}: {skip_problem}"
                # Style sheets go off last: nothing after this needs them.
                headings = page.evaluate(HEADINGS_WITHOUT_CSS_SCRIPT)
                visits.append(KeyboardVisit(path, stops, skip_problem, headings))
        finally:
            page.close()
        return visits

    def close(self) -> None:
        for context in self._contexts.values():
            context.close()


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


def tab_stops(page: Page) -> list[dict]:
    """Press Tab from the top of the loaded page until focus wraps; what got focus, in order."""
    most = page.evaluate(_FOCUS_LOG_SCRIPT)
    pressed = 0
    while pressed < most:
        for _ in range(TABS_PER_LOOK):
            page.keyboard.press("Tab")
        pressed += TABS_PER_LOOK
        if page.evaluate(_WRAPPED_SCRIPT):
            break
    return page.evaluate(_READ_FOCUS_LOG_SCRIPT)


def follow_skip_link(page: Page, href: str) -> str:
    """Focus the skip link, press Enter, and say what is wrong with where it lands ("" if fine)."""
    page.focus(f'a[href="{href}"]')
    page.keyboard.press("Enter")
    return page.evaluate(_SKIP_LINK_LANDING_SCRIPT, href)


@dataclass
class KeyboardVisit:
    """What a keyboard user met on one page: the tab stops and where the skip link went."""

    path: str
    stops: list[dict]
    skip_link_problem: str
    headings_without_css: list[dict]


# With every style sheet switched off, the headings the page really shows, in order.
HEADINGS_WITHOUT_CSS_SCRIPT = """() => {
    for (const sheet of document.styleSheets) sheet.disabled = true;
    for (const el of document.querySelectorAll("[style]")) el.removeAttribute("style");
    return [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
        .filter((h) => h.getClientRects().length > 0)
        .map((h) => ({level: Number(h.tagName[1]), text: h.innerText.trim(),
                      inMain: !!h.closest("main")}));
}"""


def heading_problems(headings: list[dict]) -> list[str]:
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
