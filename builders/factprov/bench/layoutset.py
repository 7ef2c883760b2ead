"""The layout benchmark: texts in the layouts of many kinds of Indonesian news site, with their page
furniture annotated (``tests/fixtures/layouts/``), and how well a parser marks that furniture.

Each ``NAME.txt`` has a ``NAME.yaml`` beside it: ``layout``, a sentence on what the page is like, and
``boilerplate``, the ``label`` and verbatim ``text`` of every span of furniture (with ``occurrence: N``
where the text occurs more than once). Everything else in the text is body.

How a span is matched: a span the parser marks is found when an annotated span has the same label
and the same start and end. Spans are written as the parsers mark them: the text without the white
space around it, a dateline up to its dash, a credit with its name on a later line from the role to
the name. Precision and recall are counted in spans, for each label. Body characters wrongly marked
are the characters, white space aside, that lie in a marked span and in no annotated span.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from factprov.build.parsers import ParsedArticle, parse, resolve
from factprov.build.spans import SpanError, TextIndex, locate


class LayoutSetError(Exception):
    """An annotation of a layout text that cannot be read or resolved."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class LayoutText:
    name: str  # the file's stem
    text: str
    layout: str
    furniture: tuple[Span, ...]  # annotated, in text order


def schema_labels(schema: Path) -> frozenset[str]:
    """The boilerplate labels of ``schema/common.schema.json`` in the folder ``schema``."""
    common = json.loads((schema / "common.schema.json").read_text(encoding="utf-8"))
    return frozenset(common["$defs"]["boilerplate_label"]["enum"])


def load(folder: Path, labels: frozenset[str] | None = None) -> list[LayoutText]:
    """The layout texts of ``folder``; ``labels``, when given, are the labels an annotation may use."""
    texts = []
    for path in sorted(folder.glob("*.txt")):
        annotation = path.with_suffix(".yaml")
        if not annotation.is_file():
            raise LayoutSetError(f"{annotation}: missing; every text has its annotation beside it")
        text = path.read_text(encoding="utf-8")
        try:
            doc = yaml.safe_load(annotation.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            at = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
            raise LayoutSetError(f"{annotation}{at}: not YAML: {getattr(exc, 'problem', None) or exc}") from None
        if not isinstance(doc, dict) or not isinstance(doc.get("layout"), str) or not isinstance(
                doc.get("boilerplate"), list):
            raise LayoutSetError(f"{annotation}: needs `layout` (a sentence) and `boilerplate` (a list)")
        index, spans = TextIndex(text), []
        for n, item in enumerate(doc["boilerplate"]):
            where = f"{annotation}: boilerplate[{n}]"
            if not isinstance(item, dict) or not isinstance(item.get("label"), str) or not isinstance(
                    item.get("text"), str) or set(item) - {"label", "text", "occurrence"}:
                raise LayoutSetError(f"{where}: write {{label: ..., text: ...}}, with occurrence: N if needed")
            if labels is not None and item["label"] not in labels:
                raise LayoutSetError(f"{where}: label {item['label']!r} is not one of {', '.join(sorted(labels))}")
            selector = {"text": item["text"], "occurrence": item["occurrence"]} if "occurrence" in item \
                else item["text"]
            try:
                start, end = locate(index, selector, path.name)
            except SpanError as exc:
                raise LayoutSetError(f"{where}: {exc.message}") from None
            spans.append(Span(start, end, item["label"]))
        spans.sort(key=lambda s: (s.start, s.end))
        for a, b in zip(spans, spans[1:]):
            if b.start < a.end:
                raise LayoutSetError(f"{annotation}: the spans at offsets {a.start} and {b.start} overlap")
        texts.append(LayoutText(path.stem, text, doc["layout"], tuple(spans)))
    if not texts:
        raise LayoutSetError(f"{folder}: no .txt files")
    return texts


@dataclass(frozen=True)
class Result:
    """What a parser marked in one text, against the annotation."""

    text: LayoutText
    parser: str
    marked: tuple[Span, ...]

    @property
    def found(self) -> frozenset[Span]:
        return frozenset(self.marked) & frozenset(self.text.furniture)

    @property
    def missed(self) -> list[Span]:
        return [s for s in self.text.furniture if s not in self.found]

    @property
    def wrong(self) -> list[Span]:
        """Marked spans that match no annotated span."""
        return [s for s in self.marked if s not in self.found]

    @property
    def wrong_body_chars(self) -> int:
        furniture = set()
        for span in self.text.furniture:
            furniture.update(range(span.start, span.end))
        wrong = {i for span in self.marked for i in range(span.start, span.end) if i not in furniture}
        return sum(not self.text.text[i].isspace() for i in wrong)

    @property
    def body_chars(self) -> int:
        covered = {i for span in self.text.furniture for i in range(span.start, span.end)}
        return sum(not ch.isspace() for i, ch in enumerate(self.text.text) if i not in covered)


def measure(texts: list[LayoutText], parser: str = "auto",
            parse_with: Callable[[str], ParsedArticle] | None = None) -> list[Result]:
    """Parse every text with ``parser`` (``auto`` picks one per text) or with ``parse_with``."""
    results = []
    for item in texts:
        if parse_with is not None:
            name, parsed = getattr(parse_with, "__name__", "model"), parse_with(item.text)
        else:
            name, parsed = resolve(item.text, parser), parse(item.text, parser)
        marked = tuple(Span(b.start, b.end, b.label) for b in parsed.boilerplate)
        results.append(Result(item, name, marked))
    return results


@dataclass(frozen=True)
class LabelCount:
    annotated: int
    marked: int
    found: int

    @property
    def precision(self) -> float | None:
        return self.found / self.marked if self.marked else None

    @property
    def recall(self) -> float | None:
        return self.found / self.annotated if self.annotated else None


def by_label(results: list[Result]) -> dict[str, LabelCount]:
    """Spans annotated, marked and found, per label, and over all labels (``"all"``)."""
    labels = sorted({s.label for r in results for s in (*r.text.furniture, *r.marked)})
    counts = {}
    for label in labels:
        counts[label] = LabelCount(sum(s.label == label for r in results for s in r.text.furniture),
                                   sum(s.label == label for r in results for s in r.marked),
                                   sum(s.label == label for r in results for s in r.found))
    counts["all"] = LabelCount(sum(c.annotated for c in counts.values()), sum(c.marked for c in counts.values()),
                               sum(c.found for c in counts.values()))
    return counts
