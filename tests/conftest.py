"""Shared fixtures: the live repository (for invariants only) and throw-away copies of the
fixture corpus (for behaviour).

Behaviour is tested on ``tests/fixtures/corpus``, a frozen copy of the first two seed
articles, built once per test session and copied for each test. The live ``seeds/`` and
``dataset/`` are checked only for what any valid corpus keeps, so that adding an article
never requires a change under tests/.
"""

from __future__ import annotations

import os

# Tests never touch the network: datasets and the Hub client work offline.
os.environ["HF_DATASETS_OFFLINE"] = "1"
os.environ["HF_HUB_OFFLINE"] = "1"

import atexit  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from factprov.base.project import Project  # noqa: E402
from factprov.publish import dataset

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "corpus"
# The live seed folders: tests that walk them check invariants of every folder.
SEED_IDS = sorted(p.name for p in (ROOT / "seeds").iterdir() if p.is_dir() and not p.name.startswith("."))
# The fixture corpus's articles, which behaviour tests name.
A0 = "000_b3587dce40a2b0e3"
A1 = "001_3efa282232337d19"
FIXTURE_VERSION = "0.1.0"

_built: Path | None = None


def _fixture_build() -> Path:
    """The fixture corpus with the live schemas, built once per process."""
    global _built
    if _built is None:

        folder = Path(tempfile.mkdtemp(prefix="factprov-fixture-"))
        atexit.register(shutil.rmtree, folder, True)
        root = folder / "repo"
        shutil.copytree(FIXTURE, root)
        shutil.copytree(ROOT / "schema", root / "schema")
        dataset.build(Project(root), progress=None, workers=1)
        _built = root
    return _built


@pytest.fixture(scope="session")
def repo() -> Project:
    """The live checkout: assert only invariants that hold for any valid corpus."""
    return Project(ROOT)


def pytest_collection_modifyitems(items: list) -> None:
    """A test of the live checkout (it uses the ``repo`` fixture, or its module says so) is marked
    ``corpus``: these are what a contribution can break, and what the simulated contribution runs."""
    for item in items:
        if "repo" in item.fixturenames:
            item.add_marker(pytest.mark.corpus)


def copy_checkout(root: Path) -> Project:
    """A copy of the built fixture corpus at ``root``: seeds, schemas, dataset/, CHANGELOG.md and CITATION.cff."""
    shutil.copytree(_fixture_build(), root, symlinks=True)
    return Project(root)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A built copy of the fixture corpus, safe to edit."""
    return copy_checkout(tmp_path / "repo")


def replace_in(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace ``old`` in a file (it must be there); return the 1-based line where it stood."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def git(project: Project, *args: str) -> str:
    """Run git in a test checkout, as a throw-away committer; its output."""
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=project.root,
                          check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo_project(project: Project) -> Project:
    """The fixture corpus committed as the branch ``main`` of a fresh git repository."""
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "base")
    return project
