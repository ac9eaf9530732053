"""The real site's content: it passes every content check, its help cards read the same
everywhere, urgent help comes first where danger is the topic, and its menus say what the
pages say."""

# mypy: disable-error-code="union-attr,index"
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT, built_page
from medsite.cli.check import run_checks
from medsite.project import Project
from medsite.render.catalogue import all_records
from medsite.urls import page_url

PROJECT = Project.load(ROOT / "mkdocs.yml")
SITE, _ = PROJECT.load_site(date.today())
PAGES = [PROJECT.uri(path) for path in PROJECT.pages()]
# The answers a newcomer needs within one click of the home page.
CORE_DOSING_PAGES = ("dosing/starting-dose/", "dosing/increasing-the-dose/",
                     "dosing/maximum-dose/", "dosing/stopping/", "dosing/missed-doses/")


def soup(site: Path, uri: str) -> BeautifulSoup:
    return BeautifulSoup(built_page(site, page_url(uri)).read_text(encoding="utf-8"),
                         "html.parser")


def test_every_content_check_passes_on_the_real_site() -> None:
    report = run_checks(PROJECT, date.today())
    assert [str(p) for p in report.problems] == []
    assert report.pages == len(PAGES)


def test_menu_labels_say_what_the_page_titles_say() -> None:
    titles = {}
    for path in PROJECT.pages():
        text = path.read_text(encoding="utf-8")
        titles[PROJECT.uri(path)] = re.search(r"^title: (.+)$", text, re.MULTILINE).group(1)
    for label, page, _ in PROJECT.nav_entries():
        if page and page != "index.md":  # the home page's menu label is "Home"
            assert label.strip('"') == titles[page].strip('"'), page


@pytest.mark.parametrize("uri", [p for p in PAGES if p.startswith("dosing/")])
def test_every_dosing_page_carries_help_cards(built_site: Path, uri: str) -> None:
    cards = soup(built_site, uri).select("article section.help-card")
    assert cards, uri


@pytest.mark.parametrize("uri", SITE.settings.urgent_first_pages if SITE else [])
def test_on_pages_about_danger_urgent_help_comes_before_the_first_section(
        built_site: Path, uri: str) -> None:
    article = soup(built_site, uri).select_one("article")
    first_section = article.find("h2", class_=lambda c: c != "help-card__title")
    first_card = article.select_one("section.help-card[data-level='emergency']")
    assert first_card is not None
    assert (first_card.sourceline or 0) < (first_section.sourceline or 0)


def test_every_help_card_is_on_some_page_and_reads_the_same_on_each(built_site: Path) -> None:
    texts: dict[str, set[str]] = {}
    for uri in PAGES:
        for card in soup(built_site, uri).select("section.help-card"):
            for source in card.select(".help-card__source a"):
                source.decompose()  # its link is relative to each page; its words are not
            texts.setdefault(str(card["data-card"]), set()).add(card.get_text(" ", strip=True))
    assert SITE is not None
    assert sorted(texts) == sorted(SITE.data.help_cards)
    assert {key: len(seen) for key, seen in texts.items() if len(seen) > 1} == {}


def test_no_urgent_sign_joins_two_signs_with_and(built_site: Path) -> None:
    for uri in PAGES:
        for card in soup(built_site, uri).select("section.help-card"):
            if card["data-level"] in ("emergency", "urgent"):
                for sign in card.select(".help-card__signs li"):
                    assert not re.search(r"\band\b", sign.get_text()), sign.get_text()


def test_every_phone_number_on_the_site_is_a_tap_to_call_link(built_site: Path) -> None:
    assert SITE is not None
    phones = [c.phone for c in SITE.values.contacts.values()]
    for uri in PAGES:
        if uri == SITE.settings.sources_page:
            continue  # the sources page lists each number as data, in a table
        article = soup(built_site, uri).select_one("article")
        for source_line in article.select(".help-card__source, .table-source"):
            source_line.decompose()  # a source's section may quote a number, as its name
        for text in article.find_all(string=True):
            if any(phone in text for phone in phones):
                assert text.find_parent("a", href=re.compile("^tel:")) is not None, (uri, text)


def test_the_sources_page_lists_every_number_of_the_data_file(built_site: Path) -> None:
    assert SITE is not None
    text = soup(built_site, SITE.settings.sources_page).select_one("article").get_text(" ")
    for record in all_records(SITE.values):
        if record.kind != "advice":
            assert record.shown.replace("\u00a0", " ") in text.replace("\u00a0", " "), \
                record.path


def test_the_home_page_links_to_the_core_dosing_pages(built_site: Path) -> None:
    links = {a["href"] for a in soup(built_site, "index.md").select("article a[href]")}
    for page in CORE_DOSING_PAGES:
        assert page in links
