"""How well a layout parser marks page furniture, on texts in the layouts of many kinds of
Indonesian news site (tests/fixtures/layouts/: invented texts, each with its furniture annotated).

Each text is parsed with the parser ``auto`` picks for it, or with ``--parser``. A span the parser
marks is found when an annotated span has the same label and the same start and end offsets
(spans are the text without the white space around it; a dateline runs up to its dash).
Precision (found / marked) and recall (found / annotated) are counted in spans, per label. Body
characters wrongly marked are the characters, white space aside, in a marked span and in no
annotated span.

    python benchmarks/layouts.py                    # the parser auto picks for each text
    python benchmarks/layouts.py --parser generic   # one parser for every text
    python benchmarks/layouts.py --errors           # also list every span missed or wrongly marked
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factprov.bench.layoutset import LayoutSetError, by_label, load, measure, schema_labels  # noqa: E402
from factprov.build.parsers import CHOICES  # noqa: E402
from factprov.cli.output import table  # noqa: E402


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parser", default="auto", choices=CHOICES)
    parser.add_argument("--texts", type=Path, default=ROOT / "tests" / "fixtures" / "layouts",
                        help="a folder of texts with their annotations (default: the layout texts)")
    parser.add_argument("--errors", action="store_true", help="list the spans missed or wrongly marked")
    args = parser.parse_args()
    try:
        texts = load(args.texts, schema_labels(ROOT / "schema"))
    except LayoutSetError as exc:
        sys.exit(f"layouts: {exc}")
    results = measure(texts, args.parser)
    counts = by_label(results)
    print(f"{args.parser} on {len(results)} layout texts ({args.texts.name}/)\n")
    print(table(["label", "annotated", "marked", "found", "precision", "recall"],
                [[label, c.annotated, c.marked, c.found, _share(c.precision), _share(c.recall)]
                 for label, c in counts.items()], align_right={1, 2, 3, 4, 5}))
    wrong, body = sum(r.wrong_body_chars for r in results), sum(r.body_chars for r in results)
    print(f"\nbody characters wrongly marked: {wrong} of {body}\n")
    print(table(["text", "parser", "annotated", "found", "missed", "wrongly marked", "body chars marked"],
                [[r.text.name, r.parser, len(r.text.furniture), len(r.found), len(r.missed), len(r.wrong),
                  r.wrong_body_chars] for r in results], align_right={2, 3, 4, 5, 6}))
    if args.errors:
        for r in results:
            for what, spans in (("missed", r.missed), ("wrongly marked", r.wrong)):
                for span in spans:
                    line = r.text.text.count("\n", 0, span.start) + 1
                    print(f"{r.text.name}:{line}: {what} {span.label}: {r.text.text[span.start:span.end]!r}")


if __name__ == "__main__":
    main()
