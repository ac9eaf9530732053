"""Loading the data file: good data loads; each kind of bad input gives one exact line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES
from medsite.errors import DataError
from medsite.load import load_dosing_data

GOOD = (FIXTURES / "dosing.yml").read_text(encoding="utf-8")


def load_text(tmp_path: Path, text: str):
    path = tmp_path / "dosing.yml"
    path.write_text(text, encoding="utf-8")
    return load_dosing_data(path, "data/dosing.yml")


def test_fixture_data_loads_with_every_block(tmp_path: Path) -> None:
    data = load_text(tmp_path, GOOD)
    assert data.regimens["adults"].max_daily.value == 30
    assert [s.days for s in data.regimens["adults"].titration_steps] == [4, 4, 1]
    assert data.forms["liquid"].concentration is not None


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        pytest.param(
            "    section: Dosage\n",
            "    section: [Dosage\n",
            "data/dosing.yml:49: YAML syntax error: expected ',' or ']', but got ':'",
            id="malformed-yaml",
        ),
        pytest.param(
            "    dose_unit: mg\n",
            "    dose_unit: mg\n    dose_unit: mcg\n",
            "data/dosing.yml:47: regimens.adults.dose_unit: duplicate key 'dose_unit' "
            "(first given on line 46)",
            id="duplicate-key",
        ),
        pytest.param(
            "    jurisdiction: US\n    route: oral\n",
            "    route: oral\n",
            "data/dosing.yml:42: regimens.adults.jurisdiction: missing key 'jurisdiction'",
            id="missing-key",
        ),
        pytest.param(
            "    strengths: [2.5, 10]",
            "    strenghts: [2.5, 10]",
            "data/dosing.yml:31: forms.tablets.strenghts: unknown key 'strenghts' "
            "(did you mean 'strengths'?)",
            id="misspelt-key",
        ),
        pytest.param(
            "unit: mg/day}",
            "unit: mg/week}",
            "data/dosing.yml:54: regimens.adults.maintenance.unit: 'mg/week' is not "
            "allowed here; use one of 'mg', 'mcg', 'mL', 'mg/day', 'mcg/day', 'mg/mL', "
            "'mcg/mL', 'minutes', 'hours', 'days', 'weeks', 'years' or 'kg'",
            id="unknown-unit",
        ),
        pytest.param(
            "{dose: 5, times_per_day: 2, days: 4}",
            "{dose: 0, times_per_day: 2, days: 4}",
            "data/dosing.yml:52: regimens.adults.titration_steps[1].dose: must be more "
            "than 0, not 0",
            id="zero-dose",
        ),
        pytest.param(
            "{dose: 5, times_per_day: 2, days: 4}",
            "{dose: -5, times_per_day: 2, days: 4}",
            "data/dosing.yml:52: regimens.adults.titration_steps[1].dose: must be more "
            "than 0, not -5",
            id="negative-dose",
        ),
        pytest.param(
            "{dose: 5, times_per_day: 2, days: 4}",
            "{dose: five, times_per_day: 2, days: 4}",
            "data/dosing.yml:52: regimens.adults.titration_steps[1].dose: must be a "
            "number, not 'five'",
            id="non-numeric-dose",
        ),
        pytest.param(
            "times_per_day: 2, days: 4}",
            "times_per_day: 2.5, days: 4}",
            "data/dosing.yml:51: regimens.adults.titration_steps[0].times_per_day: must "
            "be a whole number, not 2.5",
            id="fractional-count",
        ),
        pytest.param(
            "{dose: 10, times_per_day: 2, days: 1}",
            "{dose: 20, times_per_day: 2, days: 1}",
            "data/dosing.yml:53: regimens.adults.titration_steps[2]: 40 mg/day is above "
            "the maximum of 30 mg/day",
            id="step-above-maximum",
        ),
        pytest.param(
            "{dose: 5, times_per_day: 2, days: 4}",
            "{dose: 2.5, times_per_day: 2, days: 4}",
            "data/dosing.yml:52: regimens.adults.titration_steps[1]: steps must rise: "
            "5 mg/day is not more than the step before (5 mg/day)",
            id="steps-must-rise",
        ),
        pytest.param(
            "given_as: {dose: 10, times_per_day: 3}",
            "given_as: {dose: 10, times_per_day: 2}",
            "data/dosing.yml:58: regimens.adults.max_daily.given_as: 10 mg x 2 is "
            "20 mg/day, not 30",
            id="maximum-split-disagrees",
        ),
        pytest.param(
            "      unit: mg/day\n      given_as",
            "      unit: mg\n      given_as",
            "data/dosing.yml:57: regimens.adults.max_daily.unit: must be 'mg/day' to "
            "match dose_unit 'mg'",
            id="maximum-unit-mismatch",
        ),
        pytest.param(
            "maintenance: {low: 10, high: 20",
            "maintenance: {low: 20, high: 10",
            "data/dosing.yml:54: regimens.adults.maintenance: low (20) must be below high (10)",
            id="range-upside-down",
        ),
        pytest.param(
            "    source: guide\n    section: Missed doses\n",
            "    section: Missed doses\n",
            "data/dosing.yml:61: facts.window.source: missing key 'source'",
            id="number-without-source",
        ),
        pytest.param(
            "source: guide, section: Stopping",
            "source: guid, section: Stopping",
            "data/dosing.yml:59: regimens.adults.taper.source: unknown source 'guid' "
            "(not listed under 'sources:')",
            id="unknown-source",
        ),
        pytest.param(
            "updated: 2024-01-31",
            "updated: 2024-02-30",
            "data/dosing.yml:14: sources.label.updated: '2024-02-30' is not a real date "
            "in the form YYYY-MM-DD",
            id="impossible-date",
        ),
        pytest.param(
            "  adults:\n    population",
            "  Adults:\n    population",
            "data/dosing.yml:42: regimens.Adults: key 'Adults' must be lower-case "
            "letters, digits and '_'",
            id="bad-name",
        ),
        pytest.param(
            "    title: Example guide\n",
            "    title: Example label\n",
            "data/dosing.yml:17: sources.guide.title: same title as sources.label; give each "
            "source its own title",
            id="repeated-source-title",
        ),
        pytest.param(GOOD, "", "data/dosing.yml: the file is empty", id="empty-file"),
    ],
)
def test_bad_data_is_refused_with_one_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in GOOD
    with pytest.raises(DataError) as caught:
        load_text(tmp_path, GOOD.replace(old, new, 1))
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"^data/dosing.yml: cannot read the file"):
        load_dosing_data(tmp_path / "nope.yml", "data/dosing.yml")


def test_several_problems_are_counted(tmp_path: Path) -> None:
    text = GOOD.replace("{dose: 5, times_per_day: 2", "{dose: -5, times_per_day: 2").replace(
        "tier: 2", "tier: 9"
    )
    with pytest.raises(DataError, match=r"\(and 1 more problem\)$"):
        load_text(tmp_path, text)
