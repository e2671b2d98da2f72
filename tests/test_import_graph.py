"""No import cycle among regionkit's modules, counting imports inside functions (and ``TYPE_CHECKING`` blocks).

The graph is read from the source with :mod:`ast`: every ``import`` / ``from ... import`` of a
``regionkit`` module anywhere in a file is an edge. ``from regionkit import x`` is an edge to the
submodule ``regionkit.x`` when there is one, else to the package. The package's own lazy table
(``regionkit/__init__.py``: ``_LAZY`` and ``_SUBMODULES``) counts as imports too, so a step module
that does ``import regionkit as rk`` closes a cycle: step modules import each other directly.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "regionkit"


def _modules() -> dict[str, Path]:
    out = {}
    for path in PKG.rglob("*.py"):
        parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    parent, _, leaf = name.rpartition(".")
    if parent in modules and any((PKG.parent / parent.replace(".", "/")).glob(f"{leaf}.pyx")):
        return None  # a compiled extension (regionkit._kernel): imports nothing of the package
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> dict[str, set[str]]:
    """``{module: set of regionkit modules it imports}`` (anywhere in the file)."""
    modules = _modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for mod, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                targets = []
                for a in node.names:
                    full = f"{base}.{a.name}"
                    if full in modules:
                        targets.append(full)
                    elif not any((PKG.parent / base.replace(".", "/")).glob(f"{a.name}.pyx")):
                        targets.append(base)  # a name defined in the module `base` (or a package attribute)
            elif isinstance(node, ast.Assign) and mod == "regionkit" and isinstance(node.value, (ast.Dict, ast.Set)):
                # the lazy table: {"name": "regionkit.module"} and {"plot", "dask", ...}
                for const in ast.walk(node.value):
                    if isinstance(const, ast.Constant) and isinstance(const.value, str):
                        value = const.value if const.value.startswith("regionkit") else f"regionkit.{const.value}"
                        targets.append(value)
            for t in targets:
                hit = _resolve(t, modules) if t.startswith("regionkit") else None
                if hit and hit != mod:
                    graph[mod].add(hit)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first == last), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_graph_sees_function_level_imports():
    graph = import_graph()
    assert "regionkit.gazetteer" in graph["regionkit.normalize"]
    assert "regionkit.extract" in graph["regionkit.dask"]  # imported inside a function there
    assert len(graph) > 30


def test_the_scan_modules_sit_below_extract():
    """The batched scan and its compiled driver use the per-article primitives from below (regionkit._match)."""
    graph = import_graph()
    for low in ("regionkit._scan", "regionkit._scan_kernel", "regionkit._scan_tables", "regionkit._match"):
        assert "regionkit.extract" not in graph[low], low
    assert "regionkit._scan" not in graph["regionkit._scan_kernel"]
    assert "regionkit._match" in graph["regionkit._scan_tables"]


def test_find_cycle_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_among_the_packages_modules():
    graph = import_graph()
    cycles = []
    while (cycle := find_cycle(graph)) is not None:  # list them all: remove one edge per cycle found
        cycles.append(" -> ".join(cycle))
        graph[cycle[-2]].discard(cycle[-1])
    if cycles:
        pytest.fail(f"{len(cycles)} import cycle(s):\n" + "\n".join(cycles))
