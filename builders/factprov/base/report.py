"""Problems found in the seeds, as data: a stable code, a location and a message."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Iterable, Mapping

# Stable codes. Each names one kind of problem; messages may improve, codes do not change.
CODES = {
    "file-missing": "a required file of a seed folder is missing",
    "io": "a file or folder cannot be read or written (permissions, no space, not a regular file, a link)",
    "build-lock": "another build is writing dataset/ of this checkout",
    "character": "a file holds a control character, a lone surrogate or U+FFFE/U+FFFF",
    "path": "a path leads out of seeds/ (a symbolic link or '..')",
    "too-large": "a file is larger than the limit for its kind",
    "encoding": "a file is not valid UTF-8, or an article text starts with a byte order mark",
    "normalization": "an article text is not in Unicode NFC",
    "text-empty": "an article text is empty or only white space",
    "yaml-syntax": "a YAML file cannot be parsed",
    "yaml-unsafe": "a YAML file uses tags, anchors, aliases, merge keys or deep nesting, which are refused",
    "schema-file": "a file in schema/ is not valid JSON, has no local $id, or has a $ref that leaves schema/",
    "schema": "a value does not match its JSON Schema",
    "text-hash": "article.txt does not match the sha256 recorded in meta.yaml",
    "parser": "the outlet parser cannot find the structure it expects",
    "meta-mismatch": "meta.yaml disagrees with what the parser read from the text",
    "span-missing": "an annotated string does not occur in the article text",
    "span-ambiguous": "an annotated string occurs more than once and no occurrence is given",
    "span-occurrence": "the given occurrence of a string does not exist",
    "span-overlap": "the quote, cue and speaker mention of one statement overlap",
    "span-boilerplate": "a span lies in boilerplate (title, heading, credits...), not in the body",
    "duplicate-id": "an id is used twice",
    "duplicate-text": "two seed folders hold the same article text",
    "duplicate-statement": "two statements of an article have the same quote span and speaker",
    "quote-marks": "a direct_quote is not inside quotation marks, or an indirect_quote is",
    "cue-distance": "a cue or speaker mention is more than one sentence away from its quote (warning)",
    "source-name": "a name is an alias rather than the canonical name, or one spelling names two sources",
    "unknown-source": "a name is not in seeds/sources.yaml",
    "unknown-ref": "an evidence reference names a statement that does not exist",
    "chain-publisher": "a source chain does not end at the article's publisher",
    "speaker": "the speaker does not fit the statement kind",
    "evidence-required": "a status that needs evidence has none",
    "status-claim-type": "not_checkable does not fit the claim type or kind, or the reverse",
    "fidelity": "the outlet's own words (a source chain of the publisher alone) are not marked verbatim",
    "note-missing": "a null value in meta.yaml has no note saying why",
    "draft": "a value is still TODO, as factprov suggest wrote it; a person must decide it",
    "alias-missing": "an alias in seeds/sources.yaml occurs in no article text",
    "version": "the dataset version cannot be read from the card",
    "citation": "CITATION.cff is missing, cannot be parsed, or lacks a title or authors",
    "output-schema": "a built record does not match its output schema",
    "split-empty": "a split has articles but no statements",
    "dataset-stale": "the committed dataset/ differs from what the seeds build",
    "version-bump": "dataset/ changed since the base ref, but the version was not raised by the right step",
    "changelog": "CHANGELOG.md has no entry for the dataset version",
    "git": "a git ref cannot be read",
    "pred-json": "a line of a predictions file is not JSON",
    "pred-schema": "a prediction does not match schema/prediction.schema.json",
    "pred-article": "a prediction names an article that is not in the split, or names it twice",
    "pred-span": "a predicted span lies outside the text, or its text is not the text at its offsets",
    "model": "an extraction model cannot be loaded, fails, or returns something that is not statements",
    "pred-limit": "predicted quotes overlap the gold ones more than the scorer's documented limits allow",
    "results": "benchmarks/results.json (the leaderboard) cannot be read, is not JSON, or does not match its schema",
}


MAX_MESSAGE = 1_000  # characters of a message; a 5 MB value is quoted by its start and end
# Controls, surrogates, line separators, and the bidirectional overrides and isolates, which can make a
# printed line read in another order than it holds (U+202A-U+202E, U+2066-U+2069).
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def shorten(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` cut in the middle to about ``limit`` characters, saying how much was left out."""
    if len(text) <= limit:
        return text
    head, tail = limit * 2 // 3, limit // 3
    return f"{text[:head]} [... {len(text) - head - tail:,} characters left out ...] {text[-tail:]}"


