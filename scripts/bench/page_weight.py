"""Page weight: the bytes a first visit to each page transfers, gzip-compressed, in Chromium.

Every page of the built site is opened in a fresh browser context (an empty cache); each
response body the page or its search worker fetches is compressed with gzip level 9 and
summed, which is what a gzip-serving host would send.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Response, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


@dataclass
class PageWeight:
    """One page's first visit: gzip bytes per URL fetched."""

    path: str
    files: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """All gzip bytes of the visit."""
        return sum(self.files.values())


def site_pages(site: Path) -> list[str]:
    """Every content page of a built site as a site-relative URL ('' for home), 404 excluded."""
    return sorted(p.parent.relative_to(site).as_posix().removeprefix(".") + "/"
                  if p.parent != site else "" for p in site.rglob("index.html")
                  if "assets" not in p.relative_to(site).parts)


def measure(base_url: str, pages: list[str]) -> list[PageWeight]:
    """Visit each page with an empty cache; return the gzip weight of everything it fetched."""
    weights = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in pages:
            weight = PageWeight(path)
            context = browser.new_context()

            def record(response: Response, weight: PageWeight = weight) -> None:
                if response.status == 200 and response.url.startswith(base_url):
                    url = response.url.removeprefix(base_url)
                    weight.files[url] = len(gzip.compress(response.body(), compresslevel=9))

            context.on("response", record)
            page = context.new_page()
            page.goto(base_url + path, wait_until="networkidle")
            page.wait_for_timeout(300)  # let the search worker fetch the index
            context.close()
            weights.append(weight)
        browser.close()
    return weights
