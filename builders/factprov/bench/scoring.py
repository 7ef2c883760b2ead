"""Score extracted statements against the gold statements: ``factprov bench``.

Matching: in each article, gold and predicted statements are paired one to one so that
the total number of shared quote characters is as large as possible (an optimal
assignment, solved exactly on each group of mutually overlapping spans). A pair must
share at least one character. Everything else is computed from these pairs:

- quote F1, **overlap**: a pair counts; **exact**: a pair whose spans are identical;
- speaker accuracy: of the pairs, those whose speaker is right. A name counts if it is the
  canonical name or an alias in the ``sources`` config (case-insensitive), and a Wikidata
  id counts if it equals the gold one. A prediction without a speaker is the outlet's own
  claim, and is right when the gold statement is an unattributed claim;
- cue F1: a pair where both cues are given and share a character, against all predicted
  and all gold cues;
- kind accuracy: of the pairs, those with the gold kind;
- **attribution F1**, the headline figure: a pair with the right speaker counts; precision
  divides by the predictions and recall by the gold statements.

Micro figures pool all statements; macro figures average the articles' F1. Boilerplate
(headlines, "Baca juga:" links, credits) is never gold, so a prediction there is a false
positive.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from factprov.base import writer
from factprov.base.project import Project
from factprov.base.report import Issue, Report
from factprov.base.yamlio import FORBIDDEN
from factprov.build.schemas import INPUT_SCHEMAS, Schemas

KINDS = ("direct_quote", "indirect_quote", "unattributed_claim")


@dataclass(frozen=True)
class GoldStatement:
    statement_id: str
    start: int
    end: int
    kind: str
    speaker_names: frozenset[str]  # canonical name and aliases, casefolded; empty for an unknown publisher
    wikidata_id: str | None
    cue: tuple[int, int] | None


@dataclass
class GoldArticle:
    article_id: str
    text: str
    statements: list[GoldStatement]


@dataclass
class Gold:
    """The gold statements of one split, and what the scores are reported against."""

    split: str
    version: str
    fingerprint: str
    articles: dict[str, GoldArticle]

    @classmethod
    def load(cls, project: Project, split: str = "test") -> "Gold":
        """The gold of ``split`` from the built dataset/ (read with pyarrow: 200,000 statements in about 1 s)."""
        import pyarrow as pa  # heavy to import: only scoring needs it
        from pyarrow import json as pa_json

        data = project.dataset / "data"

        def table(config: str, name: str, fields: list) -> dict[str, list]:
            path = data / config / f"{name}.jsonl"
            if not path.is_file():
                raise FileNotFoundError(f"{project.rel(path)} is missing: run `factprov build` first, or choose "
                                        f"another --split")
            options = pa_json.ParseOptions(explicit_schema=pa.schema(fields), unexpected_field_behavior="ignore")
            read = pa_json.read_json(path, parse_options=options)
            out = {}
            for name_, kind in fields:
                column = read.column(name_).combine_chunks()
                if pa.types.is_struct(kind):
                    valid = column.is_valid().to_pylist()
                    for sub in kind:
                        values = column.field(sub.name).to_pylist()
                        out[f"{name_}.{sub.name}"] = [v if ok else None for v, ok in zip(values, valid)]
                else:
                    out[name_] = column.to_pylist()
            return out

        span = pa.struct([("start", pa.int64()), ("end", pa.int64())])
        sources = table("sources", "full", [("name", pa.string()), ("aliases", pa.list_(pa.string()))])
        names = {name: frozenset(n.casefold() for n in [name, *aliases])
                 for name, aliases in zip(sources["name"], sources["aliases"])}
        articles_ = table("articles", split, [("article_id", pa.string()), ("text", pa.string())])
        articles = {a: GoldArticle(a, text, []) for a, text in zip(articles_["article_id"], articles_["text"])}
        st = table("statements", split, [
            ("statement_id", pa.string()), ("article_id", pa.string()), ("kind", pa.string()), ("quote", span),
            ("speaker", pa.struct([("name", pa.string()), ("wikidata_id", pa.string())])), ("cue", span)])
        for i, sid in enumerate(st["statement_id"]):
            cue = (st["cue.start"][i], st["cue.end"][i]) if st["cue.start"][i] is not None else None
            articles[st["article_id"][i]].statements.append(GoldStatement(
                sid, st["quote.start"][i], st["quote.end"][i], st["kind"][i],
                names.get(st["speaker.name"][i], frozenset()), st["speaker.wikidata_id"][i], cue))
        return cls(split, project.version(), writer.fingerprint_on_disk(project.dataset), articles)


@dataclass(frozen=True)
class Predicted:
    start: int
    end: int
    speaker: str | None
    wikidata_id: str | None
    cue: tuple[int, int] | None
    kind: str | None
    mention: tuple[int, int] | None = None  # where the text refers to the speaker; not scored


# --- reading predictions --------------------------------------------------------------------------

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


# --- matching -------------------------------------------------------------------------------------

# Limits that keep the pairing near-linear in the number of predictions, however they overlap.
# Each group of overlapping spans is paired by an optimal assignment, after dropping the pairs no
# optimum needs (``_prune``). A sparse group (a chain: sliding windows over many quotes) is solved by
# local shortest-path searches; a dense one by the Hungarian method, whose cost grows with the square
# of its smaller side (almost always the gold side, which annotators bound) times the larger one.
# benchmarks/overlap.py measures both.
MAX_GROUP = 200          # statements on the smaller side of one group of overlapping spans
MAX_PAIRS = 1_000_000    # overlapping (gold, predicted) pairs in one article
PRUNE_FROM = 16          # edges in a group from which pruning pays for itself
DENSE = 0.05             # a group with fewer edges than this share of all pairs is paired by sparse search


class MatchLimit(Exception):
    """An article whose overlapping spans are too many to pair optimally in reasonable time."""

    article_id: str | None = None


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _assign(edges: dict[tuple[int, int], int]) -> list[tuple[int, int]]:
    """Pairs (row, column) of largest total weight, each row and column at most once.

    ``edges`` maps (row, column) to a positive weight; absent cells weigh 0. With ``n`` rows on
    the smaller side, each row needs only its ``n`` heaviest columns: in an optimal assignment
    that uses another column, one of those ``n`` is free and weighs as much, so swapping loses
    nothing. What is left is solved by the Hungarian method with shortest augmenting paths,
    O(n² · columns kept), each inner step a numpy operation over the columns. Ties go to the
    lowest index, so the result is deterministic.
    """
    import numpy as np

    rows = sorted({i for i, _ in edges})
    cols = sorted({j for _, j in edges})
    transposed = len(rows) > len(cols)
    if transposed:
        edges = {(j, i): w for (i, j), w in edges.items()}
        rows, cols = cols, rows
    n = len(rows)
    by_row: dict[int, list[tuple[int, int]]] = {}
    for (i, j), w in edges.items():
        by_row.setdefault(i, []).append((-w, j))
    kept = sorted({j for cells in by_row.values() for _, j in sorted(cells)[:n]})
    row_at, col_at = {r: a for a, r in enumerate(rows)}, {c: b for b, c in enumerate(kept)}
    m = len(kept)
    w = np.zeros((n, m), dtype=np.int64)
    for (i, j), weight in edges.items():
        if j in col_at:
            w[row_at[i], col_at[j]] = weight
    cost = (w.max() - w).astype(np.float64)  # exact: integers far below 2**53
    u, v = np.zeros(n + 1), np.zeros(m + 1)
    p = np.zeros(m + 1, dtype=np.int64)  # p[j]: the row (1-based) assigned to column j, 0 for none
    way = np.zeros(m + 1, dtype=np.int64)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv = np.full(m + 1, np.inf)
        used = np.zeros(m + 1, dtype=bool)
        while True:
            used[j0] = True
            i0 = p[j0]
            free = ~used
            current = cost[i0 - 1] - u[i0] - v[1:]
            better = free[1:] & (current < minv[1:])
            minv[1:][better] = current[better]
            way[1:][better] = j0
            candidates = np.where(free[1:], minv[1:], np.inf)
            j1 = int(np.argmin(candidates)) + 1
            delta = candidates[j1 - 1]
            u[p[used]] += delta
            v[used] -= delta
            minv[free] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = int(way[j0])
            p[j0] = p[j1]
            j0 = j1
    pairs = [(rows[int(p[b]) - 1], kept[b - 1]) for b in range(1, m + 1)
             if p[b] and w[int(p[b]) - 1, b - 1] > 0]
    return sorted((j, i) if transposed else (i, j) for i, j in pairs)


def _assign_sparse(edges: dict[tuple[int, int], int]) -> list[tuple[int, int]]:
    """The same optimum as :func:`_assign`, for a sparse group: the Hungarian method with Dijkstra's
    shortest augmenting paths over the edges only.

    Each row (gold quote) may also stay unpaired, through a column of its own that weighs 0. With
    integer potentials the reduced costs stay exact; each search stops at the first free column,
    which on spans that overlap only their neighbours is close by. Ties go to the lowest index.
    """
    import heapq

    rows = sorted({i for i, _ in edges})
    top = max(edges.values())
    out: dict[int, list[tuple[int, int]]] = {i: [] for i in rows}
    for (i, j), weight in sorted(edges.items()):
        out[i].append((j, top - weight))  # cost: minimised
    alone = {i: ("alone", i) for i in rows}  # the column that leaves row i unpaired, at cost ``top``
    for i in rows:
        out[i].append((alone[i], top))
    u = {i: min(c for _, c in out[i]) for i in rows}
    v: dict[Any, int] = {}
    row_of: dict[Any, int] = {}   # column -> row
    col_of: dict[int, Any] = {}   # row -> column
    for source in rows:
        dist: dict[Any, int] = {}
        before: dict[Any, int] = {}
        done: dict[Any, int] = {}
        heap: list = []
        order = 0

        def relax(row: int, base: int) -> None:
            nonlocal order
            for col, cost in out[row]:
                if col in done:
                    continue
                d = base + cost - u[row] - v.get(col, 0)
                if d < dist.get(col, d + 1):
                    dist[col], before[col] = d, row
                    order += 1
                    heapq.heappush(heap, (d, order, col))

        relax(source, 0)
        while True:
            d, _, col = heapq.heappop(heap)
            if col in done or d != dist[col]:
                continue
            done[col] = d
            if col not in row_of:
                break
            relax(row_of[col], d)
        for c, dc in done.items():  # potentials: matched edges keep reduced cost 0, all stay >= 0
            v[c] = v.get(c, 0) + dc - d
            if c in row_of:
                u[row_of[c]] += d - dc
        u[source] += d
        while True:  # augment along the path
            row = before[col]
            previous = col_of.get(row)
            row_of[col], col_of[row] = row, col
            if row == source:
                break
            col = previous
    return sorted((i, j) for i, j in col_of.items() if not isinstance(j, tuple))


def match(gold: list[GoldStatement], predicted: list[Predicted]) -> list[tuple[int, int]]:
    """Optimal one-to-one pairs (gold index, predicted index) by shared quote characters.

    Raises :class:`MatchLimit` past ``MAX_PAIRS`` overlapping pairs in the article, or a group
    of overlapping spans with more than ``MAX_GROUP`` statements on both sides.
    """
    if not gold or not predicted:
        return []
    # A sweep: gold quotes by start; the predictions that started before a gold quote ends and have
    # not ended before it starts are the active ones (a prediction ended before one gold quote starts
    # cannot reach the later ones).
    order = sorted(range(len(predicted)), key=lambda j: predicted[j].start)
    edges: dict[tuple[int, int], int] = {}
    active: list[int] = []
    k = 0
    for i in sorted(range(len(gold)), key=lambda i: gold[i].start):
        g = gold[i]
        while k < len(order) and predicted[order[k]].start < g.end:
            active.append(order[k])
            k += 1
        active = [j for j in active if predicted[j].end > g.start]
        for j in active:
            p = predicted[j]
            if p.start < g.end:
                edges[(i, j)] = min(p.end, g.end) - max(p.start, g.start)
        if len(edges) > MAX_PAIRS:
            raise MatchLimit(f"more than {MAX_PAIRS:,} pairs of overlapping gold and predicted quotes in one "
                             "article; the scorer pairs at most that many")
    gold_degree = Counter(i for i, _ in edges)
    predicted_degree = Counter(j for _, j in edges)
    pairs = [(i, j) for i, j in edges if gold_degree[i] == 1 and predicted_degree[j] == 1]  # alone together
    rest = {e: w for e, w in edges.items() if gold_degree[e[0]] > 1 or predicted_degree[e[1]] > 1}
    for group in _components(rest):
        if len(group) == 1:
            pairs += list(group)
            continue
        parts = _components(_prune(group)) if len(group) > PRUNE_FROM else [group]
        for part in parts:  # pruning can split a group: pair each part
            if len(part) == 1:
                pairs += list(part)
                continue
            n_gold, n_predicted = len({i for i, _ in part}), len({j for _, j in part})
            if len(part) <= DENSE * n_gold * n_predicted:
                pairs += _assign_sparse(part)  # a chain (sliding windows over many quotes): local searches
                continue
            if min(n_gold, n_predicted) > MAX_GROUP:
                raise MatchLimit(f"{n_gold:,} gold and {n_predicted:,} predicted quotes overlap one another in "
                                 f"one group; the scorer pairs groups with at most {MAX_GROUP:,} on one side")
            pairs += _assign(part)
    return sorted(pairs)


def _components(edges: dict[tuple[int, int], int]) -> list[dict[tuple[int, int], int]]:
    """The connected groups of a bipartite graph given as {(gold, predicted): weight}."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        parent[find(("g", i))] = find(("p", j))
    groups: dict[tuple[str, int], dict[tuple[int, int], int]] = {}
    for (i, j), weight in edges.items():
        groups.setdefault(find(("g", i)), {})[(i, j)] = weight
    return list(groups.values())


