"""``factprov release minor|patch``: one step from a checked contribution to a released version.

It takes the version of the base (the branch the contribution goes into) one step up,
after checking that the data's change needs exactly that step; rebuilds dataset/;
scores the baselines again, so that the card's leaderboard is for this content; and
writes the CHANGELOG.md section from the difference in the data, below [Unreleased]. Nothing is written
when the step is wrong or the build fails.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from factprov.base import writer
from factprov.base.git import GitError
from factprov.base.project import FRONT_MATTER, Project
from factprov.base.report import BuildError, Report
from factprov.bench import leaderboard
from factprov.build import pipeline
from factprov.build.corpus import statement_key
from factprov.publish import dataset, versions

CONFIG_IDS = (("articles", "article_id"), ("statements", "statement_id"), ("claims", "claim_id"),
              ("sources", "source_id"))
DATA_BULLET = "- Data: "  # the bullets this command writes; a second run replaces them
MAX_NAMED = 12  # ids named in one bullet; more are counted


class ReleaseError(Exception):
    """Why a release cannot be made; nothing was written."""


@dataclass
class Diff:
    """Records added, changed and removed per config, by id."""

    added: dict[str, list[str]] = field(default_factory=dict)
    changed: dict[str, list[str]] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict)

    def rows(self) -> list[list[object]]:
        return [[config, len(self.added[config]), len(self.changed[config]), len(self.removed[config])]
                for config, _ in CONFIG_IDS]


def _records(files: dict[str, bytes], config: str, id_field: str) -> dict[str, str]:
    out = {}
    for path, data in sorted(files.items()):
        if path.startswith(f"data/{config}/"):
            for line in writer.lines(data):  # at \n only: a text may hold U+2028, which str.splitlines cuts at
                if line.strip():
                    out[json.loads(line)[id_field]] = line
    return out


def diff(before: dict[str, bytes], after: dict[str, bytes]) -> Diff:
    out = Diff()
    for config, id_field in CONFIG_IDS:
        old, new = _records(before, config, id_field), _records(after, config, id_field)
        out.added[config] = sorted(set(new) - set(old), key=statement_key)  # /2 before /10
        out.removed[config] = sorted(set(old) - set(new), key=statement_key)
        out.changed[config] = sorted((k for k in set(old) & set(new) if old[k] != new[k]), key=statement_key)
    return out


def _named(ids: list[str]) -> str:
    shown = ", ".join(f"`{i}`" for i in ids[:MAX_NAMED])
    return shown + (f" and {len(ids) - MAX_NAMED} more" if len(ids) > MAX_NAMED else "")


def bullets(change: Diff) -> dict[str, list[str]]:
    """CHANGELOG.md bullets (Keep a Changelog headings) that say what the data change is."""
    out: dict[str, list[str]] = {}
    for heading, part in (("Added", change.added), ("Changed", change.changed), ("Removed", change.removed)):
        lines = [f"{DATA_BULLET}{len(ids)} {config if len(ids) != 1 else config[:-1]}: {_named(ids)}."
                 for config, ids in part.items() if ids]
        if lines:
            out[heading] = lines
    return out


def set_card_version(card: Path, version: str) -> bytes:
    """Write ``version`` into the card's YAML; return the card's bytes before."""
    before = card.read_bytes()
    text = before.decode("utf-8")
    match = FRONT_MATTER.match(text)
    if match is None or not re.search(r"^version:.*$", match["yaml"], re.MULTILINE):
        raise ReleaseError(f"{card}: no 'version:' in its YAML front matter")
    yaml_part = re.sub(r"^version:.*$", f"version: {version}", match["yaml"], count=1, flags=re.MULTILINE)
    writer.write_file(card, (f"---\n{yaml_part}---\n" + text[match.end():]).encode("utf-8"), within=card.parent)
    return before


def changelog_section(text: str, version: str, date: str, generated: dict[str, list[str]]) -> str:
    """``text`` (a Keep a Changelog file) with the section of ``version`` holding the generated bullets.

    The section goes below ``[Unreleased]``, which is left as it is (it speaks of the builders,
    not of this data). A section of the same version, from an earlier run, is replaced: its
    generated bullets are written afresh and what a person added to it is kept."""
    sections = re.split(r"(?m)^(?=## \[)", text)
    head, rest = sections[0], sections[1:]
    existing = next((i for i, sec in enumerate(rest) if sec.startswith(f"## [{version}]")), None)
    body = rest[existing].split("\n", 1)[1] if existing is not None and "\n" in rest[existing] else ""
    intro, groups = _groups(body)
    for heading, lines in generated.items():
        groups[heading] = lines + groups.get(heading, [])
    order = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"]
    ordered = sorted(groups, key=lambda h: order.index(h) if h in order else len(order))
    new = f"## [{version}] - {date}\n\n" + (intro.strip() + "\n\n" if intro.strip() else "")
    new += "\n".join(f"### {h}\n" + "\n".join(groups[h]) + "\n" for h in ordered if groups[h]) + "\n"
    if existing is not None:
        rest[existing] = new
    else:
        at = next((i for i, sec in enumerate(rest) if not sec.startswith("## [Unreleased]")), len(rest))
        if at > 0 and not rest[at - 1].endswith("\n\n"):
            rest[at - 1] = rest[at - 1].rstrip("\n") + "\n\n"
        rest.insert(at, new)
    return (head + "".join(rest)).rstrip("\n") + "\n"


def _groups(body: str) -> tuple[str, dict[str, list[str]]]:
    """The text before the first ``###`` heading, and the bullets under each heading, data bullets dropped."""
    parts = re.split(r"(?m)^### (.+)\n", body)
    intro, groups = parts[0], {}
    for heading, content in zip(parts[1::2], parts[2::2]):
        items = re.split(r"(?m)^(?=- )", content.strip("\n"))
        groups[heading.strip()] = [i.rstrip("\n") for i in items if i.strip() and not i.startswith(DATA_BULLET)]
    return intro, groups


