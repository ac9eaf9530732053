"""Reading grade of a page's prose (paragraphs and list items), as patients read it."""

from __future__ import annotations

import re

import textstat
from bs4 import BeautifulSoup

# Words the reader cannot avoid and that say nothing about the writing: the medicine's name.
MASK_WORD = "medicine"


def page_prose(html: str, masked_words: list[str]) -> str:
    """The text of a built page's article paragraphs and list items, with names masked.

    Tables, headings, captions, the review box, source lines and the sources page's
    reference lines are left out: they are not sentences, and textstat would misjudge them.
    """
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article") or soup
    not_prose = ("table, .dose-table, .page-review, sup.cite, .headerlink, .source-ref, "
                 ".source-copy, .table-source, .help-card__source, .dose-chart, "
                 ".schedule-sheet")
    for unwanted in article.select(not_prose):
        unwanted.decompose()
    pieces = []
    for element in article.find_all(["p", "li"]):
        if element.find(["p", "li"]):  # a list item holding paragraphs: take the inner ones
            continue
        text = " ".join(element.get_text(" ", strip=True).split())
        if text:
            pieces.append(text if text[-1] in ".!?:" else text + ".")
    prose = " ".join(pieces)
    for word in masked_words:
        prose = re.sub(rf"\b{re.escape(word)}\b", MASK_WORD, prose, flags=re.IGNORECASE)
    return prose


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade of `text` (textstat 0.7.8, which works offline)."""
    return float(textstat.flesch_kincaid_grade(text))
