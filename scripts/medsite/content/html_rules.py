"""The HTML an author may write: a small allow-list, checked and then enforced with nh3.

Pages are Markdown, and Markdown lets raw HTML through. Whatever the author's Markdown
turns into is first checked, so a forbidden tag, attribute or address is refused with one
line naming it; then it is cleaned by nh3 (the Rust sanitizer ammonia) with the same
allow-list, so even something the check missed cannot run, load from another host or
pretend to be an engine help card. The engine's own HTML is added only after this step.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
})
_EVERY_TAG = frozenset({"id", "title", "lang"})
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "td": frozenset({"colspan", "rowspan", "style", "align"}),
    "th": frozenset({"colspan", "rowspan", "scope", "style", "align"}),
    "ol": frozenset({"start"}),
    "details": frozenset({"open"}),
}
# Boxes an author may write by hand. Danger and warning boxes are help cards from the data.
ALLOWED_CLASSES: dict[str, frozenset[str]] = {
    tag: frozenset({"admonition", "admonition-title", "note", "info", "tip", "hint",
                    "example", "abstract", "summary", "question", "quote", "success"})
    for tag in ("div", "p", "details", "summary")
}
REFUSED_BOXES = frozenset({"danger", "warning", "caution", "attention", "error", "failure",
                           "fail", "missing", "bug", "important"})
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# Possessive, and searched only up to the page's last '>': a start either reaches a '>' (the
# search goes on after it) or stops at a quote that never closes, so a run of '<a <a <a' costs
# time in proportion to its length, not to its length times the longest tag.
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*+)((?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+)>")
_ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")
_COMMENT_OR_DOCTYPE = re.compile(r"<!|<\?")


@dataclass(frozen=True)
class HtmlProblem:
    """Something in a page's HTML that is not allowed, with the text to look for."""

    message: str
    needle: str


def html_problems(page_html: str) -> list[HtmlProblem]:
    """Every tag, attribute, class or address in the page's own HTML that is not allowed."""
    problems: list[HtmlProblem] = []
    if _COMMENT_OR_DOCTYPE.search(page_html):
        problems.append(HtmlProblem("HTML comments and declarations ('<!', '<?') are not "
                                    "allowed; use {## ... ##} for a note to editors", "<!"))
    for match in _TAG.finditer(page_html, 0, page_html.rfind(">") + 1):
        closing, tag, rest = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            continue
        if tag not in ALLOWED_TAGS:
            problems.append(HtmlProblem(f"the HTML tag <{tag}> is not allowed in a page",
                                        f"<{tag}"))
            continue
        for attribute in _ATTRIBUTE.finditer(rest):
            problems.extend(_attribute_problems(tag, attribute.group(1).lower(),
                                                _unquote(attribute.group(2))))
    return problems


def _attribute_problems(tag: str, name: str, value: str) -> list[HtmlProblem]:
    if name == "style":
        declarations = [d.strip() for d in value.split(";") if d.strip()]
        if tag not in ("td", "th") or any(
                not re.fullmatch(r"text-align\s*:\s*(left|right|center)", d)
                for d in declarations):
            return [HtmlProblem("styles are not allowed in a page, except a table column's "
                                "text-align", "style")]
        return []
    if name not in _EVERY_TAG and name not in ALLOWED_ATTRIBUTES.get(tag, ()) and name != \
            "class":
        what = "event handlers" if name.startswith("on") else f"the attribute '{name}'"
        return [HtmlProblem(f"{what} on <{tag}> {'are' if what.endswith('s') else 'is'} not "
                            "allowed in a page", name)]
    if name == "class":
        allowed = ALLOWED_CLASSES.get(tag, frozenset())
        for css_class in value.split():
            if css_class in REFUSED_BOXES:
                return [HtmlProblem(f"a hand-written '{css_class}' box is not allowed; insert "
                                    "a help card from the data file: {{ help_card('...') }}",
                                    css_class)]
            if css_class not in allowed:
                return [HtmlProblem(f"the class '{css_class}' on <{tag}> is not allowed in a "
                                    "page", css_class)]
    if name == "href" and not _safe_link(value):
        return [HtmlProblem(f"the link address '{_short(value)}' is not allowed; link to a page "
                            "of this site or to an http(s), mailto: or tel: address", value)]
    if name == "src" and not _same_site(value):
        return [HtmlProblem(f"the image '{_short(value)}' loads from another host; put the "
                            "image in the site and link it by a relative path", value)]
    return []


def clean(page_html: str) -> str:
    """The page's own HTML with everything not on the allow-list removed (nh3)."""
    return nh3.clean(
        page_html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={"*": set(_EVERY_TAG), **{t: set(a) for t, a in ALLOWED_ATTRIBUTES.items()}},
        attribute_filter=_filter_attribute,
        allowed_classes={tag: set(classes) for tag, classes in ALLOWED_CLASSES.items()},
        url_schemes=set(LINK_SCHEMES),
        filter_style_properties={"text-align"},
        link_rel=None,
        strip_comments=True,
    )


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "src" and not _same_site(value):
        return None
    return value


def _safe_link(value: str) -> bool:
    parts = urlsplit(_as_browser_reads(value))
    if parts.scheme:
        return parts.scheme.lower() in LINK_SCHEMES
    return True


def _same_site(value: str) -> bool:
    address = _as_browser_reads(value)
    parts = urlsplit(address)
    return not parts.scheme and not parts.netloc and not address.startswith("//")


_BLANKS = "".join(chr(code) for code in range(0x21))


def _as_browser_reads(value: str) -> str:
    """An address as a browser reads it: entities decoded ('&#106;avascript:'), tabs and line
    breaks dropped ('java<TAB>script:'), blanks trimmed, and '\\' taken as '/' ('/\\host')."""
    address = re.sub(r"[\t\n\r]", "", html.unescape(value)).strip(_BLANKS)
    return address.replace("\\", "/")


def _unquote(value: str | None) -> str:
    if value is None:
        return ""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _short(value: str) -> str:
    return value if len(value) <= 60 else value[:57] + "..."
