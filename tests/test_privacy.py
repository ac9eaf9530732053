"""Nothing in the built site loads from another host: no fonts, scripts, images or frames.

Links (<a href>) to other sites are allowed: a browser only goes there when the reader clicks.
The browser-side check (every request a page really makes) is in test_browser.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

# Which attribute of which element makes the browser fetch something when the page loads.
LOADING_ATTRIBUTES = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",),
    "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "embed": ("src",), "object": ("data",), "input": ("src",),
    "link": ("href",),
}
# <link rel> values that name a page rather than fetch one.
NON_LOADING_RELS = {"canonical", "alternate", "author", "help", "license", "next", "prev",
                    "search", "bookmark"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""")
CSS_IMPORT = re.compile(r"""@import\s+['"]([^'"]+)""")


def is_external(url: str) -> bool:
    """True for a URL that names another host (http:, https: or protocol-relative //)."""
    url = url.strip()
    return url.startswith("//") or urlsplit(url).scheme in ("http", "https", "ftp")


def loaded_urls(html: str) -> list[str]:
    """Every URL an HTML page makes the browser fetch, with the tag that asks for it."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(LOADING_ATTRIBUTES):
        if tag.name == "link" and set(tag.get("rel") or []) <= NON_LOADING_RELS \
                and tag.get("rel"):
            continue
        for attribute in LOADING_ATTRIBUTES[tag.name]:
            value = tag.get(attribute)
            if not isinstance(value, str) or not value:  # src, srcset, href: one string
                continue
            candidates = [part.split()[0] for part in value.split(",") if part.strip()] \
                if attribute == "srcset" else [value]
            found += [f"<{tag.name} {attribute}={url}>" for url in candidates
                      if is_external(url)]
    for style in [s.get_text() for s in soup.find_all("style")] + \
            [str(t["style"]) for t in soup.find_all(style=True)]:
        found += [f"<style> {url}" for url in css_urls(style) if is_external(url)]
    return found


def css_urls(css: str) -> list[str]:
    return CSS_URL.findall(css) + CSS_IMPORT.findall(css)


def test_no_built_page_loads_anything_from_another_host(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    found = [f"{page.relative_to(built_site)}: {item}" for page in pages
             for item in loaded_urls(page.read_text(encoding="utf-8"))]
    assert not found, "external resources in HTML:\n  " + "\n  ".join(found)


def test_no_style_sheet_loads_anything_from_another_host(built_site: Path) -> None:
    sheets = sorted(built_site.rglob("*.css"))
    assert sheets
    found = [f"{sheet.relative_to(built_site)}: {url}" for sheet in sheets
             for url in css_urls(sheet.read_text(encoding="utf-8")) if is_external(url)]
    assert not found, "external resources in CSS:\n  " + "\n  ".join(found)


@pytest.mark.parametrize(("html", "expected"), [
    ('<link rel="stylesheet" href="https://fonts.googleapis.com/css">',
     ["<link href=https://fonts.googleapis.com/css>"]),
    ('<link rel="preconnect" href="https://fonts.gstatic.com">',
     ["<link href=https://fonts.gstatic.com>"]),
    ('<script src="//cdn.example.org/x.js"></script>', ["<script src=//cdn.example.org/x.js>"]),
    ('<img src="a.png" srcset="b.png 2x, https://img.example.org/c.png 3x">',
     ["<img srcset=https://img.example.org/c.png>"]),
    ('<iframe src="https://www.youtube.com/embed/x"></iframe>',
     ["<iframe src=https://www.youtube.com/embed/x>"]),
    ('<div style="background: url(https://t.example.org/p.gif)"></div>',
     ["<style> https://t.example.org/p.gif"]),
    ('<a href="https://www.nhs.uk/">NHS</a>', []),
    ('<link rel="canonical" href="https://example.org/page/">', []),
    ('<script src="../assets/bundle.js"></script><img src="data:image/png;base64,AA==">', []),
])
def test_loaded_urls_finds_only_what_the_browser_would_fetch(
        html: str, expected: list[str]) -> None:
    assert loaded_urls(html) == expected


def test_every_html_file_carries_the_content_security_policy(built_site: Path) -> None:
    for page in sorted(built_site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, page
        assert str(meta["content"]).startswith("default-src 'self'"), page
        assert "unsafe-inline" not in str(meta["content"]), page
