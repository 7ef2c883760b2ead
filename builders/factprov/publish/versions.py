"""Whether the version moved with the data: the step a change of dataset/ since a git ref needs
(major, minor or patch), and the CHANGELOG.md entry it needs (``factprov validate --base REF``,
``factprov release``)."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from factprov.base import writer
from factprov.base.git import GitError, git, show, verify_ref
from factprov.base.project import FRONT_MATTER, Project, ProjectError, parse_card_version
from factprov.base.report import Issue, Report
from factprov.base.yamlio import YamlError, decode_utf8, read_limited
from factprov.build.corpus import statement_key
from factprov.build.schemas import OUTPUT_SCHEMAS, Schemas

STEPS = ("major", "minor", "patch")


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
            writer.write_file(folder / Path(name).name, show(project, ref, name) or b"", within=folder)
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
