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

import bisect
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from . import writer
from .project import Project
from .report import Issue, Report
from .schemas import INPUT_SCHEMAS, Schemas

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


# --- reading predictions --------------------------------------------------------------------------

def _span(value: dict | None) -> tuple[int, int] | None:
    return None if value is None else (value["start"], value["end"])


def from_citron(doc: dict, gold: Gold) -> dict:
    """A document in BBC Citron's output format as a factprov prediction line.

    Each content span of a Citron quote becomes one statement, with the quote's cue and,
    as the speaker, its first coreference (the resolved name) or else its first source
    span. Quotation marks, white space and a trailing comma around a content span are
    taken off, as factprov's quotes leave them out.
    """
    article_id = doc.get("article_id")
    if article_id is None:
        article_id = next((a.article_id for a in gold.articles.values() if a.text == doc.get("text")), None)
    statements = []
    for quote in doc.get("quotes", []):
        people = quote.get("coreferences") or quote.get("sources") or []
        speaker = {"name": people[0]["text"]} if people and people[0].get("text") else None
        for content in quote.get("contents", []):
            start, end = content["start"], content["end"]
            text = gold.articles[article_id].text if article_id in gold.articles else ""
            while start < end and text[start:start + 1] in ('"', "“", "”", "'", " ", "\n"):
                start += 1
            while end > start and text[end - 1:end] in ('"', "“", "”", "'", " ", "\n", ","):
                end -= 1
            statements.append({"quote": {"start": start, "end": end}, "speaker": speaker,
                               "cue": {"start": quote["cue"]["start"], "end": quote["cue"]["end"]}
                               if quote.get("cue") else None})
    return {"article_id": article_id, "statements": statements}


