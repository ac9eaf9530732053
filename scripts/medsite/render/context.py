"""What rendering one page needs to know: the values, the site's settings, where the page
is, and the output it is building."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..settings import SiteSettings
from .markers import Fragment, PageOutput
from .values import Citation, SiteValues

# A reference made once for a page whose links start the same way, reused on every other:
# the Markdown it gave (its tokens numbered from `first`), its fragments, the ids it took.
CachedReference = tuple[str, int, tuple[Fragment, ...], frozenset[str]]


@dataclass
class PageContext:
    """One page being rendered: its values and settings, and what it has made so far."""

    values: SiteValues
    settings: SiteSettings
    sources_href: str
    output: PageOutput = field(default_factory=PageOutput)
    cache: dict[tuple[str, str], CachedReference] | None = None
    _ids: set[str] = field(default_factory=set)

    def unique_id(self, base: str) -> str:
        """An element id not yet used on this page."""
        candidate, n = base, 2
        while candidate in self._ids:
            candidate, n = f"{base}-{n}", n + 1
        self._ids.add(candidate)
        return candidate

    def claim(self, ids: frozenset[str]) -> bool:
        """Take these element ids for this page, if none is taken yet."""
        if ids & self._ids:
            return False
        self._ids |= ids
        return True

    def ids_since(self, before: frozenset[str]) -> frozenset[str]:
        """The ids taken since `before` was the set of taken ids."""
        return frozenset(self._ids - before)

    def taken(self) -> frozenset[str]:
        """The element ids taken so far."""
        return frozenset(self._ids)

    def source_href(self, citation: Citation) -> str:
        """A link to a citation's source on the sources page."""
        return f"{self.sources_href}#{citation.source.anchor}"
