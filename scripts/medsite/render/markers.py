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
MARK_OPEN, MARK_SEP, MARK_CLOSE = "\ue003", "\ue005", "\ue004"
_ID_BASE, _ID_LIMIT = 0xE100, 0xF8FF
_ID_DIGITS = _ID_LIMIT - _ID_BASE + 1

_TOKEN = re.compile(f"{TOKEN_OPEN}([\ue100-\uf8ff]){TOKEN_CLOSE}")
_BLOCK_TOKEN = re.compile(f"<p>{TOKEN_OPEN}([\ue100-\uf8ff]){TOKEN_CLOSE}</p>")
_MARK = re.compile(f"{MARK_OPEN}([\ue100-\uf8ff]+){MARK_SEP}([^{MARK_CLOSE}]*){MARK_CLOSE}")
_ANY_MARKER = re.compile("[\ue000-\uf8ff]")


@dataclass(frozen=True)
class ShownValue:
    """One value a page shows: what it is, the data entries it comes from, its words."""

    path: str
    inputs: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Fragment:
    """A piece of engine HTML; a block one must stand alone in its paragraph. `numbers` are
    the values marked in it, in order (so a page need not search its fragments again)."""

    html: str
    block: bool
    plain: str
    numbers: tuple[str, ...] = ()


class TooManyReferences(Exception):
    """A page holds more references than the tokens can number."""


class ValueTable:
    """Every value shown anywhere in one build, each numbered once.

    Marks carry the number, not a position in one page, so the same fragment of HTML means
    the same values on every page it is on, and a fragment can be made once and reused.
    """

    def __init__(self) -> None:
        self._numbers: dict[ShownValue, str] = {}
        self._values: dict[str, ShownValue] = {}

    def number(self, value: ShownValue) -> str:
        """The value's number, written as marker characters."""
        found = self._numbers.get(value)
        if found is None:
            found = self._numbers[value] = _encode(len(self._numbers))
            self._values[found] = value
        return found

    def value(self, number: str) -> ShownValue:
        """The value a number written by `number` stands for."""
        return self._values[number]


@dataclass
class PageOutput:
    """Everything the engine put into one page: its fragments, in the order they were made."""

    table: ValueTable = field(default_factory=ValueTable)
    fragments: list[Fragment] = field(default_factory=list)

    def mark(self, text: str, path: str, inputs: tuple[str, ...]) -> Markup:
        """A value's words, HTML-escaped and marked as coming from the data file."""
        number = self.table.number(ShownValue(path, inputs, text))
        return Markup(f"{MARK_OPEN}{number}{MARK_SEP}{html.escape(text, quote=False)}"
                      f"{MARK_CLOSE}")

    def token(self, fragment_html: str, *, block: bool, plain: str = "") -> str:
        """A token standing for `fragment_html` until Markdown has run."""
        text = str(fragment_html)
        numbers = tuple(m.group(1) for m in _MARK.finditer(text))
        return self.add(Fragment(text, block, plain, numbers))

    def add(self, fragment: Fragment) -> str:
        """Add a fragment made before (for another page) and return its token here."""
        if len(self.fragments) >= _ID_DIGITS:
            raise TooManyReferences(f"more than {_ID_DIGITS} references on one page")
        self.fragments.append(fragment)
        return f"{TOKEN_OPEN}{chr(_ID_BASE + len(self.fragments) - 1)}{TOKEN_CLOSE}"

    @property
    def values(self) -> list[ShownValue]:
        """Every value marked in the page's fragments, in page order."""
        value = self.table.value
        return [value(number) for fragment in self.fragments for number in fragment.numbers]


def renumber_tokens(text: str, first: int, now: int) -> str:
    """Tokens made for fragments numbered from `first`, renumbered to start at `now`."""
    if first == now:
        return text
    return _TOKEN.sub(lambda m: f"{TOKEN_OPEN}{chr(ord(m.group(1)) - first + now)}"
                                f"{TOKEN_CLOSE}", text)


def _encode(number: int) -> str:
    digits = []
    while True:
        number, digit = divmod(number, _ID_DIGITS)
        digits.append(chr(_ID_BASE + digit))
        if not number:
            return "".join(digits)


