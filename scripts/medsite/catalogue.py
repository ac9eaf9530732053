"""Every number in the data file as one flat list: what it is, its value, unit and source."""

from __future__ import annotations

from dataclasses import dataclass

from .units import format_number, unit_words
from .values import Amount, AmountRange, Citation, IntakeView, SiteValues


@dataclass(frozen=True)
class NumberRecord:
    """One number of the data file as the sources page lists it."""

    path: str
    what: str
    value: str
    unit: str
    jurisdiction: str
    citation: Citation


def all_numbers(values: SiteValues) -> list[NumberRecord]:
    """List every number the data file holds, in file order."""
    records: list[NumberRecord] = []
    for regimen in values.regimens.values():
        who, where = regimen.name, regimen.jurisdiction
        records += _intake(regimen.starting_dose, f"{who}: starting dose", where)
        for step in regimen.titration_steps:
            records += _intake(step, f"{who}: build-up, {step.days}", where)
            records.append(_record(step.length, f"{who}: build-up, length of {step.days}", where))
        if regimen.maintenance:
            records.append(_record(regimen.maintenance, f"{who}: usual daily dose", where))
        records.append(_record(regimen.max_daily, f"{who}: most in a day", where))
        if regimen.max_daily.given_as:
            records += _intake(regimen.max_daily.given_as, f"{who}: most in a day, split", where)
        if regimen.taper:
            records.append(_record(regimen.taper, f"{who}: time to lower the dose when stopping",
                                   where))
    for form in values.forms.values():
        name = f"{form.label}: strength"
        for strength in form.strengths:
            records.append(_record(strength, name, form.jurisdiction))
        if form.concentration:
            conc = form.concentration
            records.append(NumberRecord(conc.path, name, str(conc), "", form.jurisdiction,
                                        conc.citation))
    for key, fact in values.facts.items():
        about = values.data.facts[key].about
        records.append(_record(fact, about, fact.citation.source.jurisdiction))
    for contact in values.contacts.values():
        records.append(NumberRecord(f"contacts.{contact.name}", f"{contact.name}: phone",
                                    contact.phone, "", contact.citation.source.jurisdiction,
                                    contact.citation))
    return records


def _intake(intake: IntakeView, what: str, where: str) -> list[NumberRecord]:
    return [
        _record(intake.dose, f"{what}, each dose", where),
        NumberRecord(f"{intake.path}.times_per_day", f"{what}, times a day",
                     format_number(intake.times_per_day), "times a day", where, intake.citation),
    ]


def _record(value: Amount | AmountRange, what: str, where: str) -> NumberRecord:
    high = value.high if isinstance(value, AmountRange) else value.value
    return NumberRecord(value.path, what, value.number, unit_words(value.unit, high), where,
                        value.citation)
