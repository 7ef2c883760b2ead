"""Predictions: a model's statements, as read from a predictions file (JSONL, or BBC Citron's
output) or returned by a model, each checked line by line against the gold articles, with a
located error (line and field) for anything malformed."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from factprov.base.report import Issue, Report
from factprov.base.yamlio import FORBIDDEN
from factprov.bench.gold import Gold
from factprov.build.schemas import INPUT_SCHEMAS, Schemas


@dataclass(frozen=True)
class Predicted:
    start: int
    end: int
    speaker: str | None
    wikidata_id: str | None
    cue: tuple[int, int] | None
    kind: str | None
    mention: tuple[int, int] | None = None  # where the text refers to the speaker; not scored


MAX_FILE_BYTES = 1_000_000_000  # a predictions file; 10,000 articles with 20 statements each take ~30 MB
MAX_LINE_BYTES = 50_000_000     # one article's line
MAX_DEPTH = 20                  # nesting of a line; a prediction needs 4
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")  # a JSON escape of a UTF-16 half


def _span(value: dict | None) -> tuple[int, int] | None:
    return None if value is None else (value["start"], value["end"])


def too_deep(line: str, limit: int = MAX_DEPTH) -> int | None:
    """The 1-based column where ``line`` nests deeper than ``limit``, or ``None``."""
    skeleton = _STRING.sub('""', line)  # strings out: brackets in them do not nest
    depth = 0
    for m in _BRACKET.finditer(skeleton):
        depth += 1 if m.group() in "[{" else -1
        if depth > limit:
            break
    else:
        return None
    depth = 0  # the column in the line itself
    for m in _TOKEN.finditer(line):
        ch = m.group()
        if ch in "[{":
            depth += 1
            if depth > limit:
                return m.start() + 1
        elif ch in "]}":
            depth -= 1
    return None


def bad_string(value: Any, path: str = "", depth: int = 0) -> tuple[str, str] | None:
    """(field path, problem) of the first string holding a lone surrogate (not text: it cannot be
    written as UTF-8), or of a value nested deeper than ``MAX_DEPTH``; ``None`` if there is none."""
    if isinstance(value, str):
        return (path, "holds a lone surrogate (half of a UTF-16 pair), which is not text") \
            if _SURROGATE.search(value) else None
    if depth > MAX_DEPTH and isinstance(value, (dict, list)):
        return path, f"is nested deeper than {MAX_DEPTH} levels"
    if isinstance(value, dict):
        for key, v in value.items():
            sub = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and _SURROGATE.search(key):
                return sub, "is a name with a lone surrogate (half of a UTF-16 pair), which is not text"
            found = bad_string(v, sub, depth + 1)
            if found is not None:
                return found
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found = bad_string(v, f"{path}[#{i + 1}]", depth + 1)
            if found is not None:
                return found
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


class Predictions(dict):
    """Predicted statements by article id; ``lines`` gives the line each article was read from."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[str, int] = {}


class CitronError(Exception):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def _is_int(value: Any) -> bool:
    return type(value) is int  # not bool, not 61.0


