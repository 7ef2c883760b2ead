"""Load the built dataset (dataset/) for the site: records, lookups and the leaderboard."""

from __future__ import annotations

import gc
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from factprov.base.project import Project, ProjectError
from factprov.base.writer import fingerprint_on_disk, lines
from factprov.bench.leaderboard import load_results
from factprov.build.corpus import statement_key
from factprov.build.schemas import Schemas

CONFIGS = ("articles", "statements", "claims", "sources")
COUNTED = ("kind", "verification_status", "fidelity", "claim_type")


class SiteError(Exception):
    """The dataset cannot be read, or the output folder cannot be replaced."""


@dataclass
class Dataset:
    version: str
    fingerprint: str
    articles: list[dict]  # in article_id order
    statements: dict[str, list[dict]]  # article_id -> statements, in order of n
    claims: list[dict]
    sources: list[dict]
    leaderboard: dict | None
    labels: dict[str, list[str]]  # counted field -> label names, in schema order
    claim_of: dict[str, dict] = field(default_factory=dict)  # statement_id -> claim
    _by_id: dict[str, dict] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for claim in self.claims:
            for sid in claim["statement_ids"]:
                self.claim_of[sid] = claim

    def counts(self, name: str) -> Counter:
        return Counter(s[name] for rows in self.statements.values() for s in rows)

    def statement(self, statement_id: str) -> dict:
        if not self._by_id:
            self._by_id.update((s["statement_id"], s) for rows in self.statements.values() for s in rows)
        return self._by_id[statement_id]

    def counts_by_speaker(self) -> Counter:
        return Counter(s["speaker"]["name"] for rows in self.statements.values() for s in rows)

    @property
    def n_statements(self) -> int:
        return sum(len(rows) for rows in self.statements.values())


def _read_jsonl(path: Path, project: Project) -> list[dict]:
    rows = []
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SiteError(f"cannot read {project.rel(path)}: {exc.strerror}") from None
    for number, line in enumerate(lines(data), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise SiteError(f"{project.rel(path)}:{number}: not a JSON line ({exc}); run `factprov build`") from None
    return rows


def load(project: Project) -> Dataset:
    """Every config of dataset/ as built; a :class:`SiteError` says what is missing."""
    data = project.dataset / "data"
    files = {config: sorted((data / config).glob("*.jsonl")) for config in CONFIGS}
    missing = [config for config, paths in files.items() if not paths]
    if missing:
        raise SiteError(f"{project.rel(data)}/ has no {', '.join(missing)} data; run `factprov build` first")
    try:
        version = project.version()
    except ProjectError as exc:
        raise SiteError(str(exc)) from None
    collecting = gc.isenabled()
    gc.disable()  # millions of small containers: the cyclic collector would run over them again and again
    try:
        rows = {config: [r for path in paths for r in _read_jsonl(path, project)] for config, paths in files.items()}
    finally:
        if collecting:
            gc.enable()
    by_article: dict[str, list[dict]] = {a["article_id"]: [] for a in rows["articles"]}
    for s in rows["statements"]:
        by_article.setdefault(s["article_id"], []).append(s)
    for statements in by_article.values():
        statements.sort(key=lambda s: statement_key(s["statement_id"]))
    schemas = Schemas(project.schema)
    return Dataset(
        version=version,
        fingerprint=fingerprint_on_disk(project.dataset),
        articles=sorted(rows["articles"], key=lambda a: a["article_id"]),
        statements=by_article,
        claims=rows["claims"],
        sources=sorted(rows["sources"], key=lambda s: s["source_id"]),
        leaderboard=load_results(project),
        labels={name: schemas.labels(name) for name in COUNTED},
    )
