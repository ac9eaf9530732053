"""The built site ships only what a visitor loads: no source maps, no unused search languages,
first visits within the weight budget, and every page describes itself for search engines."""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from helpers import html_pages
from medsite.mkdocs.trim_assets import lunr_files

# Every first visit (the page and all it loads before anyone searches), gzip level 9, in
# kilobytes of 1,000 bytes as BENCHMARKS.md counts them (scripts/bench/page_weight.py
# measures the same visits in Chromium).
FIRST_VISIT_BUDGET_KB = 80
LOADED_WITH_THE_PAGE = 'link[rel~="stylesheet"][href], link[rel~="icon"][href], script[src]'


def test_no_source_maps_are_shipped(built_site: Path) -> None:
    assert sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.map")) == []


def test_no_script_points_at_a_source_map(built_site: Path) -> None:
    pointing = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*.js")
                if b"sourceMappingURL=" in p.read_bytes()]
    assert pointing == []


def test_only_the_configured_search_languages_are_shipped(built_site: Path) -> None:
    lunr = built_site / "assets" / "javascripts" / "lunr"
    shipped = {p.relative_to(lunr).as_posix() for p in lunr.rglob("*.js")}
    assert shipped == lunr_files(["en"])


@pytest.mark.parametrize(("languages", "expected"), [
    (["en"], set()),
    (["de"], {"min/lunr.de.min.js", "min/lunr.stemmer.support.min.js"}),
    (["en", "ja"], {"min/lunr.ja.min.js", "tinyseg.js", "min/lunr.multi.min.js",
                    "min/lunr.stemmer.support.min.js"}),
    (["th"], {"min/lunr.th.min.js", "wordcut.js", "min/lunr.stemmer.support.min.js"}),
])
def test_lunr_files_are_those_the_search_worker_loads(languages: list[str],
                                                      expected: set[str]) -> None:
    assert lunr_files(languages) == expected


def test_every_page_has_a_meta_description(built_site: Path) -> None:
    missing = []
    for page in html_pages(built_site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        tag = soup.find("meta", attrs={"name": "description"})
        if tag is None or not str(tag.get("content", "")).strip():
            missing.append(page.relative_to(built_site).as_posix())
    assert missing == []


def first_visit(site: Path, page: Path) -> dict[str, int]:
    """The files a first visit to `page` loads, each with its gzip size: the page, its style
    sheets, scripts and icon (search loads only when the reader reaches for it)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    url = page.parent.relative_to(site).as_posix() + "/"
    files = {url: page}
    for tag in soup.select(LOADED_WITH_THE_PAGE):
        address = urljoin(url, str(tag.get("href") or tag.get("src")))
        files[address] = site / urlsplit(address).path.lstrip("/")
    return {name: len(gzip.compress(path.read_bytes(), compresslevel=9))
            for name, path in files.items()}


def test_every_first_visit_is_within_the_weight_budget(built_site: Path) -> None:
    visits = {page.parent.relative_to(built_site).as_posix(): first_visit(built_site, page)
              for page in html_pages(built_site)}
    heavy = [f"/{path}: {sum(files.values()) / 1000:.1f} KB ("
             + ", ".join(f"{name} {size / 1000:.1f}" for name, size in files.items()) + ")"
             for path, files in visits.items()
             if sum(files.values()) > FIRST_VISIT_BUDGET_KB * 1000]
    assert len(visits) > 1
    assert not heavy, f"first visits over {FIRST_VISIT_BUDGET_KB} KB gzip:\n  " + \
        "\n  ".join(heavy)
