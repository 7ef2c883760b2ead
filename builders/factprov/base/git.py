"""git, as factprov asks it: a ref checked, the paths changed since it, a file as it was there, and the
seed folders a partial run checks again (``--changed-since REF``)."""

from __future__ import annotations

import os
import subprocess

from factprov.base.project import Project


class GitError(Exception):
    """git is missing, the folder is no repository, or the ref does not exist."""


def git(project: Project, *args: str, ok: tuple[int, ...] = (0,)) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=project.root, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if done.returncode not in ok:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return done.stdout


def verify_ref(project: Project, ref: str) -> None:
    if ref.startswith("-"):
        raise GitError(f"{ref!r} is not a git ref")
    git(project, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")


def changed_paths(project: Project, ref: str) -> list[str]:
    """Paths under seeds/ and schema/ that differ between ``ref`` and the working tree, untracked ones too."""
    verify_ref(project, ref)
    tracked = git(project, "diff", "--name-only", "--no-renames", "-z", ref, "--", "seeds", "schema")
    untracked = git(project, "ls-files", "--others", "--exclude-standard", "-z", "--", "seeds", "schema")
    # Paths are bytes; one that is not UTF-8 keeps its bytes as the file system does (os.fsdecode).
    return sorted({os.fsdecode(p) for p in (tracked + untracked).split(b"\0") if p})


def changed_scope(project: Project, ref: str) -> tuple[set[str] | None, str]:
    """The seed folders to check after changes since ``ref``: changed ones and those referring to them.

    ``None`` means every folder (the sources registry or a schema changed).
    """
    changed: set[str] = set()
    for path in changed_paths(project, ref):
        parts = path.split("/")
        if parts[0] == "schema" or path == "seeds/sources.yaml":
            return None, f"{path} changed, so every article is checked"
        if parts[0] == "seeds" and len(parts) > 2:
            changed.add(parts[1])
    referring: set[str] = set()
    if changed:
        # Which statements.yaml files name a statement of a changed article: git grep reads them in C.
        patterns = [arg for name in sorted(changed) for arg in ("-e", f"{name}/")]
        found = git(project, "grep", "--untracked", "-l", "-z", "-F", *patterns, "--", "seeds/*/statements.yaml",
                    "seeds/*/annotators/*.yaml", ok=(0, 1))  # 1: no file names them
        for path in map(os.fsdecode, found.split(b"\0")):
            parts = path.split("/")
            if len(parts) in (3, 4) and parts[1] not in changed:
                referring.add(parts[1])
    reason = f"{len(changed)} changed since {ref}, {len(referring)} referring to them"
    return changed | referring, reason


def show(project: Project, ref: str, path: str) -> bytes | None:
    """A file as it is at ``ref``, or ``None`` where it did not exist."""
    try:
        return git(project, "show", f"{ref}:{path}")
    except GitError:
        return None


