"""Independent annotations (seeds/<id>/annotators/) and ``factprov agreement``: checked like the gold, compared
with figures a hand count confirms, and reported by the card and croissant.json."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from factprov import cli

from .conftest import A0, A1, replace_in


def agreement(project, capsys, *args: str) -> dict:
    capsys.readouterr()
    assert cli.main(["--root", str(project.root), "agreement", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def annotator(project, article: str, name: str, text: str | None = None):
    """An annotator's file: the gold copied, or ``text``."""
    path = project.seeds / article / "annotators" / f"{name}.yaml"
    path.parent.mkdir(exist_ok=True)
    if text is None:
        shutil.copyfile(project.seeds / article / "statements.yaml", path)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def blocks(path) -> list[str]:
    return re.split(r"\n(?=  - n: )", path.read_text(encoding="utf-8"))


def without(path, n: int) -> None:
    path.write_text("\n".join(b for b in blocks(path) if not b.startswith(f"  - n: {n}\n")), encoding="utf-8")


def records(project, article: str) -> list[dict]:
    lines = (project.dataset / "data" / "statements" / "test.jsonl").read_text(encoding="utf-8").splitlines()
    return [r for r in map(json.loads, lines) if r["article_id"] == article]


def test_two_annotators_figures_match_a_hand_count(project, capsys):
    gold = records(project, A0)
    ana = annotator(project, A0, "ana")
    budi = annotator(project, A0, "budi")
    without(budi, 4)  # budi missed statement 4
    replace_in(budi, "    fidelity: paraphrased", "    fidelity: translated", 1)  # budi's fidelity of statement 1 differs
    # budi's quote of statement 1 is shorter by its last two words
    replace_in(budi, "dalam Perang Dunia II\n", "dalam Perang\n", 1)
    result = agreement(project, capsys)
    n = len(gold)
    corpus = result["corpus"]
    assert corpus["statements"] == {"ana": n, "budi": n - 1}
    # every statement of budi matches its own in ana's: F1 = 2 x (n - 1) / (n + n - 1)
    assert corpus["detection"] == {"matched": n - 1, "compared": 2 * n - 1,
                                   "f1": round(2 * (n - 1) / (2 * n - 1), 4)}
    fidelity = corpus["labels"]["fidelity"]
    assert (fidelity["same"], fidelity["pairs"]) == (n - 2, n - 1)
    assert corpus["labels"]["kind"]["raw"] == 1.0 and corpus["labels"]["speaker"]["raw"] == 1.0
    # alpha of the quote label over tokens, by the closed form for two coders and two values:
    # 1 - (n - 1) * D / (n0 * n1), D the tokens they label differently, n0 and n1 the two values' counts.
    text = project.seeds.joinpath(A0, "article.txt").read_text(encoding="utf-8")
    article = json.loads(next(line for line in (project.dataset / "data" / "articles" / "test.jsonl")
                              .read_text(encoding="utf-8").splitlines() if A0 in line))
    furniture = [(b["start"], b["end"]) for b in article["boilerplate"]]
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)
              if not any(s < m.end() and m.start() < e for s, e in furniture)]

    def labels(spans):
        return [any(s < b and a < e for s, e in spans) for a, b in tokens]

    mine = labels([(r["quote"]["start"], r["quote"]["end"]) for r in gold])
    cut = gold[0]["quote"]["end"] - len(" Dunia II")
    theirs = labels([(r["quote"]["start"], cut if r is gold[0] else r["quote"]["end"]) for r in gold
                     if not r["statement_id"].endswith("/4")])
    differ = sum(a != b for a, b in zip(mine, theirs))
    ones = sum(mine) + sum(theirs)
    zeros = 2 * len(tokens) - ones
    expected = 1 - (2 * len(tokens) - 1) * differ / (zeros * ones)
    assert corpus["spans"]["quote"] == {"alpha": round(expected, 4), "units": len(tokens), "values": 2 * len(tokens)}
    assert differ == 2 + sum(mine[k] for k, (a, b) in enumerate(tokens)
                             if gold[3]["quote"]["start"] <= a < gold[3]["quote"]["end"])
    # the disagreements name what differs, with the line and the text around it
    found = {(d["field"], tuple(d["values"])) for d in result["disagreements"]}
    assert ("fidelity", ("paraphrased", "translated")) in found
    assert any(f == "statement" and v[1] is None and v[0].startswith("n=4") for f, v in found)
    short = next(d for d in result["disagreements"] if d["field"] == "quote")
    assert "Perang Dunia II" in short["values"][0] and short["values"][1].endswith("dalam Perang' (line 2)")
    assert "[[" in short["context"] and short["line"] == 2
    assert ana.exists()


