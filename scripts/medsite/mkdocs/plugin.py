"""The MkDocs plugin: thin glue between MkDocs' events and the engine's page pipeline.

`plugins: - medsite: {...}` in mkdocs.yml, installed through the entry point in
pyproject.toml. Each event hands its input to the engine and turns the engine's first
problem into a one-line `PluginError`; all state lives on the plugin instance.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from ..content.pipeline import (
    PreparedPage,
    Site,
    finish_page,
    label_problems,
    prepare_page,
    toc_title,
)
from ..content.review_dates import review_status
from ..dates import build_date
from ..files import decode, symlinks_under
from ..problems import Problem, SiteError
from ..project import Project, nav_line
from ..publish import csp
from ..publish.html_lang import set_language
from ..publish.pages import PublishedPage
from ..publish.site_files import feedback_link, page_head, write_site_files
from .config import MedsiteConfig
from .trim_assets import trim_assets

if TYPE_CHECKING:  # the live-reload server (watchdog, http.server) is loaded by `serve` only
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.medsite")


class MedsitePlugin(BasePlugin[MedsiteConfig]):  # type: ignore[no-untyped-call]
    """Fills every page in from the data file and checks it, before and after Markdown."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command: Literal["build", "gh-deploy", "serve"] = "build"
        self.site: Site | None = None
        self.sources: dict[str, str] = {}
        self.prepared: dict[str, PreparedPage] = {}
        self.published: dict[str, PublishedPage] = {}
        self.script_hashes: set[str] = set()
        self.root = Path(".")
        self.label_root = "."
        self.build_day = date.today()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"],
                   dirty: bool) -> None:
        """Remember whether this is a preview (drafts shown) or a build (drafts left out)."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Load and check the data file; refuse symbolic links in the project's folders."""
        if not self.config.enabled:
            return config
        settings = self.config.settings
        self.root = Path(config.config_file_path).resolve().parent
        # Labels in messages are relative to mkdocs.yml's folder, as MkDocs joins its paths.
        self.label_root = os.path.dirname(os.path.abspath(config.config_file_path))
        self.build_day = build_date(self.root)
        self.prepared, self.sources, self.published = {}, {}, {}
        self.script_hashes = set()
        # Joined, never resolved: a folder that is itself a link must be seen as one.
        base = Path(self.label_root)
        folders = [base / config.docs_dir, (base / settings.data_file).parent]
        if config.theme.custom_dir:
            folders.append(base / config.theme.custom_dir)
        for folder in dict.fromkeys(folders):
            _stop(symlinks_under(folder, base))
        project = Project(self.root, {}, "", settings)
        site, problems = project.load_site(date.today())
        _stop(problems)
        assert site is not None
        self.site = site
        # MkDocs' theme templates print what they are given as it is: text goes in escaped.
        config.extra["medsite"] = {"medicine": escape(site.data.medicine.name),
                                   "feedback": settings.feedback}
        return config

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig,
                 builder: Callable[..., Any]) -> LiveReloadServer:
        """The preview rebuilds when the data file or the theme overrides change too."""
        if self.config.enabled:
            server.watch(str((self.root / self.config.settings.data_file).parent))
            if config.theme.custom_dir:
                server.watch(config.theme.custom_dir)
        return server

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Read every page once, strictly; leave drafts out of a build (not of a preview)."""
        if self.site is None:
            return files
        settings = self.site.settings
        if files.get_file_from_path(settings.sources_page) is None:
            raise PluginError(f"mkdocs.yml: plugins.medsite.sources_page: no page "
                              f"'{settings.sources_page}' in {Path(config.docs_dir).name}/")
        for file in files.documentation_pages():
            label = self._label(file.abs_src_path)
            text, problem = decode(Path(file.abs_src_path or "").read_bytes(), label)
            _stop([problem] if problem else [])
            assert text is not None
            self.sources[file.src_uri] = text
            page = prepare_page(text, label, file.src_uri, self.site, settings, date.today(),
                                use_directory_urls=config.use_directory_urls)
            self.prepared[file.src_uri] = page
            if page.is_draft:  # MkDocs previews a draft (marked as one) and never builds it
                file.inclusion = InclusionLevel.DRAFT
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Check every menu label; take drafts out of a published site's menu."""
        for item in _walk(nav.items):
            if item.title:
                if label_problems("mkdocs.yml", None, item.title, "nav"):
                    _stop(label_problems("mkdocs.yml", _nav_line(config, item), item.title,
                                         "nav"))
                item.title = escape(item.title)  # the theme prints menu labels as they are
        if self.command != "serve":
            nav.items = _without_drafts(nav.items, self.prepared)
            nav.pages = [p for p in nav.pages if not self._is_draft(p.file.src_uri)]
            # MkDocs linked each page to its neighbours before this event: link them again,
            # so no published page points to a draft as "next" or "previous".
            for index, page in enumerate(nav.pages):
                page.previous_page = nav.pages[index - 1] if index else None
                page.next_page = nav.pages[index + 1] if index + 1 < len(nav.pages) else None
        return nav

    def on_post_template(self, output_content: str, *, template_name: str,
                         config: MkDocsConfig) -> str | None:
        """The 404 page (made without page events) gets the same language and
        Content-Security-Policy as the others."""
        if template_name == "404.html":
            output_content = self._set_language(output_content)
            hashes = csp.script_hashes(output_content)
            self.script_hashes.update(hashes)
            return csp.add_policy(output_content, hashes)
        return output_content

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """The page's text as read once in `on_files`; a page with a problem stops here,
        before MkDocs reads its front matter or Markdown reads its body."""
        prepared = self.prepared.get(page.file.src_uri)
        if prepared is not None:
            _stop(prepared.problems)
        return self.sources.get(page.file.src_uri)

    @event_priority(100)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        """Stop at the page's first problem; hand MkDocs its Markdown with references filled."""
        prepared = self.prepared.get(page.file.src_uri)
        if prepared is None or self.site is None:
            return markdown
        _stop(prepared.problems)
        meta = prepared.meta
        assert meta is not None
        if meta.last_reviewed:
            page.update_date = meta.last_reviewed.isoformat()
        # The theme prints the title (page and menu), description and reviewer as they are,
        # and the search box shows tags as HTML: they go in escaped.
        page.meta["title"] = escape(meta.title)
        page.meta["description"] = escape(meta.description)
        page.meta["medsite"] = {
            "draft": meta.is_draft,
            "reviewed_by": escape(meta.reviewed_by) if meta.reviewed_by else None,
            "feedback": feedback_link(self.site.settings, meta, page.canonical_url or page.url),
            "review_status": review_status(meta.next_review, self.build_day,
                                           self.site.settings.review_due_soon_days),
        }
        if meta.keywords:
            # Material's search indexes a page's `tags` as its most heavily boosted field,
            # (they show as chips in the results): the words readers type find the page.
            page.meta["tags"] = [escape(keyword) for keyword in meta.keywords]
        return prepared.markdown

    @event_priority(100)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        """Check and clean the page's own HTML, put the engine's in, check the result."""
        prepared = self.prepared.get(page.file.src_uri)
        if prepared is None:
            return html
        finished = finish_page(html, prepared, self.sources[page.file.src_uri])
        _stop(finished.problems)
        for link in _walk_toc(page.toc.items):
            link.title = toc_title(link.title, prepared)
        assert prepared.meta is not None
        self.published[page.file.src_uri] = PublishedPage(
            uri=page.file.src_uri, url=page.url, canonical_url=page.canonical_url or "",
            meta=prepared.meta, shown=tuple(finished.shown),
        )
        return finished.html

    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Set the page's language, add its structured data, then its
        Content-Security-Policy (with the hashes of its inline scripts)."""
        output = self._set_language(output)
        published = self.published.get(page.file.src_uri)
        if published is not None and self.site is not None:
            head = page_head(published, self.site)
            if head:
                output = output.replace("</head>", head + "</head>", 1)
        hashes = csp.script_hashes(output)
        self.script_hashes.update(hashes)
        return csp.add_policy(output, hashes)

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Drop theme files no visitor loads; write the site-wide files (after the other
        plugins, so the search index and sitemap are there)."""
        trim_assets(config)
        if self.site is not None:
            pages = [self.published[uri] for uri in sorted(self.published)]
            write_site_files(Path(config.site_dir), pages, self.site, config.site_url or "",
                             self.script_hashes)

    def _set_language(self, page_html: str) -> str:
        return page_html if self.site is None else set_language(page_html,
                                                                self.site.settings.language)

    def _label(self, path: str | None) -> str:
        relative = os.path.relpath(path or "", self.label_root)
        return str(path) if relative.startswith("..") else Path(relative).as_posix()

    def _is_draft(self, uri: str) -> bool:
        page = self.prepared.get(uri)
        return page is not None and page.is_draft


