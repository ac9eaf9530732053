"""The sentence or table row around each value a page shows, as a reviewer reads it."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from ..render.markers import PageOutput, ShownValue, marks_in, strip_marks

_BLOCKS = ("tr", "li", "p", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd",
           "figcaption", "desc", "title")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")


def value_contexts(marked_html: str, output: PageOutput) -> list[tuple[ShownValue, str]]:
    """Each value in the page (HTML with its marks still in) and the words around it: its
    sentence in prose, its whole row in a table."""
    soup = BeautifulSoup(marked_html, "html.parser")
    for citation in soup.select("sup.cite"):
        citation.decompose()
    found: list[tuple[ShownValue, str]] = []
    for node in soup.find_all(string=lambda text: bool(text and marks_in(text, output))):
        block = node.find_parent(_BLOCKS)
        context = _plain(block.get_text(" ") if isinstance(block, Tag) else str(node), output)
        for value, words in marks_in(str(node), output):
            found.append((value, _sentence(context, words) if block is not None and
                          block.name == "p" else context))
    return found


def _plain(text: str, output: PageOutput) -> str:
    return " ".join(strip_marks(text, output)[0].split())


def _sentence(paragraph: str, value_text: str) -> str:
    words = " ".join(value_text.split())
    for sentence in _SENTENCE_END.split(paragraph):
        if words in sentence:
            return sentence
    return paragraph
