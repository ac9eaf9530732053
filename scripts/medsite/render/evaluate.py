"""Evaluate a page's `{{ ... }}` references: data names, their attributes, page functions.

This is not a template language. An expression is parsed by Jinja2's parser (in its
sandboxed environment) and then walked here, allowing only: a name from the registry,
`.attribute` and `[index]` on data values (only the attributes the registry lists), and a
call to a page function with data values or quoted words as arguments. Nothing else runs:
no Python attribute, no filter, no operator, no `{% %}` statement, no number or text typed
between the brackets. What an expression gives is emitted as a token (see `markers`).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from .context import PageContext
from .markers import renumber_tokens
from .registry import FUNCTIONS, NAMES, PAGE_ATTRIBUTES, Inline, attributes_of, top_names
from .sources_page import MarkdownText
from .values import DataError, Group, RegimenView

_PARSER = ImmutableSandboxedEnvironment()
# The longest reference a page needs is a forms_table() with every kind: under 120.
MAX_REFERENCE_LENGTH = 300
_FUNCTIONS = {f.name: f for f in FUNCTIONS}


class ReferenceProblem(Exception):
    """A reference cannot be shown; the message says why, in an editor's words."""


@dataclass(frozen=True)
class Reference:
    """One parsed `{{ ... }}`: its text and its expression."""

    source: str
    expression: nodes.Expr

    @property
    def is_block(self) -> bool:
        """Whether it makes block HTML (a table, card or chart) that stands on its own line."""
        node = self.expression
        return isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and \
            node.node.name in _FUNCTIONS and _FUNCTIONS[node.node.name].block

    @property
    def top_name(self) -> str | None:
        """The registry name the expression starts from."""
        node = self.expression
        while isinstance(node, nodes.Getattr | nodes.Getitem | nodes.Call):
            node = node.node
        return node.name if isinstance(node, nodes.Name) else None


@lru_cache(maxsize=4096)
def parse_reference(source: str) -> Reference:
    """Parse the text between `{{` and `}}`; raise `ReferenceProblem` if it is not allowed."""
    if len(source) > MAX_REFERENCE_LENGTH:
        raise ReferenceProblem(f"{len(source):,} characters between {{{{ and }}}}; a reference "
                               f"is one data name (at most {MAX_REFERENCE_LENGTH}), so check "
                               "that each '{{' is closed by its own '}}'")
    try:
        template = _PARSER.parse("{{" + source + "}}")
    except TemplateSyntaxError as exc:
        raise ReferenceProblem(f"template syntax error: {exc.message}") from None
    except RecursionError:  # '((((...' or '{ { {...': Jinja's parser recurses per level
        raise ReferenceProblem("brackets nested too deeply between {{ and }}; write one "
                               "data name") from None
    body = template.body
    if len(body) != 1 or not isinstance(body[0], nodes.Output) or len(body[0].nodes) != 1:
        raise ReferenceProblem("put one data name between {{ and }}")
    expression = body[0].nodes[0]
    _check(expression, as_argument=False)
    return Reference(source.strip(), expression)


def _check(node: nodes.Node, *, as_argument: bool) -> None:
    """Refuse every kind of expression but names, attributes, indexes and page functions."""
    if isinstance(node, nodes.Name):
        return
    if isinstance(node, nodes.Getattr):
        _check(node.node, as_argument=False)
        return
    if isinstance(node, nodes.Getitem):
        _check(node.node, as_argument=False)
        if not (isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, int | str)):
            raise ReferenceProblem("an index in [ ] must be a whole number, e.g. "
                                   "titration_steps[0]")
        return
    if isinstance(node, nodes.Call):
        if not isinstance(node.node, nodes.Name) or node.node.name not in _FUNCTIONS:
            raise ReferenceProblem("only the page functions can be called: "
                                   + ", ".join(sorted(_FUNCTIONS)))
        if node.kwargs or node.dyn_args or node.dyn_kwargs:
            raise ReferenceProblem(f"{node.node.name}(...) takes its arguments in order, "
                                   "without names")
        for argument in node.args:
            _check(argument, as_argument=True)
        return
    if isinstance(node, nodes.Const) and as_argument and isinstance(node.value, str):
        return
    raise ReferenceProblem(_refusal(node))


