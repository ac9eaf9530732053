"""The units the data file may use (the model's vocabulary; how they read is in render.words)."""

from __future__ import annotations

from typing import Literal

Unit = Literal[
    "mg", "mcg", "mL", "mg/day", "mcg/day", "mg/mL", "mcg/mL",
    "minutes", "hours", "days", "weeks", "years", "kg",
]

DoseUnit = Literal["mg", "mcg"]

# Units that measure an amount of medicine: a number in one of these is a dose.
DOSE_UNITS = frozenset({"mg", "mcg", "mL", "mg/day", "mcg/day", "mg/mL", "mcg/mL"})


def per_day(unit: str) -> str:
    """The daily-total unit for a dose unit: 'mg' -> 'mg/day'."""
    return f"{unit}/day"
