"""Read YAML strictly and safely, keeping the line of every key path.

The data file and each page's front matter arrive as pull requests, so the reader refuses
what could stall a build or reach Python: aliases (an alias bomb grows without end), tags
other than plain data (`!!python/...`), nesting deeper than `MAX_DEPTH`, numbers longer
than `MAX_NUMBER_LENGTH` characters, and more than one document. libyaml composes the node
tree (an alias is one shared node, so nothing grows), and the walk that builds the values
refuses each of these at its line before building anything from it.

ruamel.yaml could keep lines too, but loads this site's data file about ten times slower;
the build has no time to spare.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from ..problems import Problem

KeyPath = tuple[str | int, ...]

MAX_DEPTH = 12
MAX_NUMBER_LENGTH = 30
MAX_TEXT_LENGTH = 2_000_000

# Dates stay text, so pydantic reports impossible dates cleanly: without the implicit
# timestamp resolver PyYAML would raise a bare ValueError on 2026-02-30.
_NO_TIMESTAMPS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
# The tags plain data resolves to; any other (`!!python/...`, `!custom`, `!!binary`) is refused.
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in
               ("str", "int", "float", "bool", "null", "seq", "map")}


class _PureLoader(yaml.SafeLoader):
    """Pure-Python SafeLoader without timestamps: its syntax messages are the ones we show."""

    yaml_implicit_resolvers = _NO_TIMESTAMPS


class _FastLoader(getattr(yaml, "CSafeLoader", _PureLoader)):  # type: ignore[misc]
    """The same loader on libyaml's parser, several times faster, for text that parses."""

    yaml_implicit_resolvers = _NO_TIMESTAMPS


def format_path(path: KeyPath) -> str:
    """Write a key path the way an editor reads it: `regimens.adults.steps[2].dose`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def parse_path(text: str) -> KeyPath:
    """Read a key path as an editor writes it: `regimens.adults.steps[2].dose`."""
    parts: list[str | int] = []
    for piece in text.replace("[", ".[").split("."):
        if piece.startswith("[") and piece.endswith("]") and piece[1:-1].isdigit():
            parts.append(int(piece[1:-1]))
        elif piece:
            parts.append(piece)
    return tuple(parts)


class YamlRefused(Exception):
    """The text is not YAML this site accepts; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class YamlDocument:
    """A parsed YAML text: its value and the line number of each key path."""

    label: str
    data: Any
    lines: dict[KeyPath, int]

    def line_of(self, path: KeyPath) -> int | None:
        """The line of the deepest known part of `path`."""
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.lines:
                return self.lines[path[:cut]]
        return None

    def problem(self, path: KeyPath, message: str) -> Problem:
        """A problem at `path`, placed at its line."""
        return Problem(self.label, self.line_of(path), format_path(path) or None, message)


def parse_yaml(text: str, label: str, line_offset: int = 0) -> YamlDocument:
    """Parse `text`; raise `YamlRefused` with one problem if it is not acceptable YAML."""
    reader = _Reader(text, label, line_offset)
    return YamlDocument(label, reader.read(), reader.lines)


