"""Score a model on the team's development texts (tests/fixtures/dev/), never on the seeds.

The rules of the ``rules`` baseline are developed against these texts; the seed articles
are the test split. Prints the headline figures with their intervals and the share of
attributed statements (direct and indirect quotes) whose speaker the model finds.

    python benchmarks/dev_rules.py                 # the rules baseline
    python benchmarks/dev_rules.py --model quotes  # another baseline, or package.module:function
    python benchmarks/dev_rules.py --errors        # also list every attributed statement missed
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factprov.bench import devset  # noqa: E402
from factprov.bench.figures import Tally, score, speaker_right  # noqa: E402
from factprov.bench.leaderboard import with_interval  # noqa: E402
from factprov.bench.matching import match
from factprov.bench.models import load_model  # noqa: E402
from factprov.bench.predictions import Predicted
from factprov.cli.output import table  # noqa: E402

ATTRIBUTED = ("direct_quote", "indirect_quote")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="rules")
    parser.add_argument("--texts", type=Path, default=ROOT / "tests" / "fixtures" / "dev",
                        help="a folder of texts with their annotations (default: the development texts)")
    parser.add_argument("--errors", action="store_true", help="list the attributed statements missed")
    args = parser.parse_args()
    gold = devset.load(args.texts)
    model = load_model(args.model)
    predictions = {}
    for article_id, article in gold.articles.items():
        predictions[article_id] = [
            Predicted(s["quote"]["start"], s["quote"]["end"], (s.get("speaker") or {}).get("name"), None,
                      None, s.get("kind")) for s in model(article.text)]
    result = score(gold, predictions)
    total = Tally.of(gold, predictions).total
    found = sum(total.by_kind[(k, "attributed")] for k in ATTRIBUTED)
    attributed = sum(total.by_kind[(k, "gold")] for k in ATTRIBUTED)
    micro = result["micro"]
    print(f"{args.model} on {len(gold.articles)} development texts, {result['statements']['gold']} gold "
          f"statements ({attributed} attributed)\n")
    print(table(["figure", "value [95% interval]"], [
        ["attribution F1", with_interval(micro, ("attribution", "f1"))],
        ["quote F1 (overlap)", with_interval(micro, ("quote_overlap", "f1"))],
        ["quote F1 (exact)", with_interval(micro, ("quote_exact", "f1"))],
        ["speaker found, attributed statements", f"{found / attributed:.3f} ({found} of {attributed})"],
    ], align_right={1}))
    if args.errors:
        for article_id, article in gold.articles.items():
            preds = predictions[article_id]
            pairs = dict(match(article.statements, preds))
            for i, g in enumerate(article.statements):
                if g.kind not in ATTRIBUTED:
                    continue
                p = preds[pairs[i]] if i in pairs else None
                if p is None or not speaker_right(g, p):
                    got = "no match" if p is None else f"speaker {p.speaker!r}, {article.text[p.start:p.end]!r}"
                    print(f"\n{g.statement_id} {sorted(g.speaker_names)}: {article.text[g.start:g.end]!r}\n  got {got}")


if __name__ == "__main__":
    main()
