"""What the plugin asks of the publishing layer: each page's head, and the site-wide files.

After the build (and after the search index and sitemap are written) the site gets:
`manifest.json`, the data export and its JSON Schema under `data/`, `_headers`, and a
sitemap whose dates are the pages' own. All of it is made from the validated data and the
pages' front matter, and none of it depends on the day or the folder of the build.
"""

from __future__ import annotations

from pathlib import Path

from ..content.pipeline import Site
from .data_export import export_paths, export_schema_text, export_text, json_text
from .feedback import feedback_link
from .headers import header_rules, headers_text
from .jsonld import page_script
from .manifest import manifest
from .pages import PublishedPage, published
from .sitemap import rewrite_sitemap

__all__ = ["feedback_link", "page_head", "write_site_files"]


def write_site_files(site_dir: Path, pages: list[PublishedPage], site: Site,
                     site_url: str, script_hashes: set[str] | None = None) -> None:
    """Write the site-wide files into the built site."""
    reachable = published(pages)
    export, schema = export_paths(site.settings)
    _write(site_dir / export, export_text(site.data))
    _write(site_dir / schema, export_schema_text())
    _write(site_dir / "manifest.json", json_text(manifest(reachable, site, site_url)))
    rewrite_sitemap(site_dir, {page.canonical_url: page.meta.last_reviewed
                               for page in reachable
                               if page.canonical_url and page.meta.last_reviewed})
    rules = header_rules(site_dir, [page.url for page in reachable], script_hashes)
    _write(site_dir / "_headers", headers_text(rules))


def page_head(page: PublishedPage, site: Site) -> str:
    """Extra HTML for the page's <head>: its structured data (JSON-LD)."""
    return page_script(page, site)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
