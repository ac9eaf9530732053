"""The fixture site as the publishing tests build it (imported by tests/test_publish*.py).

A copy of tests/fixtures/site with the real overrides/, plus what publishing needs to show:
a feedback address and a regulator in the plugin's settings, Material's offline plugin behind
its switch, a page that shows no data value (reviewed on another day than the others), and a
draft that must never be published.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from helpers import FIXTURES, ROOT, run_build, run_medsite

FEEDBACK = ("mailto:team@example.org?subject=Mistake%20on%20{title}"
            "&body={url}%20(reviewed%20{last_reviewed})")
AUTHORITIES = {"US": "Example Drug Agency"}
CONTACT_PAGE = "about/contact.md"
CONTACT_REVIEWED = "2026-10-01"
DRAFT_PAGE = "about/draft.md"
_OFFLINE_SWITCH = "MEDSITE_OFFLINE_SWITCH"

_CONTACT = f"""---
title: Contact
description: How to reach the team behind this fixture site, for the publishing tests.
type: about
last_reviewed: {CONTACT_REVIEWED}
next_review: 2027-10-01
reviewed_by: Fixture reviewer
sources: [guide]
---

# Contact

Write to the team if you find a mistake on this site.
"""

_DRAFT = """---
title: Draft
description: A draft page of the fixture site that must never be published anywhere.
type: about
status: draft
sources: [label]
---

# Draft

Adults start on {{ regimens.adults.starting_dose }}.
"""


def make_project(folder: Path) -> Path:
    """Lay the publishing fixture project out in `folder`; return its mkdocs.yml."""
    shutil.copytree(FIXTURES / "site", folder, dirs_exist_ok=True)
    (folder / "data").mkdir(exist_ok=True)
    shutil.copyfile(FIXTURES / "dosing.yml", folder / "data" / "dosing.yml")
    shutil.copytree(ROOT / "overrides", folder / "overrides", dirs_exist_ok=True)
    (folder / "content" / CONTACT_PAGE).write_text(_CONTACT, encoding="utf-8")
    (folder / "content" / DRAFT_PAGE).write_text(_DRAFT, encoding="utf-8")
    config_file = folder / "mkdocs.yml"
    config: dict[str, Any] = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    plugins: list[Any] = config["plugins"]
    for entry in plugins:
        if isinstance(entry, dict) and "medsite" in entry:
            entry["medsite"]["feedback"] = {"url": FEEDBACK}
            entry["medsite"]["authorities"] = AUTHORITIES
    plugins.insert(1, {"offline": {"enabled": _OFFLINE_SWITCH}})
    config["nav"].append({"Contact": CONTACT_PAGE})  # a draft is in no published nav
    text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
    config_file.write_text(text.replace(_OFFLINE_SWITCH, "!ENV [MEDSITE_OFFLINE, false]"),
                           encoding="utf-8")
    schema = run_medsite(folder, "schema")
    assert schema.returncode == 0, schema.stdout + schema.stderr
    return config_file


def build_project(config_file: Path, site_dir: Path, **env: str) -> Path:
    """Build the project with the real build command; the site folder."""
    result = run_build(config_file, site_dir, **env)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


def fixture_data() -> dict[str, Any]:
    """The fixture data file as plain YAML (read without the engine)."""
    data: dict[str, Any] = yaml.safe_load((FIXTURES / "dosing.yml").read_text(encoding="utf-8"))
    return data