def from_citron(doc: dict, gold: Gold) -> dict:
    """A document in BBC Citron's output format as a factprov prediction line.

    Each content span of a Citron quote becomes one statement, with the quote's cue and,
    as the speaker, its first coreference (the resolved name) or else its first source
    span. Quotation marks, white space and a trailing comma around a content span are
    taken off, as factprov's quotes leave them out. A document of another shape raises
    :class:`CitronError` with the field.
    """
    article_id = doc.get("article_id")
    if article_id is None:
        article_id = next((a.article_id for a in gold.articles.values() if a.text == doc.get("text")), None)
    quotes = doc.get("quotes", [])
    if not isinstance(quotes, list):
        raise CitronError("quotes", "must be a list of quotes")
    text = gold.articles[article_id].text if isinstance(article_id, str) and article_id in gold.articles else ""

    def span(value: Any, where: str) -> tuple[int, int]:
        if not isinstance(value, dict) or not _is_int(value.get("start")) or not _is_int(value.get("end")):
            raise CitronError(where, "must be a span {start, end} with integer offsets")
        return value["start"], value["end"]

    statements = []
    for q, quote in enumerate(quotes):
        where = f"quotes[{q}]"
        if not isinstance(quote, dict):
            raise CitronError(where, f"must be an object (a Citron quote), not {type(quote).__name__}")
        people = quote.get("coreferences") or quote.get("sources") or []
        if not isinstance(people, list) or not all(isinstance(p, dict) for p in people):
            raise CitronError(f"{where}.sources", "must be a list of spans")
        name = people[0].get("text") if people else None
        if name is not None and not isinstance(name, str):
            raise CitronError(f"{where}.sources[0].text", "must be a string")
        speaker = {"name": name} if name else None
        cue = quote.get("cue")
        cue_span = _span_dict(span(cue, f"{where}.cue")) if cue else None
        contents = quote.get("contents", [])
        if not isinstance(contents, list):
            raise CitronError(f"{where}.contents", "must be a list of spans")
        for c, content in enumerate(contents):
            start, end = span(content, f"{where}.contents[{c}]")
            while start < end and text[start:start + 1] in ('"', "“", "”", "'", " ", "\n"):
                start += 1
            while end > start and text[end - 1:end] in ('"', "“", "”", "'", " ", "\n", ","):
                end -= 1
            statements.append({"quote": {"start": start, "end": end}, "speaker": speaker, "cue": cue_span})
    return {"article_id": article_id, "statements": statements}


def _span_dict(span: tuple[int, int]) -> dict:
    return {"start": span[0], "end": span[1]}


def read_predictions(path: Path, gold: Gold, schemas: Schemas, fmt: str = "factprov",
                     name: str | None = None) -> tuple[dict[str, list[Predicted]], Report]:
    """Predictions by article; every problem is an issue naming the line and the field.

    Lines end at ``\\n`` only (a text may hold U+2028 and other line separators, which JSON
    writes raw). A file, a line and the nesting of a line have limits (``MAX_FILE_BYTES``,
    ``MAX_LINE_BYTES``, ``MAX_DEPTH``).
    """
    report = Report()
    file = name or str(path)
    out = Predictions()
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise IsADirectoryError(21, "not a regular file")
        if size > MAX_FILE_BYTES:
            report.add(Issue(file, None, None, "", "too-large",
                             f"{size:,} bytes; the limit for a predictions file is {MAX_FILE_BYTES:,}"))
            return out, report
        raw = path.read_bytes()
    except OSError as exc:
        report.add(Issue(file, None, None, "", "pred-json", f"cannot read the predictions: {exc.strerror}"))
        return out, report
    for number, line_bytes in enumerate(raw.split(b"\n"), start=1):
        if len(line_bytes) > MAX_LINE_BYTES:
            report.add(Issue(file, number, None, "", "too-large",
                             f"the line has {len(line_bytes):,} bytes; the limit is {MAX_LINE_BYTES:,}"))
            continue
        try:
            line = line_bytes.decode("utf-8")
        except UnicodeDecodeError as exc:
            report.add(Issue(file, number, None, "", "encoding",
                             f"not UTF-8 at byte {exc.start} of the line"))
            continue
        if not line.strip():
            continue
        column = too_deep(line)
        if column is not None:
            report.add(Issue(file, number, column, "", "pred-json",
                             f"nested deeper than {MAX_DEPTH} levels; a prediction needs 4"))
            continue
        try:
            doc = json.loads(line)
        except (ValueError, RecursionError) as exc:  # JSONDecodeError, or a number of more than 4,300 digits
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else \
                "nested too deep" if isinstance(exc, RecursionError) else "a number too long to read"
            report.add(Issue(file, number, getattr(exc, "colno", None), "", "pred-json", f"not JSON: {reason}"))
            continue
        if fmt == "citron" and isinstance(doc, dict):
            try:
                doc = from_citron(doc, gold)
            except CitronError as exc:
                report.add(Issue(file, number, None, exc.field, "pred-schema", f"not a Citron document: {exc}"))
                continue
        # Decoded UTF-8 holds no lone surrogate; only a \\u escape can make one.
        check_line(doc, number, file, gold, schemas, out, report,
                   screened=_SURROGATE_ESCAPE.search(line) is None)
    return out, report


