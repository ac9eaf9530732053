"""Spellings and terms that do not belong on an edition, from one word list per language.

The lists live in `wordlists/` (for example `en-US.yml`): what is refused and what to write
instead. Text inside double quotes is not checked, so a UK organization's own title can be
quoted as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

WORDLISTS = Path(__file__).resolve().parent / "wordlists"
# Straight or curly double quotes around a name; at most a line long, so never slow.
_WORD = re.compile(r"\w+")
_QUOTED = re.compile(r"\"[^\"]{0,300}\"|\u201c[^\u201d]{0,300}\u201d")


@dataclass(frozen=True)
class Misspelling:
    """A refused word in a line of text, and what to write instead."""

    line: int
    found: str
    instead: str


@dataclass(frozen=True)
class WordList:
    """A compiled word list."""

    pattern: re.Pattern[str]
    replacements: dict[str, str]
    why: str
    single_words: frozenset[str]  # the entries that are one word
    phrases: tuple[str, ...]  # the others ('straight away', 'off-licence')

    def find(self, text: str, first_line: int = 1) -> list[Misspelling]:
        """Every refused word in `text`, outside double quotes."""
        # Most pages hold none of the words: a look at the page's set of words (and a plain
        # search for each phrase) says so quickly, before the list's one large pattern runs.
        folded = text.casefold()
        if self.single_words.isdisjoint(_WORD.findall(folded)):
            collapsed = " ".join(folded.split())
            if not any(phrase in collapsed for phrase in self.phrases):
                return []
        blanked = _QUOTED.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
        found = []
        for match in self.pattern.finditer(blanked):
            line = first_line + blanked.count("\n", 0, match.start())
            word = " ".join(match.group().split())
            found.append(Misspelling(line, word, self.replacements[_key(word)]))
        return found


@lru_cache(maxsize=8)
def word_list(name: str) -> WordList:
    """The word list `name` (e.g. 'en-US'); `FileNotFoundError` if there is none."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present
    entries = yaml.load((WORDLISTS / f"{name}.yml").read_text(encoding="utf-8"), Loader=loader)
    why = str(entries.pop("_why", "not used on this edition"))
    replacements = {_key(str(k)): str(v) for k, v in entries.items()}
    words = sorted(replacements, key=len, reverse=True)
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    pattern = re.compile(rf"(?<![\w&-])(?:{alternatives})(?![\w&-])", re.IGNORECASE)
    single = frozenset(w for w in replacements if _WORD.fullmatch(w))
    phrases = tuple(w for w in replacements if w not in single)
    return WordList(pattern, replacements, why, single, phrases)


def available() -> list[str]:
    """The names of the word lists that exist."""
    return sorted(p.stem for p in WORDLISTS.glob("*.yml"))


def _key(word: str) -> str:
    return " ".join(word.split()).casefold()
