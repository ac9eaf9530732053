"""What the build trims from the theme's files: nothing that changes how a page looks."""

from __future__ import annotations

from medsite.mkdocs.trim_assets import lunr_files, strip_css


def test_stripping_the_stylesheet_keeps_every_selector_as_written() -> None:
    css = ("/* a comment */\n@media screen {\n  @container box (max-width: 34rem) {\n"
           "    .a :is(b, c) { display: block; } /* another */\n  }\n}\n")
    assert strip_css(css) == ("@media screen {\n@container box (max-width: 34rem) {\n"
                              ".a :is(b, c) { display: block; } \n}\n}\n")


def test_only_the_lunr_files_a_language_needs_are_kept() -> None:
    assert lunr_files(["en"]) == set()
    assert lunr_files(["en", "de"]) == {"min/lunr.de.min.js", "min/lunr.multi.min.js",
                                        "min/lunr.stemmer.support.min.js"}
