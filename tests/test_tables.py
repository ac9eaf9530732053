"""Tables rendered from the data: header cells, a caption, a labelled scroll box, sources."""

from __future__ import annotations

from typing import get_args

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import FIXTURES
from medsite.errors import ContentError
from medsite.load import load_dosing_data
from medsite.model import FormKind
from medsite.pages import render_page
from medsite.tables import _KIND_WORDS
from medsite.values import SiteValues, build_values


@pytest.fixture(scope="module")
def values() -> SiteValues:
    return build_values(load_dosing_data(FIXTURES / "dosing.yml"))


def table_of(call: str, values: SiteValues) -> Tag:
    html = render_page("{{ " + call + " }}", values, page="p.md", sources_href="../s/")
    box = BeautifulSoup(html, "html.parser").select_one("div.dose-table")
    assert box is not None
    return box


def rows(box: Tag) -> list[list[str]]:
    return [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in box.select("tbody tr")]


def test_titration_table_has_one_row_per_step(values: SiteValues) -> None:
    box = table_of("titration_table(regimens.adults)", values)
    assert [th.get_text() for th in box.select("thead th")] == [
        "Days", "Each dose", "How often", "Total a day"]
    assert rows(box) == [
        ["Days 1 to 4", "2.5 mg", "twice a day", "5 mg a day"],
        ["Days 5 to 8", "5 mg", "twice a day", "10 mg a day"],
        ["Day 9", "10 mg", "twice a day", "20 mg a day"],
    ]


@pytest.mark.parametrize(
    "call",
    ["titration_table(regimens.adults)", "max_dose_table()", "forms_table()",
     "liquid_dose_table(regimens.adults)"],
)
def test_every_table_is_accessible_and_cites_its_source(values: SiteValues, call: str) -> None:
    box = table_of(call, values)
    caption = box.select_one("caption")
    assert caption is not None and caption.get_text()
    assert box["role"] == "region" and box["tabindex"] == "0"
    assert box["aria-labelledby"] == caption["id"]
    assert all(th["scope"] == "col" for th in box.select("thead th"))
    assert all(tr.find().name == "th" and tr.find()["scope"] == "row"
               for tr in box.select("tbody tr"))
    links = box.select("p.table-source a")
    assert links and all(a["href"].startswith("../s/#src-") for a in links)


def test_liquid_table_converts_each_dose_to_ml(values: SiteValues) -> None:
    box = table_of("liquid_dose_table(regimens.adults)", values)
    assert rows(box) == [["2.5 mg", "1 mL"], ["5 mg", "2 mL"], ["10 mg", "4 mL"]]


def test_forms_table_can_be_limited_to_kinds(values: SiteValues) -> None:
    box = table_of('forms_table("tablet")', values)
    assert rows(box) == [["Tablets", "Generic", "2.5 mg and 10 mg", "US"]]


@pytest.mark.parametrize(("call", "caption"), [
    ("forms_table()", "Forms and strengths"),
    ('forms_table("tablet")', "Strengths of tablets"),
    ('forms_table("oral solution", "oral suspension")',
     "Strengths of oral solutions and oral suspensions"),
    ('forms_table("tablet", "granules", "intrathecal")',
     "Strengths of tablets, granules and pump (intrathecal) medicine"),
])
def test_forms_table_caption_names_the_kinds_it_shows(values: SiteValues, call: str,
                                                      caption: str) -> None:
    box = table_of(call, values)
    assert box.select_one("caption").get_text() == caption


def test_every_form_kind_has_caption_words() -> None:
    assert set(_KIND_WORDS) == set(get_args(FormKind))


def test_unknown_form_kind_is_refused_at_its_line(values: SiteValues) -> None:
    with pytest.raises(ContentError) as caught:
        render_page('Text.\n\n{{ forms_table("tablets") }}', values, page="content/p.md",
                    sources_href="", line_offset=4)
    assert str(caught.value) == (
        "content/p.md:7: cannot render this reference: unknown form kind 'tablets'; use one "
        "of 'tablet', 'oral solution', 'oral suspension', 'granules', 'intrathecal'")


def test_same_table_twice_gets_unique_ids(values: SiteValues) -> None:
    html = render_page("{{ max_dose_table() }}\n\n{{ max_dose_table() }}", values, page="p.md",
                       sources_href="")
    ids = [t["id"] for t in BeautifulSoup(html, "html.parser").select("table")]
    assert len(ids) == 2 and len(set(ids)) == 2
