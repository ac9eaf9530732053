"""Each page's structured data (schema.org JSON-LD), built from the data file, never typed.

Every page is a `MedicalWebPage` for patients, with its review date, reviewer and sources.
A page that shows doses or strengths is `about` the medicine as a `Drug`, carrying only the
values that page shows: each `DrugStrength` and dose schedule names its data entry in
`identifier` (the same key as in manifest.json and the data export), its jurisdiction, and
the regulator of that jurisdiction (the plugin's `authorities` setting). Numbers are JSON
numbers equal to the data file's; search engines ask that markup match what the page shows,
and the tests check every number against the data and the page's own text.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from ..content.pipeline import Site
from ..render.values import IntakeView, RegimenView, SourceView
from ..render.words import format_number, times_a_day
from .pages import PublishedPage, page_sources

SCHEMA_ORG = "https://schema.org"
JsonObject = dict[str, Any]


def page_jsonld(page: PublishedPage, site: Site) -> JsonObject:
    """The page's `MedicalWebPage` node, with the medicine it shows doses of as `about`."""
    meta = page.meta
    node: JsonObject = {"@context": SCHEMA_ORG, "@type": "MedicalWebPage",
                        "name": meta.title, "description": meta.description}
    if page.canonical_url:
        node["url"] = page.canonical_url
    node["inLanguage"] = site.settings.language
    # As schema.org's own MedicalWebPage example marks a page written for patients.
    node["audience"] = f"{SCHEMA_ORG}/Patient"
    if meta.last_reviewed:
        node["lastReviewed"] = meta.last_reviewed.isoformat()
    if meta.reviewed_by:
        node["reviewedBy"] = {"@type": "Person", "name": meta.reviewed_by}
    node["citation"] = [_citation(source) for source in page_sources(page, site)]
    drug = drug_node(page, site)
    if drug is not None:
        node["about"] = drug
    return node


def page_script(page: PublishedPage, site: Site) -> str:
    """The page's JSON-LD as a `<script>` element for its <head>."""
    text = json.dumps(page_jsonld(page, site), ensure_ascii=False, separators=(",", ":"))
    # No text in the data can close the element or start markup inside it.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


def drug_node(page: PublishedPage, site: Site) -> JsonObject | None:
    """The medicine with the strengths and dose schedules this page shows; None if none."""
    shown = set(page.data_keys)
    values = site.values
    strengths: list[JsonObject] = []
    for form in values.forms.values():
        for strength in form.strengths:
            if strength.path in shown:
                strengths.append(_strength(strength.value, strength.unit, form.jurisdiction,
                                           strength.path))
        conc = form.concentration
        if conc is not None and conc.path in shown:
            unit = f"{conc.amount_unit} in {format_number(conc.volume)} mL"
            strengths.append(_strength(conc.amount, unit, form.jurisdiction, conc.path))
    schedules: list[JsonObject] = []
    maxima: list[JsonObject] = []
    authorities = _Authorities(site)
    for regimen in values.regimens.values():
        for intake in [regimen.starting_dose, *(s.intake for s in regimen.titration_steps)]:
            if intake.dose.path in shown:
                schedules.append(_intake("RecommendedDoseSchedule", intake, regimen, shown,
                                         authorities))
        top = regimen.max_daily
        if top.path in shown:
            unit, per_day = _split_daily(top.amount.unit)
            maxima.append(_schedule("MaximumDoseSchedule", top.value, unit, per_day,
                                    regimen, top.path, authorities))
        if top.given_as is not None and top.given_as.dose.path in shown:
            maxima.append(_intake("MaximumDoseSchedule", top.given_as, regimen, shown,
                                  authorities))
    if not (strengths or schedules or maxima):
        return None
    drug: JsonObject = {"@type": "Drug", "name": values.medicine.value,
                        "nonProprietaryName": values.medicine.value}
    if strengths:
        drug["availableStrength"] = strengths
    if schedules:
        drug["doseSchedule"] = schedules
    if maxima:
        drug["maximumIntake"] = maxima
    return drug


class _Authorities:
    """The regulator of each jurisdiction: described in full where a page first names it,
    then referred to by its `@id` (a page with many doses would repeat it many times)."""

    def __init__(self, site: Site) -> None:
        self.names = site.settings.authorities
        self.described: set[str] = set()

    def node(self, jurisdiction: str) -> JsonObject:
        ref = f"#authority-{jurisdiction}"
        if jurisdiction in self.described:
            return {"@id": ref}
        self.described.add(jurisdiction)
        node: JsonObject = {"@id": ref, "@type": "GovernmentOrganization"}
        if jurisdiction in self.names:  # unnamed when the settings do not name it
            node["name"] = self.names[jurisdiction]
        node["areaServed"] = _country(jurisdiction)
        return node


def _intake(kind: str, intake: IntakeView, regimen: RegimenView, shown: set[str],
            authorities: _Authorities) -> JsonObject:
    times_path = f"{intake.path}.times_per_day"
    frequency = times_a_day(intake.times_per_day) if times_path in shown else None
    return _schedule(kind, intake.dose.value, intake.dose.unit, frequency, regimen,
                     intake.dose.path, authorities)


def _schedule(kind: str, value: Decimal, unit: str, frequency: str | None,
              regimen: RegimenView, path: str, authorities: _Authorities) -> JsonObject:
    node: JsonObject = {"@type": kind, "identifier": path, "doseValue": json_number(value),
                        "doseUnit": unit}
    if frequency:
        node["frequency"] = frequency
    node["targetPopulation"] = regimen.population
    node["recognizingAuthority"] = authorities.node(regimen.jurisdiction)
    return node


def _strength(value: Decimal, unit: str, jurisdiction: str, path: str) -> JsonObject:
    return {"@type": "DrugStrength", "identifier": path, "strengthValue": json_number(value),
            "strengthUnit": unit, "availableIn": _country(jurisdiction)}


def _country(jurisdiction: str) -> JsonObject:
    return {"@type": "Country", "name": jurisdiction}


def _citation(source: SourceView) -> JsonObject:
    node: JsonObject = {"@type": "CreativeWork", "name": source.title, "url": source.url,
                        "publisher": {"@type": "Organization", "name": source.publisher}}
    if source.updated:
        node["dateModified"] = source.updated.isoformat()
    return node


def _split_daily(unit: str) -> tuple[str, str | None]:
    """'mg/day' -> ('mg', 'a day'), as the page words it; other units stay whole."""
    amount, per, period = unit.partition("/")
    return (amount, f"a {period}") if per else (unit, None)


def json_number(value: Decimal) -> int | float:
    """A data value as a JSON number: whole numbers as integers (2.50 -> 2.5, 30.0 -> 30)."""
    normal = value.normalize()
    return int(normal) if normal == normal.to_integral_value() else float(normal)