def _index(char: str) -> int:
    return ord(char) - _ID_BASE


@dataclass(frozen=True)
class Misplaced:
    """A token found where its fragment cannot go."""

    fragment: Fragment
    reason: str
    token: str


def tokens(text: str) -> list[str]:
    """The tokens written in `text`, in order."""
    return [match.group() for match in _TOKEN.finditer(text)]


def insert_fragments(page_html: str, output: PageOutput) -> tuple[str, list[Misplaced]]:
    """Swap every token in the HTML for its fragment; report tokens that cannot be swapped.

    A block fragment replaces the paragraph it stands alone in. A token inside a tag (an
    attribute, such as a link address) cannot hold HTML and is reported.
    """
    problems: list[Misplaced] = []
    for match in _TOKEN.finditer(page_html):
        if _inside_tag(page_html, match.start()):
            problems.append(Misplaced(output.fragments[_index(match.group(1))],
                                      "inside a link address or another HTML attribute",
                                      match.group()))

    def block(match: re.Match[str]) -> str:
        return output.fragments[_index(match.group(1))].html

    def inline(match: re.Match[str]) -> str:
        fragment = output.fragments[_index(match.group(1))]
        if fragment.block:
            problems.append(Misplaced(fragment, "inside a sentence; it must stand on a line "
                                                "of its own", match.group()))
        return fragment.html

    page_html = _BLOCK_TOKEN.sub(block, page_html)
    return _TOKEN.sub(inline, page_html), problems


def without_blocks(page_html: str, output: PageOutput) -> str:
    """The page as the author made it, with the inline fragments in and each block fragment
    (a table, card or chart, alone in its paragraph) out: what the author's words run into.
    A block is checked on its own, once, wherever it is reused."""

    def swap(match: re.Match[str]) -> str:
        fragment = output.fragments[_index(match.group(1))]
        return "\n" if fragment.block else fragment.html

    return _TOKEN.sub(swap, page_html)


def blocks(output: PageOutput) -> list[str]:
    """The HTML of each distinct block fragment of the page."""
    return list(dict.fromkeys(f.html for f in output.fragments if f.block))


def plain_text(text: str, output: PageOutput) -> str:
    """Text with tokens swapped for the plain words of their fragments (for a toc title)."""
    return _TOKEN.sub(lambda m: html.escape(output.fragments[_index(m.group(1))].plain,
                                            quote=False), text)


def strip_marks(page_html: str, output: PageOutput) -> tuple[str, list[ShownValue]]:
    """Remove the marks; return the clean HTML and the values it shows, in page order."""
    shown: list[ShownValue] = []

    def unmark(match: re.Match[str]) -> str:
        shown.append(output.table.value(match.group(1)))
        return match.group(2)

    return _MARK.sub(unmark, page_html), shown


def marks_in(text: str, output: PageOutput) -> list[tuple[ShownValue, str]]:
    """Each marked value in `text` and the words it shows there."""
    return [(output.table.value(m.group(1)), m.group(2)) for m in _MARK.finditer(text)]


def unmarked(page_html: str) -> str:
    """The HTML with every marked value blanked out: what the author wrote themselves.

    A value that is a number alone (`{{ x.number }}`) stays: a unit typed after it would
    make a dose that is not in the data file ('2.5' from the data, ' mcg' typed).
    """
    return _MARK.sub(lambda m: m.group(2) if _BARE_NUMBER.fullmatch(m.group(2)) else " ",
                     page_html)


# A number alone, or a range's numbers alone ('10 to 20', 'up to 60').
_BARE_NUMBER = re.compile(r"(?:up to )?\d[\d.,]*(?: to \d[\d.,]*)?")


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
        if fragment.block:  # a raw HTML block: Markdown leaves its words alone
            return f"\n\n{_MARK.sub(lambda m: m.group(2), fragment.html)}\n\n"
        return _MARK.sub(lambda m: _MARKDOWN_SPECIAL.sub(r"\\\1", m.group(2)), fragment.html)

    return _TOKEN.sub(fragment_markdown, markdown)
