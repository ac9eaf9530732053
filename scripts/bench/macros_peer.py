"""The peer for the benchmark: mkdocs-macros-plugin module that renders the synthetic pages.

mkdocs-macros reads the same data file (`include_yaml`) as plain variables and compiles
every page as a Jinja2 template. A bare variable such as `regimens.x.starting_dose` would
print as a Python dict, so this module (loaded by macros as `module_name`) gives it the
same names the engine offers, with the same words and the same HTML: small views with a
`__str__` for the values, and macros for `cite`, `titration_table`, `help_card` and
`sources_list`. It does only what a careful macros site would do to show the data; none
of the engine's checks (data rules, typed doses, raw HTML, spelling, review dates).

No `from __future__ import annotations`: macros loads this file without registering it in
`sys.modules`, where dataclasses look up string annotations.
"""

import itertools
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import Any

NBSP = "\u00a0"
_TIMES = {1: "once a day", 2: "twice a day", 3: "three times a day", 4: "four times a day"}
_UNITS = {"mg/day": "mg a day", "mcg/day": "micrograms a day", "mcg": "micrograms"}
_SOURCES_PAGE = "about/sources/"


def number(value: Any) -> str:
    """A number without trailing zeros: 2.50 -> '2.5', 1000 -> '1,000'."""
    text = format(Decimal(str(value)).normalize(), "f")
    return f"{int(text):,}" if "." not in text else text


def with_unit(value: Any, unit: str) -> str:
    """'80 mg a day', the number never wrapped from its unit."""
    words = _UNITS.get(unit, unit)
    if unit == "days" and Decimal(str(value)) == 1:
        words = "day"
    first, _, rest = words.partition(" ")
    return f"{number(value)}{NBSP}{first}" + (f" {rest}" if rest else "")


@dataclass(frozen=True)
class Source:
    """A source as citations name it."""

    key: str
    short: str

    @property
    def anchor(self) -> str:
        """The id of its entry on the sources page."""
        return "src-" + self.key.replace("_", "-")


@dataclass(frozen=True)
class Amount:
    """A number with its unit and its source."""

    value: Any
    unit: str
    source: Source
    section: str

    def __str__(self) -> str:
        return with_unit(self.value, self.unit)


@dataclass(frozen=True)
class Intake:
    """A dose taken a number of times a day."""

    dose: Amount
    times_per_day: int

    @property
    def times(self) -> str:
        """How often, in words."""
        return _TIMES.get(self.times_per_day, f"{self.times_per_day} times a day")

    @property
    def daily(self) -> Amount:
        """The total a day."""
        total = Decimal(str(self.dose.value)) * self.times_per_day
        return Amount(total, self.dose.unit + "/day", self.dose.source, self.dose.section)

    def __str__(self) -> str:
        return f"{self.dose} {self.times}"


@dataclass(frozen=True)
class Step:
    """A build-up step and the days it covers."""

    intake: Intake
    first_day: int
    last_day: int

    @property
    def days(self) -> str:
        """'days 4 to 6'."""
        if self.first_day == self.last_day:
            return f"day{NBSP}{self.first_day}"
        return f"days{NBSP}{self.first_day} to {self.last_day}"


class Regimen:
    """A regimen with the derived values the pages use."""

    def __init__(self, key: str, data: Mapping[str, Any], sources: dict[str, Source]) -> None:
        self.key = key
        self.population = str(data["population"])
        self.jurisdiction = str(data["jurisdiction"])
        self.source = sources[data["source"]]
        self.section = str(data["section"])
        unit = str(data["dose_unit"])
        self.starting_dose = self._intake(data["starting_dose"], unit)
        self.steps: list[Step] = []
        day = 1
        for step in data.get("titration_steps") or []:
            self.steps.append(Step(self._intake(step, unit), day, day + step["days"] - 1))
            day += step["days"]
        top = data["max_daily"]
        self.max_daily = Amount(top["value"], top["unit"], self.source, self.section)
        given = top.get("given_as")
        self.given_as = self._intake(given, unit) if given else None
        low_high = data.get("maintenance")
        self.maintenance = (f"{number(low_high['low'])} to "
                            f"{with_unit(low_high['high'], low_high['unit'])}"
                            if low_high else None)

    def _intake(self, block: Mapping[str, Any], unit: str) -> Intake:
        return Intake(Amount(block["dose"], unit, self.source, self.section),
                      int(block["times_per_day"]))

    @property
    def step_rise(self) -> Amount:
        """How much each dose goes up at each step."""
        doses = [Decimal(str(s.intake.dose.value)) for s in self.steps]
        rises = {b - a for a, b in itertools.pairwise(doses)}
        if len(rises) != 1:
            raise ValueError(f"regimens.{self.key}: the steps rise by different amounts")
        return Amount(rises.pop(), self.steps[0].intake.dose.unit, self.source, self.section)

    @property
    def step_length(self) -> Amount:
        """How long each step lasts."""
        lengths = {s.last_day - s.first_day + 1 for s in self.steps}
        if len(lengths) != 1:
            raise ValueError(f"regimens.{self.key}: the steps differ in length")
        return Amount(lengths.pop(), "days", self.source, self.section)

    @property
    def name(self) -> str:
        """'Adults (US)'."""
        return f"{self.population} ({self.jurisdiction})"


