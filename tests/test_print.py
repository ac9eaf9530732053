"""Printing: what a patient takes to an appointment, printed by Chromium to PDF and read back
with pypdf: the content without the navigation, whose page it is and when it was printed,
text at 12pt or more, where the sources are, and a build-up sheet that fits on one page."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup, Tag
from pypdf import PdfReader

from browser import DESKTOP, PRINTS, Survey
from helpers import ROOT
from medsite.project import Project

pytestmark = pytest.mark.browser

PRINTED_PAGE = "dosing/increasing-the-dose/"
SHEET_PAGE = "dosing/build-up-sheet/"
PAPER = ("Letter", "A4")  # the US size first; the sheet fits either
# The clock of the printing browser: the date on the paper is known in advance.
PRINTED_AT = datetime(2026, 11, 27, 12, 0)
SMALLEST_PT = 12.0


def words(text: str) -> str:
    """Text with its whitespace collapsed, and none before punctuation (a link's text joined
    with " " leaves "1-800-222-1222 ." where the page shows "1-800-222-1222.")."""
    return re.sub(r" ([.,;:!?)])", r"\1", " ".join(text.replace("\u00a0", " ").split()))


def without_addresses(text: str) -> str:
    """Printed text without the <address> print CSS writes after a link."""
    return words(re.sub(r"\s*<[^<>]*>", "", text))


def shown(tag: Tag) -> str:
    """A tag's text as a sighted reader gets it: without the words for screen readers only."""
    copy = BeautifulSoup(str(tag), "html.parser")
    for hidden in copy.select(".visually-hidden"):
        hidden.decompose()
    return words(copy.get_text(" "))


def one(tag: Tag, selector: str) -> Tag:
    """The first element `selector` finds in `tag`; the test fails if there is none."""
    found = tag.select_one(selector)
    assert found is not None, f"nothing matches {selector!r}"
    return found


def card_parts(card: Tag) -> list[Tag]:
    """The parts of a help card a reader sees: its heading, and each paragraph and sign."""
    return card.select("h2, p, li")


def unbroken(text: str) -> str:
    """Text without any whitespace: a long address wraps over lines on paper."""
    return "".join(text.split())


@dataclass
class Printed:
    """A printed PDF: its pages, and each run of text with its size in points."""

    pdf: Path
    pages: int
    runs: list[tuple[str, float]]

    @property
    def text(self) -> str:
        """All the printed text, with the addresses written after links."""
        return words(" ".join(text for text, _ in self.runs))

    def text_at_least(self, points: float) -> str:
        """The text printed at `points` or larger, without the addresses after links."""
        return without_addresses(" ".join(text for text, size in self.runs
                                          if size >= points - 0.01))


def read_pdf(pdf: Path) -> Printed:
    """Every run of text in the PDF with its rendered size (font size times the scale of the
    text matrix and of the current transformation matrix)."""
    runs: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
            runs.append((text, round(size * scale, 2)))

    reader = PdfReader(pdf)
    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return Printed(pdf, len(reader.pages), runs)


def print_page(survey: Survey, url: str, pdf: Path, paper: str) -> Printed:
    """Open `url` with the clock at PRINTED_AT and print it to `pdf` on `paper`."""
    page = survey.context(DESKTOP).new_page()
    try:
        page.clock.set_fixed_time(PRINTED_AT)
        page.goto(url, wait_until="load")
        PRINTS.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(pdf), format=paper)
    finally:
        page.close()
    return read_pdf(pdf)


