"""Remove theme files a visitor never loads from the built site (run by the plugin).

Material ships source maps and the lunr stemmers of every search language; this site needs
neither. After the build, delete the `.map` files (and the `sourceMappingURL` comments that
point at them) and every lunr file the configured search languages do not load.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import rjsmin
from material.plugins.search.plugin import SearchPlugin
from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.plugins.medsite.trim_assets")

# The last line a minifier leaves in a bundle: `//# sourceMappingURL=bundle.min.js.map`.
_MAP_COMMENT = re.compile(rb"\n//# sourceMappingURL=[^\n]*\s*\Z")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_INDENT = re.compile(r"\n\s*")



def trim_assets(config: MkDocsConfig) -> None:
    """Delete source maps and unused lunr language files from `site_dir`."""
    site = Path(config.site_dir)
    maps = list(site.rglob("*.map"))
    for source_map in maps:
        source_map.unlink()
        bundle = source_map.with_suffix("")
        if bundle.suffix == ".js" and bundle.is_file():
            bundle.write_bytes(_MAP_COMMENT.sub(b"\n", bundle.read_bytes()))
    lunr = site / "assets" / "javascripts" / "lunr"
    needed = lunr_files(_search_languages(config))
    unused = [f for f in lunr.rglob("*.js") if f.relative_to(lunr).as_posix() not in needed]
    for path in unused:
        path.unlink()
    for folder in [*sorted(lunr.rglob("*"), reverse=True), lunr]:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    minify_own_assets(site)
    log.debug("Removed %d source maps and %d unused lunr files", len(maps), len(unused))


def minify_own_assets(site: Path) -> None:
    """Minify the site's own scripts and stylesheets (Material's come minified already).

    They are written with comments for their maintainers; readers need none of them, and
    they are on every first visit (about 1.7 KB gzip of the 80 KB budget).
    """
    for script in site.glob("assets/javascripts/*.js"):
        if not script.name.endswith(".min.js"):
            script.write_text(rjsmin.jsmin(script.read_text(encoding="utf-8")), encoding="utf-8")
    for stylesheet in site.glob("assets/stylesheets/*.css"):
        if not stylesheet.name.endswith(".min.css"):
            stylesheet.write_text(strip_css(stylesheet.read_text(encoding="utf-8")),
                                  encoding="utf-8")


def strip_css(css: str) -> str:
    """A stylesheet without its comments and indentation, nothing else changed.

    Not a full minifier: rcssmin, for one, drops the space in `.a :is(b)` inside a nested
    @container rule, which changes what the selector matches. Comments and line starts are
    the bulk of the saving, and removing them cannot change a rule (no string in the site's
    own stylesheet holds '/*' or spans lines).
    """
    return _INDENT.sub("\n", _CSS_COMMENT.sub("", css)).strip() + "\n"


def lunr_files(languages: list[str]) -> set[str]:
    """The files under `lunr/` that Material's search worker loads for these languages."""
    # Mirrors the loader in Material 9.x's search worker (assets/javascripts/workers/).
    files = {f"min/lunr.{lang}.min.js" for lang in languages if lang != "en"}
    if "ja" in languages:
        files.add("tinyseg.js")
    if {"hi", "th"} & set(languages):
        files.add("wordcut.js")
    if len(languages) > 1:
        files.add("min/lunr.multi.min.js")
    if files:
        files.add("min/lunr.stemmer.support.min.js")
    return files


def _search_languages(config: MkDocsConfig) -> list[str]:
    """The search plugin's `lang` list (the plugin fills in the theme language if unset)."""
    for plugin in config.plugins.values():
        if isinstance(plugin, SearchPlugin):
            return list(plugin.config.lang or ["en"])
    return []
