"""The README, held to the data: its loading example runs against the live dataset/ and prints what the
README says it prints, and neither the README nor CONTRIBUTING.md states a figure of the corpus (a count,
a version, a statement id, a score on the seeds), which the next contribution would make stale. What the
current data holds is in the dataset card, which the build writes.

Both hold for any valid corpus: the example prints only what is true of every corpus, and the figures are
looked for in the text, not compared with what the corpus holds."""

from __future__ import annotations

import re

import datasets
import pytest

from .conftest import ROOT

README = ROOT / "README.md"
GUIDES = (README, ROOT / "CONTRIBUTING.md")
FENCE = re.compile(r"^```(?P<info>[^\n]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)

# A figure: a count of the corpus's things, or a score with three decimals.
NOUNS = r"(?:articles?|statements?|rows|claims?|sources|speakers|seeds?|texts?|records)"
FIGURES = (re.compile(rf"(?<![\w.,])\d(?:[\d,]*\d)?\s+(?:[\w-]+\s+)?{NOUNS}\b"),
           re.compile(r"(?<![\w.])[01]\.\d{3}(?!\d|\.\d)"))
# Never stated in the prose of the guides: a version, and a statement id (<article_id>/<n>).
VERSION = re.compile(r"(?<![\w.])\d+\.\d+\.\d+(?!\w|\.\d)")
STATEMENT_ID = re.compile(r"\b[a-z0-9_-]*[a-z_][a-z0-9_-]*/[1-9]\d*\b")
# A sentence about the corpus names it; one about the development texts, a synthetic corpus of the
# benchmarks or a made-up example says so, and its figures are not the corpus's.
CORPUS = re.compile(r"\bseeds?\b|`test`|\bcorpus\b|\bdataset/|\bthis (?:release|version)\b", re.IGNORECASE)
OTHER = re.compile(r"synthetic|development|made-up|worked example", re.IGNORECASE)
SENTENCE = re.compile(r"(?<=[.!?:;])\s+(?=[A-Z`*(\[])")

pytestmark = pytest.mark.corpus  # the live seeds and dataset/: invariants of any valid corpus


def loading_example() -> tuple[str, str]:
    """The Python block of the README's "Loading the dataset" and the output block documented for it."""
    text = README.read_text(encoding="utf-8")
    start = text.index("\n## Loading the dataset\n")
    section = text[start:text.index("\n## ", start + 1)]
    blocks = [(m["info"].strip(), m["body"]) for m in FENCE.finditer(section)]
    [code] = [body for info, body in blocks if info == "python"]
    [output] = [body for info, body in blocks if info == "text"]
    return code, output


def test_the_loading_example_prints_what_the_readme_documents(monkeypatch, capsys, tmp_path):
    code, documented = loading_example()
    monkeypatch.chdir(ROOT)  # the example names dataset/ relative to the repository root
    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", str(tmp_path / "cache"))
    capsys.readouterr()
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out == documented, (
        "README.md's loading example does not print what its output block says")


def test_the_loading_example_documents_nothing_the_corpus_decides():
    _, documented = loading_example()
    without_types = re.sub(r"\b(?:int|float|uint)(?:8|16|32|64)\b", "", documented)
    assert not re.search(r"\d", without_types), (
        "the documented output holds a number (a version, a count, an id, an offset or a score), which "
        "depends on the corpus")


def prose(path) -> list[str]:
    """The paragraphs of a guide outside its code blocks, each on one line."""
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def corpus_figures(paragraph: str) -> list[str]:
    found = [m.group() for m in (*VERSION.finditer(paragraph), *STATEMENT_ID.finditer(paragraph))]
    for sentence in SENTENCE.split(paragraph):
        if CORPUS.search(sentence) and not OTHER.search(sentence):
            found += [m.group() for pattern in FIGURES for m in pattern.finditer(sentence)]
    return found


def test_the_guides_state_no_figure_of_the_corpus():
    stated = {f"{path.name}: {paragraph[:100]}": figures for path in GUIDES for paragraph in prose(path)
              if (figures := corpus_figures(paragraph))}
    assert stated == {}, "figures of the corpus go stale with the next contribution; the dataset card gives them"


def test_the_figure_check_finds_what_went_stale_before():
    """The sentences that went stale with the first contribution are found, and the development texts'
    figures, a worked example and a limit are not."""
    assert corpus_figures("On the seeds (`test`), the earlier rules scored 0.704, and `rules` now scores 0.667.") \
        == ["0.704", "0.667"]
    assert corpus_figures("The corpus holds 29 statements in 2 articles.") == ["29 statements", "2 articles"]
    assert corpus_figures("Loaded, it prints 0.2.0 and 001_3efa282232337d19/7.") == ["0.2.0", "001_3efa282232337d19/7"]
    assert corpus_figures("On the development texts `rules` finds 113 of the 115 attributed statements (0.983).") == []
    assert corpus_figures("Worked example: an article of the seeds has 3 gold statements; precision is 2/4 = 0.500.") \
        == []
    assert corpus_figures("A file may nest up to 50 levels; the id is <article_id>/7.") == []