def test_three_annotators_are_compared_pair_by_pair(project, capsys):
    n = len(records(project, A1))
    annotator(project, A1, "ana")
    annotator(project, A1, "budi")
    without(annotator(project, A1, "cara"), 2)
    corpus = agreement(project, capsys, A1)["corpus"]
    # pairs: ana-budi n of n + n, ana-cara and budi-cara n - 1 of n + n - 1 each
    assert corpus["detection"]["matched"] == n + 2 * (n - 1)
    assert corpus["detection"]["compared"] == 2 * n + 2 * (2 * n - 1)
    assert corpus["labels"]["kind"]["pairs"] == n + 2 * (n - 1)


def test_the_gold_may_still_be_a_draft_and_one_annotator_is_not_compared(project, capsys):
    annotator(project, A0, "ana")
    annotator(project, A0, "budi")
    annotator(project, A1, "ana")
    replace_in(project.seeds / A0 / "statements.yaml", "claim_type: factual", "claim_type: TODO")
    result = agreement(project, capsys)
    assert result["articles_compared"] == 1 and result["articles_annotated_once"] == [A1]
    assert result["corpus"]["detection"]["f1"] == 1.0
    assert result["disagreements"] == []


def test_characters_as_units(project, capsys):
    annotator(project, A0, "ana")
    budi = annotator(project, A0, "budi")
    replace_in(budi, "dalam Perang Dunia II\n", "dalam Perang\n", 1)
    spans = agreement(project, capsys, "--unit", "char")["corpus"]["spans"]["quote"]
    text = project.seeds.joinpath(A0, "article.txt").read_text(encoding="utf-8")
    assert spans["units"] < len(text) and spans["alpha"] < 1.0


def test_an_annotators_file_is_held_to_the_checks_of_the_gold(project, capsys):
    budi = annotator(project, A0, "budi")
    line = replace_in(budi, "speaker: Masoud Pezeshkian", "speaker: Masoud Pezeshkiann")
    (budi.parent / "Budi Two.yaml").write_text("statements: []\n", encoding="utf-8")
    (budi.parent / "link.yaml").symlink_to(project.seeds / A0 / "statements.yaml")
    capsys.readouterr()
    assert cli.main(["--root", str(project.root), "validate"]) == 1
    err = capsys.readouterr().out
    assert f"seeds/{A0}/annotators/budi.yaml:{line}:" in err and "Masoud Pezeshkiann" in err
    assert "annotators/Budi Two.yaml" in err and "pseudonym" in err
    assert "annotators/link.yaml" in err and "symbolic link" in err
    assert cli.main(["--root", str(project.root), "agreement"]) == 1


def test_an_annotators_evidence_must_name_a_statement_of_the_corpus(project, capsys):
    budi = annotator(project, A0, "budi")
    replace_in(budi, f"ref: {A1}/3", f"ref: {A1}/99")
    capsys.readouterr()
    assert cli.main(["--root", str(project.root), "validate"]) == 1
    out = capsys.readouterr().out
    assert "annotators/budi.yaml" in out and f"{A1}/99" in out and "unknown-ref" in out


def test_the_card_and_croissant_report_agreement_only_where_there_is_some(project, capsys):
    card = (project.dataset / "README.md").read_text(encoding="utf-8")
    croissant = json.loads((project.dataset / "croissant.json").read_text(encoding="utf-8"))
    assert "there are no agreement figures" in card
    assert "no article is annotated twice" in croissant["rai:annotationsPerItem"]
    assert croissant["rai:dataAnnotationAnalysis"].startswith("None")
    annotator(project, A0, "ana")
    without(annotator(project, A0, "budi"), 4)
    assert cli.main(["--root", str(project.root), "build"]) == 0
    figures = agreement(project, capsys)["corpus"]
    card = (project.dataset / "README.md").read_text(encoding="utf-8")
    croissant = json.loads((project.dataset / "croissant.json").read_text(encoding="utf-8"))
    f1 = f"{figures['detection']['f1']:.3f}"
    assert f"| statement detection F1 | {f1} |" in card
    assert "1 of 2 articles was annotated independently" in card
    assert croissant["rai:annotationsPerItem"].startswith("1 of 2 articles was annotated independently")
    assert f"Statement detection F1 between annotators {f1}" in croissant["rai:dataAnnotationAnalysis"]
    assert "there are no agreement figures" not in card


def test_a_change_to_an_annotators_file_is_in_the_changed_scope(repo_project, capsys):
    annotator(repo_project, A0, "ana")
    capsys.readouterr()
    replace_in(repo_project.seeds / A0 / "annotators" / "ana.yaml", "speaker: Masoud Pezeshkian", "speaker: Nobody")
    assert cli.main(["--root", str(repo_project.root), "validate", "--changed-since", "main"]) == 1
    out = capsys.readouterr().out
    assert "annotators/ana.yaml" in out and "1 changed since main" in out


@pytest.mark.parametrize("name", ["ana", "tim-2_b"])
def test_annotator_names(name):
    from factprov.build.annotators import valid_name

    assert valid_name(name)
    assert not any(valid_name(bad) for bad in ("Ana", "a@b.org", "-a", "", "a" * 41, "a b"))
