"""The real site's content: every page in the nav, valid, readable, sourced and safe."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import ROOT
from medsite.catalogue import all_numbers
from medsite.frontmatter import read_front_matter, split_front_matter
from medsite.literals import find_dose_literals
from medsite.load import load_dosing_data
from medsite.readability import page_prose, reading_grade
from medsite.values import build_values

CONTENT = ROOT / "content"
DATA_FILE = ROOT / "data" / "dosing.yml"
MAX_GRADE = 8.0
NAV_GROUPS = ("Conditions", "Dosing", "Safety", "About")
HELP_TITLES = (
    '!!! danger "Emergency: call {{ contacts.emergency }} now"',
    '!!! warning "Contact your prescriber today"',
    '!!! info "Ask your prescriber or pharmacist"',
)
LABEL_REMINDER = re.compile(r"the dose on your (?:child's )?own prescription label", re.I)
# The answers a newcomer needs within two clicks of the home page.
CORE_DOSING_PAGES = ("dosing/starting-dose/", "dosing/increasing-the-dose/",
                     "dosing/maximum-dose/", "dosing/stopping/", "dosing/missed-doses/")

PAGES = sorted(p.relative_to(CONTENT).as_posix() for p in CONTENT.rglob("*.md"))
DATA = load_dosing_data(DATA_FILE)
VALUES = build_values(DATA)


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without Python objects: unknown tags such as !ENV become None."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _nav() -> list:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), _AnyTagLoader)
    return config["nav"]


def _nav_pages(entries: list) -> list[str]:
    pages: list[str] = []
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        pages += _nav_pages(value) if isinstance(value, list) else [value]
    return pages


def _page_type(page: str) -> str:
    front, _, _ = split_front_matter((CONTENT / page).read_text(encoding="utf-8"))
    return yaml.safe_load(front or "{}").get("type", "")


def _built(site: Path, page: str) -> Path:
    """The HTML file MkDocs writes for a Markdown page (directory URLs)."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return site / stem.removesuffix("index") / "index.html"
    return site / stem / "index.html"


def _article(html: str) -> BeautifulSoup:
    """The page's own content: the article without the review box every page shares."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article")
    assert article is not None, "no <article> in the page"
    for shared in article.select(".page-review"):
        shared.decompose()
    return article


def test_nav_has_the_four_groups_after_home() -> None:
    groups = [next(iter(entry)) for entry in _nav() if isinstance(entry, dict)]
    assert groups[0] == "Home"
    assert [g for g in groups if g in NAV_GROUPS] == list(NAV_GROUPS)


def test_every_content_page_is_in_the_nav() -> None:
    missing = sorted(set(PAGES) - set(_nav_pages(_nav())))
    assert not missing, f"pages not in the mkdocs.yml nav: {missing}"


def test_every_nav_entry_is_a_content_page() -> None:
    absent = sorted(set(_nav_pages(_nav())) - set(PAGES))
    assert not absent, f"nav entries with no page in content/: {absent}"


@pytest.mark.parametrize("page", PAGES)
def test_front_matter_is_valid(page: str) -> None:
    text = (CONTENT / page).read_text(encoding="utf-8")
    read_front_matter(text, f"content/{page}", set(DATA.sources))


@pytest.mark.parametrize("page", PAGES)
def test_no_dose_number_is_typed_into_the_page(page: str) -> None:
    _, body, offset = split_front_matter((CONTENT / page).read_text(encoding="utf-8"))
    found = [f"content/{page}:{lit.line}: '{lit.text}'"
             for lit in find_dose_literals(body, offset)]
    assert not found, "dose numbers typed into the page:\n" + "\n".join(found)


@pytest.mark.parametrize("page", PAGES)
def test_help_boxes_use_the_three_graded_titles(page: str) -> None:
    text = (CONTENT / page).read_text(encoding="utf-8")
    wrong = [f"content/{page}:{number}: {line.strip()}"
             for number, line in enumerate(text.splitlines(), start=1)
             if line.lstrip().startswith("!!!") and line.strip() not in HELP_TITLES]
    assert not wrong, "help boxes must use one of the three titles:\n" + "\n".join(wrong)


@pytest.mark.parametrize("page", PAGES)
def test_reading_grade_is_at_most_eight(built_site: Path, page: str) -> None:
    html = _built(built_site, page).read_text(encoding="utf-8")
    prose = page_prose(html, [VALUES.medicine, *VALUES.brand_names])
    grade = reading_grade(prose)
    assert grade <= MAX_GRADE, f"content/{page}: reading grade {grade:.1f} is above {MAX_GRADE}"


DOSING_PAGES = [page for page in PAGES if _page_type(page) == "dosing"]


def test_there_are_dosing_pages() -> None:
    assert len(DOSING_PAGES) >= 10


@pytest.mark.parametrize("page", DOSING_PAGES)
def test_dosing_page_has_an_urgent_help_box(built_site: Path, page: str) -> None:
    article = _article(_built(built_site, page).read_text(encoding="utf-8"))
    assert article.select(".admonition.danger, .admonition.warning"), (
        f"content/{page}: a dosing page needs a danger or warning help box")


@pytest.mark.parametrize("page", DOSING_PAGES)
def test_dosing_page_says_whom_to_call_in_an_emergency(built_site: Path, page: str) -> None:
    """Every page that talks about doses can meet a reader who has taken too much."""
    article = _article(_built(built_site, page).read_text(encoding="utf-8"))
    boxes = [" ".join(box.get_text(" ").split()) for box in article.select(".admonition.danger")]
    numbers = (VALUES.contacts["emergency"].phone, VALUES.contacts["poison_help"].phone)
    assert any(all(number in box for number in numbers) for box in boxes), (
        f"content/{page}: needs an emergency box that gives both {' and '.join(numbers)}")


@pytest.mark.parametrize("page", DOSING_PAGES)
def test_dosing_page_reminds_reader_to_follow_their_label(built_site: Path, page: str) -> None:
    text = " ".join(_article(_built(built_site, page).read_text(encoding="utf-8"))
                    .get_text(" ").split())
    assert LABEL_REMINDER.search(text), (
        f"content/{page}: say to follow the dose on your own prescription label")


def test_sources_page_lists_every_number_of_the_data_file(built_site: Path) -> None:
    soup = BeautifulSoup((built_site / "about" / "sources" / "index.html").read_text(
        encoding="utf-8"), "html.parser")
    rows = {
        (row.th.get_text(" ", strip=True), row.td.get_text(" ", strip=True))
        for row in soup.select("table tbody tr") if row.th and row.td
    }
    missing = [f"{r.path}: {r.what} = {r.value}" for r in all_numbers(VALUES)
               if (r.what, r.value) not in rows]
    assert not missing, "numbers missing from the sources page:\n" + "\n".join(missing)


def test_home_page_links_to_the_core_dosing_pages(built_site: Path) -> None:
    article = _article((built_site / "index.html").read_text(encoding="utf-8"))
    targets = {urllib.parse.urljoin("/", a["href"]).lstrip("/")
               for a in article.select("a[href]")}
    missing = [page for page in CORE_DOSING_PAGES if page not in targets]
    assert not missing, f"the home page does not link to {missing}"
