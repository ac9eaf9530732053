"""The engine without MkDocs: page URLs, relative links, and pre-rendering a docs folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES
from medsite.errors import ContentError
from medsite.load import load_dosing_data
from medsite.prerender import prerender
from medsite.urls import page_url, relative_url
from medsite.values import build_values


@pytest.mark.parametrize(
    ("src", "directory_urls", "url"),
    [("index.md", True, ""), ("dosing/stop.md", True, "dosing/stop/"),
     ("about/index.md", True, "about/"), ("dosing/stop.md", False, "dosing/stop.html")],
)
def test_page_url_matches_mkdocs(src: str, directory_urls: bool, url: str) -> None:
    assert page_url(src, directory_urls) == url


@pytest.mark.parametrize(
    ("from_url", "to_url", "link"),
    [("", "about/sources/", "about/sources/"),
     ("dosing/stop/", "about/sources/", "../../about/sources/"),
     ("about/sources/", "about/sources/", "./"),
     ("dosing/stop.html", "about/sources.html", "../about/sources.html")],
)
def test_relative_url_between_pages(from_url: str, to_url: str, link: str) -> None:
    assert relative_url(from_url, to_url) == link


def test_prerender_fills_in_values_and_keeps_front_matter(tmp_path: Path) -> None:
    values = build_values(load_dosing_data(FIXTURES / "dosing.yml"))
    count = prerender(FIXTURES / "site" / "content", tmp_path / "out", values)
    assert count == 3
    home = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert home.startswith("---\ntitle: Examplofen\n")
    assert "Adults start on 2.5 mg twice a day." in home
    assert 'href="about/sources/#src-label"' in home
    assert "{{" not in home


def test_prerender_stops_at_a_bad_page(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    page = (FIXTURES / "site" / "content" / "index.md").read_text(encoding="utf-8")
    (docs / "index.md").write_text(page.replace("starting_dose", "start"), encoding="utf-8")
    values = build_values(load_dosing_data(FIXTURES / "dosing.yml"))
    with pytest.raises(ContentError, match=r"^docs/index.md:12: unknown data name 'start'"):
        prerender(docs, tmp_path / "out", values)
