# mypy: disable-error-code="union-attr,index"
"""The engine's HTML: tables, help cards, the chart, the build-up sheet and the sources
list, with every piece of data text escaped and every number marked as data."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest
from bs4 import BeautifulSoup

from helpers import FIXTURE_DATA, TODAY, fixture_settings, fixture_site
from medsite.content.pipeline import Site
from medsite.data.load import data_problems
from medsite.data.model import FormKind
from medsite.render import cards, chart, sources_page, tables
from medsite.render.context import PageContext
from medsite.render.markers import insert_fragments, strip_marks
from medsite.render.words import KIND_WORDS

SITE = fixture_site()


def html_of(site: Site, make: object, *args: object, href: str = "../sources/") -> str:
    ctx = PageContext(site.values, site.settings, href)
    fragment = make(ctx, *args)  # type: ignore[operator]
    if isinstance(fragment, sources_page.MarkdownText):
        fragment, _ = insert_fragments(str(fragment), ctx.output)
    clean, _ = strip_marks(str(fragment), ctx.output)
    return clean


def soup_of(site: Site, make: object, *args: object, href: str = "../sources/") -> BeautifulSoup:
    return BeautifulSoup(html_of(site, make, *args, href=href), "html.parser")


def test_a_titration_table_has_a_caption_header_cells_and_a_source_line() -> None:
    soup = soup_of(SITE, tables.titration_table, SITE.values.regimens["adults"])
    assert soup.caption is not None
    assert soup.caption.get_text() == "Usual way to build up the dose: adults, US label"
    assert [th.get_text() for th in soup.select("thead th")] == [
        "Days", "Each dose", "How often", "Total a day"]
    rows = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in soup.select("tbody tr")]
    assert rows[1] == ["Days\u00a05 to 8", "5\u00a0mg", "twice a day", "10\u00a0mg a day"]
    assert soup.select_one(".table-source a")["href"] == "../sources/#src-label"


def test_every_cell_knows_its_column_for_phone_screens() -> None:
    soup = soup_of(SITE, tables.titration_table, SITE.values.regimens["adults"])
    labels = [cell["data-label"] for cell in soup.select("tbody tr")[0].find_all(["th", "td"])]
    assert labels == ["Days", "Each dose", "How often", "Total a day"]


def test_the_forms_table_leads_with_the_strength_not_the_brand() -> None:
    soup = soup_of(SITE, tables.forms_table)
    first_cells = [tr.th.get_text() for tr in soup.select("tbody tr")]
    assert first_cells == ["2.5\u00a0mg and 10\u00a0mg", "5\u00a0mg in 2\u00a0mL"]


def test_the_forms_table_can_show_only_some_kinds() -> None:
    soup = soup_of(SITE, tables.forms_table, "oral solution")
    assert soup.caption.get_text() == "Strengths of oral solutions"
    assert len(soup.select("tbody tr")) == 1


def test_liquid_volumes_are_computed_and_the_table_says_it_is_an_example() -> None:
    soup = soup_of(SITE, tables.liquid_dose_table, SITE.values.regimens["adults"])
    assert soup.caption.get_text().startswith("Example only")
    assert [td.get_text() for td in soup.select("tbody td")] == [
        "1\u00a0mL", "2\u00a0mL", "4\u00a0mL"]


def test_a_help_card_has_its_level_in_words_its_signs_and_tap_to_call_links() -> None:
    soup = soup_of(SITE, cards.help_card, "too_much")
    card = soup.select_one("section.help-card")
    assert card["data-level"] == "emergency"
    assert card.h2.get_text() == "Emergency. Someone has taken too much"
    assert card.select_one(".help-card__level").get_text() == "Emergency"
    assert [li.get_text() for li in card.select("ul li")] == [
        "very sleepy or hard to wake", "slow breathing"]
    assert [a["href"] for a in card.select("a.tel-link")] == ["tel:911", "tel:18000000000"]
    assert card.select_one(".help-card__action").get_text() == (
        "Call 911 now, or the helpline on 1-800-000-0000.")


def test_a_help_card_reads_the_same_on_every_page() -> None:
    here = soup_of(SITE, cards.help_card, "too_much", href="../sources/")
    there = soup_of(SITE, cards.help_card, "too_much", href="../../about/sources/")
    assert here.get_text(" ", strip=True) == there.get_text(" ", strip=True)


def test_data_text_is_escaped_wherever_it_becomes_html() -> None:
    hostile = FIXTURE_DATA.replace("short: Example label",
                                   "short: \"<script>alert(1)</script>\"")
    hostile = hostile.replace("title: Someone has taken too much",
                              "title: \"<img src=x onerror=alert(1)>\"")
    site = fixture_site(hostile)
    for fragment in (html_of(site, tables.titration_table, site.values.regimens["adults"]),
                     html_of(site, cards.help_card, "too_much"),
                     html_of(site, sources_page.sources_list)):
        soup = BeautifulSoup(fragment, "html.parser")
        assert not soup.find("script")
        assert not soup.find("img")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_of(
        site, tables.titration_table, site.values.regimens["adults"])


def test_the_chart_has_a_title_a_description_and_the_table_as_its_alternative() -> None:
    soup = soup_of(SITE, chart.titration_chart, SITE.values.regimens["adults"])
    svg = soup.select_one("figure.dose-chart svg")
    assert svg["role"] == "img"
    title, desc = svg.find("title").get_text(), svg.find("desc").get_text()
    assert title == "Chart of the usual build-up: adults, US label"
    assert "5\u00a0mg a day" in desc and "20\u00a0mg a day" in desc
    assert soup.select_one("figure.dose-chart table") is not None


def test_the_chart_draws_one_level_for_each_step_at_its_daily_total() -> None:
    soup = soup_of(SITE, chart.titration_chart, SITE.values.regimens["adults"])
    labels = [t.get_text() for t in soup.select(".dose-chart__values text")]
    regimen = SITE.values.regimens["adults"]
    assert labels == [step.daily.text() for step in regimen.steps]
    line = soup.select_one(".dose-chart__line")["d"]
    assert line.count("M") == 1 and line.count("L") == 2 * len(regimen.steps) - 1


def test_the_build_up_sheet_has_one_row_a_day_and_a_box_for_each_dose() -> None:
    soup = soup_of(SITE, chart.schedule_sheet, SITE.values.regimens["adults"])
    rows = soup.select("tbody tr")
    assert len(rows) == 9  # days 1 to 9 of the fixture's build-up
    assert [len(row.select(".tick-box")) for row in rows] == [2] * 9
    assert soup.select(".write-line")


def test_the_sources_list_gives_each_source_an_anchor_and_its_numbers() -> None:
    soup = soup_of(SITE, sources_page.sources_list)
    text = html_of(SITE, sources_page.sources_list)
    assert "## Example label {#src-label}" in text
    captions = [c.get_text() for c in soup.select("caption")]
    assert captions == ["Numbers from: Example label", "Numbers from: Example guide"]


def test_a_source_read_through_a_copy_says_so() -> None:
    copied = FIXTURE_DATA.replace(
        "    tier: 2\n", "    tier: 4\n    read_via: {publisher: mirror.example, "
        "url: https://mirror.example/guide}\n", 1)
    site = fixture_site(copied)
    soup = soup_of(site, sources_page.sources_list)
    copies = [p.get_text(" ", strip=True) for p in soup.select(".source-copy")]
    assert copies[1].startswith("Read on 2026-11-25 through a copy on mirror.example")
    assert "not yet been checked against the document's own page" in copies[1]
    assert copies[0] == ("Read on 2026-11-25: tier 1 (regulator's label, read on the "
                         "regulator's own site).")


@pytest.mark.parametrize("kind", get_args(FormKind))
def test_every_form_kind_of_the_model_has_words_for_a_caption(kind: str) -> None:
    assert KIND_WORDS[kind]


def test_a_level_label_takes_its_phone_number_from_the_data_file() -> None:
    levels = {"emergency": {"label": "Emergency: call {emergency} now", "style": "emergency"},
              "today": {"label": "Call today", "style": "soon"}}
    site = fixture_site(help_levels=levels)
    card = soup_of(site, cards.help_card, "too_much").select_one(".help-card__level")
    assert card.get_text() == "Emergency: call 911 now"
    assert card.a["href"] == "tel:911"


def test_a_level_label_naming_an_unknown_contact_is_refused(tmp_path: Path) -> None:
    levels = {"emergency": {"label": "Call {ambulance}", "style": "emergency"},
              "today": {"label": "Call today", "style": "soon"}}
    path = tmp_path / "dosing.yml"
    path.write_text(FIXTURE_DATA, encoding="utf-8")
    _, problems = data_problems(path, "data/dosing.yml", fixture_settings(help_levels=levels),
                                TODAY)
    assert [str(p) for p in problems] == [
        "data/dosing.yml:85: help_cards.too_much.level: the level 'emergency' names {ambulance} "
        "in its label (mkdocs.yml), which is not under 'contacts:'"]
