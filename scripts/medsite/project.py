"""A site project as the commands see it, without MkDocs: its mkdocs.yml, settings, pages.

MkDocs reads mkdocs.yml itself for the build; `make check`, `make review`, `make changes`
and the pre-render read it here, with the same `SiteSettings` validation as the plugin.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .content.pipeline import Site
from .data.load import data_problems
from .data.pydantic_messages import explain_all
from .files import symlinks_under
from .problems import Problem, SiteError
from .settings import SiteSettings

PLUGIN = "medsite"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml and ignores tags such as `!ENV` or `!!python/name:`."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/",
                                    lambda loader, suffix, node: None)


def read_config(text: str) -> dict[str, Any]:
    """The settings in the text of an mkdocs.yml."""
    loaded = yaml.load(text, Loader=_ConfigLoader)
    return loaded if isinstance(loaded, dict) else {}


def plugin_settings(config: dict[str, Any], label: str = "mkdocs.yml") -> SiteSettings:
    """The medsite plugin's settings from a parsed mkdocs.yml; `SiteError` if they are wrong."""
    block: Any = None
    for entry in config.get("plugins") or []:
        if entry == PLUGIN:
            block = {}
        elif isinstance(entry, dict) and PLUGIN in entry:
            block = entry[PLUGIN] or {}
    if block is None:
        raise SiteError([Problem(label, None, "plugins", "the medsite plugin is not listed "
                                 "under 'plugins:'")])
    block = {k: v for k, v in block.items() if k != "enabled"}
    try:
        return SiteSettings.model_validate(block)
    except ValidationError as exc:
        loc, message = explain_all(exc.errors(), SiteSettings, block)[0]
        path = ".".join(str(p) for p in ("plugins", PLUGIN, *loc))
        raise SiteError([Problem(label, None, path, message)]) from None


@dataclass
class Project:
    """The parts of a site project the commands need, read from its mkdocs.yml."""

    root: Path
    config: dict[str, Any]
    config_text: str
    settings: SiteSettings

    @classmethod
    def load(cls, config_file: Path) -> Project:
        """Read `mkdocs.yml` (the project root is its folder); `SiteError` if unreadable."""
        try:
            text = config_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SiteError([Problem(config_file.name, None, None, f"cannot read ({exc})")]) \
                from None
        config = read_config(text)
        return cls(config_file.resolve().parent, config, text, plugin_settings(config))

    @property
    def docs_dir(self) -> Path:
        """The folder of Markdown pages."""
        return self.root / str(self.config.get("docs_dir", "docs"))

    @property
    def use_directory_urls(self) -> bool:
        """Whether pages get directory URLs ('dosing/pump/'), as MkDocs' setting says."""
        return bool(self.config.get("use_directory_urls", True))

    @property
    def overrides_dir(self) -> Path | None:
        """The theme's custom_dir, if any."""
        theme = self.config.get("theme")
        custom = theme.get("custom_dir") if isinstance(theme, dict) else None
        return self.root / str(custom) if custom else None

    @property
    def data_path(self) -> Path:
        """The data file."""
        return self.root / self.settings.data_file

    def pages(self) -> list[Path]:
        """Every Markdown page under the docs folder, in path order."""
        return sorted(self.docs_dir.rglob("*.md"))

    def label(self, path: Path) -> str:
        """A path as messages name it: relative to the project root, with '/'."""
        return path.relative_to(self.root).as_posix()

    def uri(self, path: Path) -> str:
        """A page's path inside the docs folder: 'dosing/pump.md'."""
        return path.relative_to(self.docs_dir).as_posix()

    def nav_entries(self) -> list[tuple[str, str, int]]:
        """Every (title, page, line) the nav of mkdocs.yml lists, pages relative to docs."""
        found: list[tuple[str, str, int]] = []

        def walk(node: Any, title: str = "") -> None:
            if isinstance(node, str) and node.endswith(".md"):
                found.append((title, node, self.nav_line(node)))
            elif isinstance(node, list):
                for item in node:
                    walk(item)
            elif isinstance(node, dict):
                for key, item in node.items():
                    if isinstance(item, str):
                        walk(item, str(key))
                    else:
                        found.append((str(key), "", self.nav_line(f"{key}:")))
                        walk(item)

        walk(self.config.get("nav") or [])
        return found

    def nav_pages(self) -> list[str]:
        """Every page the nav lists."""
        return [page for _, page, _ in self.nav_entries() if page]

    def nav_line(self, text: str) -> int:
        """The first line of the `nav:` block of mkdocs.yml that contains `text`."""
        return nav_line(self.config_text, text)

    def config_line(self, text: str) -> int:
        """The first line of mkdocs.yml that contains `text` (1 if none does)."""
        return _first_line(self.config_text.splitlines(), text, 0) or 1

    def symlink_problems(self) -> list[Problem]:
        """Symbolic links in the pages, the data folder or the theme overrides."""
        folders = [self.docs_dir, self.data_path.parent]
        if self.overrides_dir is not None:
            folders.append(self.overrides_dir)
        problems = []
        for folder in dict.fromkeys(folders):
            problems += symlinks_under(folder, self.root)
        if self.data_path.is_symlink():
            problems.append(Problem(self.settings.data_file, None, None, "is a symbolic link; "
                                    "only files of the project itself are published"))
        return problems

    def load_site(self, today: date) -> tuple[Site | None, list[Problem]]:
        """The validated data as a `Site`, or None with the data file's problems."""
        data, problems = data_problems(self.data_path, self.settings.data_file, self.settings,
                                       today)
        if data is None or problems:
            return None, problems
        return Site(self.settings, data, today), []


def nav_line(config_text: str, text: str) -> int:
    """The first line of mkdocs.yml's `nav:` block that contains `text` (else of the whole
    file; 1 if none does)."""
    lines = config_text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("nav:")), 0)
    return _first_line(lines, text, start) or _first_line(lines, text, 0) or 1


def _first_line(lines: list[str], text: str, start: int) -> int | None:
    return next((number for number, line in enumerate(lines[start:], start=start + 1)
                 if text in line), None)
