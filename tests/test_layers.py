"""The engine's layers: each may import only the layers below it, and only the MkDocs glue
imports MkDocs. A test walks every module's imports, so a wrong import fails here."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

PACKAGE = ROOT / "scripts" / "medsite"

# Each layer and the layers it may import (besides itself). Order is the data flow:
# base -> data -> render -> content -> publish -> project -> cli -> mkdocs glue.
LAYERS: dict[str, set[str]] = {
    "base": set(),
    "data": {"base"},
    "render": {"base", "data"},
    "content": {"base", "data", "render"},
    "publish": {"base", "data", "render", "content"},
    "project": {"base", "data", "render", "content"},
    "cli": {"base", "data", "render", "content", "publish", "project"},
    "mkdocs": {"base", "data", "render", "content", "publish", "project", "cli"},
}
BASE_MODULES = {"problems", "settings", "files", "dates", "urls", "__init__"}
THIRD_PARTY_GLUE_ONLY = ("mkdocs", "material")


def layer_of(module: str) -> str:
    """The layer of a module of the package: 'medsite.render.tables' -> 'render'."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in BASE_MODULES:
        return "base"
    if parts[1] == "__main__":  # `python -m medsite`: the command line
        return "cli"
    return parts[1]


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    return ".".join(relative.parts)


def imports_of(path: Path) -> list[str]:
    """Every module `path` imports, relative imports made absolute."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                stem = ".".join([*base, node.module] if node.module else base)
                found += [stem] if node.module else [f"{stem}.{a.name}" for a in node.names]
            elif node.module:
                found.append(node.module)
    return found


def violations(module: str, imported: list[str]) -> list[str]:
    """The imports of `module` that break the layer rules."""
    layer = layer_of(module)
    wrong = []
    for target in imported:
        top = target.split(".")[0]
        if top in THIRD_PARTY_GLUE_ONLY and layer != "mkdocs":
            wrong.append(f"{module} imports {target}: only medsite.mkdocs may import MkDocs")
        elif top == "medsite":
            other = layer_of(target)
            if other != layer and other not in LAYERS[layer]:
                wrong.append(f"{module} ({layer}) imports {target} ({other})")
    return wrong


def test_every_module_imports_only_the_layers_below_it() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found += violations(module_name(path), imports_of(path))
    assert found == []


@pytest.mark.parametrize(("module", "imported", "message"), [
    ("medsite.data.rules", ["medsite.render.values"],
     "medsite.data.rules (data) imports medsite.render.values (render)"),
    ("medsite.render.tables", ["medsite.cli.check"],
     "medsite.render.tables (render) imports medsite.cli.check (cli)"),
    ("medsite.content.pipeline", ["mkdocs.plugins"],
     "medsite.content.pipeline imports mkdocs.plugins: only medsite.mkdocs may import MkDocs"),
    ("medsite.cli.check", ["material.plugins.search"],
     "medsite.cli.check imports material.plugins.search: only medsite.mkdocs may import "
     "MkDocs"),
])
def test_a_planted_wrong_import_is_caught(module: str, imported: list[str],
                                          message: str) -> None:
    assert violations(module, imported) == [message]


def test_importing_the_whole_engine_loads_no_mkdocs() -> None:
    engine = [module_name(p) for p in sorted(PACKAGE.rglob("*.py"))
              if layer_of(module_name(p)) != "mkdocs" and p.name != "__main__.py"]
    script = ("import importlib, sys\n"
              f"for name in {engine!r}:\n    importlib.import_module(name)\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