def quoted(value: object, limit: int = 120) -> str:
    """``repr(value)``, cut in the middle if long: a message quotes a value, it does not echo 5 MB of it."""
    return shorten(repr(value), limit)


def printable(text: str, newlines: bool = True) -> str:
    """``text`` safe for a terminal: control characters (escape codes), line and paragraph
    separators, bidirectional overrides and lone surrogates are shown as ``\\xNN``/``\\uNNNN``,
    so a folder name cannot move the cursor, recolour the screen or reorder a line. Line feeds
    are kept when ``newlines``."""
    def escape(match: re.Match) -> str:
        code = ord(match.group())
        if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name (surrogateescape)
            return f"\\x{code - 0xDC00:02x}"
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    text = _UNPRINTABLE.sub(escape, text)
    return text if newlines else text.replace("\n", "\\n")


@dataclass(frozen=True, order=True)
class Issue:
    """One problem: where it is (file, line, column, field path) and what was expected."""

    file: str
    line: int | None
    column: int | None
    field: str
    code: str
    message: str
    severity: str = "error"

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown issue code {self.code!r}")
        if len(self.message) > MAX_MESSAGE:
            object.__setattr__(self, "message", shorten(self.message))

    def location(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        field_part = f" [{self.field}]" if self.field else ""
        return f"{self.location()}{field_part} {self.severity} {self.code}: {self.message}"


def field_path(path: Iterable, statements: Mapping[int, str] | None = None) -> str:
    """A path into a document as messages write it: list items count from 1, as ``[#1]``.

    ``("sources", 0, "aliases", 2)`` -> ``sources[#1].aliases[#3]``. A statement of a
    statements.yaml is named by its ``n`` instead: ``statements`` maps the position of a
    top-level ``statements`` item to its name (``n=8``, see ``seeds.statement_names``), so
    ``("statements", 7, "quote")`` -> ``statements[n=8].quote``."""
    out = ""
    for depth, part in enumerate(path):
        if not isinstance(part, int):
            out += f".{part}" if out else str(part)
        elif depth == 1 and out == "statements" and statements and part in statements:
            out += f"[{statements[part]}]"
        else:
            out += f"[#{part + 1}]"
    return out


@dataclass
class Report:
    """All issues of one run, in a stable order."""

    issues: list[Issue] = field(default_factory=list)
    scope: str = ""  # what a partial run checked and skipped

    def add(self, issue: Issue) -> None:
        self.issues.append(issue)

    def extend(self, issues: Iterable[Issue]) -> None:
        self.issues.extend(issues)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def sorted(self) -> list[Issue]:
        return sorted(set(self.issues), key=lambda i: (i.file, i.line or 0, i.column or 0, i.field, i.code, i.message))

    def counts(self) -> tuple[int, int]:
        """Errors and warnings, each distinct issue once."""
        issues = self.sorted()
        errors = sum(i.severity == "error" for i in issues)
        return errors, len(issues) - errors

    def to_json(self) -> dict:
        issues = self.sorted()
        errors, warnings = self.counts()
        return {
            "valid": self.ok,
            "errors": errors,
            "warnings": warnings,
            "issues": [asdict(i) for i in issues],
            **({"scope": self.scope} if self.scope else {}),
        }

    def dumps(self) -> str:
        text = json.dumps(self.to_json(), ensure_ascii=False, indent=2)
        # Control characters, bidirectional overrides and lone surrogates (an undecodable file name) become
        # their JSON escapes: the same data, and nothing that reorders or recolours a terminal.
        return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class BuildError(Exception):
    """Raised when the seeds have errors; carries the full report."""

    def __init__(self, report: Report):
        self.report = report
        errors = report.errors
        head = "\n".join(printable(str(i), newlines=False) for i in sorted(errors)[:20])
        more = f"\n... and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"{len(errors)} error(s):\n{head}{more}")
