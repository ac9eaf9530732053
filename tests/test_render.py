"""Filling in a page's references: only data names, their attributes and page functions;
every other expression is refused at its line, and values are marked as data."""

from __future__ import annotations

import pytest

from helpers import fixture_site
from medsite.render.context import PageContext
from medsite.render.markers import insert_fragments, strip_marks
from medsite.render.page import render_body

SITE = fixture_site()


def render(body: str) -> tuple[str, list[str]]:
    """The body's HTML-ready text (tokens swapped, marks removed) and its problem lines."""
    ctx = PageContext(SITE.values, SITE.settings, "../about/sources/")
    rendered, problems = render_body(body, 10, "content/page.md", ctx)
    inserted, _ = insert_fragments(rendered.markdown, ctx.output)
    text, _ = strip_marks(inserted, ctx.output)
    return text, [str(p) for p in problems]


@pytest.mark.parametrize(("body", "shown"), [
    ("{{ regimens.adults.starting_dose }}", "2.5\u00a0mg twice a day"),
    ("{{ regimens.adults.starting_dose.daily }}", "5\u00a0mg a day"),
    ("{{ regimens.adults.max_daily }}", "30\u00a0mg a day"),
    ("{{ regimens.adults.max_daily.given_as }}", "10\u00a0mg three times a day"),
    ("{{ regimens.adults.titration_steps[1] }}", "days\u00a05 to 8: 5\u00a0mg twice a day"),
    ("{{ regimens.adults.titration_steps[2].days }}", "day\u00a09"),
    ("{{ regimens.adults.schedule_length }}", "9\u00a0days"),
    ("{{ regimens.adults.maintenance }}", "10 to 20\u00a0mg a day"),
    ("{{ regimens.adults.taper }}", "1 to 3\u00a0weeks"),
    ("{{ regimens.adults['max_daily'].number }}", "30"),
    ("{{ forms.tablets.strengths_text }}", "2.5\u00a0mg and 10\u00a0mg"),
    ("{{ forms.liquid.concentration.per_ml }}", "2.5\u00a0mg in each mL"),
    ("{{ facts.window }}", "1\u00a0hour"),
    ("{{ contacts.helpline }}", "1-800-000-0000"),
    ("{{ medicine }}", "examplofen"),
    ("{{ edition }}", "US"),
])
def test_a_data_name_shows_its_value_in_words(body: str, shown: str) -> None:
    assert render(body) == (shown, [])


def test_cite_adds_a_link_to_the_source_on_the_sources_page() -> None:
    text, problems = render("{{ cite(regimens.adults.max_daily) }}")
    assert problems == []
    assert text.startswith("30\u00a0mg a day<sup class=\"cite\">")
    assert 'href="../about/sources/#src-label"' in text


def test_a_phone_link_dials_the_number() -> None:
    text, _ = render("{{ contacts.helpline.link }}")
    assert text == '<a class="tel-link" href="tel:18000000000">1-800-000-0000</a>'


