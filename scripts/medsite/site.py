"""One page through the engine: front matter, the dose-literal guard, then the data."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ContentError
from .frontmatter import PageMeta, read_front_matter, split_front_matter
from .literals import find_dose_literals
from .pages import render_page
from .values import SiteValues


@dataclass(frozen=True)
class RenderedPage:
    """A page's checked front matter and its Markdown with every data reference filled in."""

    meta: PageMeta
    markdown: str


def check_and_render(source: str, values: SiteValues, *, page: str,
                     sources_href: str) -> RenderedPage:
    """Check a page's source text and render its body; raise `ContentError` at `page:line`."""
    meta = read_front_matter(source, page, set(values.sources))
    _, body, offset = split_front_matter(source)
    literals = find_dose_literals(body, offset)
    if literals:
        first = literals[0]
        raise ContentError(f"{page}:{first.line}", first.problem())
    markdown = render_page(body, values, page=page, sources_href=sources_href,
                           line_offset=offset)
    return RenderedPage(meta, markdown)