@pytest.fixture(scope="module")
def article(built_site: Path) -> Tag:
    soup = BeautifulSoup((built_site / PRINTED_PAGE / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    found = soup.select_one("article")
    assert found is not None
    return found


@pytest.fixture(scope="module")
def printed(survey: Survey, site_url: str) -> Iterator[Printed]:
    """The dosing page, printed on US Letter."""
    yield print_page(survey, site_url + PRINTED_PAGE, PRINTS / "increasing-the-dose.pdf",
                     PAPER[0])


def canonical_url(built_site: Path, path: str) -> str:
    soup = BeautifulSoup((built_site / path / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    link = soup.select_one('link[rel="canonical"]')
    assert link is not None, f"/{path} has no canonical address"
    return str(link["href"])


def site_name() -> str:
    """The site's name, from mkdocs.yml."""
    return str(Project.load(ROOT / "mkdocs.yml").config["site_name"])


def printed_date() -> str:
    """PRINTED_AT as the page writes it (print-page.js, the page's language 'en')."""
    return f"{PRINTED_AT:%B} {PRINTED_AT.day}, {PRINTED_AT.year}"


def test_printed_dosing_page_keeps_the_content_and_drops_the_navigation(
        printed: Printed, article: Tag, built_site: Path) -> None:
    table, review = one(article, ".dose-table table"), one(article, ".page-review")
    cards = article.select(".help-card")
    assert cards, f"/{PRINTED_PAGE} has no help card"
    expected = {
        "title": one(article, "h1").get_text(),
        "table caption": one(table, "caption").get_text(),
        **{f"table row {i}": row.get_text(" ") for i, row in enumerate(table.select("tbody tr"))},
        **{f"card {card['data-card']} {part.name} {i}": shown(part)
           for card in cards for i, part in enumerate(card_parts(card))},
        **{f"review date {t['datetime']}": t.get_text() for t in review.select("time")},
        "disclaimer": one(review, ".page-disclaimer").get_text(),
    }
    article_text = words(article.get_text(" "))
    soup = article.find_parent("html")
    assert soup is not None
    chrome = soup.select(".md-header, .md-sidebar, .md-footer")
    navigation = {words(a.get_text(" ")) for part in chrome for a in part.select("a, label")}
    navigation |= {words(str(i.get("placeholder", ""))) for i in soup.select(".md-search input")}
    # Only what appears nowhere in the article can prove the navigation was left out.
    navigation = {n for n in navigation if n and n not in article_text}
    assert navigation, "found no navigation text to look for"

    content = without_addresses(printed.text)
    missing = [f"{what}: {words(text)!r}" for what, text in expected.items()
               if words(text) not in content]
    assert not missing, f"missing from the printed {printed.pdf.name}: {missing}"
    leaked = sorted(n for n in navigation if n in printed.text)
    assert not leaked, f"navigation printed in {printed.pdf.name}: {leaked}"


def test_printed_page_names_the_site_its_address_and_the_print_date(
        printed: Printed, built_site: Path) -> None:
    large = printed.text_at_least(SMALLEST_PT)
    assert site_name() in large
    assert unbroken(canonical_url(built_site, PRINTED_PAGE)) in unbroken(large)
    assert f"Printed on {printed_date()}" in large


def test_printed_text_is_12pt_or_larger(printed: Printed) -> None:
    small = sorted({f"{size}pt: {text.strip()[:40]!r}" for text, size in printed.runs
                    if size < SMALLEST_PT - 0.01})
    assert not small, f"text under {SMALLEST_PT}pt in {printed.pdf.name}: {small}"


def test_printed_help_cards_are_whole_at_12pt_or_larger(printed: Printed,
                                                        article: Tag) -> None:
    large = printed.text_at_least(SMALLEST_PT)
    cards = article.select(".help-card")
    assert cards, f"/{PRINTED_PAGE} has no help card"
    missing = [f"card {card['data-card']}: {shown(part)!r}" for card in cards
               for part in card_parts(card) if shown(part) not in large]
    assert not missing, f"help card text missing or under {SMALLEST_PT}pt: {missing}"


def test_printed_sources_and_links_give_their_addresses(printed: Printed, article: Tag,
                                                        built_site: Path) -> None:
    """On paper a link is its address: each source of a number, and each other site."""
    base = canonical_url(built_site, PRINTED_PAGE)
    sources = [urljoin(base, str(a["href"]))
               for a in article.select(".table-source a[href], .help-card__source a[href]")]
    others = [str(a["href"]) for a in article.select('a[href^="http"]')
              if not a.find_parent(class_="source-ref")]
    assert sources, f"/{PRINTED_PAGE} names no source"
    text = unbroken(printed.text)
    missing = [url for url in sources + others if unbroken(url) not in text]
    assert not missing, f"addresses not printed in {printed.pdf.name}: {missing}"


@pytest.mark.parametrize("paper", PAPER)
def test_build_up_sheet_prints_one_page_per_regimen(survey: Survey, site_url: str,
                                                    built_site: Path, paper: str) -> None:
    printed = print_page(survey, site_url + SHEET_PAGE, PRINTS / f"build-up-sheet-{paper}.pdf",
                         paper)
    soup = BeautifulSoup((built_site / SHEET_PAGE / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    sheets = soup.select("section.schedule-sheet")
    assert sheets, f"/{SHEET_PAGE} has no build-up sheet"
    assert printed.pages == len(sheets), \
        f"{len(sheets)} sheet(s) take {printed.pages} pages on {paper}"
    expected = [site_name(), f"Printed on {printed_date()}"]
    for sheet in sheets:
        expected += [shown(one(sheet, "h2")), shown(one(sheet, "caption")),
                     *(shown(row) for row in sheet.select("tbody tr")),
                     *(shown(h) for h in sheet.select("h3"))]
    large = printed.text_at_least(SMALLEST_PT)
    missing = [text for text in expected if text not in large]
    assert not missing, f"missing (or under {SMALLEST_PT}pt) on the printed sheet: {missing}"
    assert unbroken(canonical_url(built_site, SHEET_PAGE)) in unbroken(large)
