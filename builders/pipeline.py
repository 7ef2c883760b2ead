"""The whole flow: load -> parse -> resolve -> link -> validate -> write.

``collect`` runs every check and returns the records; ``build`` also writes dataset/;
``validate`` is ``collect`` without writing. Each stage is a function of one article
(or, for linking, of all statements), called here in order.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

from . import card, croissant, writer
from .corpus import article_record, check_references, claims, sources
from .project import Project, ProjectError
from .report import BuildError, Issue, Report
from .schemas import OUTPUT_SCHEMAS, Schemas
from .seeds import Seed, load_registry, load_seed
from .statements import SPAN_FIELDS, statement_records

CORPUS_SPLIT = "full"  # claims and sources span articles, so they are one split of their own
ID_FIELDS = {"articles": "article_id", "statements": "statement_id", "claims": "claim_id", "sources": "source_id"}

Progress = Callable[[str], None]


def progress_to_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class Outputs:
    version: str
    schemas: Schemas
    records: dict[str, list[dict]]  # config -> records
    splits: dict[str, dict[str, list[dict]]] = field(default_factory=dict)  # config -> split -> records
    data_files: dict[str, bytes] = field(default_factory=dict)  # path under dataset/ -> bytes
    fingerprint: str = ""

    def counts(self, field: str) -> Counter:
        """Statements per (article_id, value of ``field``), e.g. per article and kind."""
        return Counter((s["article_id"], s[field]) for s in self.records["statements"])

    @cached_property
    def files(self) -> dict[str, bytes]:
        """Every file of dataset/: data files, card and Croissant metadata."""
        out = dict(self.data_files)
        out["README.md"] = card.render(self).encode("utf-8")
        out["croissant.json"] = croissant.render(self).encode("utf-8")
        return out


def collect(project: Project, progress: Progress | None = progress_to_stderr) -> tuple[Outputs | None, Report]:
    """Run every stage and check; the outputs are ``None`` when there is any error."""
    report = Report()
    try:
        version = project.version()
    except ProjectError as exc:
        report.add(Issue(project.rel(project.card), None, None, "version", "version", str(exc)))
        return None, report
    schemas = Schemas(project.schema)
    registry = load_registry(project, schemas, report)
    folders = project.seed_folders()
    seeds: dict[str, Seed] = {}
    statements: list[dict] = []
    for i, folder in enumerate(folders, start=1):
        seed = load_seed(project, folder, schemas, registry.sources, report)
        if seed is None:
            if progress:
                progress(f"[{i}/{len(folders)}] {folder.name}: errors, see report")
            continue
        seeds[seed.article_id] = seed
        records = statement_records(seed, registry.sources, report)
        statements.extend(records)
        if progress:
            progress(f"[{i}/{len(folders)}] {seed.article_id}: {len(records)} statements")
    check_references(seeds, {f.name for f in folders} - set(seeds), report)
    outputs = Outputs(version, schemas, {
        "articles": [article_record(seeds[k]) for k in sorted(seeds)],
        "statements": statements,
        "claims": claims(statements),
        "sources": sources(registry, seeds, report),
    })
    check_outputs(outputs, seeds, schemas, report)
    if not report.ok:
        return None, report
    _assemble(outputs)
    return outputs, report


def check_outputs(outputs: Outputs, seeds: dict[str, Seed], schemas: Schemas, report: Report) -> None:
    """The invariants on the records themselves, whatever the stages before did."""
    for config, records in outputs.records.items():
        schema_file, id_field = OUTPUT_SCHEMAS[config], ID_FIELDS[config]
        ids = Counter(r[id_field] for r in records)
        for record in records:
            where = f"dataset/data/{config} {record[id_field]}"
            for error in schemas.iter_errors(schema_file, record):
                path = ".".join(map(str, error.absolute_path))
                report.add(Issue(where, None, None, path, "output-schema", error.message))
            if ids[record[id_field]] > 1:
                report.add(Issue(where, None, None, id_field, "duplicate-id", f"{record[id_field]} occurs twice"))
    for s in outputs.records["statements"]:
        seed = seeds[s["article_id"]]
        for name in SPAN_FIELDS:
            span = s[name]
            if span is None:
                continue
            where = f"dataset/data/statements {s['statement_id']}"
            if seed.text[span["start"]:span["end"]] != span["text"]:
                report.add(Issue(where, None, None, name, "span-missing", "text differs from article_text[start:end]"))
            if (bp := seed.parsed.covering(span["start"], span["end"])) is not None:
                report.add(Issue(where, None, None, name, "span-boilerplate", f"overlaps {bp.label} {bp.text!r}"))


def _assemble(outputs: Outputs) -> None:
    for config, records in outputs.records.items():
        by_split: dict[str, list[dict]] = {}
        if config in ("articles", "statements"):
            split_of = {a["article_id"]: a["split"] for a in outputs.records["articles"]}
            for r in records:
                by_split.setdefault(split_of[r["article_id"]], []).append(r)
        else:
            by_split[CORPUS_SPLIT] = records
        outputs.splits[config] = dict(sorted(by_split.items()))
        for split, rows in outputs.splits[config].items():
            outputs.data_files[f"data/{config}/{split}.jsonl"] = writer.jsonl(rows)
    outputs.fingerprint = writer.fingerprint(outputs.data_files)


def build(project: Project, progress: Progress | None = progress_to_stderr) -> Outputs:
    """Check everything, then replace dataset/ in one step; raise :class:`BuildError` on any error."""
    outputs, report = collect(project, progress)
    if outputs is None:
        raise BuildError(report)
    writer.write_atomically(project.dataset, outputs.files)
    return outputs
