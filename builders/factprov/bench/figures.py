"""Figures: scores of predictions against the gold statements (``factprov bench``), with intervals.

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

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from factprov.bench.gold import KINDS, Gold, GoldStatement
from factprov.bench.matching import MatchLimit, match, overlap
from factprov.bench.predictions import Predicted


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


