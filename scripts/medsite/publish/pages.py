"""What the publishing layer knows about each built page (filled in by the plugin)."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.frontmatter import PageMeta
from ..render.markers import ShownValue


@dataclass(frozen=True)
class PublishedPage:
    """One page of the built site: where it is, its front matter, the values it shows."""

    uri: str            # the Markdown file in the docs folder: 'dosing/pump.md'
    url: str            # the page's URL relative to the site root: 'dosing/pump/'
    canonical_url: str  # the full URL (site_url + url), '' if the site has no site_url
    meta: PageMeta
    shown: tuple[ShownValue, ...]
    visible_text: str   # the words of the finished page body, for checks against its data
