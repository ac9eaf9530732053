"""MkDocs glue: load the data once per build, run every page through the engine.

All the work is in the `medsite` package; this file only adapts MkDocs events to it and
turns the engine's errors into a one-line `PluginError`.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from medsite.errors import SiteError
from medsite.load import load_dosing_data
from medsite.review_dates import review_status
from medsite.site import check_and_render
from medsite.urls import relative_url
from medsite.values import SiteValues, build_values

_state: dict[str, SiteValues] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate the data file named in `extra.medsite.data`."""
    root = _project_root(config)
    data_file = config.extra["medsite"]["data"]
    try:
        _state["values"] = build_values(load_dosing_data(root / data_file, data_file))
    except SiteError as exc:
        raise PluginError(str(exc)) from None
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Check the page's front matter and literals, then fill in its data references."""
    source_path = Path(config.docs_dir, page.file.src_uri).resolve()
    label = os.path.relpath(source_path, _project_root(config))
    sources_page = files.get_file_from_path(config.extra["medsite"]["sources_page"])
    if sources_page is None:
        raise PluginError(f"mkdocs.yml: extra.medsite.sources_page: "
                          f"no page '{config.extra['medsite']['sources_page']}'")
    try:
        rendered = check_and_render(
            page.file.content_string, _state["values"], page=Path(label).as_posix(),
            sources_href=relative_url(page.url, sources_page.url),
        )
    except SiteError as exc:
        raise PluginError(str(exc)) from None
    # overrides/partials/review-notice.html shows a notice on a page past its review date.
    page.meta["review_overdue"] = review_status(rendered.meta.next_review, date.today()) \
        == "overdue"
    return rendered.markdown


def _project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent
