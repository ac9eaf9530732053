"""Units the data file may use, and how each reads in a sentence."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

Unit = Literal[
    "mg", "mcg", "mL", "mg/day", "mcg/day", "mg/mL", "mcg/mL",
    "minutes", "hours", "days", "weeks", "years", "kg",
]

# How a unit reads after a number; (singular, plural) where they differ.
_WORDS: dict[str, tuple[str, str]] = {
    "mg": ("mg", "mg"),
    "mcg": ("micrograms", "micrograms"),
    "mL": ("mL", "mL"),
    "mg/day": ("mg a day", "mg a day"),
    "mcg/day": ("micrograms a day", "micrograms a day"),
    "mg/mL": ("mg in each mL", "mg in each mL"),
    "mcg/mL": ("micrograms in each mL", "micrograms in each mL"),
    "minutes": ("minute", "minutes"),
    "hours": ("hour", "hours"),
    "days": ("day", "days"),
    "weeks": ("week", "weeks"),
    "years": ("year", "years"),
    "kg": ("kg", "kg"),
}

_TIMES_A_DAY = {1: "once a day", 2: "twice a day", 3: "three times a day", 4: "four times a day"}


def format_number(value: Decimal | int) -> str:
    """Write a number without trailing zeros or exponent: 2.50 -> '2.5', 1E+1 -> '10'."""
    text = format(Decimal(value).normalize(), "f")
    return f"{int(text):,}" if "." not in text else text


def unit_words(unit: str, value: Decimal | int = 2) -> str:
    """Return how `unit` reads after `value` ('1 day', '3 days', '80 mg a day')."""
    singular, plural = _WORDS[unit]
    return singular if Decimal(value) == 1 else plural


def times_a_day(count: int) -> str:
    """Say how often a dose is taken: 3 -> 'three times a day'."""
    return _TIMES_A_DAY.get(count, f"{count} times a day")


def per_day(unit: str) -> str:
    """The daily-total unit for a dose unit: 'mg' -> 'mg/day'."""
    return f"{unit}/day"