def read_predictions(path: Path, gold: Gold, schemas: Schemas, fmt: str = "factprov",
                     name: str | None = None) -> tuple[dict[str, list[Predicted]], Report]:
    """Predictions by article; every problem is an issue naming the line and the field."""
    report = Report()
    file = name or str(path)
    out: dict[str, list[Predicted]] = {}
    try:
        raw = path.read_bytes()
    except OSError as exc:
        report.add(Issue(file, None, None, "", "pred-json", f"cannot read the predictions: {exc.strerror}"))
        return out, report
    for number, line in enumerate(raw.decode("utf-8", "replace").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            report.add(Issue(file, number, exc.colno, "", "pred-json", f"not JSON: {exc.msg}"))
            continue
        if fmt == "citron" and isinstance(doc, dict):
            try:
                doc = from_citron(doc, gold)
            except (KeyError, TypeError) as exc:
                report.add(Issue(file, number, None, "", "pred-schema", f"not a Citron document: missing {exc}"))
                continue
        check_line(doc, number, file, gold, schemas, out, report)
    return out, report


def check_line(doc: Any, number: int, file: str, gold: Gold, schemas: Schemas,
               out: dict[str, list[Predicted]], report: Report) -> None:
    """One prediction line: schema, article, offsets and texts; valid statements go into ``out``."""
    schema = INPUT_SCHEMAS["predictions"]
    errors = list(schemas.iter_errors(schema, doc))
    if errors:
        for error in errors:
            path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")
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
        for name in ("quote", "cue"):
            span = s.get(name)
            if span is None:
                continue
            where = f"statements[{i}].{name}"
            if not span["start"] < span["end"] <= len(text):
                report.add(Issue(file, number, None, where, "pred-span",
                                 f"offsets {span['start']}:{span['end']} are not a span of the text "
                                 f"({len(text)} characters)"))
                ok = False
            elif "text" in span and text[span["start"]:span["end"]] != span["text"]:
                report.add(Issue(file, number, None, where + ".text", "pred-span",
                                 f"{span['text']!r} is not the text at {span['start']}:{span['end']}, which is "
                                 f"{text[span['start']:span['end']]!r}"))
                ok = False
        if ok:
            speaker = s.get("speaker") or {}
            kept.append(Predicted(s["quote"]["start"], s["quote"]["end"], speaker.get("name"),
                                  speaker.get("wikidata_id"), _span(s.get("cue")), s.get("kind")))
    out[article_id] = kept


# --- matching -------------------------------------------------------------------------------------

def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _assign(weights: list[list[int]]) -> list[tuple[int, int]]:
    """Pairs (row, column) of largest total weight, each row and column at most once (Hungarian method)."""
    n_rows, n_cols = len(weights), len(weights[0])
    n = max(n_rows, n_cols)
    top = max(max(row) for row in weights)
    # Minimise cost = top - weight on a square matrix padded with zero-weight cells.
    cost = [[top - (weights[i][j] if i < n_rows and j < n_cols else 0) for j in range(n)] for i in range(n)]
    u, v, p, way = [0] * (n + 1), [0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [float("inf")] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], float("inf"), 0
            for j in range(1, n + 1):
                if not used[j]:
                    current = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if current < minv[j]:
                        minv[j], way[j] = current, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    pairs = [(p[j] - 1, j - 1) for j in range(1, n + 1) if p[j] and p[j] - 1 < n_rows and j - 1 < n_cols]
    return sorted((i, j) for i, j in pairs if weights[i][j] > 0)


def match(gold: list[GoldStatement], predicted: list[Predicted]) -> list[tuple[int, int]]:
    """Optimal one-to-one pairs (gold index, predicted index) by shared quote characters."""
    # Only spans that can overlap are compared: predictions sorted by start, from the first that
    # could reach the gold span (its start minus the longest prediction) to the gold span's end.
    order = sorted(range(len(predicted)), key=lambda j: predicted[j].start)
    starts = [predicted[j].start for j in order]
    longest = max((p.end - p.start for p in predicted), default=0)
    edges = []
    for i, g in enumerate(gold):
        for k in range(bisect.bisect_left(starts, g.start - longest), bisect.bisect_left(starts, g.end)):
            j = order[k]
            if predicted[j].end > g.start:
                edges.append((i, j))
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        parent[find(("g", i))] = find(("p", j))
    groups: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for i, j in edges:
        groups.setdefault(find(("g", i)), []).append((i, j))
    pairs = []
    for group in groups.values():
        rows = sorted({i for i, _ in group})
        cols = sorted({j for _, j in group})
        if len(rows) == 1 and len(cols) == 1:
            pairs.append(group[0])
            continue
        weights = [[overlap((gold[i].start, gold[i].end), (predicted[j].start, predicted[j].end)) for j in cols]
                   for i in rows]
        pairs += [(rows[a], cols[b]) for a, b in _assign(weights)]
    return sorted(pairs)


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


def score(gold: Gold, predictions: dict[str, list[Predicted]]) -> dict[str, Any]:
    """Every figure, micro and macro, with the dataset version and fingerprint they are against."""
    total, per_article = Counts(), {}
    for article_id, article in sorted(gold.articles.items()):
        c = count(article.statements, predictions.get(article_id, []))
        total.add(c)
        if article.statements:
            per_article[article_id] = c
    macro = {name: round(sum(figures(c)[name]["f1"] for c in per_article.values()) / len(per_article), 4)
             if per_article else 0.0 for name in ("attribution", "quote_overlap", "quote_exact")}
    return {
        "dataset": {"version": gold.version, "fingerprint": gold.fingerprint, "split": gold.split},
        "articles": len(gold.articles),
        "articles_without_predictions": sorted(set(gold.articles) - set(predictions)),
        "statements": {"gold": total.gold, "predicted": total.predicted, "matched": total.matched},
        "micro": figures(total),
        "macro_f1": macro,
        "by_kind": {kind: {"gold": total.by_kind[(kind, "gold")],
                           "quote_recall": round(total.by_kind[(kind, "matched")] / total.by_kind[(kind, "gold")], 4)
                           if total.by_kind[(kind, "gold")] else 0.0,
                           "attribution_recall": round(total.by_kind[(kind, "attributed")]
                                                       / total.by_kind[(kind, "gold")], 4)
                           if total.by_kind[(kind, "gold")] else 0.0}
                    for kind in KINDS},
    }


def predictions_from(lines: Iterable[dict], gold: Gold, schemas: Schemas) -> tuple[dict[str, list[Predicted]], Report]:
    """Prediction documents (already parsed), checked as a file would be."""
    out: dict[str, list[Predicted]] = {}
    report = Report()
    for number, doc in enumerate(lines, start=1):
        check_line(doc, number, "<predictions>", gold, schemas, out, report)
    return out, report
