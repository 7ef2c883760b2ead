"""Two annotators' statements of one article, matched one to one as the scorer matches a model's to the
gold: by shared quote characters (:func:`factprov.bench.matching.match`), so that detection F1 between
annotators means what the benchmark's quote F1 means."""

from __future__ import annotations

from dataclasses import dataclass, field

from factprov.bench.matching import match

PUBLISHER = "(the publisher)"  # the speaker of an outlet's own claim whose publisher is not established
NOMINAL = ("speaker", "kind", "claim_type", "fidelity", "verification_status")
SPANS = ("quote", "cue", "speaker_mention")  # compared as spans, for adjudication


@dataclass(frozen=True)
class _Quote:
    start: int
    end: int


def value(record: dict, name: str) -> str:
    """A nominal label of a statement, as compared; the speaker by its canonical name."""
    if name == "speaker":
        return record["speaker"]["name"] or PUBLISHER
    return record[name]


def span_of(record: dict, name: str) -> tuple[int, int] | None:
    span = record[name]
    return None if span is None else (span["start"], span["end"])


def chain_of(record: dict) -> list[str | None]:
    return [link["name"] for link in record["source_chain"]]


@dataclass
class Pair:
    """Two annotators' statements of one article, matched."""

    article_id: str
    first: str
    second: str
    a: list[dict]
    b: list[dict]
    matched: list[tuple[int, int]] = field(default_factory=list)  # (index in a, index in b)

    @property
    def f1(self) -> float | None:
        total = len(self.a) + len(self.b)
        return None if total == 0 else 2 * len(self.matched) / total

    def unmatched(self) -> tuple[list[int], list[int]]:
        in_a = {i for i, _ in self.matched}
        in_b = {j for _, j in self.matched}
        return ([i for i in range(len(self.a)) if i not in in_a], [j for j in range(len(self.b)) if j not in in_b])


def pair(article_id: str, first: str, a: list[dict], second: str, b: list[dict]) -> Pair:
    quotes_a = [_Quote(r["quote"]["start"], r["quote"]["end"]) for r in a]
    quotes_b = [_Quote(r["quote"]["start"], r["quote"]["end"]) for r in b]
    return Pair(article_id, first, second, a, b, match(quotes_a, quotes_b))
