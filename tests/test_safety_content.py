"""Safety content on the real built site: each safety topic is on the page where a patient
would look for it, with the right urgency, in the built HTML.

These tests read structure (help cards by `data-card`, their level, their list of signs,
tap-to-call links, headings and anchors), not copies of whole paragraphs, so the wording can
be improved without breaking them while the safety facts must stay.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parent.parent

URGENT_LEVELS = {"emergency", "urgent"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("safety") / "site"
    # No -q: it silences the warnings that --strict counts, so the build would pass anyway.
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                            cwd=ROOT, capture_output=True, text=True, check=False,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return out


def page(site: Path, path: str) -> Tag:
    """The article (the page's own content) of a built page, e.g. 'dosing/pump/'."""
    html = (site / path / "index.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None, f"{path}: no <article>"
    return article


def words(node: Tag) -> str:
    """A node's visible text, with runs of white space made single spaces, lower case."""
    return re.sub(r"\s+", " ", node.get_text(" ")).strip().lower()


def card(article: Tag, key: str) -> Tag:
    found = article.select(f'[data-card="{key}"]')
    assert found, f"help card '{key}' is not on this page"
    return found[0]


def action(card_node: Tag) -> str:
    node = card_node.select_one(".help-card__action")
    assert node is not None, "help card without an action"
    return words(node)


def signs(card_node: Tag) -> list[str]:
    return [words(li) for li in card_node.select(".help-card__signs li")]


def tel_links(node: Tag) -> set[str]:
    return {str(a["href"]) for a in node.select('a[href^="tel:"]')}


def section(article: Tag, heading_id: str) -> str:
    """The words under a `## ` heading, up to the next section heading (cards included)."""
    heading = article.find(id=heading_id)
    assert heading is not None, f"no heading #{heading_id}"
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2" and "help-card__title" not in (sibling.get("class") or []):
            break
        parts.append(words(sibling))
    return " ".join(parts)


def first_section_heading(article: Tag) -> Tag | None:
    """The first `## ` heading of the page's own text (a help card's title is not one)."""
    for h2 in article.find_all("h2"):
        if h2.find_parent(attrs={"data-card": True}) is None:
            return h2
    return None


def cards_before_first_section(article: Tag) -> list[Tag]:
    first = first_section_heading(article)
    found = []
    for node in article.select("[data-card]"):
        if first is None or node in first.find_all_previous("section"):
            found.append(node)
    return found


# ---- pages about danger lead with their emergency card ----------------------------------------

@pytest.mark.parametrize("path", ["dosing/pump/", "dosing/stopping/", "dosing/missed-doses/",
                                  "safety/side-effects/"])
def test_danger_pages_show_an_emergency_card_before_the_first_section(site: Path,
                                                                     path: str) -> None:
    levels = [c["data-level"] for c in cards_before_first_section(page(site, path))]
    assert "emergency" in levels, f"{path}: no emergency card before the first section"


# ---- the pump ----------------------------------------------------------------------------------

def test_pump_page_first_paragraph_speaks_to_pump_users(site: Path) -> None:
    heading = page(site, "dosing/pump/").find("h1")
    assert isinstance(heading, Tag)
    first = heading.find_next_sibling("p")
    assert isinstance(first, Tag), "no paragraph after the page title"
    text = words(first)
    assert "pump" in text and "you" in text
    assert "prescription label" not in text


def test_pump_early_withdrawal_card_lists_itching_and_tingling_as_separate_signs(
        site: Path) -> None:
    article = page(site, "dosing/pump/")
    pump_card = card(article, "pump_withdrawal")
    assert pump_card["data-level"] in URGENT_LEVELS
    listed = signs(pump_card)
    itching = [s for s in listed if "itch" in s]
    tingling = [s for s in listed if "tingl" in s]
    assert itching and tingling, listed
    assert set(itching).isdisjoint(tingling), "itching and tingling must be separate signs"
    assert any("stiff" in s or "spasm" in s for s in listed)
    assert any("faint" in s or "blood pressure" in s for s in listed)
    # Immediate action: hospital now, with 911 one tap away; not "today".
    what_to_do = action(pump_card)
    assert "now" in what_to_do and "today" not in what_to_do
    assert "tel:911" in tel_links(pump_card)
    # The card is at the top of the page, before the first section.
    assert pump_card in cards_before_first_section(article)


def test_pump_page_teaches_alarms_and_the_alarm_date(site: Path) -> None:
    article = page(site, "dosing/pump/")
    alarms = section(article, "pump-alarms")
    assert "alarm date" in alarms
    assert "battery" in alarms
    alarm_card = card(article, "pump_alarm")
    assert alarm_card["data-level"] in URGENT_LEVELS
    assert any("alarm" in s for s in signs(alarm_card))
    assert any("refill" in s for s in signs(alarm_card))


def test_pump_page_covers_living_with_a_pump(site: Path) -> None:
    living = section(page(site, "dosing/pump/"), "living-with-a-pump")
    assert "id card" in living
    assert "every doctor" in living
    assert "mri" in living
    assert "surgery" in living
    assert "travel" in living and "refill" in living
    assert "priapism" in living


def test_pump_overdose_card_has_low_temperature_confusion_and_911(site: Path) -> None:
    overdose = card(page(site, "dosing/pump/"), "pump_overdose")
    assert overdose["data-level"] == "emergency"
    listed = signs(overdose)
    assert any("thermometer" in s or "cold to the touch" in s for s in listed)
    assert any("confused" in s for s in listed)
    assert "tel:911" in tel_links(overdose)


def test_pump_page_never_suggests_a_break_the_team_does_not_run(site: Path) -> None:
    text = words(page(site, "dosing/pump/"))
    assert "short break from it" not in text
    assert "never try to stop it yourself" in text or "never let the pump run out" in text


# ---- withdrawal after stopping or missing doses ------------------------------------------------

def test_withdrawal_card_sends_any_one_sign_to_911(site: Path) -> None:
    withdrawal = card(page(site, "dosing/stopping/"), "withdrawal")
    assert withdrawal["data-level"] == "emergency"
    listed = signs(withdrawal)
    for sign in ("fever", "confused", "seizure", "rigid"):
        assert any(sign in s for s in listed), f"withdrawal card lacks '{sign}'"
    # Any one sign is enough: no sign joins two signs with "and".
    assert not [s for s in listed if re.search(r"\band\b", s)]
    assert "tel:911" in tel_links(withdrawal)


def test_stopping_page_says_any_cause_of_stopping_counts(site: Path) -> None:
    text = words(page(site, "dosing/stopping/"))
    assert "for any reason" in text
    assert "if you have taken it for a while" not in text


# ---- overdose ----------------------------------------------------------------------------------

def test_missed_doses_page_has_911_and_poison_help(site: Path) -> None:
    article = page(site, "dosing/missed-doses/")
    overdose = card(article, "overdose")
    assert overdose["data-level"] == "emergency"
    assert "tel:911" in tel_links(overdose)
    advice = card(article, "overdose_advice")
    assert "tel:18002221222" in tel_links(advice)


# ---- side effects ------------------------------------------------------------------------------

def test_side_effects_page_covers_allergic_reactions_with_a_911_card(site: Path) -> None:
    article = page(site, "safety/side-effects/")
    assert "allergic" in section(article, "allergic-reactions")
    allergy = card(article, "allergic_reaction")
    assert allergy["data-level"] == "emergency"
    assert "tel:911" in tel_links(allergy)
    assert any("swelling" in s for s in signs(allergy))


def test_side_effects_page_sends_chest_pain_fainting_and_retention_to_911(site: Path) -> None:
    serious = card(page(site, "safety/side-effects/"), "serious_side_effects")
    assert serious["data-level"] == "emergency"
    listed = signs(serious)
    for sign in ("chest pain", "faint", "pee"):
        assert any(sign in s for s in listed), f"emergency card lacks '{sign}'"
    assert "tel:911" in tel_links(serious)


def test_side_effects_page_gives_988_as_a_tap_to_call_link(site: Path) -> None:
    article = page(site, "safety/side-effects/")
    self_harm = card(article, "self_harm")
    assert self_harm["data-level"] == "emergency"
    assert "tel:988" in tel_links(self_harm)
    assert "tel:911" in tel_links(self_harm)
    assert "text" in action(self_harm)


def test_side_effects_page_tells_how_to_report_to_medwatch(site: Path) -> None:
    article = page(site, "safety/side-effects/")
    assert "medwatch" in words(article)
    report = card(article, "report_side_effect")
    assert "tel:18003321088" in tel_links(report)  # 1-800-FDA-1088


# ---- forms, storage, disposal ------------------------------------------------------------------

def test_forms_page_teaches_the_mg_per_ml_on_the_bottle_before_any_table(site: Path) -> None:
    article = page(site, "dosing/forms/")
    first_table = article.find("table")
    assert first_table is not None
    before = " ".join(words(node) for node in first_table.find_all_previous(["p", "li"]))
    assert "mg per ml" in before and "bottle" in before
    assert "kitchen spoon" in before


def test_forms_page_hands_out_no_table_of_ml_volumes(site: Path) -> None:
    captions = [words(c) for c in page(site, "dosing/forms/").find_all("caption")]
    assert captions
    assert not [c for c in captions if "example only" in c]


def test_forms_page_lists_generic_liquids_at_each_strength(site: Path) -> None:
    article = page(site, "dosing/forms/")
    rows = [{str(cell["data-label"]): words(cell) for cell in tr.select("[data-label]")}
            for tr in article.select("table tbody tr")]
    liquids = [r for r in rows if "solution" in r.get("Form", "")
               or "suspension" in r.get("Form", "")]
    strengths = {r["Strength"] for r in liquids}
    assert len(strengths) >= 3, strengths
    for strength in strengths:
        sold_as = {r["Sold as"] for r in liquids if r["Strength"] == strength}
        assert "generic" in sold_as, f"no generic liquid listed at {strength}"


def test_forms_page_covers_storage_children_and_disposal(site: Path) -> None:
    article = page(site, "dosing/forms/")
    storing = section(article, "storing-your-medicine")
    assert "children" in storing and "reach" in storing
    assert "room temperature" in storing
    assert "refrigerator" in storing
    assert "anyone else" in storing
    disposal = section(article, "getting-rid-of-medicine-you-no-longer-need")
    assert "take-back" in disposal
    assert "trash" in disposal


# ---- medicines list, sharing, alcohol, driving -------------------------------------------------

def test_medicines_page_says_keep_a_list_and_do_not_share(site: Path) -> None:
    medicine_list = section(page(site, "safety/medicines-alcohol-driving/"),
                            "keep-a-list-of-your-medicines")
    assert "list" in medicine_list
    assert "never share" in medicine_list


def test_one_alcohol_rule_everywhere(site: Path) -> None:
    for html in site.rglob("*.html"):
        text = words(BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser"))
        assert "until you know how" not in text, html.relative_to(site)
    for path in ("", "safety/side-effects/", "safety/medicines-alcohol-driving/"):
        text = words(page(site, path))
        assert "safest not to drink alcohol" in text, path or "home"


# ---- pregnancy ---------------------------------------------------------------------------------

def test_pregnancy_page_tells_the_reader_to_tell_the_birth_team(site: Path) -> None:
    article = page(site, "safety/pregnancy-breastfeeding/")
    birth = section(article, "around-the-birth")
    assert "tell" in birth and "baby" in birth
    assert "obstetrician" in birth or "midwife" in birth
    assert "will know" not in words(article)
    newborn = card(article, "newborn_withdrawal")
    assert newborn["data-level"] in URGENT_LEVELS


# ---- the home page -----------------------------------------------------------------------------

def key_facts(site: Path) -> Tag:
    heading = page(site, "").find(id="key-facts")
    assert heading is not None
    facts = heading.find_next_sibling("ul")
    assert facts is not None
    return facts


def test_home_key_facts_say_stopping_suddenly_can_be_life_threatening(site: Path) -> None:
    items = [words(li) for li in key_facts(site).find_all("li")]
    assert any("stop" in item and "life-threatening" in item for item in items)


def test_home_key_facts_mention_pump_refills_and_alarms(site: Path) -> None:
    items = [words(li) for li in key_facts(site).find_all("li")]
    assert any("pump" in item and "refill" in item and "alarm" in item for item in items)


@pytest.mark.parametrize("link_words, target", [
    ("kidney", "dosing/things-that-change-your-dose/"),
    ("pregnant", "safety/pregnancy-breastfeeding/"),
])
def test_home_key_facts_link_to_the_right_section(site: Path, link_words: str,
                                                  target: str) -> None:
    links = [a for a in key_facts(site).find_all("a", href=True)
             if link_words in words(a)]
    assert links, f"no key-fact link about '{link_words}'"
    href = str(links[0]["href"])
    assert "#" in href, f"{href} does not link to a section"
    path, anchor = href.split("#", 1)
    assert path.rstrip("/") + "/" == target
    assert page(site, target).find(id=anchor) is not None, f"no #{anchor} on {target}"


# ---- cerebral palsy ----------------------------------------------------------------------------

def test_cerebral_palsy_page_gives_us_ages_and_a_help_card(site: Path) -> None:
    article = page(site, "conditions/cerebral-palsy/")
    text = words(article)
    assert "12" in text and "4 years" in text
    assert "in the uk" in text
    assert article.select("[data-card]")
