"""The built site ships only what a visitor loads: no source maps, no unused search languages,
and every page describes itself for search engines."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT, html_pages

sys.path.insert(0, str(ROOT / "scripts"))
from trim_assets import lunr_files  # a hook file beside the engine, not in the package


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
