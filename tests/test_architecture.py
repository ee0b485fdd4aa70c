"""The layout holds: areas meet only through their package API, no import cycles, every
table says how it travels. (import-linter checks the layers themselves in CI.)"""

import importlib
import pkgutil

import grimp
import pytest

import tambon_desk
from tambon_desk.db.models import ALL_MODELS

AREAS = (
    "registry",
    "accounts",
    "water",
    "plan",
    "exchange",
    "farming",
    "land",
    "geo",
    "maps",
    "province",
)


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("tambon_desk")


def _area(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in AREAS else None


def test_an_area_uses_another_only_through_its_package(graph):
    bad = []
    for importer in graph.modules:
        a = _area(importer)
        if a is None:
            continue
        for imported in graph.find_modules_directly_imported_by(importer):
            b = _area(imported)
            if b is not None and b != a and imported != f"tambon_desk.{b}":
                bad.append(f"{importer} -> {imported}")
    assert not bad, "import the area package instead of its sub-module:\n" + "\n".join(bad)


def test_no_import_cycles(graph):
    """Cycles hidden by function-local imports count too: grimp sees those imports."""
    index, low, stack, on, cycles = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.find_modules_directly_imported_by(v):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for m in sorted(graph.modules):
        if m not in index:
            visit(m)
    assert not cycles, cycles


def test_every_area_lists_its_api():
    for area in AREAS:
        try:
            pkg = importlib.import_module(f"tambon_desk.{area}")
        except ModuleNotFoundError:
            continue
        assert pkg.__doc__, area
        assert pkg.__all__, area
        missing = [n for n in pkg.__all__ if not hasattr(pkg, n)]
        assert not missing, (area, missing)


def test_every_model_declares_how_it_travels():
    """No default in BaseModel.Meta: a table that does not say cannot travel by accident."""
    from tambon_desk.db.base import BaseModel

    assert not hasattr(BaseModel._meta, "exchange")
    undeclared = [
        m.__name__
        for m in ALL_MODELS
        if getattr(m._meta, "exchange", None) not in ("merge", "local")
    ]
    assert not undeclared


def test_every_module_imports_on_its_own():
    """Each module imports cleanly as the first one of a process would (no hidden order)."""
    names = [
        m.name
        for m in pkgutil.walk_packages(tambon_desk.__path__, "tambon_desk.")
        if "_resources" not in m.name and m.name != "tambon_desk.__main__"
    ]
    assert len(names) > 50
    code = "import importlib, sys\nfor n in sys.argv[1:]:\n    importlib.import_module(n)\n"
    import subprocess
    import sys

    # one process per area keeps this quick and still catches order-dependent imports
    groups: dict[str, list[str]] = {}
    for n in names:
        groups.setdefault(n.split(".")[1], []).append(n)
    for group in groups.values():
        r = subprocess.run(
            [sys.executable, "-c", code, *group],
            capture_output=True,
            text=True,
            env={**__import__("os").environ, "DISPLAY": ""},
        )
        assert r.returncode == 0, r.stderr[-2000:]
