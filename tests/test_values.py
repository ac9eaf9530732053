"""Values as pages show them: words, units, and every derived number computed from the data."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import FIXTURES
from medsite.load import load_dosing_data
from medsite.units import format_number, times_a_day, unit_words
from medsite.values import SiteValues, build_values


@pytest.fixture(scope="module")
def values() -> SiteValues:
    return build_values(load_dosing_data(FIXTURES / "dosing.yml"))


@pytest.mark.parametrize(
    ("number", "text"),
    [(Decimal("2.50"), "2.5"), (Decimal("1E+1"), "10"), (5, "5"), (Decimal("1000"), "1,000"),
     (Decimal("0.25"), "0.25")],
)
def test_numbers_print_without_trailing_zeros(number: Decimal, text: str) -> None:
    assert format_number(number) == text


@pytest.mark.parametrize(
    ("unit", "value", "words"),
    [("days", 1, "day"), ("days", 3, "days"), ("mg/day", 80, "mg a day"),
     ("mcg", 50, "micrograms"), ("mg/mL", 1, "mg in each mL")],
)
def test_units_read_as_words(unit: str, value: int, words: str) -> None:
    assert unit_words(unit, value) == words


@pytest.mark.parametrize(("count", "words"), [(1, "once a day"), (2, "twice a day"),
                                               (3, "three times a day"), (6, "6 times a day")])
def test_times_a_day_in_words(count: int, words: str) -> None:
    assert times_a_day(count) == words


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("starting_dose", "2.5 mg twice a day"),
        ("starting_dose.daily", "5 mg a day"),
        ("max_daily", "30 mg a day"),
        ("max_daily.given_as", "10 mg three times a day"),
        ("maintenance", "10 to 20 mg a day"),
        ("taper", "1 to 3 weeks"),
        ("schedule_length", "9 days"),
        ("last_step", "day 9: 10 mg twice a day"),
        ("last_step.daily", "20 mg a day"),
    ],
)
def test_regimen_values_read_as_words(values: SiteValues, path: str, text: str) -> None:
    value: object = values.regimens["adults"]
    for part in path.split("."):
        value = getattr(value, part)
    assert str(value) == text


def test_step_day_ranges_are_derived_from_lengths(values: SiteValues) -> None:
    steps = values.regimens["adults"].titration_steps
    assert [s.days for s in steps] == ["days 1 to 4", "days 5 to 8", "day 9"]
    assert [str(s.daily) for s in steps] == ["5 mg a day", "10 mg a day", "20 mg a day"]


def test_step_length_is_refused_when_steps_differ(values: SiteValues) -> None:
    with pytest.raises(ValueError, match="the steps differ in length"):
        _ = values.regimens["adults"].step_length


def test_liquid_volume_is_dose_over_concentration(values: SiteValues) -> None:
    liquid = values.forms["liquid"]
    assert str(liquid.concentration) == "5 mg in 2 mL"
    assert str(liquid.concentration.per_ml) == "2.5 mg in each mL"
    assert str(liquid.volume_for(values.regimens["adults"].first_step.dose)) == "1 mL"
    assert str(liquid.volume_for(values.regimens["adults"].last_step.dose)) == "4 mL"


def test_tablets_cannot_be_measured_in_ml(values: SiteValues) -> None:
    with pytest.raises(ValueError, match="'Tablets' is not a liquid"):
        values.forms["tablets"].volume_for(values.regimens["adults"].first_step.dose)


def test_block_source_overrides_the_regimen_source(values: SiteValues) -> None:
    regimen = values.regimens["adults"]
    assert regimen.max_daily.citation.source.key == "label"
    assert regimen.taper is not None
    assert (regimen.taper.citation.source.key, regimen.taper.citation.section) == (
        "guide", "Stopping")


def test_strengths_are_listed_in_words(values: SiteValues) -> None:
    assert values.forms["tablets"].strengths_text == "2.5 mg and 10 mg"
