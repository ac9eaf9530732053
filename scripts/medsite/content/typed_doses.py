"""Dose numbers that did not come from the data file: typed into a page, or anywhere in the
built page outside a value the engine put there.

The source check is the fast one editors see first, at the line they typed. The output check
reads the finished HTML, so a number typed in any disguise (an entity, an invisible
character, a number and unit in separate places) is still caught.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ..data.dose_text import find_doses, has_unit, normalize
from ..render.catalogue import all_records
from ..render.markers import unmarked
from ..render.values import SiteValues

_TAG = re.compile(r"<[^>]*>")
# Attributes whose words a reader sees or hears (link addresses are not read as text).
_SHOWN_ATTRIBUTE = re.compile(r"\b(?:title|alt|aria-label|aria-description|placeholder|"
                              r"content|value|label|summary)\s*=\s*\"([^\"]*)\"")
_BASE_UNITS = {"mg": "mg", "milligram": "mg", "milligrams": "mg", "mcg": "mcg", "µg": "mcg",
               "μg": "mcg", "ug": "mcg", "microgram": "mcg", "micrograms": "mcg", "ml": "mL",
               "millilitre": "mL", "millilitres": "mL", "milliliter": "mL", "milliliters": "mL",
               "g": "g", "gram": "g", "grams": "g", "kg": "kg"}


@dataclass(frozen=True)
class TypedDose:
    """A dose-like number written into a page: where and what."""

    line: int | None
    text: str


def doses_in_source(blanked: str, first_line: int) -> list[TypedDose]:
    """Each dose-like number with a unit in a page body whose references are already
    blanked (`render.page.blank_references`), with its line."""
    if not _could_hold_dose(blanked) or not has_unit(normalize(html.unescape(blanked))):
        return []  # a dose needs a number and a unit: most pages hold no unit outside values
    found: list[TypedDose] = []
    for number, line in enumerate(blanked.splitlines(), start=first_line):
        if not _could_hold_dose(line):
            continue
        visible = normalize(html.unescape(line))
        found.extend(TypedDose(number, m.group().strip()) for m in find_doses(visible))
    return found


def doses_in_output(page_html: str) -> list[str]:
    """Each dose-like number in finished HTML that is not inside a value from the data."""
    own = unmarked(page_html)
    if not _could_hold_dose(_TAG.sub(" ", own)) and not _SHOWN_ATTRIBUTE.search(own):
        return []
    shown = " ".join(_SHOWN_ATTRIBUTE.findall(own))
    # Inline tags go without a trace (their words run together on screen), block tags
    # become line breaks, and the words a reader sees in attributes are read on their own.
    text = _BLOCK_TAG.sub("\n", _INLINE_TAG.sub("", own))
    return [m.group().strip() for m in find_doses(normalize(html.unescape(f"{text}\n{shown}")))]


# Tags that sit inside a line of text: the words on either side of them run together on
# screen ("2<b>0</b> mg" reads "20 mg"), so they are removed without a space.
_INLINE_TAG = re.compile(r"</?(?:a|abbr|b|bdi|bdo|cite|code|del|dfn|em|i|ins|kbd|mark|q|s|"
                         r"samp|small|span|strong|sub|sup|time|u|var)\b[^>]*>", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"<[^>]*>")


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=4096)
def doses_in_block(fragment_html: str) -> tuple[str, ...]:
    """`doses_in_output` of one block of engine HTML, worked out once however often it is
    reused (a table or card appears on many pages)."""
    return tuple(doses_in_output(fragment_html))


def _could_hold_dose(text: str) -> bool:
    """A cheap first look: no digit and no number word means no dose."""
    return _DIGIT.search(text) is not None or _has_number_word(text)


_NUMBER_WORDS = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|fifteen|"
                           r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
                           r"half|quarter)\b", re.IGNORECASE)


def _has_number_word(text: str) -> bool:
    return _NUMBER_WORDS.search(text) is not None


class ValueIndex:
    """Which data names show a given number and unit, for the typed-dose message."""

    def __init__(self, values: SiteValues) -> None:
        self._by_amount: dict[tuple[Decimal, str], list[str]] = {}
        for record in all_records(values):
            self._add(record.value, record.unit, record.path)
        for regimen in values.regimens.values():
            intakes = [("starting_dose", regimen.starting_dose)]
            intakes += [(f"titration_steps[{i}]", s.intake)
                        for i, s in enumerate(regimen.titration_steps)]
            for name, intake in intakes:
                daily = intake.daily
                self._add(daily.number, daily.unit_text, f"{regimen.path}.{name}.daily")

    def _add(self, number: str, unit: str, path: str) -> None:
        key = _amount_key(number, unit.split(" ")[0] if unit else "")
        if key is not None:
            self._by_amount.setdefault(key, []).append(path)

    def names_for(self, typed: str) -> list[str]:
        """The data names whose value is what was typed ('15 mg' -> the daily starting dose)."""
        match = re.match(r"([\d.,]+)\s*-?\s*([^\s/]+)", normalize(typed))
        if not match:
            return []
        key = _amount_key(match.group(1), match.group(2))
        return self._by_amount.get(key, []) if key else []


def _amount_key(number: str, unit: str) -> tuple[Decimal, str] | None:
    base = _BASE_UNITS.get(unit.casefold().rstrip("."), _BASE_UNITS.get(unit))
    if base is None:
        return None
    try:
        return Decimal(number.replace(",", "")).normalize(), base
    except InvalidOperation:
        return None


def typed_dose_message(typed: str, names: Iterable[str]) -> str:
    """What an editor reads: the number, and the data name that shows it (if any does)."""
    names = list(names)
    start = f"dose number typed into the page: '{typed}'; "
    if not names:
        return (start + "no value in the data file is this; add it there with its source "
                "(a facts: entry for a single number), then show it by name")
    shown = " or ".join(f"{{{{ {name} }}}}" for name in names[:3])
    return start + f"show it from the data file instead: {shown}"
