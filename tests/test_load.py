"""Loading the data file: good data loads; each kind of bad or implausible data gives one
exact line at the key that is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import FIXTURE_DATA, TODAY, fixture_settings
from medsite.data.load import data_problems, load_data
from medsite.problems import SiteError


def problems_of(tmp_path: Path, old: str, new: str) -> list[str]:
    assert old in FIXTURE_DATA, f"the fixture has no {old!r}"
    path = tmp_path / "dosing.yml"
    path.write_text(FIXTURE_DATA.replace(old, new, 1), encoding="utf-8")
    _, problems = data_problems(path, "data/dosing.yml", fixture_settings(), TODAY)
    return [str(p) for p in problems]


def test_fixture_data_loads_with_every_block(tmp_path: Path) -> None:
    path = tmp_path / "dosing.yml"
    path.write_text(FIXTURE_DATA, encoding="utf-8")
    data = load_data(path, "data/dosing.yml", fixture_settings(), TODAY)
    assert data.regimens["adults"].max_daily.value == 30
    assert [s.days for s in data.regimens["adults"].titration_steps] == [4, 4, 1]
    assert data.help_cards["too_much"].contacts == ["emergency", "helpline"]


def test_the_build_stops_at_the_first_problem(tmp_path: Path) -> None:
    path = tmp_path / "dosing.yml"
    path.write_text(FIXTURE_DATA.replace("dose_unit: mg", "dose_unit: mcg"), encoding="utf-8")
    with pytest.raises(SiteError) as caught:
        load_data(path, "data/dosing.yml", fixture_settings(), TODAY)
    assert str(caught.value).startswith("data/dosing.yml:47: regimens.adults.dose_unit: ")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(("old", "new", "message"), [
    pytest.param(
        "    section: Dosage\n", "    section: [Dosage\n",
        "data/dosing.yml:50: YAML syntax error: expected ',' or ']', but got ':'",
        id="malformed-yaml"),
    pytest.param(
        "    jurisdiction: US\n    route: oral\n", "    route: oral\n",
        "data/dosing.yml:43: regimens.adults.jurisdiction: missing key 'jurisdiction'",
        id="missing-key"),
    pytest.param(
        "strength_unit: mg\n", "strength_unit: mg\n    strenghts: [1]\n",
        "data/dosing.yml:33: forms.tablets.strenghts: unknown key 'strenghts' (did you mean "
        "'strengths'?)", id="misspelt-key"),
    pytest.param(
        "    max_daily:\n      value: 30\n      unit: mg/day\n      given_as: {dose: 10, "
        "times_per_day: 3}",
        "    max_daily:\n    value: 30\n    unit: mg/day\n    given_as: {dose: 10, "
        "times_per_day: 3}",
        "data/dosing.yml:58: regimens.adults.value: 'value', 'unit' and 'given_as' are not "
        "keys of regimens.adults; they belong inside 'max_daily' - check the indentation of "
        "this line against the line above", id="dedent-slip-is-one-message"),
    pytest.param(
        "unit: mg/day}", "unit: mg/week}",
        "data/dosing.yml:56: regimens.adults.maintenance.unit: 'mg/week' is not allowed here; "
        "use one of 'mg', 'mcg', 'mL', 'mg/day', 'mcg/day', 'mg/mL', 'mcg/mL', 'minutes', "
        "'hours', 'days', 'weeks', 'years' or 'kg'", id="unknown-unit"),
    pytest.param(
        "{dose: 5, times_per_day: 2, days: 4}", "{dose: 0, times_per_day: 2, days: 4}",
        "data/dosing.yml:54: regimens.adults.titration_steps[1].dose: must be more than 0, "
        "not 0", id="zero-dose"),
    pytest.param(
        "    value: 1\n", "    value: 1.00001\n",
        "data/dosing.yml:65: facts.window.value: use at most 4 decimal places, not 1.00001",
        id="too-many-decimals"),
    pytest.param(
        "    value: 1\n", "    value: 1" + "0" * 20 + "\n",
        "data/dosing.yml:65: facts.window.value: 100000000000000000000 is too large a number "
        "for this site", id="huge-number"),
    pytest.param(
        "    accessed: 2026-11-25\n  guide", "    accessed: 2026-11-31\n  guide",
        "data/dosing.yml:14: sources.label.accessed: '2026-11-31' is not a real date in the "
        "form YYYY-MM-DD", id="impossible-date"),
    pytest.param(
        "    jurisdiction: UK\n", "    jurisdiction: Britain\n",
        "data/dosing.yml:20: sources.guide.jurisdiction: 'Britain' is not a two-letter country "
        "code such as 'US' or 'UK'", id="country-name"),
    pytest.param(
        "    phone: 1-800-000-0000", "    phone: 1-800-000-0000 <script>",
        "data/dosing.yml:73: contacts.helpline.phone: '1-800-000-0000 <script>' is not a phone "
        "number (digits, capital letters, spaces and hyphens)", id="bad-phone"),
    pytest.param(
        "    source: label\n    section: Dosage\n", "    source: lable\n    section: Dosage\n",
        "data/dosing.yml:48: regimens.adults.source: unknown source 'lable' (not listed under "
        "'sources:')", id="unknown-source"),
    pytest.param(
        "    checked: 2026-11-20\n    strengths: [2.5, 10]", "    strengths: [2.5, 10]",
        "data/dosing.yml:24: forms.tablets.checked: missing key 'checked'", id="no-checked-date"),
    pytest.param(
        "section: Stopping, checked: 2026-11-20}", "section: Stopping}",
        "data/dosing.yml:61: regimens.adults.taper.checked: missing key 'checked': a block with "
        "its own source needs the day it was checked against that source",
        id="own-source-needs-own-checked-date"),
])
def test_malformed_data_gives_one_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert problems_of(tmp_path, old, new)[0] == message


@pytest.mark.parametrize(("old", "new", "message"), [
    pytest.param(
        "dose_unit: mg\n", "dose_unit: mcg\n",
        "data/dosing.yml:47: regimens.adults.dose_unit: 'mcg' does not match the oral forms in "
        "this file, which are in mg; a whole schedule in the wrong unit is 1,000 times out",
        id="regimen-in-the-wrong-unit"),
    pytest.param(
        "starting_dose: {dose: 2.5, times_per_day: 2}", "starting_dose: {dose: 5, "
        "times_per_day: 2}",
        "data/dosing.yml:51: regimens.adults.starting_dose: 5 mg x 2 is not the first step of "
        "the build-up (2.5 mg x 2); the starting dose is the first step",
        id="start-is-not-the-first-step"),
    pytest.param(
        "{dose: 5, times_per_day: 2, days: 4}", "{dose: 2.5, times_per_day: 2, days: 4}",
        "data/dosing.yml:54: regimens.adults.titration_steps[1]: steps must rise: 5 mg/day is "
        "not more than the step before (5 mg/day)", id="steps-do-not-rise"),
    pytest.param(
        "{dose: 10, times_per_day: 2, days: 1}", "{dose: 20, times_per_day: 2, days: 1}",
        "data/dosing.yml:55: regimens.adults.titration_steps[2]: 40 mg/day is above the "
        "maximum of 30 mg/day", id="step-above-maximum"),
    pytest.param(
        "taper: {low: 1, high: 3,", "taper: {low: 3, high: 1,",
        "data/dosing.yml:61: regimens.adults.taper.low: low (3) is above high (1)",
        id="taper-upside-down"),
    pytest.param(
        "      value: 30\n", "      value: 40\n",
        "data/dosing.yml:60: regimens.adults.max_daily.given_as: 10 mg x 3 is 30 mg/day, not "
        "the maximum of 40; if a source splits this maximum, copy its split and cite it here; "
        "if none does, delete given_as (a split is shown only when a source gives one)",
        id="split-does-not-add-up"),
    pytest.param(
        "    strengths: [2.5, 10]", "    strengths: [2.5, 100]",
        "data/dosing.yml:31: forms.tablets.strengths[1]: a strength of 100 mg is more than the "
        "largest daily maximum in this file (30 mg/day)", id="strength-above-any-maximum"),
    pytest.param(
        "concentration: {amount: 5, amount_unit: mg, volume: 2,",
        "concentration: {amount: 5000, amount_unit: mg, volume: 2,",
        "data/dosing.yml:53: regimens.adults.titration_steps[0].dose: 2.5 mg of forms.liquid "
        "is less than 0.01 mL and would print as 0 mL", id="dose-would-print-as-zero"),
    pytest.param(
        "accessed: 2026-11-25\nforms", "accessed: 2099-01-01\nforms",
        "data/dosing.yml:22: sources.guide.accessed: 2099-01-01 is in the future",
        id="accessed-in-the-future"),
    pytest.param(
        "url: https://example.org/guide", "url: https://staging.example.org/guide",
        "data/dosing.yml:19: sources.guide.url: 'staging.example.org' is a staging or test "
        "copy, not the public page; link the public page", id="staging-url"),
    pytest.param(
        "    tier: 1\n",
        "    tier: 1\n    read_via: {publisher: mirror.example, url: https://mirror.example/l}\n",
        "data/dosing.yml:12: sources.label.tier: tier 1 is for a regulator's label read on the "
        "regulator's own site; a copy is tier 4", id="copy-rated-as-regulator"),
    pytest.param(
        "    publisher: Example health service\n", "    publisher: Example regulator\n",
        "data/dosing.yml:21: sources.guide.tier: 'Example regulator' is tier 1 in "
        "sources.label; the same publisher has the same tier everywhere",
        id="one-publisher-two-tiers"),
    pytest.param(
        "    title: Example guide\n", "    title: Example label\n",
        "data/dosing.yml:16: sources.guide.title: same title as sources.label; give each source "
        "its own title", id="repeated-title"),
])
def test_consistent_nonsense_is_refused(tmp_path: Path, old: str, new: str,
                                        message: str) -> None:
    assert problems_of(tmp_path, old, new)[0] == message


@pytest.mark.parametrize(("old", "new", "message"), [
    pytest.param(
        "given_as: {dose: 10, times_per_day: 3}", "given_as: {dose: 40, times_per_day: 3}",
        "data/dosing.yml:60: regimens.adults.max_daily.given_as.dose: a single dose of 40 mg is "
        "more than the largest daily maximum in this file (30 mg/day)",
        id="single-dose-above-any-maximum"),
    pytest.param(
        "maintenance: {low: 10, high: 20,", "maintenance: {low: 25, high: 20,",
        "data/dosing.yml:56: regimens.adults.maintenance.low: low (25) is above high (20)",
        id="maintenance-upside-down"),
    pytest.param(
        "maintenance: {low: 10, high: 20,", "maintenance: {low: 10, high: 40,",
        "data/dosing.yml:56: regimens.adults.maintenance.high: is above the maximum of "
        "30 mg/day", id="maintenance-above-maximum"),
    pytest.param(
        "starting_dose: {dose: 2.5, times_per_day: 2}", "starting_dose: {dose: 20, "
        "times_per_day: 2}",
        "data/dosing.yml:51: regimens.adults.starting_dose: is above the maximum of 30 mg/day",
        id="start-above-maximum"),
])
def test_implausible_doses_are_refused(tmp_path: Path, old: str, new: str,
                                       message: str) -> None:
    # One slip can break more than one rule (a 40 mg split no longer adds up either): each
    # rule that it breaks is reported, this one among them.
    assert message in problems_of(tmp_path, old, new)


@pytest.mark.parametrize(("old", "new", "message"), [
    pytest.param(
        "      - slow breathing", "      - slow breathing and confusion",
        "data/dosing.yml:90: help_cards.too_much.signs[1]: 'slow breathing and confusion' "
        "joins signs with 'and'; any one sign is enough to act on, so give each its own line "
        "(use 'or' inside a sign)", id="signs-joined-with-and"),
    pytest.param(
        "    contacts: [emergency, helpline]", "    contacts: [emergency, helpline, poison]",
        "data/dosing.yml:92: help_cards.too_much.contacts[2]: unknown contact 'poison' (not "
        "listed under 'contacts:')", id="unknown-contact"),
    pytest.param(
        "action: Call {emergency} now, or the helpline on {helpline}.",
        "action: Call {emergency} now.",
        "data/dosing.yml:92: help_cards.too_much.contacts: 'helpline' is listed but the action "
        "never names it; write {helpline} where the reader should call",
        id="contact-never-named"),
    pytest.param(
        "action: Call {emergency} now, or the helpline on {helpline}.",
        "action: Call {emergency} now, or {poison}.",
        "data/dosing.yml:91: help_cards.too_much.action: {poison} is not one of this card's "
        "contacts; add it to 'contacts:'", id="placeholder-not-a-contact"),
    pytest.param(
        "      - new confusion", "      - took more than 30 mg",
        "data/dosing.yml:101: help_cards.side_effects.signs[0]: dose number '30 mg' in the "
        "card's words; a help card sends people for help and never gives a dose",
        id="dose-in-a-card"),
    pytest.param(
        "    level: today", "    level: soonish",
        "data/dosing.yml:97: help_cards.side_effects.level: unknown level 'soonish'; use one of "
        "'emergency', 'urgent', 'today', 'routine'", id="unknown-level"),
    pytest.param(
        "    signs:\n      - new confusion\n", "",
        "data/dosing.yml:96: help_cards.side_effects.signs: a 'today' card lists the signs to "
        "act on; add at least one", id="urgent-card-without-signs"),
])
def test_help_card_rules(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert problems_of(tmp_path, old, new)[0] == message


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    variant = FIXTURE_DATA.replace("accessed: 2026-11-25\nforms", "accessed: 2099-01-01\nforms")
    variant = variant.replace("url: https://example.org/guide",
                              "url: https://staging.example.org/guide")
    path = tmp_path / "dosing.yml"
    path.write_text(variant, encoding="utf-8")
    _, problems = data_problems(path, "data/dosing.yml", fixture_settings(), TODAY)
    assert [p.key_path for p in problems] == ["sources.guide.url", "sources.guide.accessed"]
