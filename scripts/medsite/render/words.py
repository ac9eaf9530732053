"""How numbers, units and schedules read in English on the site: the wording in one place."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

# A number and its unit never break apart on a narrow screen.
NBSP = "\u00a0"

# How a unit reads after a number; (singular, plural) where they differ.
_UNIT_WORDS: dict[str, tuple[str, str]] = {
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

_TIMES_A_DAY = {1: "once a day", 2: "twice a day", 3: "three times a day",
                4: "four times a day"}

# How a caption names each kind of form (`data.model.FormKind`).
KIND_WORDS = {"tablet": "tablets", "capsule": "capsules", "oral solution": "oral solutions",
              "oral suspension": "oral suspensions", "granules": "granules",
              "intrathecal": "pump (intrathecal) medicine"}

# Phone keypad letters, for numbers written with words such as 1-800-FDA-1088.
_KEYPAD = {letter: str(digit) for digit, letters in
           {2: "ABC", 3: "DEF", 4: "GHI", 5: "JKL", 6: "MNO", 7: "PQRS", 8: "TUV", 9: "WXYZ"}
           .items() for letter in letters}


def format_number(value: Decimal | int) -> str:
    """Write a number without trailing zeros or exponent: 2.50 -> '2.5', 1000 -> '1,000'."""
    text = format(Decimal(value).normalize(), "f")
    return f"{int(text):,}" if "." not in text else text


def unit_words(unit: str, value: Decimal | int = 2) -> str:
    """How `unit` reads after `value` ('1 day', '3 days', '80 mg a day')."""
    singular, plural = _UNIT_WORDS[unit]
    return singular if Decimal(value) == 1 else plural


def with_unit(number: str, unit_text: str) -> str:
    """A number and its unit, joined so they never wrap apart: '80 mg a day'."""
    first, _, rest = unit_text.partition(" ")
    return f"{number}{NBSP}{first}" + (f" {rest}" if rest else "")


def times_a_day(count: int) -> str:
    """How often a dose is taken: 3 -> 'three times a day'."""
    return _TIMES_A_DAY.get(count, f"{count} times a day")


def day_range(first: int, last: int) -> str:
    """'days 4 to 6', or 'day 4' for a one-day step."""
    return f"day{NBSP}{first}" if first == last else f"days{NBSP}{first} to {last}"


def join_words(items: Sequence[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def kinds_text(kinds: Sequence[str]) -> str:
    """'tablets', 'oral solutions and oral suspensions'."""
    return join_words([KIND_WORDS[kind] for kind in kinds])


def dial_digits(phone: str) -> str:
    """The digits a phone dials for a number as printed: '1-800-FDA-1088' -> '18003321088'."""
    return "".join(_KEYPAD.get(ch, ch) for ch in phone.upper() if ch.isalnum())


TIER_WORDS = {1: "regulator's label, read on the regulator's own site",
              2: "national health service, public health agency or formulary",
              3: "research study",
              4: "professional reference, or a copy of a document on another site",
              5: "low quality"}


NOT_STATED = "Not stated"
SIGNS_LEAD = "Any one of these signs is enough to act on:"
TITRATION_HEADERS = ("Days", "Each dose", "How often", "Total a day")
MAX_DOSE_CAPTION = "Most in a day, by country"
MAX_DOSE_HEADERS = ("Who and where", "Most in a day", "Usual daily dose")
FORMS_HEADERS = ("Strength", "Form", "Sold as", "Sold in")
LIQUID_CAPTION = "Example only: how many mL of each liquid strength hold the same dose"
LIQUID_DOSE_HEADER = "Dose"


def titration_caption(population: str, jurisdiction: str) -> str:
    """The caption of a build-up table."""
    return f"Usual way to build up the dose: {population.lower()}, {jurisdiction} label"


def forms_caption(kinds: Sequence[str]) -> str:
    """The caption of a forms table, for all forms or only some kinds."""
    return f"Strengths of {kinds_text(kinds)}" if kinds else "Forms and strengths"


def liquid_heading(concentration: str) -> str:
    """A liquid's column heading: its strength, never its brand."""
    return f"Liquid with {concentration}"

CHART_RISES_FROM = "The total a day rises step by step from"
CHART_ON = "on"
CHART_TO = "to"
CHART_TABLE_FOLLOWS = "The table below gives every step."
CHART_X_TITLE = "Day of the build-up"
SHEET_NOTE = ("This is the usual schedule from the label, not a plan for you. Follow the plan "
              "your prescriber gives you, and write it below if it is different.")
SHEET_OWN_PLAN_TITLE = "The plan my prescriber gave me"
SHEET_OWN_PLAN_NOTE = "Write your own doses and dates here, as your prescriber tells you."


def chart_caption(population: str, jurisdiction: str) -> str:
    """The title of a build-up chart."""
    return f"Chart of the usual build-up: {population.lower()}, {jurisdiction} label"


def chart_y_title(unit_text: str) -> str:
    """The chart's vertical axis title."""
    return f"Total a day ({unit_text.removesuffix(' a day')})"


def sheet_title(population: str, jurisdiction: str) -> str:
    """The heading of a printable build-up sheet."""
    return f"Build-up sheet: {population.lower()}, {jurisdiction} label"


def sheet_caption(population: str) -> str:
    """The caption of a build-up sheet's table."""
    return f"Usual build-up for {population.lower()}, one row for each day"


def tick_boxes_text(count: int) -> str:
    """What a row of tick boxes is, for a screen reader."""
    return f"{count} boxes to check off, one for each dose"
