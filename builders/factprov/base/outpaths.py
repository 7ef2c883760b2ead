"""Where a command may write its output: never into the checkout's inputs, dataset or source, never
over a file the checkout tracks, and never over the folder a command runs in.

``extract -o``, ``export -o``, ``site -o`` and ``publish --dry-run`` ask here first, so that a
mistyped path cannot replace annotations, gold data or the repository itself.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from factprov.base.project import Project

PROTECTED = ("dataset", "seeds", "schema", "builders", "tests", ".git")  # folders of the checkout


def _inside_protected(project: Project, resolved: Path) -> str | None:
    root = project.root.resolve()
    for name in PROTECTED:
        folder = (root / name).resolve()
        if resolved == folder or resolved.is_relative_to(folder):
            return f"is inside {name}/ of the checkout, which factprov reads or builds; write it elsewhere"
    return None


def _tracked(project: Project, resolved: Path) -> bool:
    """Whether git tracks ``resolved`` in the checkout (``False`` where git cannot say)."""
    from factprov.base.git import GitError, git

    if not resolved.is_relative_to(project.root.resolve()):
        return False
    try:
        git(project, "ls-files", "--error-unmatch", "--", str(resolved))
    except GitError:
        return False
    return True


def check_file(project: Project, path: Path, flag: str = "-o") -> str | None:
    """Why ``path`` cannot take an output file, or ``None``."""
    where = f"{flag} {path}"
    try:
        mode = os.stat(path).st_mode if os.path.lexists(path) else None
    except OSError as exc:
        return f"{where}: cannot be checked ({exc.strerror})"
    if mode is not None and stat.S_ISDIR(mode):
        return f"{where}: is a folder; give a file name, e.g. {path / 'output.json'}"
    if mode is not None and not stat.S_ISREG(mode):
        return f"{where}: exists and is not a regular file (a pipe, device or socket)"
    resolved = path.resolve()
    if (why := _inside_protected(project, resolved)) is not None:
        return f"{where}: {why}"
    if mode is not None and _tracked(project, resolved):
        return f"{where}: is a file of the checkout (tracked by git); write the output elsewhere"
    return None


def check_folder(project: Project, path: Path, flag: str = "-o") -> str | None:
    """Why ``path`` cannot be replaced by an output folder, or ``None``."""
    where = f"{flag} {path}"
    resolved = path.resolve()
    if (why := _inside_protected(project, resolved)) is not None:
        return f"{where}: {why}"
    for name, folder in (("the working folder", Path.cwd().resolve()), ("the checkout", project.root.resolve())):
        if folder == resolved or folder.is_relative_to(resolved):
            return f"{where}: holds {name}, which replacing it would remove; give a new folder"
    return None