def define_env(env: Any) -> None:
    """Called by mkdocs-macros once: the data's views and the page macros."""
    variables = env.variables
    sources = {key: Source(key, str(src["short"])) for key, src in variables["sources"].items()}
    source_data = dict(variables["sources"])
    regimens = {key: Regimen(key, reg, sources) for key, reg in variables["regimens"].items()}
    contacts = dict(variables["contacts"])
    cards = dict(variables["help_cards"])
    levels = dict(variables["extra"]["help_level_labels"])
    variables["medicine"] = str(variables["medicine"]["name"])
    variables["regimens"] = regimens

    def sources_href(source: Source) -> str:
        here = env.page.url or "."
        link = posixpath.relpath(_SOURCES_PAGE, here if here.endswith("/") else
                                 posixpath.dirname(here) or ".")
        return f"{link}/#{source.anchor}"

    @env.macro  # type: ignore[untyped-decorator]
    def cite(value: Amount) -> str:
        href = sources_href(value.source)
        short = escape(value.source.short)
        return (f'{escape(str(value))}<sup class="cite"><a href="{href}" '
                f'aria-label="Source: {short}">{short}</a></sup>')

    @env.macro  # type: ignore[untyped-decorator]
    def titration_table(regimen: Regimen) -> str:
        rows = [[s.days.capitalize(), str(s.intake.dose), s.intake.times, str(s.intake.daily)]
                for s in regimen.steps]
        caption = (f"Usual way to build up the dose: {regimen.population.lower()}, "
                   f"{regimen.jurisdiction} label")
        source = (f'Source: <a href="{sources_href(regimen.source)}">'
                  f"{escape(regimen.source.short)}</a> ({escape(regimen.section)})")
        return _table(f"titration-{regimen.key}", caption,
                      ["Days", "Each dose", "How often", "Total a day"], rows, source)

    def with_phones(text: str) -> str:
        """Text with each {contact} placeholder as a tap-to-call link."""
        text = escape(text)
        for name, contact in contacts.items():
            phone = escape(contact["phone"])
            dial = "".join(ch for ch in phone if ch.isdigit())
            text = text.replace(f"{{{name}}}", f'<a class="tel-link" href="tel:{dial}">'
                                               f"{phone}</a>")
        return text

    @env.macro  # type: ignore[untyped-decorator]
    def help_card(key: str) -> str:
        card = cards[key]
        card_id = "card-" + key.replace("_", "-")
        signs = "".join(f"<li>{escape(sign)}</li>\n" for sign in card.get("signs") or [])
        source = sources[card["source"]]
        return (f'<section class="help-card help-card--{card["level"]}" '
                f'aria-labelledby="{card_id}" data-card="{key}" data-level="{card["level"]}">\n'
                f'<h2 class="help-card__title" id="{card_id}"><span class="help-card__level">'
                f'{with_phones(levels[card["level"]])}</span><span class="visually-hidden">. '
                f'</span><span class="help-card__name">{escape(card["title"])}</span></h2>\n'
                '<p class="help-card__lead">Any one of these signs is enough to act on:</p>\n'
                f'<ul class="help-card__signs">\n{signs}</ul>\n'
                f'<p class="help-card__action">{with_phones(card["action"])}</p>\n'
                f'<p class="help-card__source">Source: <a href="{sources_href(source)}">'
                f'{escape(source.short)}</a> ({escape(card["section"])})</p>\n</section>')

    @env.macro  # type: ignore[untyped-decorator]
    def sources_list() -> str:
        parts = []
        for key, source in sources.items():
            data = source_data[key]
            parts.append(f"## {data['title']} {{#{source.anchor}}}\n\n"
                         f'<p class="source-ref">{escape(data["publisher"])}. '
                         f'{data["jurisdiction"]}. <a href="{data["url"]}">{data["url"]}</a></p>'
                         f'\n<p class="source-copy">Read on {data["accessed"]} on the '
                         f"document's own page: tier {data['tier']}.</p>\n")
            rows = [row for regimen in regimens.values() if regimen.source is source
                    for row in _regimen_rows(regimen)]
            if rows:
                parts.append(_table(f"{source.anchor}-numbers",
                                    f"Numbers from: {data['title']}",
                                    ["What", "Value", "Country", "Section", "Checked"], rows,
                                    "") + "\n")
        return "\n".join(parts)


def _regimen_rows(regimen: Regimen) -> list[list[str]]:
    who, where = regimen.name, regimen.jurisdiction
    intakes = [("starting dose", regimen.starting_dose)]
    intakes += [(f"build-up, {step.days}", step.intake) for step in regimen.steps]
    if regimen.given_as:
        intakes.append(("most in a day, split", regimen.given_as))
    rows = []
    for what, intake in intakes:
        rows.append([f"{who}: {what}, each dose", str(intake.dose), where, regimen.section, ""])
        rows.append([f"{who}: {what}, times a day", f"{intake.times_per_day} times a day",
                     where, regimen.section, ""])
    if regimen.maintenance:
        rows.append([f"{who}: usual daily dose", regimen.maintenance, where, regimen.section,
                     ""])
    rows.append([f"{who}: most in a day", str(regimen.max_daily), where, regimen.section, ""])
    return rows


def _table(table_id: str, caption: str, headers: list[str], rows: list[list[str]],
           source_line: str) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join(
        f'<tr><th scope="row" data-label="{escape(headers[0])}">{escape(row[0])}</th>'
        + "".join(f'<td data-label="{escape(h)}">{escape(cell)}</td>'
                  for h, cell in zip(headers[1:], row[1:], strict=True))
        + "</tr>\n" for row in rows)
    source = f'<p class="table-source">{source_line}</p>\n' if source_line else ""
    return (f'<div class="dose-table" role="region" aria-labelledby="{table_id}-caption" '
            f'tabindex="0">\n<table id="{table_id}">\n<caption id="{table_id}-caption">'
            f"{escape(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}"
            f"</tbody>\n</table>\n{source}</div>")
