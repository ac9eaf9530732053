"""Read YAML strictly: refuse duplicate keys and keep the line of every key path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import DataError

KeyPath = tuple[str | int, ...]


# Dates stay text, so pydantic reports impossible dates cleanly: without the implicit
# timestamp resolver PyYAML would raise a bare ValueError on 2026-02-30.
_NO_TIMESTAMPS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _StrictLoader(yaml.SafeLoader):
    """Pure-Python SafeLoader without timestamps: its error messages are the ones we show."""

    yaml_implicit_resolvers = _NO_TIMESTAMPS


class _FastLoader(getattr(yaml, "CSafeLoader", _StrictLoader)):  # type: ignore[misc]
    """The same loader on libyaml's parser, several times faster, for files that parse."""

    yaml_implicit_resolvers = _NO_TIMESTAMPS


def format_path(path: KeyPath) -> str:
    """Write a key path the way an editor reads it: `regimens.adults.steps[2].dose`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


class YamlDocument:
    """A parsed YAML file with the line number of each key path."""

    def __init__(self, text: str, label: str, line_offset: int = 0) -> None:
        self.label = label
        self.line_offset = line_offset
        self.lines: dict[KeyPath, int] = {}
        self._constructor = yaml.constructor.SafeConstructor()
        try:
            node = yaml.compose(text, Loader=_FastLoader)
        except yaml.YAMLError:
            node = self._compose_for_message(text)
        if node is None:
            raise DataError(self.label, "the file is empty")
        self.data: Any = self._build(node, ())

    @classmethod
    def from_file(cls, path: Path, label: str | None = None) -> YamlDocument:
        """Read and parse a YAML file; `label` is the name used in messages."""
        name = label or path.as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DataError(name, f"cannot read the file ({exc})") from None
        return cls(text, name)

    def place(self, path: KeyPath) -> str:
        """Return `file:line: key.path` for the deepest known part of `path`."""
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.lines:
                return f"{self.label}:{self.lines[path[:cut]]}: {format_path(path)}"
        return f"{self.label}: {format_path(path)}"

    def _compose_for_message(self, text: str) -> yaml.Node | None:
        """Parse again with the pure-Python parser after libyaml refused the text: its
        syntax messages are plainer. Should it accept what libyaml refused, its result is
        used."""
        try:
            return yaml.compose(text, Loader=_StrictLoader)
        except yaml.YAMLError as exc:
            raise DataError(self._yaml_place(exc), _yaml_problem(exc)) from exc

    def _yaml_place(self, exc: yaml.YAMLError) -> str:
        mark = getattr(exc, "problem_mark", None)
        if mark is None:
            return self.label
        return f"{self.label}:{mark.line + 1 + self.line_offset}"

    def _build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.lines.setdefault(path, node.start_mark.line + 1 + self.line_offset)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self._scalar(key_node)
                if key in result:
                    line = key_node.start_mark.line + 1 + self.line_offset
                    raise DataError(
                        f"{self.label}:{line}: {format_path((*path, key))}",
                        f"duplicate key '{key}' (first given on line {self.lines[(*path, key)]})",
                    )
                self.lines[(*path, key)] = key_node.start_mark.line + 1 + self.line_offset
                result[key] = self._build(value_node, (*path, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self._build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            line = node.start_mark.line + 1 + self.line_offset
            raise DataError(f"{self.label}:{line}", "a key must be plain text")
        return self._constructor.construct_object(node)


def _yaml_problem(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or "not valid YAML"
    return f"YAML syntax error: {problem}"
