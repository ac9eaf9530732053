"""Every value in the data file as one flat list: what it is, its value, unit and source.

The sources page lists the numbers under their sources; `make changes` compares two
catalogues to show a reviewer what changed. Paths are the data file's own key paths, the
same that rendered values name as their inputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .values import Amount, AmountRange, Citation, FactView, IntakeView, SiteValues
from .words import unit_words, with_unit

Kind = Literal["number", "phone", "advice"]


@dataclass(frozen=True)
class Record:
    """One value of the data file as a reviewer reads it."""

    path: str
    what: str
    value: str
    unit: str
    jurisdiction: str
    citation: Citation
    kind: Kind = "number"

    @property
    def shown(self) -> str:
        """Value and unit together, e.g. '80 mg a day'."""
        return f"{self.value} {self.unit}".strip()

    @property
    def shown_unbroken(self) -> str:
        """The same, the number never wrapped from its unit on a narrow screen."""
        return with_unit(self.value, self.unit) if self.unit else self.value


def all_records(values: SiteValues) -> list[Record]:
    """Every value the data file holds, in file order."""
    records: list[Record] = []
    for regimen in values.regimens.values():
        who, where = regimen.name.value, regimen.jurisdiction
        first = "starting dose" if regimen.titration_steps else "dose"
        records += _intake(regimen.starting_dose, f"{who}: {first}", where)
        for step in regimen.titration_steps:
            records += _intake(step.intake, f"{who}: build-up, {step.days.value}", where)
            records.append(_record(step.length, f"{who}: build-up, length of {step.days.value}",
                                   where))
        if regimen.maintenance:
            records.append(_record(regimen.maintenance, f"{who}: usual daily dose", where))
        records.append(_record(regimen.max_daily.amount, f"{who}: most in a day", where))
        if regimen.max_daily.given_as:
            records += _intake(regimen.max_daily.given_as, f"{who}: most in a day, split", where)
        if regimen.taper:
            records.append(_record(regimen.taper, f"{who}: time to lower the dose when stopping",
                                   where))
    for form in values.forms.values():
        name = f"{form.name} ({form.sold_as.value}): strength"
        for strength in form.strengths:
            records.append(_record(strength, name, form.jurisdiction))
        if form.concentration:
            conc = form.concentration
            records.append(Record(conc.path, name, conc.text(), "", form.jurisdiction,
                                  conc.citation))
    for fact in values.facts.values():
        records.append(_fact(fact))
    for contact in values.contacts.values():
        records.append(Record(contact.path, f"{contact.name}: phone", contact.phone, "",
                              contact.citation.source.jurisdiction, contact.citation, "phone"))
    for card in values.help_cards.values():
        words = " / ".join([card.title, *card.signs, card.action])
        records.append(Record(card.path, f"Help card: {card.title}", words, "",
                              card.citation.source.jurisdiction, card.citation, "advice"))
    return records


def _intake(intake: IntakeView, what: str, where: str) -> list[Record]:
    return [
        _record(intake.dose, f"{what}, each dose", where),
        Record(f"{intake.path}.times_per_day", f"{what}, how often",
               intake.times.value, "", where, intake.citation),
    ]


def _fact(fact: FactView) -> Record:
    return _record(fact.amount, fact.about, fact.citation.source.jurisdiction)


def _record(value: Amount | AmountRange, what: str, where: str) -> Record:
    high = value.high if isinstance(value, AmountRange) else value.value
    return Record(value.path, what, value.number, unit_words(value.unit, high), where,
                  value.citation)