def _refusal(node: nodes.Node) -> str:
    if isinstance(node, nodes.Const):
        return ("only data names can go between {{ and }}, not typed text or numbers; take "
                "the value from the data file")
    if isinstance(node, nodes.Filter):
        return "filters (|) are not allowed between {{ and }}"
    return ("only a data name, its attributes and the page functions can go between {{ and }} "
            f"(found {type(node).__name__.lower()})")


def evaluate(reference: Reference, ctx: PageContext) -> str:
    """The Markdown that stands for a reference: tokens for its HTML.

    With a cache, a reference already made for a page at the same depth is reused: the same
    values give the same HTML (marks number values site-wide), so only its tokens are
    renumbered for this page.
    """
    out = ctx.output
    key = (reference.source, ctx.sources_href)
    cached = ctx.cache.get(key) if ctx.cache is not None else None
    if cached is not None:
        text, first, fragments, ids = cached
        if ctx.claim(ids):
            now = len(out.fragments)
            for fragment in fragments:
                out.add(fragment)
            return renumber_tokens(text, first, now)
    first, before = len(out.fragments), ctx.taken()
    result, path = _evaluate(reference.expression, ctx)
    text = _emit(result, path, ctx)
    if ctx.cache is not None:
        ctx.cache[key] = (text, first, tuple(out.fragments[first:]), ctx.ids_since(before))
    return text


def _evaluate(node: nodes.Node, ctx: PageContext) -> tuple[Any, str]:
    if isinstance(node, nodes.Name):
        names = top_names(ctx.values, ctx.settings.edition)
        if node.name not in names:
            if node.name in _FUNCTIONS:
                raise ReferenceProblem(f"{node.name} is a page function; write "
                                       f"{_FUNCTIONS[node.name].example.strip('{} ')}")
            raise ReferenceProblem(_unknown(node.name, "", list(NAMES)))
        return names[node.name], node.name
    if isinstance(node, nodes.Getattr):
        owner, path = _evaluate(node.node, ctx)
        return _attribute(owner, node.attr, path, ctx)
    if isinstance(node, nodes.Getitem):
        owner, path = _evaluate(node.node, ctx)
        assert isinstance(node.arg, nodes.Const)
        key = node.arg.value
        if isinstance(key, str):
            return _attribute(owner, key, path, ctx)
        return _index(owner, key, path)
    if isinstance(node, nodes.Call):
        assert isinstance(node.node, nodes.Name)
        function = _FUNCTIONS[node.node.name]
        arguments = [a.value if isinstance(a, nodes.Const) else _evaluate(a, ctx)[0]
                     for a in node.args]
        assert function.function is not None
        _check_arguments(function.name, function.takes, arguments)
        try:
            return function.function(ctx, *arguments), function.name
        except KeyError as exc:
            raise ReferenceProblem(_unknown_key(function.name, str(exc.args[0]), ctx)) from None
        except DataError as exc:
            raise ReferenceProblem(str(exc)) from None
    raise ReferenceProblem(_refusal(node))


def _attribute(owner: Any, name: str, path: str, ctx: PageContext) -> tuple[Any, str]:
    child = f"{path}.{name}"
    if isinstance(owner, Group):
        if name not in owner:
            raise ReferenceProblem(_unknown(name, owner.path, list(owner)))
        return owner[name], child
    page_attribute = PAGE_ATTRIBUTES.get((type(owner), name))
    if page_attribute is not None:
        return page_attribute(ctx, owner), child
    allowed = attributes_of(owner)
    if name not in allowed:
        raise ReferenceProblem(_unknown(name, path, list(allowed)))
    try:
        value = getattr(owner, name)
    except DataError as exc:
        raise ReferenceProblem(str(exc)) from None
    if value is None:
        raise ReferenceProblem(f"'{child}' is not given in the data file")
    return value, child


