"""The sentence or table row around each value a page shows, as a reviewer reads it."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from ..render.markers import MARK_CLOSE, MARK_OPEN, PageOutput, ShownValue

_BLOCKS = ("tr", "li", "p", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd",
           "figcaption", "desc", "title")
_MARK_IN_TEXT = re.compile(f"{MARK_OPEN}([\ue100-\uf8ff])([^{MARK_CLOSE}]*){MARK_CLOSE}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")


def value_contexts(marked_html: str, output: PageOutput) -> list[tuple[ShownValue, str]]:
    """Each value in the page (HTML with its marks still in) and the words around it: its
    sentence in prose, its whole row in a table."""
    soup = BeautifulSoup(marked_html, "html.parser")
    for citation in soup.select("sup.cite"):
        citation.decompose()
    found: list[tuple[ShownValue, str]] = []
    for node in soup.find_all(string=_MARK_IN_TEXT):
        block = node.find_parent(_BLOCKS)
        context = _plain(block.get_text(" ") if isinstance(block, Tag) else str(node))
        for match in _MARK_IN_TEXT.finditer(str(node)):
            value = output.values[ord(match.group(1)) - 0xE100]
            found.append((value, _sentence(context, match.group(2)) if block is not None and
                          block.name == "p" else context))
    return found


def _plain(text: str) -> str:
    return " ".join(_MARK_IN_TEXT.sub(lambda m: m.group(2), text).split())


def _sentence(paragraph: str, value_text: str) -> str:
    words = " ".join(value_text.split())
    for sentence in _SENTENCE_END.split(paragraph):
        if words in sentence:
            return sentence
    return paragraph