@dataclass
class Released:
    version: str
    base_version: str
    step: str
    why: str
    change: Diff


def release(project: Project, step: str, base: str = "main", date: str | None = None,
            progress: pipeline.Progress | None = None) -> Released:
    """Make the release; a :class:`ReleaseError` or :class:`BuildError` leaves every file as it was.

    It holds the build lock throughout, so no other build changes dataset/ between its steps."""
    try:
        with writer.locked(project.dataset):
            writer.recover(project.dataset)
            return _release(project, step, base, date, progress)
    except writer.WriteError as exc:
        report = Report()
        report.add(dataset.write_issue(project, exc))
        raise BuildError(report) from None


def _release(project: Project, step: str, base: str, date: str | None,
             progress: pipeline.Progress | None) -> Released:
    try:
        base_files, base_version = versions.base_release(project, base)
    except GitError as exc:
        raise ReleaseError(f"--base {base}: {exc}") from None
    if base_version is None:
        raise ReleaseError(f"--base {base}: its dataset/README.md states no version")
    outputs, report = pipeline.collect(project, progress=progress)
    if outputs is None:
        raise BuildError(report)
    data = {p: bytes(b) for p, b in outputs.data_files.items()}
    need = versions.required_step(project, base, base_files, data)
    if need is None:
        raise ReleaseError(f"the data has not changed since {base} ({base_version}); there is nothing to release")
    required, why = need
    if required != step:
        raise ReleaseError(f"the data changed since {base} ({why}): a {required} release, not {step}")
    version = versions.bump(base_version, step)
    date = date or datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    card_before = set_card_version(project.card, version)
    changelog = project.root / "CHANGELOG.md"
    changelog_before = changelog.read_bytes() if changelog.is_file() else None
    change = diff(base_files, data)
    try:
        # The section first: the card and croissant.json take the release date from it.
        text = changelog_before.decode("utf-8") if changelog_before is not None else "# Changelog\n\n"
        writer.write_file(changelog, changelog_section(text, version, date, bullets(change)).encode("utf-8"),
                          within=project.root)
        dataset.build(project, progress=progress)
        board = leaderboard.baselines(project)  # scored on what was just built: the card shows this content's scores
        leaderboard.save_results(project, board)
        dataset.build(project, progress=None)
    except BaseException:
        # Back to the version before: the card and the changelog state it, and a rebuild makes dataset/ agree.
        writer.write_file(project.card, card_before, within=project.dataset)
        if changelog_before is None:
            changelog.unlink(missing_ok=True)
        else:
            writer.write_file(changelog, changelog_before, within=project.root)
        try:
            dataset.build(project, progress=None)
        except Exception:  # noqa: BLE001 - the first failure is the one to report
            pass
        raise
    return Released(version, base_version, step, why, change)