def _nav_line(config: MkDocsConfig, item: Any) -> int | None:
    """The line of mkdocs.yml's nav that gives this entry's label (the file is read only
    for a message: MkDocs has parsed it already)."""
    text = Path(config.config_file_path).read_text(encoding="utf-8")
    label = f"{item.title}:" if isinstance(item, Section) else str(item.title)
    if label not in text:
        return None  # a label written with YAML quoting or escapes
    return nav_line(text, label)


def _stop(problems: list[Problem]) -> None:
    if problems:
        raise PluginError(str(SiteError(problems)))


def _walk(items: list[Any]) -> list[Any]:
    found = []
    for item in items:
        found.append(item)
        if isinstance(item, Section):
            found += _walk(item.children)
    return found


def _walk_toc(items: list[AnchorLink]) -> list[AnchorLink]:
    found = []
    for item in items:
        found.append(item)
        found += _walk_toc(item.children)
    return found


def _without_drafts(items: list[Any], prepared: dict[str, PreparedPage]) -> list[Any]:
    kept = []
    for item in items:
        if isinstance(item, Page) and prepared.get(item.file.src_uri) is not None and \
                prepared[item.file.src_uri].is_draft:
            continue
        if isinstance(item, Section):
            item.children = _without_drafts(item.children, prepared)
            if not item.children:
                continue
        kept.append(item)
    return kept
