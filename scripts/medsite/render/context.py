"""What rendering one page needs to know: the values, the site's settings, where the page
is, and the output it is building."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..settings import SiteSettings
from .markers import PageOutput
from .values import Citation, SiteValues


@dataclass
class PageContext:
    """One page being rendered: its values and settings, and what it has made so far."""

    values: SiteValues
    settings: SiteSettings
    sources_href: str
    output: PageOutput = field(default_factory=PageOutput)
    _ids: set[str] = field(default_factory=set)

    def unique_id(self, base: str) -> str:
        """An element id not yet used on this page."""
        candidate, n = base, 2
        while candidate in self._ids:
            candidate, n = f"{base}-{n}", n + 1
        self._ids.add(candidate)
        return candidate

    def source_href(self, citation: Citation) -> str:
        """A link to a citation's source on the sources page."""
        return f"{self.sources_href}#{citation.source.anchor}"
