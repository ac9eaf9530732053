"""The plugin's settings: validated once by the engine's model, reported by MkDocs as one
clean config error, and read the same way by the commands that do not import MkDocs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import FIXTURES, ROOT
from medsite.problems import SiteError
from medsite.project import plugin_settings, read_config
from medsite.settings import Feedback, HelpLevel, PageTypePolicy, SiteSettings


def fixture_project(tmp_path: Path, config_change: tuple[str, str] | None = None) -> Path:
    """A copy of the fixture site, with one change to its mkdocs.yml."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "site", project)
    (project / "data").mkdir()
    shutil.copy(FIXTURES / "dosing.yml", project / "data" / "dosing.yml")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    if config_change:
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert config_change[0] in text
        config.write_text(text.replace(*config_change), encoding="utf-8")
    return project


def mkdocs_build(project: Path) -> tuple[int, str]:
    """Build with plain `mkdocs build`; its exit code and everything it printed."""
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d",
                             str(project / "out")], cwd=project, capture_output=True, text=True,
                            check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return result.returncode, result.stdout + result.stderr


def errors(output: str) -> list[str]:
    """The error and warning lines MkDocs printed, without their level."""
    return [line.split("-", 1)[1].strip() for line in output.splitlines()
            if line.startswith(("ERROR", "WARNING"))]


SETTINGS = "      sources_page: about/sources.md\n"


@pytest.mark.parametrize(("change", "message"), [
    pytest.param(("      data_file: data/dosing.yml\n", "      data_file: data/dosng.yml\n"),
                 "Config value 'plugins': Plugin 'medsite' option 'data_file': no data file "
                 "'data/dosng.yml' next to mkdocs.yml", id="missing-data-file"),
    pytest.param(("      data_file: data/dosing.yml\n", "      data_file: ../dosing.yml\n"),
                 "Config value 'plugins': Plugin 'medsite' option 'data_file': '../dosing.yml' "
                 "must be a path inside the project",
                 id="data-file-outside-the-project"),
    pytest.param((SETTINGS, SETTINGS + "      page_types: {condition: {review_years: 0}}\n"),
                 "Config value 'plugins': Plugin 'medsite' option 'page_types': "
                 "condition.review_years: must be at least 1, not 0", id="bad-interval"),
    pytest.param((SETTINGS, SETTINGS + "      page_types: {condition: {review_yars: 1}}\n"),
                 "Config value 'plugins': Plugin 'medsite' option 'page_types': "
                 "condition.review_yars: unknown key 'review_yars' (did you mean "
                 "'review_years'?)", id="misspelt-policy-key"),
    pytest.param((SETTINGS, SETTINGS + "      help_levels: {now: {label: Now, style: loud}}\n"),
                 "Config value 'plugins': Plugin 'medsite' option 'help_levels': now.style: "
                 "'loud' is not allowed here; use one of 'emergency', 'urgent', 'soon' or "
                 "'routine'", id="unknown-card-style"),
    pytest.param((SETTINGS, SETTINGS + "      edition: USA\n"),
                 "Config value 'plugins': Plugin 'medsite' option 'edition': 'USA' is not a "
                 "two-letter country code such as 'US' or 'UK'", id="bad-edition"),
    pytest.param((SETTINGS, SETTINGS + "      data: data/dosing.yml\n"),
                 "Config value 'plugins': Plugin 'medsite' option 'data': Unrecognised "
                 "configuration name: data", id="unknown-setting"),
])
def test_a_wrong_setting_is_one_clean_config_error(tmp_path: Path, change: tuple[str, str],
                                                   message: str) -> None:
    code, output = mkdocs_build(fixture_project(tmp_path, change))
    assert code != 0
    assert "Traceback" not in output
    assert errors(output) == [message]


def test_a_page_type_the_settings_do_not_know_is_refused_at_the_page(tmp_path: Path) -> None:
    project = fixture_project(tmp_path)
    page = project / "content" / "dosing.md"
    page.write_text(page.read_text(encoding="utf-8").replace("type: dosing", "type: leaflet"),
                    encoding="utf-8")
    _, output = mkdocs_build(project)
    assert errors(output)[-1] == ("content/dosing.md:4: type: 'leaflet' is not allowed here; "
                                  "use one of 'home', 'condition', 'dosing', 'safety', 'about'")


def test_the_commands_read_the_same_settings_without_mkdocs() -> None:
    config = read_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    settings = plugin_settings(config)
    assert settings.data_file == "data/dosing.yml"
    assert settings.schema_path == "data/dosing.schema.json"
    assert next(iter(settings.help_levels)) == "emergency"


def test_the_commands_report_a_wrong_setting_as_one_line() -> None:
    config = {"plugins": [{"medsite": {"page_types": {"condition": {"review_years": 0}}}}]}
    with pytest.raises(SiteError) as caught:
        plugin_settings(config)
    assert str(caught.value) == ("mkdocs.yml: plugins.medsite.page_types.condition."
                                 "review_years: must be at least 1, not 0")


def test_the_default_settings_are_the_documented_ones() -> None:
    settings = SiteSettings()
    assert (settings.reading_grade_max, settings.review_due_soon_days) == (8.0, 60)
    assert settings.page_types["dosing"].review_years == 1


def test_every_setting_says_what_it_sets_in_editing_md() -> None:
    # EDITING.md's settings table is generated from these descriptions (reference --check
    # keeps it current): a setting without one would be an empty cell for maintainers.
    editing = (ROOT / "EDITING.md").read_text(encoding="utf-8")
    for model in (SiteSettings, PageTypePolicy, HelpLevel, Feedback):
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name} has no description"
            assert f"| `{name}` | " in editing, name
