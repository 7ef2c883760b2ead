"""The package as a newcomer, an editor and pip see it: subpackages by capability, each saying what it
owns, imports that only go down the layers, a wheel with every data file, and both versions."""

from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from factprov import __version__, cli

from .conftest import FIXTURE_VERSION

PACKAGE = Path(__file__).resolve().parents[1] / "builders" / "factprov"
# From the bottom up; a module imports only from its own layer or the ones below. The three of
# layer 4 (contribute, exports, site) do not import one another.
LAYERS = {"base": 0, "build": 1, "bench": 2, "agreement": 3, "publish": 4, "contribute": 5, "exports": 5, "site": 5, "cli": 6}
ENTRY_POINTS = {"factprov", "factprov.__main__"}  # the package itself, and `python -m factprov`


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path) -> set[str]:
    """The factprov modules ``path`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "factprov":
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "factprov"}
    return found


GRAPH = {name: _imports(path) - {name} for name, path in MODULES.items()}


def _layer(module: str) -> tuple[int, str]:
    if module == "factprov":
        return 0, ""  # the package itself: its docstring and __version__, below every layer
    group = module.split(".")[1]
    return LAYERS[group], group


def test_every_module_is_in_a_layer_and_every_subpackage_says_what_it_owns():
    for name, path in MODULES.items():
        if name in ENTRY_POINTS:
            continue
        assert name.split(".")[1] in LAYERS, f"{name} is in no layer of the design"
        if path.name == "__init__.py":
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
            assert doc and len(doc.split()) >= 5, f"{name} has no docstring saying what it owns"


def test_imports_go_down_the_layers():
    wrong = []
    for module, imported in GRAPH.items():
        if module in ENTRY_POINTS:
            continue
        level, group = _layer(module)
        for other in imported:
            if other == "factprov.__main__":
                wrong.append((module, other))
                continue
            other_level, other_group = _layer(other)
            if other_level > level or (other_level == level == 4 and other_group != group):
                wrong.append((module, other))
    assert not wrong, "imports against the layers: " + ", ".join(f"{a} -> {b}" for a, b in sorted(wrong))


def test_the_import_graph_has_no_circle():
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            raise AssertionError("an import circle: " + " -> ".join(path[path.index(module):] + [module]))
        if module in done:
            return
        for other in sorted(GRAPH.get(module, ())):
            visit(other, path + [module])
        done.add(module)

    for module in sorted(GRAPH):
        visit(module, [])


def test_version_shows_the_software_and_the_dataset(project, capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main(["--root", str(project.root), "--version"])
    assert exited.value.code == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"factprov {__version__}" and out[1].startswith(f"dataset {FIXTURE_VERSION} (")
    assert __version__ != "unknown"


def test_a_wheel_holds_every_module_template_and_data_file(tmp_path):
    """A wheel built from the repository, as pip builds one, with nothing left out of builders/factprov/."""
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(tmp_path), str(PACKAGE.parents[1])], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    [wheel] = tmp_path.glob("factprov-*.whl")
    assert wheel.name.startswith(f"factprov-{__version__}-")
    held = set(zipfile.ZipFile(wheel).namelist())
    tracked = subprocess.run(["git", "ls-files", "--", "."], cwd=PACKAGE, capture_output=True, text=True)
    files = [line for line in tracked.stdout.splitlines() if line] if tracked.returncode == 0 else \
        [p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    missing = sorted(f"factprov/{f}" for f in files if f"factprov/{f}" not in held)
    assert not missing, f"the wheel lacks {missing}"
    assert not any(name.startswith(("builders/", "tests/", "seeds/", "dataset/")) for name in held)