@pytest.mark.parametrize(("body", "message"), [
    pytest.param("{{ cite.__globals__ }}", "content/page.md:10: cite is a page function; "
                 "write cite(regimens.adults.max_daily)", id="globals"),
    pytest.param("{{ regimens.__class__ }}", "content/page.md:10: unknown data name "
                 "'__class__' in 'regimens'; use one of: adults", id="dunder"),
    pytest.param("{{ regimens.adults.max_daily.__init__.__globals__ }}",
                 "content/page.md:10: "
                 "unknown data name '__init__' in 'regimens.adults.max_daily'; use one of: "
                 "given_as, number, unit_text", id="deep-dunder"),
    pytest.param("{{ regimens.adults.step_rise }}", "content/page.md:10: the steps of "
                 "regimens.adults rise by different amounts, so there is no one step rise",
                 id="no-one-step-rise"),
    pytest.param("{{ medicine.upper() }}", "content/page.md:10: only the page functions can be "
                 "called: cite, forms_table, help_card, liquid_dose_table, max_dose_table, "
                 "schedule_sheet, sources_list, titration_chart, titration_table", id="method"),
    pytest.param("{{ '200 mg' }}", "content/page.md:10: only data names can go between {{ and "
                 "}}, not typed text or numbers; take the value from the data file",
                 id="typed-text"),
    pytest.param("{{ 200 }} mg", "content/page.md:10: only data names can go between {{ and }}, "
                 "not typed text or numbers; take the value from the data file",
                 id="typed-number"),
    pytest.param("{{ medicine | upper }}", "content/page.md:10: filters (|) are not allowed "
                 "between {{ and }}", id="filter"),
    pytest.param("{{ medicine ~ 'x' }}", "content/page.md:10: only a data name, its attributes "
                 "and the page functions can go between {{ and }} (found concat)", id="concat"),
    pytest.param("{% set x = 1 %}", "content/page.md:10: template statements ({% ... %}) are "
                 "not allowed; use data names between {{ and }}", id="statement"),
    pytest.param("{{ regimens.adults.max_daly }}", "content/page.md:10: unknown data name "
                 "'max_daly' in 'regimens.adults' (did you mean 'max_daily'?)", id="misspelt"),
    pytest.param("{{ regimen.adults }}", "content/page.md:10: unknown data name 'regimen' (did "
                 "you mean 'regimens'?)", id="misspelt-top"),
    pytest.param("{{ facts.zzz }}", "content/page.md:10: unknown data name 'zzz' in 'facts'; "
                 "use one of: window", id="no-near-match-lists-the-names"),
    pytest.param("{{ regimens.adults.titration_steps[3] }}", "content/page.md:10: "
                 "'regimens.adults.titration_steps' has 3 entries; [3] is past the last "
                 "(counting starts at 0)", id="past-the-last-step"),
    pytest.param("{{ regimens }}", "content/page.md:10: 'regimens' is a group; name one of its "
                 "entries, e.g. regimens.adults", id="group"),
    pytest.param("{{ cite(edition) }}", "content/page.md:10: 'US' has no source to cite",
                 id="cite-without-source"),
    pytest.param("{{ help_card('too_mch') }}", "content/page.md:10: unknown help card "
                 "'too_mch' in 'help_cards' (did you mean 'too_much'?)", id="unknown-card"),
    pytest.param("Text {{ help_card('too_much') }}", "content/page.md:10: {{ "
                 "help_card('too_much') }} makes a table, card or chart; put it on a line of "
                 "its own", id="card-inside-a-sentence"),
    pytest.param("{{ forms_table('tablets') }}", "content/page.md:10: unknown form kind "
                 "'tablets'; use one of 'tablet', 'capsule', 'oral solution', 'oral suspension', "
                 "'granules', 'intrathecal'", id="unknown-form-kind"),
    pytest.param("{{ titration_table(facts.window) }}", "content/page.md:10: "
                 "titration_table(...) needs a regimen here; write it like "
                 "{{ titration_table(regimens.adults) }}", id="wrong-argument"),
    pytest.param("{{ titration_table(regimens.adults, x=1) }}", "content/page.md:10: "
                 "titration_table(...) takes its arguments in order, without names",
                 id="keyword-argument"),
    pytest.param("{{ medicine ", "content/page.md:10: '{{' is never closed with '}}'",
                 id="unclosed"),
    pytest.param("{{ medicine }", "content/page.md:10: '{{' is never closed with '}}'",
                 id="half-closed"),
])
def test_anything_but_data_names_is_refused_at_its_line(body: str, message: str) -> None:
    assert render(body)[1] == [message]


def test_the_line_counts_the_lines_above_the_reference() -> None:
    _, problems = render("First line.\n\nThird {{ nothing }} line.")
    assert problems[0].startswith("content/page.md:12: unknown data name 'nothing'; use one "
                                  "of: brand_names, cite, contacts,")


def test_comments_are_dropped_and_text_around_them_kept() -> None:
    assert render("a {## note for editors, {{ not a name }} ##} b") == ("a  b", [])


def test_every_problem_of_a_page_is_reported() -> None:
    _, problems = render("{{ nothing }}\n{{ forms.nothing }}")
    assert len(problems) == 2


def test_a_value_is_marked_with_the_data_entries_it_comes_from() -> None:
    ctx = PageContext(SITE.values, SITE.settings, "")
    render_body("{{ regimens.adults.titration_steps[1].daily }}", 1, "p.md", ctx)
    shown = ctx.output.values[0]
    assert shown.path == "regimens.adults.titration_steps[1].daily"
    assert shown.inputs == ("regimens.adults.titration_steps[1].dose",
                            "regimens.adults.titration_steps[1].times_per_day")
