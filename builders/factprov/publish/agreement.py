"""The agreement between annotators as the card and croissant.json state it: measured on the articles that
have independent annotations (``seeds/<id>/annotators/``), and said plainly where there are none."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from factprov.agreement.measure import Agreement, measure

if TYPE_CHECKING:
    from factprov.build.outputs import Outputs

LABEL_NAMES = {"speaker": "speaker", "kind": "kind", "claim_type": "claim type", "fidelity": "fidelity",
               "verification_status": "verification status"}
SPAN_NAMES = {"quote": "quote", "cue": "cue", "mention": "speaker mention"}


def _articles(n: int) -> str:
    return "1 article" if n == 1 else f"{n} articles"


def _f(value: float | None) -> str:
    return "undefined" if value is None else f"{value:.3f}"


@dataclass
class Stated:
    """The sentences and the table the card and Croissant use."""

    compared: int  # articles with two or more annotators
    per_item: str  # rai:annotationsPerItem
    analysis: str  # rai:dataAnnotationAnalysis
    who: str  # the card's sentence on who annotated
    limitation: str  # the card's and Croissant's limitation
    table: str  # the card's table of figures ("" where there are none)


def measured(outputs: Outputs) -> Agreement:
    articles = {a["article_id"]: a for a in outputs.records["articles"]}
    return measure(articles, {a: by for a, by in outputs.independent.items() if a in articles})


def stated(outputs: Outputs) -> Stated:
    result = measured(outputs)
    total = len(outputs.records["articles"])
    if result.corpus is None:
        none = ("Each article was annotated by one annotator and not yet checked by a second: no article has an "
                "independent second annotation, so there are no agreement figures.")
        return Stated(0, "One annotator per article; no article is annotated twice, so there are no agreement figures.",
                      "None: no article has two independent annotations, so agreement cannot be measured.",
                      "Each article was annotated by one annotator.", none, "")
    c = result.corpus
    k = len(result.articles)
    spread = {}
    for figures in result.articles:
        spread[len(figures.annotators)] = spread.get(len(figures.annotators), 0) + 1
    counts = ", ".join(f"{n} by {m} annotators" for m, n in sorted(spread.items()))
    were = "was" if k == 1 else "were"
    rest = f"; the other {total - k} by one annotator" if total > k else ""
    per_item = (f"{k} of {_articles(total)} {were} annotated independently by more than one annotator ({counts}){rest}. "
                "The published statements are the adjudicated annotation of each article.")
    spans = "; ".join(f"{SPAN_NAMES[s]} {_f(a.value)}" for s, a in c.spans.items())
    labels = "; ".join(f"{LABEL_NAMES[n]} {_f(v.raw)} ({v.same}/{v.pairs}), alpha {_f(v.alpha.value)}"
                       for n, v in c.labels.items())
    analysis = (f"Measured on the {_articles(k)} annotated independently more than once, before adjudication. "
                f"Statement detection F1 between annotators {_f(c.f1)} ({c.matched} matched pairs of {c.compared} "
                f"statements compared; matched one to one by shared quote characters, as the benchmark matches). "
                f"Krippendorff's alpha (nominal) over the tokens outside boilerplate: {spans}. On matched "
                f"statements, raw agreement and alpha: {labels}.")
    who = (f"{k} of {_articles(total)} {were} annotated independently by more than one annotator and then "
           f"adjudicated into the published statements{rest}.")
    limitation = (f"Only {k} of {_articles(total)} {'has' if k == 1 else 'have'} a second, independent annotation; "
                  "agreement is measured there, and the others were annotated by one annotator." if k < total else
                  "Agreement is measured before adjudication; the published statements are the adjudicated ones.")
    rows = [f"| statement detection F1 | {_f(c.f1)} | {c.matched} matched pairs of {c.compared} statements |"]
    rows += [f"| alpha, {SPAN_NAMES[s]} (tokens) | {_f(a.value)} | {a.units} tokens |" for s, a in c.spans.items()]
    rows += [f"| {LABEL_NAMES[n]}: raw agreement / alpha | {_f(v.raw)} / {_f(v.alpha.value)} | {v.same} of "
             f"{v.pairs} matched pairs the same |" for n, v in c.labels.items()]
    table = "| figure | value | counted on |\n| --- | ---: | --- |\n" + "\n".join(rows)
    return Stated(k, per_item, analysis, who, limitation, table)