def _index(owner: Any, index: int, path: str) -> tuple[Any, str]:
    if not isinstance(owner, tuple):
        raise ReferenceProblem(f"'{path}' is not a list; [{index}] cannot pick from it")
    if not 0 <= index < len(owner):
        raise ReferenceProblem(f"'{path}' has {len(owner)} entries; [{index}] is past the last "
                               "(counting starts at 0)")
    return owner[index], f"{path}[{index}]"


def _emit(result: Any, path: str, ctx: PageContext) -> str:
    out = ctx.output
    if isinstance(result, tuple) and result and isinstance(result[-1], Inline):
        return "".join(_emit(part, path, ctx) for part in result)
    if isinstance(result, Inline):
        return out.token(result.html, block=False, plain=result.plain)
    if isinstance(result, MarkdownText):
        return str(result)
    if isinstance(result, Markup):
        return out.token(result, block=True)
    if isinstance(result, Group):
        example = next(iter(result), "key")
        raise ReferenceProblem(f"'{path}' is a group; name one of its entries, e.g. "
                               f"{result.path}.{example}")
    if isinstance(result, tuple):
        raise ReferenceProblem(f"'{path}' is a list; pick one entry, e.g. {path}[0]")
    if hasattr(result, "text"):
        words = result.text()
        inputs = getattr(result, "inputs", ())
        value_path = getattr(result, "path", path)
        return out.token(out.mark(words, value_path, inputs), block=False, plain=words)
    if isinstance(result, str | int):
        words = str(result)
        return out.token(out.mark(words, path, (path,)), block=False, plain=words)
    raise ReferenceProblem(f"'{path}' cannot be shown on a page")


def _unknown(name: str, where: str, known: Sequence[str]) -> str:
    place = f" in '{where}'" if where else ""
    hint = difflib.get_close_matches(name, list(known), n=1)
    if hint:
        return f"unknown data name '{name}'{place} (did you mean '{hint[0]}'?)"
    if not known:
        return f"unknown data name '{name}'{place}; it has no entries a page can use"
    listed = ", ".join(sorted(known)[:20])
    return f"unknown data name '{name}'{place}; use one of: {listed}"


def _unknown_key(function: str, key: str, ctx: PageContext) -> str:
    if function == "help_card":
        return _unknown(key, "help_cards", list(ctx.values.help_cards)).replace(
            "data name", "help card")
    return f"{function}: unknown key '{key}'"


_ARGUMENT_TYPES: dict[str, type | tuple[type, ...]] = {
    "regimen": RegimenView, "card key": str, "form kind": str, "value": object,
}


def _check_arguments(function: str, takes: tuple[str, ...], arguments: list[Any]) -> None:
    """Refuse a call whose arguments are not what the function takes, before it runs."""
    variadic = bool(takes) and takes[-1] == "..."
    kinds = takes[:-1] if variadic else takes
    count_ok = len(arguments) >= len(kinds) if variadic else len(arguments) == len(kinds)
    example = _FUNCTIONS[function].example
    if not count_ok and not (variadic and not arguments):
        raise ReferenceProblem(f"{function}(...) takes {_count(kinds, variadic)}; write it like "
                               f"{example}")
    for index, argument in enumerate(arguments):
        kind = kinds[min(index, len(kinds) - 1)]
        if not isinstance(argument, _ARGUMENT_TYPES[kind]):
            raise ReferenceProblem(f"{function}(...) needs a {kind} here; write it like "
                                   f"{example}")


def _count(kinds: tuple[str, ...], variadic: bool) -> str:
    if not kinds:
        return "no arguments"
    words = " and ".join(f"a {kind}" for kind in kinds)
    return words + (" or more" if variadic else "")
