"""The guard that refuses dose numbers typed into pages instead of taken from the data."""

from __future__ import annotations

import pytest

from medsite.literals import find_dose_literals


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Take 5 mg now.", ["5 mg"]),
        ("Take 5mg now.", ["5mg"]),
        ("Use 2.5 mL.", ["2.5 mL"]),
        ("About 0.3 mg/kg a day.", ["0.3 mg/kg"]),
        ("Ten milligrams.", ["Ten milligrams"]),
        ("A 100-mg dose.", ["100-mg"]),
        ("50 micrograms in the pump.", ["50 micrograms"]),
        ("10 mg/5 mL liquid.", ["10 mg", "5 mL"]),
        ("{{ regimens.adults.max_daily }} a day.", []),
        ("{{ regimens.adults.max_daily }} mg.", []),
        ("Call 911 or wait 2 hours.", []),
        ("Version 1.2 of the page.", []),
    ],
)
def test_dose_literals_are_found_outside_references(text: str, found: list[str]) -> None:
    assert [literal.text for literal in find_dose_literals(text)] == found


def test_literal_lines_count_from_the_offset() -> None:
    literals = find_dose_literals("fine\n\nTake 5 mg.\n", line_offset=8)
    assert [(literal.line, literal.text) for literal in literals] == [(11, "5 mg")]