def _prune(edges: dict[tuple[int, int], int]) -> dict[tuple[int, int], int]:
    """The edges an optimal assignment needs: each gold quote keeps its ``c + 1`` heaviest predictions,
    where ``c`` is the number of other gold quotes that overlap any prediction it overlaps.

    Exact: if an optimal assignment paired it with another prediction, at most ``c`` of those ``c + 1``
    are taken by the others, so one is free and weighs as much. Sliding windows chain every gold
    quote of an article into one group; most of those links are not needed, and the group falls
    apart into small ones.
    """
    rows_of: dict[int, set[int]] = {}
    cols_of: dict[int, list[tuple[int, int]]] = {}
    for (i, j), weight in edges.items():
        rows_of.setdefault(j, set()).add(i)
        cols_of.setdefault(i, []).append((-weight, j))
    kept = {}
    for i, cells in cols_of.items():
        rivals: set[int] = set()
        for _, j in cells:
            rivals |= rows_of[j]
            if len(rivals) > len(cells):
                break
        cells.sort()
        for weight, j in cells[:len(rivals)]:  # rivals holds i itself: c + 1
            kept[(i, j)] = -weight
    return kept


# --- scores ---------------------------------------------------------------------------------------

def speaker_right(g: GoldStatement, p: Predicted) -> bool:
    if p.wikidata_id is not None and p.wikidata_id == g.wikidata_id:
        return True
    if p.speaker is None:
        return g.kind == "unattributed_claim"
    return p.speaker.casefold() in g.speaker_names


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    exact: int = 0
    speaker: int = 0  # matched with the right speaker: the attribution true positives
    kind: int = 0
    gold_cues: int = 0
    predicted_cues: int = 0
    cue: int = 0
    by_kind: Counter = field(default_factory=Counter)  # (gold kind, "gold" | "matched" | "attributed") -> n

    def add(self, other: "Counts") -> None:
        for name in ("gold", "predicted", "matched", "exact", "speaker", "kind", "gold_cues", "predicted_cues",
                     "cue"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.by_kind.update(other.by_kind)


def count(gold: list[GoldStatement], predicted: list[Predicted]) -> Counts:
    c = Counts(gold=len(gold), predicted=len(predicted), gold_cues=sum(g.cue is not None for g in gold),
               predicted_cues=sum(p.cue is not None for p in predicted))
    for g in gold:
        c.by_kind[(g.kind, "gold")] += 1
    for i, j in match(gold, predicted):
        g, p = gold[i], predicted[j]
        c.matched += 1
        c.by_kind[(g.kind, "matched")] += 1
        c.exact += (g.start, g.end) == (p.start, p.end)
        if speaker_right(g, p):
            c.speaker += 1
            c.by_kind[(g.kind, "attributed")] += 1
        c.kind += p.kind == g.kind
        c.cue += g.cue is not None and p.cue is not None and overlap(g.cue, p.cue) > 0
    return c


def prf(tp: int, predicted: int, gold: int) -> dict[str, float]:
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def figures(c: Counts) -> dict[str, Any]:
    return {
        "attribution": prf(c.speaker, c.predicted, c.gold),
        "quote_overlap": prf(c.matched, c.predicted, c.gold),
        "quote_exact": prf(c.exact, c.predicted, c.gold),
        "cue": prf(c.cue, c.predicted_cues, c.gold_cues),
        "speaker_accuracy": round(c.speaker / c.matched, 4) if c.matched else 0.0,
        "kind_accuracy": round(c.kind / c.matched, 4) if c.matched else 0.0,
    }


# Every figure as a function of summed counts; the same definitions give the point estimates and,
# on resampled sums, the intervals. Keys are the figure's path in the result ("micro.cue.f1").
_SCALARS = ("gold", "predicted", "matched", "exact", "speaker", "kind", "gold_cues", "predicted_cues", "cue")
_BY_KIND = tuple((k, what) for k in KINDS for what in ("gold", "matched", "attributed"))
_PRF = {"attribution": ("speaker", "predicted", "gold"), "quote_overlap": ("matched", "predicted", "gold"),
        "quote_exact": ("exact", "predicted", "gold"), "cue": ("cue", "predicted_cues", "gold_cues")}
MACRO = ("attribution", "quote_overlap", "quote_exact")
HEADLINE = ("micro.attribution.f1", "micro.quote_overlap.f1", "micro.quote_exact.f1", "micro.cue.f1",
            "micro.speaker_accuracy", "micro.kind_accuracy", "macro_f1.attribution")


def _vector(c: Counts) -> list[int]:
    return [getattr(c, name) for name in _SCALARS] + [c.by_kind[key] for key in _BY_KIND]


def _ratio(num, den, empty: float = 0.0):
    """num / den, and ``empty`` where den is 0 (0 for a figure; NaN in a resample, where it is left out)."""
    import numpy as np

    num, den = np.asarray(num, dtype=np.float64), np.asarray(den, dtype=np.float64)
    return np.divide(num, den, out=np.full(np.broadcast(num, den).shape, empty), where=den > 0)


def _flat_figures(totals, macro_sums=None, macro_n=None, empty: float = 0.0) -> dict[str, Any]:
    """Figures from count sums: ``totals`` has one column per count (``_vector``'s order), one row per
    resample; ``macro_sums`` the summed per-article F1 (one column per ``MACRO`` name), ``macro_n``
    the number of articles with gold statements summed. A ratio over nothing is ``empty``."""
    import numpy as np

    column = {name: totals[:, i] for i, name in enumerate([*_SCALARS, *_BY_KIND])}
    out: dict[str, Any] = {}
    for name, (tp, predicted, gold) in _PRF.items():
        p, r = _ratio(column[tp], column[predicted], empty), _ratio(column[tp], column[gold], empty)
        out[f"micro.{name}.precision"], out[f"micro.{name}.recall"] = p, r
        f1 = _ratio(2 * np.nan_to_num(p) * np.nan_to_num(r), np.nan_to_num(p) + np.nan_to_num(r))
        out[f"micro.{name}.f1"] = np.where(np.isnan(p) | np.isnan(r), empty, f1)
    out["micro.speaker_accuracy"] = _ratio(column["speaker"], column["matched"], empty)
    out["micro.kind_accuracy"] = _ratio(column["kind"], column["matched"], empty)
    if macro_sums is not None:
        for i, name in enumerate(MACRO):
            out[f"macro_f1.{name}"] = _ratio(macro_sums[:, i], macro_n, empty)
    for kind in KINDS:
        out[f"by_kind.{kind}.quote_recall"] = _ratio(column[(kind, "matched")], column[(kind, "gold")], empty)
        out[f"by_kind.{kind}.attribution_recall"] = _ratio(column[(kind, "attributed")], column[(kind, "gold")],
                                                           empty)
    return out


@dataclass
class Tally:
    """Counts per article, in article order: what the scores and their resamples are computed from."""

    article_ids: list[str]
    counts: Any       # [article, count] as in _vector
    f1: Any           # [article, MACRO name]: each article's F1
    has_gold: Any     # [article]: 1 if the article has gold statements (macro figures average those)
    total: Counts

    @classmethod
    def of(cls, gold: Gold, predictions: dict[str, list[Predicted]]) -> "Tally":
        import numpy as np

        ids, rows, has, total = [], [], [], Counts()
        for article_id, article in sorted(gold.articles.items()):
            try:
                c = count(article.statements, predictions.get(article_id, []))
            except MatchLimit as exc:
                exc.article_id = article_id
                raise
            total.add(c)
            ids.append(article_id)
            rows.append(_vector(c))
            has.append(1 if article.statements else 0)
        # float64: exact for counts far below 2**53, and multiplied by BLAS in the resamples
        counts = np.asarray(rows, dtype=np.float64).reshape(len(ids), len(_SCALARS) + len(_BY_KIND))
        per_article = _flat_figures(counts)  # one row per article: each article's own F1
        f1 = np.stack([per_article[f"micro.{name}.f1"] for name in MACRO], axis=1).reshape(len(ids), len(MACRO))
        return cls(ids, counts, f1, np.asarray(has, dtype=np.float64), total)

    def figures(self, weights=None) -> dict[str, Any]:
        """Flat figures; with ``weights`` ``[resample, article]``, one value per resample, NaN where a
        resample has nothing to divide by (no gold statement of a kind, no prediction...)."""
        import numpy as np

        empty = 0.0 if weights is None else float("nan")
        if weights is None:
            weights = np.ones((1, len(self.article_ids)))
        weights = np.asarray(weights, dtype=np.float64)
        return _flat_figures(weights @ self.counts, weights @ (self.f1 * self.has_gold[:, None]),
                             weights @ self.has_gold, empty)


def _resampled(tallies: list[Tally], resamples: int) -> list[dict[str, Any]]:
    """Each tally's flat figures on the same resamples of articles (paired when there are several)."""
    import numpy as np

    from factprov.bench.intervals import weights

    n = len(tallies[0].article_ids)
    if n == 0:
        return [{} for _ in tallies]
    chunks: list[list[dict]] = [[] for _ in tallies]
    for w in weights(n, resamples):
        for t, tally in enumerate(tallies):
            chunks[t].append(tally.figures(w))
    return [{key: np.concatenate([c[key] for c in chunk]) for key in chunk[0]} for chunk in chunks]


def _nest(flat: dict[str, Any], point: dict[str, float], intervals: dict[str, list[float]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in flat:
        *parents, leaf = key.split(".")
        node = out
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = point[key]
        if key in intervals:
            node[f"{leaf}_ci95"] = intervals[key]
    return out


def score(gold: Gold, predictions: dict[str, list[Predicted]], resamples: int | None = None) -> dict[str, Any]:
    """Every figure, micro and macro, each with a 95% bootstrap interval over articles (``x_ci95``),
    and the dataset version and fingerprint they are against.

    Raises :class:`MatchLimit` (naming the article) past the matching's limits.
    """
    import numpy as np

    from factprov.bench.intervals import RESAMPLES, SEED, interval

    resamples = RESAMPLES if resamples is None else resamples
    tally = Tally.of(gold, predictions)
    flat = tally.figures()
    point = {key: round(float(value[0]), 4) for key, value in flat.items()}
    [resampled] = _resampled([tally], resamples)
    if not resampled:  # a split without articles
        resampled = {key: np.zeros(0) for key in flat}
    intervals = {key: interval(values, point[key]) for key, values in resampled.items()}
    nested = _nest(flat, point, intervals)
    total = tally.total
    by_kind = {kind: {"gold": total.by_kind[(kind, "gold")], **nested["by_kind"][kind]} for kind in KINDS}
    return {
        "dataset": {"version": gold.version, "fingerprint": gold.fingerprint, "split": gold.split},
        "bootstrap": {"unit": "article", "resamples": resamples, "seed": SEED, "interval": "95% percentile"},
        "articles": len(gold.articles),
        "articles_without_predictions": sorted(set(gold.articles) - set(predictions)),
        "statements": {"gold": total.gold, "predicted": total.predicted, "matched": total.matched},
        "micro": nested["micro"],
        "macro_f1": nested["macro_f1"],
        "by_kind": by_kind,
    }


def compare(gold: Gold, a: dict[str, list[Predicted]], b: dict[str, list[Predicted]],
            resamples: int | None = None) -> dict[str, Any]:
    """A minus B in each headline figure, with a paired bootstrap interval: both are scored on the same
    resampled articles. A figure's difference is significant when its interval excludes 0."""
    from factprov.bench.intervals import RESAMPLES, SEED, interval

    resamples = RESAMPLES if resamples is None else resamples
    tallies = [Tally.of(gold, a), Tally.of(gold, b)]
    points = [t.figures() for t in tallies]
    ra, rb = _resampled(tallies, resamples)
    rows = {}
    for key in HEADLINE:
        va, vb = round(float(points[0][key][0]), 4), round(float(points[1][key][0]), 4)
        low, high = interval(ra[key] - rb[key], round(va - vb, 4)) if ra else [0.0, 0.0]
        verdict = "A" if low > 0 else "B" if high < 0 else "neither"
        rows[key] = {"a": va, "b": vb, "difference": round(va - vb, 4), "difference_ci95": [low, high],
                     "better": verdict}
    return {"dataset": {"version": gold.version, "fingerprint": gold.fingerprint, "split": gold.split},
            "bootstrap": {"unit": "article", "resamples": resamples, "seed": SEED, "paired": True,
                          "interval": "95% percentile"},
            "articles": len(gold.articles), "figures": rows}


def predictions_from(lines: Iterable[dict], gold: Gold, schemas: Schemas) -> tuple[dict[str, list[Predicted]], Report]:
    """Prediction documents (already parsed), checked as a file would be."""
    out = Predictions()
    report = Report()
    for number, doc in enumerate(lines, start=1):
        check_line(doc, number, "<predictions>", gold, schemas, out, report)
    return out, report