class _Reader:
    def __init__(self, text: str, label: str, line_offset: int) -> None:
        self.text = text
        self.label = label
        self.offset = line_offset
        self.lines: dict[KeyPath, int] = {}
        self.constructor = yaml.constructor.SafeConstructor()

    def refuse(self, line: int | None, message: str) -> YamlRefused:
        return YamlRefused(Problem(self.label, line, None, message))

    def line(self, mark: Any) -> int:
        return int(mark.line) + 1 + self.offset

    def read(self) -> Any:
        if len(self.text) > MAX_TEXT_LENGTH:
            raise self.refuse(None, f"the file is too large ({len(self.text):,} characters)")
        try:
            node = yaml.compose(self.text, Loader=_FastLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            if "maximum nesting depth" in (getattr(exc, "problem", None) or ""):
                raise self.refuse(self.line(mark) if mark else None,
                                  f"nested more than {MAX_DEPTH} levels deep") from None
            node = self._compose_for_message()
        if node is None:
            raise self.refuse(None, "the file is empty")
        return self._build(node, (), set())

    def _compose_for_message(self) -> Any:
        """Parse again in pure Python after libyaml refused the text: its syntax messages are
        plainer. Should it accept what libyaml refused, its result is used."""
        try:
            return yaml.compose(self.text, Loader=_PureLoader)
        except RecursionError:
            raise self.refuse(1 + self.offset, f"nested more than {MAX_DEPTH} levels deep") \
                from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = self.line(mark) if mark is not None else None
            raise self.refuse(line, _syntax_message(exc, self.text, mark)) from None

    def _build(self, node: yaml.Node, path: KeyPath, seen: set[int]) -> Any:
        """Build the value of `node`, refusing what could stall or reach Python on the way:
        a node met twice is an alias (an alias bomb is refused at its first repeat, before
        anything grows), a tag that is not plain data, nesting past `MAX_DEPTH`, a number
        too long to read."""
        line = self.line(node.start_mark)
        if id(node) in seen:
            raise self.refuse(line, "YAML anchors and aliases ('&' and '*') are not allowed; "
                                    "write the value out in full")
        seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            raise self.refuse(line, f"YAML tags such as '{node.tag}' are not allowed; write a "
                                    "plain value")
        if len(path) > MAX_DEPTH:
            raise self.refuse(line, f"nested more than {MAX_DEPTH} levels deep")
        self.lines.setdefault(path, line)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self._key(key_node)
                if key in result:
                    raise YamlRefused(Problem(
                        self.label, self.line(key_node.start_mark), format_path((*path, key)),
                        f"duplicate key '{key}' (first given on line {self.lines[(*path, key)]})",
                    ))
                self.lines[(*path, key)] = self.line(key_node.start_mark)
                result[key] = self._build(value_node, (*path, key), seen)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self._build(item, (*path, i), seen) for i, item in enumerate(node.value)]
        if node.tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_LENGTH:
            raise self.refuse(line, f"a number of {len(node.value)} characters is too long; "
                                    f"numbers here have at most {MAX_NUMBER_LENGTH}")
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        # The plain tag's own constructor, without construct_object's bookkeeping (kept for
        # anchors and recursion, which `_build` has already refused).
        constructor = self.constructor.yaml_constructors[node.tag]
        return constructor(self.constructor, node)

    def _key(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise self.refuse(self.line(node.start_mark), "a key must be plain text")
        if node.tag not in _PLAIN_TAGS:
            raise self.refuse(self.line(node.start_mark), f"YAML tags such as '{node.tag}' "
                                                          "are not allowed; write a plain value")
        key = self._scalar(node)
        if not isinstance(key, str | int):
            return str(key)
        return key


_INDENT_PROBLEMS = (
    "mapping values are not allowed here",
    "did not find expected key",
    "did not find expected '-' indicator",
    "expected <block end>",
    "found character '\\t'",
)


def _syntax_message(exc: yaml.YAMLError, text: str, mark: Any) -> str:
    """A syntax error in words: for a slip of indentation, a tab or an unquoted colon, what
    to do; otherwise the parser's own words."""
    problem = getattr(exc, "problem", None) or "not valid YAML"
    if "maximum nesting depth" in problem:
        return f"nested more than {MAX_DEPTH} levels deep"
    if "another document" in problem or "single document" in problem:
        return "more than one YAML document ('---'); keep one"
    if mark is None or not any(problem.startswith(p) for p in _INDENT_PROBLEMS):
        return f"YAML syntax error: {problem}"
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    if "\t" in problem or "\t" in line[: _indent(line) + 1]:
        return "YAML syntax error: a tab indents this line; indent with spaces"
    if problem.startswith("mapping values") and _unquoted_colon(line):
        return ("YAML syntax error: a value that contains ': ' must be in double quotes "
                "(or check the indentation of this line against the line above)")
    return "YAML syntax error: check the indentation of this line against the line above"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


_KEY_VALUE_COLON = re.compile(r"^\s*(?:- )?[\w-]+:\s+\S[^#]*?:\s")


def _unquoted_colon(line: str) -> bool:
    """Whether a line reads `key: text: more`, a colon inside an unquoted value."""
    return bool(_KEY_VALUE_COLON.match(line)) and '"' not in line and "'" not in line
