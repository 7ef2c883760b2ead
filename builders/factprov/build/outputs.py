"""What a build produces: the records of every config, the data files they are written as, and the
content fingerprint. The records are checked; nothing here reads or writes a file."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from factprov.base import writer
from factprov.base.report import Issue
from factprov.build.schemas import OUTPUT_SCHEMAS, Schemas

CORPUS_SPLIT = "full"  # claims and sources span articles, so they are one split of their own
COUNTED = ("kind", "claim_type", "fidelity", "verification_status")


@dataclass
class Outputs:
    """What a build produces. Statements are kept as their JSON lines, not as dicts, so a corpus
    of hundreds of thousands fits in memory; :attr:`statements` decodes them when asked."""

    version: str
    schemas: Schemas
    records: dict[str, list[dict]]  # config -> records, for articles, claims and sources
    statement_lines: dict[str, bytearray] = field(default_factory=dict)  # split -> JSON lines, in article order
    statement_counts: Counter = field(default_factory=Counter)  # (article_id, field, value) -> n
    split_sizes: dict[str, dict[str, int]] = field(default_factory=dict)  # config -> split -> rows
    data_files: dict[str, bytes | bytearray] = field(default_factory=dict)  # path under dataset/ -> content
    # article_id -> annotator -> finished statements of the annotators' own files (seeds/<id>/annotators/)
    independent: dict[str, dict[str, list[dict]]] = field(default_factory=dict)
    fingerprint: str = ""
    warnings: list[Issue] = field(default_factory=list)  # of the write, e.g. an old copy left behind

    def counts(self, field: str) -> Counter:
        """Statements per (article_id, value of ``field``), e.g. per article and kind."""
        return Counter({(a, v): n for (a, f, v), n in self.statement_counts.items() if f == field})

    @property
    def rows(self) -> dict[str, int]:
        """Rows per config, in the order of the card."""
        return {config: sum(self.split_sizes[config].values()) for config in OUTPUT_SCHEMAS}

    @cached_property
    def statements(self) -> list[dict]:
        return [row for rows in self.splits["statements"].values() for row in rows]

    @cached_property
    def splits(self) -> dict[str, dict[str, list[dict]]]:
        """config -> split -> records, decoded from the data files."""
        return {config: {split: [json.loads(line) for line in self.data_files[f"data/{config}/{split}.jsonl"]
                                 .splitlines()] for split in splits} for config, splits in self.split_sizes.items()}


def assemble(outputs: Outputs) -> None:
    """The data files of the checked records, one JSONL file per config and split, and their fingerprint."""
    by_split: dict[str, dict[str, list[dict]]] = {"articles": {}}
    for a in outputs.records["articles"]:
        by_split["articles"].setdefault(a["split"], []).append(a)
    by_split["claims"] = {CORPUS_SPLIT: outputs.records["claims"]}
    by_split["sources"] = {CORPUS_SPLIT: outputs.records["sources"]}
    for config in OUTPUT_SCHEMAS:
        if config == "statements":
            for split, buffer in outputs.statement_lines.items():
                outputs.data_files[f"data/statements/{split}.jsonl"] = buffer
            continue
        outputs.split_sizes[config] = {split: len(rows) for split, rows in sorted(by_split[config].items())}
        for split, rows in sorted(by_split[config].items()):
            outputs.data_files[f"data/{config}/{split}.jsonl"] = writer.jsonl(rows)
    outputs.split_sizes = {config: outputs.split_sizes[config] for config in OUTPUT_SCHEMAS}
    outputs.fingerprint = writer.fingerprint(outputs.data_files)
