"""The agreement figures, per article and over the corpus, and the disagreements to adjudicate.

Over every pair of annotators of an article:

- detection F1: statements matched by shared quote characters, 2 x matched / (statements of one +
  statements of the other); over the corpus, the matched and the statements of every pair summed;
- alpha of the quote, cue and mention labels over the article's tokens (or characters) outside
  boilerplate: a unit is labelled by an annotator where one of their spans touches it;
- for the matched statements, raw agreement (the share of pairs with the same value) and nominal
  alpha of the speaker, kind, claim type, fidelity and verification status.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from factprov.agreement.alpha import Alpha, binary_counts, category_counts, labelled, nominal, units_of
from factprov.agreement.pairs import NOMINAL, SPANS, Pair, chain_of, pair, span_of, value

SPAN_LABELS = {"quote": "quote", "cue": "cue", "mention": "speaker_mention"}
CONTEXT = 60  # characters of text shown on each side of a disagreement


@dataclass
class Labels:
    """One nominal label over matched statements: pairs with the same value, of all, and alpha."""

    same: int
    pairs: int
    alpha: Alpha

    @property
    def raw(self) -> float | None:
        return None if self.pairs == 0 else self.same / self.pairs

    def to_json(self) -> dict:
        return {"same": self.same, "pairs": self.pairs, "raw": None if self.raw is None else round(self.raw, 4),
                **self.alpha.to_json()}


@dataclass
class Figures:
    """The figures of one article, or of the corpus (``article_id`` None)."""

    article_id: str | None
    annotators: list[str]
    statements: dict[str, int]  # annotator -> statements (over the corpus: summed)
    matched: int  # summed over the pairs of annotators
    compared: int  # statements of both sides, summed over the pairs
    spans: dict[str, Alpha]
    labels: dict[str, Labels]

    @property
    def f1(self) -> float | None:
        return None if self.compared == 0 else 2 * self.matched / self.compared

    def to_json(self) -> dict:
        out = {"article_id": self.article_id} if self.article_id is not None else {}
        return out | {
            "annotators": self.annotators, "statements": self.statements,
            "detection": {"matched": self.matched, "compared": self.compared,
                          "f1": None if self.f1 is None else round(self.f1, 4)},
            "spans": {k: a.to_json() for k, a in self.spans.items()},
            "labels": {k: v.to_json() for k, v in self.labels.items()},
        }


@dataclass
class Agreement:
    unit: str
    articles: list[Figures] = field(default_factory=list)
    corpus: Figures | None = None  # None: no article has two annotators
    once: list[str] = field(default_factory=list)  # articles with one annotator's file only
    disagreements: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"unit": self.unit, "articles_compared": len(self.articles), "articles_annotated_once": self.once,
                "corpus": None if self.corpus is None else self.corpus.to_json(),
                "articles": [a.to_json() for a in self.articles], "disagreements": self.disagreements}


@dataclass
class _Pool:
    """What the corpus figures sum: span units and matched-statement values of every article."""

    spans: dict[str, list[np.ndarray]] = field(default_factory=lambda: {k: [] for k in SPAN_LABELS})
    labels: dict[str, list[list[str]]] = field(default_factory=lambda: {k: [] for k in NOMINAL})


def measure(articles: dict[str, dict], independent: dict[str, dict[str, list[dict]]], unit: str = "token") -> Agreement:
    """Agreement between the annotators' files of ``independent`` (article_id -> annotator -> statement
    records), on the article records of ``articles`` (their text and boilerplate)."""
    out = Agreement(unit)
    pool = _Pool()
    corpus_statements: dict[str, int] = {}
    matched = compared = 0
    for article_id in sorted(independent):
        by_annotator = independent[article_id]
        if len(by_annotator) < 2:
            out.once.append(article_id)
            continue
        article = articles[article_id]
        figures, counts, values = _article(article, by_annotator, unit, out.disagreements)
        out.articles.append(figures)
        for name, n in figures.statements.items():
            corpus_statements[name] = corpus_statements.get(name, 0) + n
        matched, compared = matched + figures.matched, compared + figures.compared
        for label in SPAN_LABELS:
            pool.spans[label].append(counts[label])
        for name in NOMINAL:
            pool.labels[name] += values[name]
    if out.articles:
        out.corpus = Figures(None, sorted(corpus_statements), dict(sorted(corpus_statements.items())), matched,
                             compared, {k: nominal(np.concatenate(v)) for k, v in pool.spans.items()},
                             {k: _labels(v) for k, v in pool.labels.items()})
    return out


def _article(article: dict, by_annotator: dict[str, list[dict]], unit: str, disagreements: list[dict]):
    text = article["text"]
    boilerplate = [(b["start"], b["end"]) for b in article["boilerplate"]]
    names = sorted(by_annotator)
    units = units_of(text, boilerplate, unit)
    counts = {}
    for label, record_field in SPAN_LABELS.items():
        columns = [labelled(units, [s for r in by_annotator[name] if (s := span_of(r, record_field))], len(text))
                   for name in names]
        counts[label] = binary_counts(columns)
    values: dict[str, list[list[str]]] = {k: [] for k in NOMINAL}
    matched = compared = 0
    for first, second in combinations(names, 2):
        p = pair(article["article_id"], first, by_annotator[first], second, by_annotator[second])
        matched, compared = matched + len(p.matched), compared + len(p.a) + len(p.b)
        for i, j in p.matched:
            for name in NOMINAL:
                values[name].append([value(p.a[i], name), value(p.b[j], name)])
        disagreements += _differences(text, p)
    figures = Figures(article["article_id"], names, {n: len(by_annotator[n]) for n in names}, matched, compared,
                      {k: nominal(c) for k, c in counts.items()}, {k: _labels(v) for k, v in values.items()})
    return figures, counts, values


def _labels(rows: list[list[str]]) -> Labels:
    categories = sorted({v for row in rows for v in row})
    return Labels(sum(1 for row in rows if len(set(row)) == 1), len(rows), nominal(category_counts(rows, categories)))


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def context(text: str, start: int, end: int, width: int = CONTEXT) -> str:
    """The text around [start, end) on one line, the span in [[ ]], long spans shortened in the middle."""
    span = text[start:end]
    if len(span) > 2 * width:
        span = span[:width] + " ... " + span[-width // 2:]
    before, after = text[max(0, start - width):start], text[end:end + width]
    flat = " ".join(f"{'...' if start > width else ''}{before}[[{span}]]{after}{'...' if end + width < len(text) else ''}"
                    .split())
    return flat


def _said(text: str, record: dict, name: str) -> str | None:
    span = span_of(record, name)
    return None if span is None else f"{text[span[0]:span[1]]!r} (line {_line(text, span[0])})"


def _statement(record: dict) -> str:
    n = record["statement_id"].rsplit("/", 1)[1]
    return f"n={n}: {record['kind']}, {value(record, 'speaker')}"


def _differences(text: str, p: Pair) -> list[dict]:
    """What differs between the two annotators: statements only one of them has, and, in each matched
    pair, the labels and spans that are not the same."""
    out = []

    def add(record: dict, what: str, values: list, statements: list) -> None:
        quote = record["quote"]
        out.append({"article_id": p.article_id, "line": _line(text, quote["start"]), "field": what,
                    "annotators": [p.first, p.second], "values": values, "statements": statements,
                    "context": context(text, quote["start"], quote["end"])})

    only_a, only_b = p.unmatched()
    for i in only_a:
        add(p.a[i], "statement", [_statement(p.a[i]), None], [p.a[i]["statement_id"], None])
    for j in only_b:
        add(p.b[j], "statement", [None, _statement(p.b[j])], [None, p.b[j]["statement_id"]])
    for i, j in p.matched:
        a, b = p.a[i], p.b[j]
        ids = [a["statement_id"], b["statement_id"]]
        for name in SPANS:
            if span_of(a, name) != span_of(b, name):
                add(a, name, [_said(text, a, name), _said(text, b, name)], ids)
        for name in NOMINAL:
            if value(a, name) != value(b, name):
                add(a, name, [value(a, name), value(b, name)], ids)
        if chain_of(a) != chain_of(b):
            add(a, "source_chain", [chain_of(a), chain_of(b)], ids)
    out.sort(key=lambda d: (d["line"], d["field"] != "statement", d["field"]))
    return out
