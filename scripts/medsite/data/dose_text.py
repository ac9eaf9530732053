"""What a dose written as text looks like: a number and a unit of medicine.

Shared by the data rules (no dose numbers in the data file's sentences) and the page rules
(no dose numbers typed into pages, none in the built HTML outside injected values). The
pattern runs in time proportional to the text, whatever its spacing.
"""

from __future__ import annotations

import re
import unicodedata

# Possessive digit runs and at most eight groups: in '1,1,1,...' each start reads only a
# few groups, so a long line costs time in proportion to its length, not to its square.
_NUMBER = (r"(?:\d++(?:[.,]\d++){0,8}|one|two|three|four|five|six|seven|eight|nine|ten|fifteen"
           r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|half|a quarter)")
_UNIT = (r"(?:mg|mcg|µg|μg|ug|ml|mL|g|kg|micrograms?|milligrams?|grams?|millilit(?:re|er)s?"
         r"|mmol|units?)(?:[ \t]*/[ \t]*(?:kg|ml|mL|day|d|dose|hour|h))?")
# One optional run of blanks, one optional hyphen, one optional run: never two `\s*` in a row.
DOSE_LITERAL = re.compile(rf"(?<![\w.{{]){_NUMBER}(?:[ \t\u00a0]*-)?[ \t\u00a0]*{_UNIT}(?!\w)",
                          re.IGNORECASE)

# Characters that hide a number from a reader or a check: zero-width and other format marks.
_INVISIBLE = re.compile(r"[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
                        r"\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufe00-\ufe0f]")


def normalize(text: str) -> str:
    """Text as a reader sees it: compatibility forms folded (full-width digits, the micro
    sign), invisible marks removed, every kind of space a plain space."""
    folded = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text))
    return _OTHER_SPACE.sub(" ", folded)


# Every space but the plain one and the line break (plain spaces are left where they are,
# rather than each replaced by itself).
_OTHER_SPACE = re.compile(r"[^\S\n ]")


# A unit on its own. A dose needs one, and units are few in a text, so the full pattern
# (which tries every number word at every position) runs only on the words just before each.
# The look-ahead names the letters a unit can start with, so the search skips every other
# position at once (several times faster on a whole page than trying each unit there).
_UNIT_ALONE = re.compile(rf"(?=[mµμugk])(?<![^\W\d_]){_UNIT}(?!\w)", re.IGNORECASE)
_REACH = 80  # characters before a unit in which its number must start


def find_doses(text: str) -> list[re.Match[str]]:
    """Every dose-like number with a unit in `text` (already normalized), in order."""
    found: dict[int, re.Match[str]] = {}
    for unit in _UNIT_ALONE.finditer(text):
        start = max(0, unit.start() - _REACH)
        # Start the window at a space, so it never begins inside a number or word.
        space = text.rfind(" ", 0, start + 1) if start else 0
        window_start = max(space, 0) if start else 0
        for match in DOSE_LITERAL.finditer(text, window_start, unit.end()):
            found.setdefault(match.start(), match)
    return [found[position] for position in sorted(found)]


def has_unit(text: str) -> bool:
    """Whether `text` (already normalized) holds a unit of medicine anywhere: without one
    there is no dose in it. A unit found in a whole text is found in its own line too, since
    a line break is neither a letter nor part of a unit."""
    return _UNIT_ALONE.search(text) is not None


def has_invisible(text: str) -> bool:
    """Whether `text` holds zero-width or other invisible format characters."""
    return _INVISIBLE.search(text) is not None
