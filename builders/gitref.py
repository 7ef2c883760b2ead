"""What changed since a git ref: the seed folders to check again, and whether the version moved with the data.

Used by ``factprov validate --changed-since REF`` (incremental checking of a pull
request) and ``--base REF`` (the version and CHANGELOG.md follow a change of dataset/).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from pathlib import Path

from .corpus import statement_key
from .project import FRONT_MATTER, Project, ProjectError, parse_card_version
from .report import Issue, Report
from .schemas import OUTPUT_SCHEMAS, Schemas
from .yamlio import YamlError, decode_utf8, read_limited

STEPS = ("major", "minor", "patch")


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
                    ok=(0, 1))  # 1: no file names them
        for path in map(os.fsdecode, found.split(b"\0")):
            parts = path.split("/")
            if len(parts) == 3 and parts[1] not in changed:
                referring.add(parts[1])
    reason = f"{len(changed)} changed since {ref}, {len(referring)} referring to them"
    return changed | referring, reason


def show(project: Project, ref: str, path: str) -> bytes | None:
    """A file as it is at ``ref``, or ``None`` where it did not exist."""
    try:
        return git(project, "show", f"{ref}:{path}")
    except GitError:
        return None


def bump(version: str, step: str) -> str:
    major, minor, patch = map(int, version.split("."))
    return {"major": f"{major + 1}.0.0", "minor": f"{major}.{minor + 1}.0", "patch": f"{major}.{minor}.{patch + 1}"}[step]


def _features(schemas: Schemas) -> dict[str, str]:
    """Every field of every config as ``config.path -> type``, to compare two schema versions."""
    out: dict[str, str] = {}

    def walk(prefix: str, feature) -> None:
        if isinstance(feature, dict):
            for key, value in feature.items():
                walk(f"{prefix}.{key}", value)
        elif hasattr(feature, "feature"):  # List
            walk(f"{prefix}[]", feature.feature)
        else:
            out[prefix] = repr(feature)

    for config in OUTPUT_SCHEMAS:
        walk(config, dict(schemas.features(config)))
    return out


class BaseDataError(GitError):
    """A data file at the base ref that cannot be compared: where (path under dataset/, line) and why."""

    def __init__(self, path: str, line: int | None, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


def _ids(files: dict[str, bytes], config: str, field: str) -> set[str]:
    """The ids of one config's records; a line that is not a JSON object with that id is a :class:`BaseDataError`."""
    ids = set()
    for path, data in files.items():
        if not path.startswith(f"data/{config}/"):
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise BaseDataError(path, None, "is not UTF-8") from None
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, RecursionError):
                raise BaseDataError(path, number, "is not JSON") from None
            if not isinstance(record, dict) or not isinstance(record.get(field), str):
                raise BaseDataError(path, number, f"is not a JSON object with a string {field!r}") from None
            ids.add(record[field])
    return ids


def required_step(project: Project, ref: str, base_files: dict[str, bytes],
                  files: dict[str, bytes]) -> tuple[str, str] | None:
    """The semantic step a change of the data files needs, and why; ``None`` if they are unchanged."""
    if base_files == files:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "schema"
        folder.mkdir()
        for name in map(os.fsdecode, git(project, "ls-tree", "--name-only", "-z", ref, "schema/").split(b"\0")):
            if not name.endswith(".schema.json"):
                continue
            (folder / Path(name).name).write_bytes(show(project, ref, name) or b"")
        try:
            before = _features(Schemas(folder))
        except Exception:  # any schema the base held that cannot be read: nothing to compare the fields with
            before = {}
    after = _features(Schemas(project.schema))
    broken = sorted(k for k in before if after.get(k) != before[k])
    if broken:
        return "major", f"fields removed or retyped: {', '.join(broken[:5])}"
    for config, field in (("articles", "article_id"), ("statements", "statement_id")):
        old, new = _ids(base_files, config, field), _ids(files, config, field)
        if old - new:
            return "major", f"{config} removed: {', '.join(sorted(old - new, key=statement_key)[:5])}"
        if new - old:
            count = len(new - old)
            return "minor", f"{count} {config if count != 1 else config.rstrip('s')} added"
    if set(after) - set(before):
        return "minor", f"fields added: {', '.join(sorted(set(after) - set(before))[:5])}"
    return "patch", "records corrected"


def base_release(project: Project, ref: str) -> tuple[dict[str, bytes], str | None]:
    """The data files of dataset/ at ``ref`` (path under dataset/ -> bytes) and its version, if readable."""
    names = map(os.fsdecode, git(project, "ls-tree", "-r", "--name-only", "-z", ref, "dataset/data/").split(b"\0"))
    files = {n[len("dataset/"):]: show(project, ref, n) or b"" for n in names if n}
    for config, field in (("articles", "article_id"), ("statements", "statement_id")):
        _ids(files, config, field)  # every line a JSON object with its id, or a located BaseDataError
    card = show(project, ref, "dataset/README.md")
    try:
        version = parse_card_version(card.decode("utf-8"), f"{ref}:dataset/README.md") if card else None
    except (ProjectError, UnicodeDecodeError):
        version = None
    return files, version


def check_release(project: Project, ref: str, files: dict[str, bytes], version: str, report: Report) -> None:
    """When the data files changed since ``ref``, the version moved by the right step and has a changelog entry."""
    card_rel = project.rel(project.card)
    try:
        verify_ref(project, ref)
    except GitError as exc:
        report.add(Issue(card_rel, None, None, "", "git", f"--base {ref}: {exc}"))
        return
    try:
        base_files, base_version = base_release(project, ref)
    except BaseDataError as exc:
        report.add(Issue(f"{ref}:dataset/{exc.path}", exc.line, None, "", "git",
                         f"{exc.message}; the data at --base {ref} cannot be compared with this build"))
        return
    except GitError as exc:
        report.add(Issue(card_rel, None, None, "", "git", f"--base {ref}: {exc}"))
        return
    data_files = {p: b for p, b in files.items() if p.startswith("data/")}
    need = required_step(project, ref, base_files, data_files)
    if need is None:
        return
    step, why = need
    if base_version is not None:
        expected = bump(base_version, step)
        if version != expected:
            report.add(Issue(card_rel, _version_line(project), None, "version", "version-bump",
                             f"dataset/ changed since {ref} ({why}), a {step} change: the version must go from "
                             f"{base_version} to {expected}, found {version}"))
    changelog = project.root / "CHANGELOG.md"
    try:
        text = decode_utf8(read_limited(changelog)) if os.path.lexists(changelog) else ""
    except YamlError as exc:
        report.add(Issue("CHANGELOG.md", exc.line, None, "", exc.code, exc.message))
        return
    if not re.search(rf"^## \[{re.escape(version)}\]", text, re.MULTILINE):
        report.add(Issue("CHANGELOG.md", None, None, "", "changelog",
                         f"dataset/ changed since {ref} ({why}); add a section '## [{version}] - YYYY-MM-DD' "
                         "saying what changed"))


def _version_line(project: Project) -> int | None:
    try:
        match = FRONT_MATTER.match(project.card.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    if not match:
        return None
    for number, line in enumerate(match["yaml"].split("\n"), start=2):
        if line.startswith("version:"):
            return number
    return None
