"""How engine output travels through Markdown: tokens for HTML, marks around every value.

A page's `{{ ... }}` references become *tokens*, strings of private-use characters that
Markdown leaves alone and slugs drop. After Markdown has run and the author's own HTML has
been checked, each token is swapped for the engine's HTML fragment. Inside the fragments
every value from the data file is wrapped in *marks*, so the finished page can be checked
for dose numbers that did not come from the data, and can say which values it shows. The
marks are removed before the page is written. Editors cannot type these characters: the
page and data readers refuse private-use text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from markupsafe import Markup

TOKEN_OPEN, TOKEN_CLOSE = "\ue001", "\ue002"
MARK_OPEN, MARK_CLOSE = "\ue003", "\ue004"
_ID_BASE, _ID_LIMIT = 0xE100, 0xF8FF

_TOKEN = re.compile(f"{TOKEN_OPEN}([\ue100-\uf8ff]){TOKEN_CLOSE}")
_BLOCK_TOKEN = re.compile(f"<p>{TOKEN_OPEN}([\ue100-\uf8ff]){TOKEN_CLOSE}</p>")
_MARK = re.compile(f"{MARK_OPEN}([\ue100-\uf8ff])([^{MARK_CLOSE}]*){MARK_CLOSE}")
_ANY_MARKER = re.compile("[\ue000-\uf8ff]")


@dataclass(frozen=True)
class ShownValue:
    """One value a page shows: what it is, the data entries it comes from, its words."""

    path: str
    inputs: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Fragment:
    """A piece of engine HTML; a block one must stand alone in its paragraph."""

    html: str
    block: bool
    plain: str


class TooManyReferences(Exception):
    """A page holds more references than the marks can number."""


@dataclass
class PageOutput:
    """Everything the engine put into one page, in the order it was made."""

    fragments: list[Fragment] = field(default_factory=list)
    values: list[ShownValue] = field(default_factory=list)

    def mark(self, text: str, path: str, inputs: tuple[str, ...]) -> Markup:
        """A value's words, HTML-escaped and marked as coming from the data file."""
        self.values.append(ShownValue(path, inputs, text))
        return Markup(f"{MARK_OPEN}{_id(len(self.values) - 1)}{html.escape(text, quote=False)}"
                      f"{MARK_CLOSE}")

    def token(self, fragment_html: str, *, block: bool, plain: str = "") -> str:
        """A token standing for `fragment_html` until Markdown has run."""
        self.fragments.append(Fragment(str(fragment_html), block, plain))
        return f"{TOKEN_OPEN}{_id(len(self.fragments) - 1)}{TOKEN_CLOSE}"


def _id(index: int) -> str:
    if _ID_BASE + index > _ID_LIMIT:
        raise TooManyReferences(f"more than {_ID_LIMIT - _ID_BASE} references on one page")
    return chr(_ID_BASE + index)


def _index(char: str) -> int:
    return ord(char) - _ID_BASE


@dataclass(frozen=True)
class Misplaced:
    """A token found where its fragment cannot go."""

    fragment: Fragment
    reason: str


def insert_fragments(page_html: str, output: PageOutput) -> tuple[str, list[Misplaced]]:
    """Swap every token in the HTML for its fragment; report tokens that cannot be swapped.

    A block fragment replaces the paragraph it stands alone in. A token inside a tag (an
    attribute, such as a link address) cannot hold HTML and is reported.
    """
    problems: list[Misplaced] = []
    for match in _TOKEN.finditer(page_html):
        if _inside_tag(page_html, match.start()):
            problems.append(Misplaced(output.fragments[_index(match.group(1))],
                                      "inside a link address or another HTML attribute"))

    def block(match: re.Match[str]) -> str:
        return output.fragments[_index(match.group(1))].html

    def inline(match: re.Match[str]) -> str:
        fragment = output.fragments[_index(match.group(1))]
        if fragment.block:
            problems.append(Misplaced(fragment, "inside a sentence; it must stand on a line "
                                                "of its own"))
        return fragment.html

    page_html = _BLOCK_TOKEN.sub(block, page_html)
    return _TOKEN.sub(inline, page_html), problems


def plain_text(text: str, output: PageOutput) -> str:
    """Text with tokens swapped for the plain words of their fragments (for a toc title)."""
    return _TOKEN.sub(lambda m: html.escape(output.fragments[_index(m.group(1))].plain,
                                            quote=False), text)


def strip_marks(page_html: str, output: PageOutput) -> tuple[str, list[ShownValue]]:
    """Remove the marks; return the clean HTML and the values it shows, in page order."""
    shown: list[ShownValue] = []

    def unmark(match: re.Match[str]) -> str:
        shown.append(output.values[_index(match.group(1))])
        return match.group(2)

    return _MARK.sub(unmark, page_html), shown


def unmarked(page_html: str) -> str:
    """The HTML with every marked value blanked out: what the author wrote themselves."""
    return _MARK.sub(" ", page_html)


def leftover_marker(text: str) -> int | None:
    """The position of a marker character that should no longer be there, if any."""
    match = _ANY_MARKER.search(text)
    return match.start() if match else None


def _inside_tag(text: str, position: int) -> bool:
    opened = text.rfind("<", 0, position)
    closed = text.rfind(">", 0, position)
    return opened > closed


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def to_markdown(markdown: str, output: PageOutput) -> str:
    """Markdown with every token replaced by its HTML, marks removed: for another tool.

    A block fragment becomes a raw HTML block between blank lines; words from the data file
    have Markdown's punctuation escaped, so another tool reads them as plain text.
    """

    def fragment_markdown(match: re.Match[str]) -> str:
        fragment = output.fragments[_index(match.group(1))]
        text = _MARK.sub(lambda m: _MARKDOWN_SPECIAL.sub(r"\\\1", m.group(2)), fragment.html)
        return f"\n\n{text}\n\n" if fragment.block else text

    return _TOKEN.sub(fragment_markdown, markdown)
