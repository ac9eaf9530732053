"""What the publishing layer knows about each built page (filled in by the plugin)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..content.frontmatter import PageMeta
from ..content.pipeline import Site
from ..render.markers import ShownValue
from ..render.values import SourceView


@dataclass(frozen=True)
class PublishedPage:
    """One page of the built site: where it is, its front matter, the values it shows."""

    uri: str            # the Markdown file in the docs folder: 'dosing/pump.md'
    url: str            # the page's URL relative to the site root: 'dosing/pump/'
    canonical_url: str  # the full URL (site_url + url), '' if the site has no site_url
    meta: PageMeta
    shown: tuple[ShownValue, ...]

    @cached_property  # read by the manifest, the JSON-LD and the sources of every page
    def data_keys(self) -> list[str]:
        """The data file entries the page shows, in the order it first shows them."""
        return list(dict.fromkeys(path for value in self.shown for path in value.inputs))


def published(pages: list[PublishedPage]) -> list[PublishedPage]:
    """The pages a reader can reach: drafts (built only by a preview) left out."""
    return [page for page in pages if not page.meta.is_draft]


_SOURCE_OF: dict[int, tuple[Site, dict[str, str]]] = {}


def _source_of(site: Site) -> dict[str, str]:
    """The source key of every value of the data file, made once per site."""
    cached = _SOURCE_OF.get(id(site))
    if cached is not None and cached[0] is site:
        return cached[1]
    source_of = {record.path: record.citation.source.key for record in site.records}
    _SOURCE_OF.clear()  # one site at a time: a build, or a test
    _SOURCE_OF[id(site)] = (site, source_of)
    return source_of


def page_sources(page: PublishedPage, site: Site) -> list[SourceView]:
    """The sources of a page: those its front matter names, then those of the values it
    shows (a value's own source, or the source a sources-page entry describes)."""
    source_of = _source_of(site)
    keys = list(page.meta.sources)
    if page.uri == site.settings.sources_page:
        # The sources page lists every source in its body; its structured data names only
        # its own main sources, or every page would carry the whole bibliography twice.
        return [site.values.sources[key] for key in dict.fromkeys(keys)
                if key in site.values.sources]
    for path in page.data_keys:
        if path in source_of:
            keys.append(source_of[path])
        elif path.startswith("sources."):
            keys.append(path.split(".")[1])
    return [site.values.sources[key] for key in dict.fromkeys(keys)
            if key in site.values.sources]
