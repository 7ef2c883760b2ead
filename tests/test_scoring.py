"""The scorer on small hand-made cases; every expected figure is computed here from the named inputs."""

from __future__ import annotations

import json

import pytest

from factprov.bench.figures import count, figures, prf, score
from factprov.bench.gold import Gold, GoldArticle, GoldStatement
from factprov.bench.matching import match
from factprov.bench.predictions import Predicted, read_predictions
from factprov.build.schemas import Schemas

from .conftest import ROOT

TEXT = "Budi Santoso mengatakan harga beras naik. Harga gula turun, kata Sari. Pasar ramai."
PUTIN = frozenset({"vladimir putin", "putin"})


def at(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


def gold_statement(fragment: str, kind: str = "indirect_quote", names=frozenset({"budi santoso"}),
                   wikidata: str | None = None, cue: str | None = None, sid: str = "a/1") -> GoldStatement:
    return GoldStatement(sid, *at(fragment), kind, names, wikidata, at(cue) if cue else None)


def pred(fragment: str | tuple[int, int], speaker: str | None = None, wikidata: str | None = None,
         cue: str | None = None, kind: str | None = None) -> Predicted:
    span = at(fragment) if isinstance(fragment, str) else fragment
    return Predicted(*span, speaker, wikidata, at(cue) if cue else None, kind)


GOLD = [
    gold_statement("harga beras naik", cue="mengatakan", sid="a/1"),
    gold_statement("Harga gula turun", names=frozenset({"sari"}), cue="kata", sid="a/2"),
    gold_statement("Pasar ramai", kind="unattributed_claim", names=frozenset({"outlet"}), sid="a/3"),
]


def test_perfect_predictions_score_one_everywhere():
    predicted = [pred("harga beras naik", "Budi Santoso", cue="mengatakan", kind="indirect_quote"),
                 pred("Harga gula turun", "Sari", cue="kata", kind="indirect_quote"),
                 pred("Pasar ramai", None, kind="unattributed_claim")]
    f = figures(count(GOLD, predicted))
    assert f["attribution"] == f["quote_exact"] == f["quote_overlap"] == f["cue"] == prf(3, 3, 3)
    assert prf(3, 3, 3) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert f["speaker_accuracy"] == f["kind_accuracy"] == 1.0


def test_empty_predictions_have_recall_zero():
    f = figures(count(GOLD, []))
    assert f["attribution"]["recall"] == f["quote_overlap"]["recall"] == 0.0
    assert f["attribution"]["f1"] == 0.0


def test_a_half_overlapping_span_matches_but_is_not_exact():
    g = gold_statement("harga beras naik")
    half = (g.start + (g.end - g.start) // 2, g.end + 5)
    c = count([g], [pred(half, "Budi Santoso")])
    assert (c.matched, c.exact, c.speaker) == (1, 0, 1)
    assert figures(c)["quote_exact"] == prf(0, 1, 1)


def test_a_duplicate_prediction_is_a_false_positive():
    g = gold_statement("harga beras naik")
    c = count([g], [pred("harga beras naik", "Budi Santoso"), pred("harga beras naik", "Budi Santoso")])
    assert (c.matched, c.predicted) == (1, 2)
    assert figures(c)["attribution"] == prf(1, 2, 1)  # precision 1/2, recall 1


def test_a_wrong_speaker_matches_the_quote_but_not_the_attribution():
    c = count([gold_statement("harga beras naik")], [pred("harga beras naik", "Sari")])
    assert figures(c)["quote_overlap"]["f1"] == 1.0
    assert figures(c)["attribution"] == prf(0, 1, 1)
    assert figures(c)["speaker_accuracy"] == 0.0


@pytest.mark.parametrize("speaker, wikidata", [("Putin", None), ("PUTIN", None), ("Vladimir Putin", None),
                                               ("V. Putin", "Q7747")])
def test_an_alias_or_the_wikidata_id_of_the_right_speaker_counts(speaker, wikidata):
    g = gold_statement("harga beras naik", names=PUTIN, wikidata="Q7747")
    assert count([g], [pred("harga beras naik", speaker, wikidata)]).speaker == 1


def test_no_speaker_means_the_outlets_own_claim():
    unattributed, attributed = GOLD[2], GOLD[0]
    assert count([unattributed], [pred("Pasar ramai")]).speaker == 1
    assert count([attributed], [pred("harga beras naik")]).speaker == 0


def test_matching_maximises_total_overlap_where_greedy_would_not():
    # x overlaps a by 5 and b by 4; y overlaps a by 4. Greedy (largest first) pairs x-a and leaves y;
    # the optimal assignment pairs x-b and y-a, matching both.
    a, b = GoldStatement("a/1", 0, 10, "indirect_quote", frozenset(), None, None), \
        GoldStatement("a/2", 20, 30, "indirect_quote", frozenset(), None, None)
    x, y = Predicted(5, 24, None, None, None, None), Predicted(0, 4, None, None, None, None)
    assert match([a, b], [x, y]) == [(0, 1), (1, 0)]
    assert match([a, b], [y, x]) == [(0, 0), (1, 1)]  # the same pairs, whatever the order of predictions


def test_micro_pools_statements_and_macro_averages_articles():
    articles = {"a": GoldArticle("a", TEXT, GOLD), "b": GoldArticle("b", TEXT, [GOLD[0]])}
    gold = Gold("test", "0.0.0", "sha256:x", articles)
    predictions = {"a": [pred("harga beras naik", "Budi Santoso")], "b": [pred("harga beras naik", "Budi Santoso")]}
    result = score(gold, predictions)
    assert {k: v for k, v in result["micro"]["attribution"].items() if not k.endswith("_ci95")} == prf(2, 2, 4)
    f_a, f_b = prf(1, 1, 3)["f1"], prf(1, 1, 1)["f1"]
    assert result["macro_f1"]["attribution"] == round((f_a + f_b) / 2, 4)
    unattributed = result["by_kind"]["unattributed_claim"]
    assert (unattributed["gold"], unattributed["quote_recall"], unattributed["attribution_recall"]) == (1, 0.0, 0.0)


# --- reading predictions: located errors --------------------------------------------------------

@pytest.fixture
def gold():
    return Gold("test", "0.0.0", "sha256:x", {"a": GoldArticle("a", TEXT, GOLD)})


def write(tmp_path, lines: list) -> object:
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n")
    return path


@pytest.mark.parametrize("line, code, field", [
    ("{not json", "pred-json", ""),
    ({"article_id": "a", "statements": [{"quote": {"start": 0}}]}, "pred-schema", "statements[#1].quote"),
    ({"article_id": "a", "statements": [{"quote": {"start": 0, "end": 5}, "speaker": "Budi"}]}, "pred-schema",
     "statements[#1].speaker"),
    ({"article_id": "zz", "statements": []}, "pred-article", "article_id"),
    ({"article_id": "a", "statements": [{"quote": {"start": 0, "end": 999}}]}, "pred-span", "statements[#1].quote"),
    ({"article_id": "a", "statements": [{"quote": {"start": 0, "end": 4, "text": "Budy"}}]}, "pred-span",
     "statements[#1].quote.text"),
    ({"article_id": "a", "statements": [{"quote": {"start": 5, "end": 5}}]}, "pred-span", "statements[#1].quote"),
])
def test_malformed_predictions_get_located_errors(tmp_path, gold, line, code, field):
    path = write(tmp_path, [{"article_id": "a", "statements": []} if code == "pred-article" else "", line])
    _, report = read_predictions(path, gold, Schemas(ROOT / "schema"))
    [issue] = report.errors
    assert (issue.file, issue.line, issue.code, issue.field) == (str(path), 2, code, field)
    assert issue.message


def test_an_article_given_twice_is_an_error(tmp_path, gold):
    path = write(tmp_path, [{"article_id": "a", "statements": []}, {"article_id": "a", "statements": []}])
    _, report = read_predictions(path, gold, Schemas(ROOT / "schema"))
    assert [(i.line, i.code) for i in report.errors] == [(2, "pred-article")]


def test_citron_output_is_read_as_predictions(tmp_path, gold):
    start, end = at("Harga gula turun")
    doc = {"text": TEXT, "quotes": [{
        "cue": {"start": at("kata")[0], "end": at("kata")[1], "text": "kata"},
        "sources": [{"start": at("Sari")[0], "end": at("Sari")[1], "text": "Sari"}],
        "contents": [{"start": start, "end": end + 1, "text": TEXT[start:end + 1]}]}]}  # with the comma
    predictions, report = read_predictions(write(tmp_path, [doc]), gold, Schemas(ROOT / "schema"), fmt="citron")
    assert report.ok, report.dumps()
    assert predictions == {"a": [Predicted(start, end, "Sari", None, at("kata"), None)]}
    assert figures(count(GOLD, predictions["a"]))["attribution"] == prf(1, 1, 3)