def _plain(doc: Any) -> bool:
    """Whether ``doc`` is plain JSON text: it serialises, and as UTF-8 (no lone surrogate)."""
    try:
        json.dumps(doc, ensure_ascii=False).encode("utf-8")
    except (ValueError, TypeError, RecursionError):  # UnicodeEncodeError is a ValueError
        return False
    return True


def check_line(doc: Any, number: int, file: str, gold: Gold, schemas: Schemas,
               out: dict[str, list[Predicted]], report: Report, screened: bool = False) -> None:
    """One prediction line: schema, article, offsets and texts; valid statements go into ``out``.

    ``screened``: the caller knows the document holds no lone surrogate (it was decoded from UTF-8
    without a surrogate escape); otherwise it is checked (a model's output).
    """
    schema = INPUT_SCHEMAS["predictions"]
    if not (screened or _plain(doc)) or not schemas.is_valid(schema, doc):
        try:
            bad = bad_string(doc)
        except RecursionError:
            bad = ("", f"is nested deeper than {MAX_DEPTH} levels")
        if bad is not None:
            report.add(Issue(file, number, None, bad[0], "pred-schema", bad[1]))
            return
    errors = list(schemas.iter_errors(schema, doc))
    if errors:
        for error in errors:
            path = "".join(f"[#{p + 1}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")
            report.add(Issue(file, number, None, path, "pred-schema", error.message))
        return
    article_id = doc["article_id"]
    if article_id not in gold.articles:
        report.add(Issue(file, number, None, "article_id", "pred-article",
                         f"{article_id!r} is not an article of the {gold.split} split"))
        return
    if article_id in out:
        report.add(Issue(file, number, None, "article_id", "pred-article", f"{article_id!r} has a line already"))
        return
    text = gold.articles[article_id].text
    kept = []
    for i, s in enumerate(doc["statements"]):
        ok = True
        for name in ("quote", "cue", "speaker_mention"):
            span = s.get(name)
            if span is None:
                continue
            where = f"statements[#{i + 1}].{name}"
            if not (_is_int(span["start"]) and _is_int(span["end"])):
                report.add(Issue(file, number, None, where, "pred-schema",
                                 f"offsets {span['start']!r}:{span['end']!r} must be integers"))
                ok = False
            elif not span["start"] < span["end"] <= len(text):
                report.add(Issue(file, number, None, where, "pred-span",
                                 f"offsets {span['start']}:{span['end']} are not a span of the text "
                                 f"({len(text)} characters)"))
                ok = False
            elif "text" in span and text[span["start"]:span["end"]] != span["text"]:
                report.add(Issue(file, number, None, where + ".text", "pred-span",
                                 f"{_short(span['text'])!r} is not the text at {span['start']}:{span['end']}, "
                                 f"which is {_short(text[span['start']:span['end']])!r}"))
                ok = False
        name = (s.get("speaker") or {}).get("name")
        if isinstance(name, str) and (bad := FORBIDDEN.search(name)) is not None:
            report.add(Issue(file, number, None, f"statements[#{i + 1}].speaker.name", "pred-schema",
                             f"the speaker's name holds the control character U+{ord(bad.group()):04X}; a name is "
                             "one line of plain text"))
            ok = False
        if ok:
            speaker = s.get("speaker") or {}
            kept.append(Predicted(s["quote"]["start"], s["quote"]["end"], speaker.get("name"),
                                  speaker.get("wikidata_id"), _span(s.get("cue")), s.get("kind"),
                                  _span(s.get("speaker_mention"))))
    out[article_id] = kept
    if isinstance(out, Predictions):
        out.lines[article_id] = number


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def predictions_from(lines: Iterable[dict], gold: Gold, schemas: Schemas) -> tuple[dict[str, list[Predicted]], Report]:
    """Prediction documents (already parsed), checked as a file would be."""
    out = Predictions()
    report = Report()
    for number, doc in enumerate(lines, start=1):
        check_line(doc, number, "<predictions>", gold, schemas, out, report)
    return out, report
