"""manifest.json: every published page with its review dates, data keys and sources.

In the spirit of the NHS website content API's page manifest: a service that reuses the
site reads here what each page is, when it was last reviewed and is next due, who reviewed
it, which data entries it shows (keys of the data export) and where its facts come from, so
it can refresh what changed and cite what it shows. Drafts are never listed.
"""

from __future__ import annotations

from typing import Any

from ..content.pipeline import Site
from ..render.values import SourceView
from .data_export import export_paths
from .pages import PublishedPage, page_sources, published

FORMAT_VERSION = 1


def manifest(pages: list[PublishedPage], site: Site, site_url: str) -> dict[str, Any]:
    """The manifest of the built site, pages in URL order."""
    export, schema = export_paths(site.settings)
    return {
        "format_version": FORMAT_VERSION,
        "site": {"url": site_url, "medicine": site.data.medicine.name,
                 "language": site.settings.language, "edition": site.settings.edition},
        "data": {"export": export, "schema": schema},
        "pages": [_page(page, site) for page in sorted(published(pages), key=lambda p: p.url)],
    }


def _page(page: PublishedPage, site: Site) -> dict[str, Any]:
    meta = page.meta
    return {
        "url": page.url,
        "canonical_url": page.canonical_url or None,
        "title": meta.title,
        "description": meta.description,
        "type": meta.type,
        "last_reviewed": meta.last_reviewed.isoformat() if meta.last_reviewed else None,
        "next_review": meta.next_review.isoformat() if meta.next_review else None,
        "reviewed_by": meta.reviewed_by,
        "data_keys": page.data_keys,
        "sources": [_source(source) for source in page_sources(page, site)],
    }


def _source(source: SourceView) -> dict[str, Any]:
    return {"key": source.key, "title": source.title, "publisher": source.publisher,
            "url": source.url, "jurisdiction": source.jurisdiction, "tier": source.tier}
