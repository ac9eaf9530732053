"""Files the finished site carries besides its pages (written after the build).

Placeholder: the publishing work (issue "Published like a real health service") fills this
in: manifest.json, the data export and its schema, `_headers`, honest sitemap dates.
"""

from __future__ import annotations

from pathlib import Path

from ..content.pipeline import Site
from .pages import PublishedPage


def write_site_files(site_dir: Path, pages: list[PublishedPage], site: Site,
                     site_url: str) -> None:
    """Write the site-wide files into the built site."""


def page_head(page: PublishedPage, site: Site) -> str:
    """Extra HTML for the page's <head> (structured data); empty for now."""
    return ""
