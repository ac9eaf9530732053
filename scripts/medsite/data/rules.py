"""Rules that span fields: sources exist and say what they are, schedules make sense, help
cards are complete, nothing is dated in the future, and consistent nonsense is refused."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlsplit

from pydantic import BaseModel

from ..settings import SiteSettings
from .dose_text import find_doses, normalize
from .model import LIQUID_KINDS, ROUTE_OF_KIND, Cited, HelpCard, Intake, MedicineData, Regimen
from .units import per_day
from .yaml_lines import KeyPath

Rule = tuple[KeyPath, str]

# Host names of copies that are not the public site: staging, test and development servers.
_PRE_PRODUCTION = re.compile(r"(^|[.-])(staging|stage|stg|uat|dev|test|sit|preprod|qa)"
                             r"([.-]|\d|$)")
# A placeholder for a phone line in a help card's action: {poison_help}.
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def find_problems(data: MedicineData, settings: SiteSettings, today: date) -> list[Rule]:
    """Return every broken rule as (key path, message), in file order."""
    problems = [
        *_source_problems(data),
        *_unknown_sources(data),
        *_future_dates(data, today),
        *_checked_with_source(data),
    ]
    largest = _largest_daily_maximum(data)
    for key, regimen in data.regimens.items():
        problems.extend(_regimen_problems(("regimens", key), regimen, data, largest))
    problems.extend(_form_problems(data, largest))
    problems.extend(_fact_problems(data))
    problems.extend(_help_card_problems(data, settings))
    return problems


def _source_problems(data: MedicineData) -> Iterator[Rule]:
    first_with: dict[str, str] = {}
    tier_of: dict[str, tuple[int, str]] = {}
    for key, source in data.sources.items():
        where = ("sources", key)
        earlier = first_with.setdefault(source.title, key)
        if earlier != key:
            yield (*where, "title"), (f"same title as sources.{earlier}; give each source its "
                                      "own title")
        for field, url in (("url", source.url),
                           ("read_via", source.read_via.url if source.read_via else None)):
            host = urlsplit(url).hostname or "" if url else ""
            if url and _PRE_PRODUCTION.search(host):
                yield ((*where, field, "url") if field == "read_via" else (*where, field)), (
                    f"'{host}' is a staging or test copy, not the public page; link the "
                    "public page")
        read = source.read_via.publisher if source.read_via else source.publisher
        if source.read_via is not None and source.tier == 1:
            yield (*where, "tier"), ("tier 1 is for a regulator's label read on the "
                                     "regulator's own site; a copy is tier 4")
        first = tier_of.setdefault(read.casefold(), (source.tier, key))
        if first[0] != source.tier:
            yield (*where, "tier"), (f"'{read}' is tier {first[0]} in sources.{first[1]}; the "
                                     "same publisher has the same tier everywhere")


def _unknown_sources(data: MedicineData) -> Iterator[Rule]:
    known = set(data.sources)
    for path, block in cited_blocks(data):
        source = getattr(block, "source", None)
        if source is not None and source not in known:
            yield (*path, "source"), f"unknown source '{source}' (not listed under 'sources:')"


def cited_blocks(data: MedicineData) -> Iterator[tuple[KeyPath, BaseModel]]:
    """Every block that can name a source, with its key path, in file order."""
    for group in ("forms", "facts", "contacts", "regimens", "help_cards"):
        for key, item in getattr(data, group).items():
            yield (group, key), item
            yield from _nested((group, key), item)


def _nested(path: KeyPath, item: BaseModel) -> Iterator[tuple[KeyPath, BaseModel]]:
    for name in type(item).model_fields:
        value = getattr(item, name)
        children = enumerate(value) if isinstance(value, list) else [(name, value)]
        for index, child in children:
            child_path = (*path, name, index) if isinstance(index, int) else (*path, name)
            if isinstance(child, Cited):
                yield child_path, child
                yield from _nested(child_path, child)


def _future_dates(data: MedicineData, today: date) -> Iterator[Rule]:
    for key, source in data.sources.items():
        for field in ("accessed", "updated"):
            day = getattr(source, field)
            if day is not None and day > today:
                yield ("sources", key, field), f"{day} is in the future"
    for path, block in cited_blocks(data):
        day = getattr(block, "checked", None)
        if day is not None and day > today:
            yield (*path, "checked"), f"{day} is in the future"


def _checked_with_source(data: MedicineData) -> Iterator[Rule]:
    """A block that names its own source names the day it was checked against it."""
    for path, block in cited_blocks(data):
        if isinstance(block, Cited) and block.source is not None and block.checked is None:
            yield (*path, "checked"), ("missing key 'checked': a block with its own source "
                                       "needs the day it was checked against that source")


def _largest_daily_maximum(data: MedicineData) -> dict[str, Decimal]:
    """The largest daily maximum in the data, by dose unit."""
    largest: dict[str, Decimal] = {}
    for regimen in data.regimens.values():
        unit = regimen.dose_unit
        largest[unit] = max(largest.get(unit, Decimal(0)), regimen.max_daily.value)
    return largest


def _regimen_problems(path: KeyPath, regimen: Regimen, data: MedicineData,
                      largest: dict[str, Decimal]) -> Iterator[Rule]:
    unit, daily_unit = regimen.dose_unit, per_day(regimen.dose_unit)
    maximum = regimen.max_daily
    route_units = {
        form_unit for form in data.forms.values()
        if ROUTE_OF_KIND[form.kind] == regimen.route and (form_unit := _amount_unit(form))
    }
    if route_units and unit not in route_units:
        yield (*path, "dose_unit"), (
            f"'{unit}' does not match the {regimen.route} forms in this file, which are in "
            f"{' and '.join(sorted(route_units))}; a whole schedule in the wrong unit is "
            "1,000 times out")
    if maximum.unit != daily_unit:
        yield (*path, "max_daily", "unit"), f"must be '{daily_unit}' to match dose_unit '{unit}'"
        return
    limit = f"the maximum of {_n(maximum.value)} {daily_unit}"
    if maximum.given_as is not None:
        split = maximum.given_as.dose * maximum.given_as.times_per_day
        if split != maximum.value:
            yield (*path, "max_daily", "given_as"), (
                f"{_n(maximum.given_as.dose)} {unit} x {maximum.given_as.times_per_day} is "
                f"{_n(split)} {daily_unit}, not the maximum of {_n(maximum.value)}; if a source "
                "splits this maximum, copy its split and cite it here; if none does, delete "
                "given_as (a split is shown only when a source gives one)")
    start = regimen.starting_dose
    if start.dose * start.times_per_day > maximum.value:
        yield (*path, "starting_dose"), f"is above {limit}"
    steps = regimen.titration_steps
    if steps and (steps[0].dose, steps[0].times_per_day) != (start.dose, start.times_per_day):
        yield (*path, "starting_dose"), (
            f"{_n(start.dose)} {unit} x {start.times_per_day} is not the first step of the "
            f"build-up ({_n(steps[0].dose)} {unit} x {steps[0].times_per_day}); the starting "
            "dose is the first step")
    previous = None
    for index, step in enumerate(steps):
        total = step.dose * step.times_per_day
        where = (*path, "titration_steps", index)
        if total > maximum.value:
            yield where, f"{_n(total)} {daily_unit} is above {limit}"
        if previous is not None and total <= previous:
            yield where, (f"steps must rise: {_n(total)} {daily_unit} is not more than the "
                          f"step before ({_n(previous)} {daily_unit})")
        previous = total
    for name, intake in _intakes(regimen):
        if regimen.route == "oral" and intake.dose > largest.get(unit, intake.dose):
            yield (*path, *name, "dose"), (
                f"a single dose of {_n(intake.dose)} {unit} is more than the largest daily "
                f"maximum in this file ({_n(largest[unit])} {daily_unit})")
    if regimen.maintenance is not None:
        low, high = regimen.maintenance.low, regimen.maintenance.high
        if regimen.maintenance.unit != daily_unit:
            yield (*path, "maintenance", "unit"), f"must be '{daily_unit}'"
        elif high > maximum.value:
            yield (*path, "maintenance", "high"), f"is above {limit}"
        if low is not None and low > high:
            yield (*path, "maintenance", "low"), f"low ({_n(low)}) is above high ({_n(high)})"
    if regimen.taper is not None and regimen.taper.low > regimen.taper.high:
        yield (*path, "taper", "low"), (f"low ({_n(regimen.taper.low)}) is above high "
                                        f"({_n(regimen.taper.high)})")


def _intakes(regimen: Regimen) -> Iterator[tuple[KeyPath, Intake]]:
    yield ("starting_dose",), regimen.starting_dose
    for index, step in enumerate(regimen.titration_steps):
        yield ("titration_steps", index), step
    if regimen.max_daily.given_as is not None:
        yield ("max_daily", "given_as"), regimen.max_daily.given_as


def _amount_unit(form: object) -> str | None:
    concentration = getattr(form, "concentration", None)
    if concentration is not None:
        return str(concentration.amount_unit)
    unit = getattr(form, "strength_unit", None)
    return str(unit).removesuffix("/mL") if unit else None


def _form_problems(data: MedicineData, largest: dict[str, Decimal]) -> Iterator[Rule]:
    for key, form in data.forms.items():
        if ROUTE_OF_KIND[form.kind] != "oral" or form.strength_unit is None:
            continue
        limit = largest.get(form.strength_unit)
        for index, strength in enumerate(form.strengths or []):
            if limit is not None and strength > limit:
                yield ("forms", key, "strengths", index), (
                    f"a strength of {_n(strength)} {form.strength_unit} is more than the "
                    f"largest daily maximum in this file ({_n(limit)} "
                    f"{per_day(form.strength_unit)})")
    # A liquid volume the tables would print as 0 mL means a dose far too small for it.
    for rkey, regimen in data.regimens.items():
        for fkey, form in data.forms.items():
            conc = form.concentration
            if form.kind not in LIQUID_KINDS or conc is None or conc.amount_unit != \
                    regimen.dose_unit:
                continue
            for index, step in enumerate(regimen.titration_steps):
                volume = (step.dose * conc.volume / conc.amount).quantize(
                    Decimal("0.01"), rounding=ROUND_HALF_UP)
                if volume == 0:
                    yield ("regimens", rkey, "titration_steps", index, "dose"), (
                        f"{_n(step.dose)} {regimen.dose_unit} of forms.{fkey} is less than "
                        "0.01 mL and would print as 0 mL")


def _fact_problems(data: MedicineData) -> Iterator[Rule]:
    for key, fact in data.facts.items():
        if fact.low is not None and fact.high is not None and fact.low > fact.high:
            yield ("facts", key, "low"), f"low ({_n(fact.low)}) is above high ({_n(fact.high)})"


def _help_card_problems(data: MedicineData, settings: SiteSettings) -> Iterator[Rule]:
    for key, card in data.help_cards.items():
        where = ("help_cards", key)
        if card.level not in settings.help_levels:
            yield (*where, "level"), (f"unknown level '{card.level}'; use one of "
                                      + ", ".join(f"'{k}'" for k in settings.help_levels))
        else:
            level = settings.help_levels[card.level]
            for name in PLACEHOLDER.findall(level.label):
                if name not in data.contacts:
                    yield (*where, "level"), (
                        f"the level '{card.level}' names {{{name}}} in its label (mkdocs.yml), "
                        "which is not under 'contacts:'")
            if level.needs_signs and not card.signs:
                yield (*where, "signs"), (f"a '{card.level}' card lists the signs to act on; "
                                          "add at least one")
        if card.audience not in settings.help_audiences:
            yield (*where, "audience"), (f"unknown audience '{card.audience}'; use one of "
                                         + ", ".join(f"'{k}'" for k in settings.help_audiences))
        for index, sign in enumerate(card.signs):
            if re.search(r"\band\b", sign, re.IGNORECASE):
                yield (*where, "signs", index), (
                    f"'{sign}' joins signs with 'and'; any one sign is enough to act on, so "
                    "give each its own line (use 'or' inside a sign)")
        for index, contact in enumerate(card.contacts):
            if contact not in data.contacts:
                yield (*where, "contacts", index), (f"unknown contact '{contact}' (not listed "
                                                    "under 'contacts:')")
        named = PLACEHOLDER.findall(card.action)
        for name in named:
            if name not in card.contacts:
                yield (*where, "action"), (f"{{{name}}} is not one of this card's contacts; "
                                           "add it to 'contacts:'")
        for name in card.contacts:
            if name not in named:
                yield (*where, "contacts"), (f"'{name}' is listed but the action never names "
                                             f"it; write {{{name}}} where the reader should call")
        for field, text in _card_texts(card):
            dose = find_doses(normalize(text))
            if dose:
                yield (*where, *field), (f"dose number '{dose[0].group()}' in the card's words; "
                                         "a help card sends people for help and never gives a "
                                         "dose")


def _card_texts(card: HelpCard) -> Iterator[tuple[KeyPath, str]]:
    yield ("title",), card.title
    yield ("action",), card.action
    for index, sign in enumerate(card.signs):
        yield ("signs", index), sign


def _n(value: Decimal | int) -> str:
    text = format(Decimal(value).normalize(), "f")
    return f"{int(text):,}" if "." not in text else text

