"""The benchmark through the CLI: intervals, paired comparison, extract over a folder, and the
hostile inputs of predictions, plug-in models and the leaderboard file."""

from __future__ import annotations

import json

import numpy as np
import pytest

from factprov import cli
from factprov.bench import matching, predictions
from factprov.bench.figures import HEADLINE, compare, score
from factprov.bench.gold import Gold, GoldArticle, GoldStatement
from factprov.bench.intervals import weights
from factprov.bench.predictions import Predicted

from .conftest import replace_in

TEXT = "Budi Santoso mengatakan harga beras naik. Pasar ramai."


def run(project, capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["--root", str(project.root), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def figures_with_intervals(node: dict, path: str = ""):
    """(path, value, interval) of every figure of a score document."""
    for key, value in node.items():
        if isinstance(value, dict):
            yield from figures_with_intervals(value, f"{path}{key}.")
        elif isinstance(value, float):
            yield f"{path}{key}", value, node.get(f"{key}_ci95")


def one_statement_gold(n_articles: int) -> Gold:
    statement = GoldStatement("x/1", 0, 12, "indirect_quote", frozenset({"budi santoso"}), None, None)
    return Gold("test", "0.0.0", "sha256:x",
                {f"a{i}": GoldArticle(f"a{i}", TEXT, [statement]) for i in range(n_articles)})


RIGHT = [Predicted(0, 12, "Budi Santoso", None, None, "indirect_quote")]


# --- intervals -------------------------------------------------------------------------------------

def test_bench_json_gives_every_figure_an_interval_and_is_deterministic(project, tmp_path, capsys):
    out = tmp_path / "p.jsonl"
    assert run(project, capsys, "extract", "--model", "rules", "-o", str(out))[0] == 0
    code, first, _ = run(project, capsys, "bench", str(out), "--json")
    assert code == 0
    assert run(project, capsys, "bench", str(out), "--json")[1] == first  # fixed seed: the same intervals
    result = json.loads(first)
    found = list(figures_with_intervals({k: result[k] for k in ("micro", "macro_f1", "by_kind")}))
    assert len(found) == 4 * 3 + 2 + 3 + 3 * 2  # p/r/F1 of four figures, two accuracies, three macro, by kind
    for path, value, (low, high) in found:
        assert 0.0 <= low <= high <= 1.0, path
    assert result["micro"]["attribution"]["f1_ci95"] == [*result["micro"]["attribution"]["f1_ci95"]]
    assert result["bootstrap"]["unit"] == "article"
    table = run(project, capsys, "bench", str(out))[1]
    f1, (low, high) = result["micro"]["attribution"]["f1"], result["micro"]["attribution"]["f1_ci95"]
    assert f"{f1:.3f} [{low:.3f}, {high:.3f}]" in table


def test_identical_articles_give_an_interval_of_one_point():
    result = score(one_statement_gold(5), {f"a{i}": RIGHT for i in range(5)})
    assert result["micro"]["attribution"]["f1"] == 1.0
    assert result["micro"]["attribution"]["f1_ci95"] == [1.0, 1.0]


def test_the_interval_resamples_articles():
    # Two articles, one found and one missed: a resample draws both (recall 1/2), the found one twice
    # (recall 1) or the missed one twice (recall 0), each of the last two with probability 1/4.
    gold = one_statement_gold(2)
    result = score(gold, {"a0": RIGHT})
    assert result["micro"]["attribution"]["recall"] == 0.5
    assert result["micro"]["attribution"]["recall_ci95"] == [0.0, 1.0]


def test_resampling_weights_draw_n_articles_with_replacement_and_repeat_exactly():
    chunks = list(weights(7, resamples=250, seed=3))
    w = np.concatenate(chunks)
    assert w.shape == (250, 7) and (w.sum(axis=1) == 7).all()
    assert len({tuple(row) for row in w}) > 100  # resamples differ
    assert (np.concatenate(list(weights(7, resamples=250, seed=3))) == w).all()
    assert not (np.concatenate(list(weights(7, resamples=250, seed=4))) == w).all()


def test_paired_comparison_of_a_model_with_itself_finds_no_difference():
    gold = one_statement_gold(6)
    result = compare(gold, {"a0": RIGHT}, {"a0": RIGHT})
    row = result["figures"]["micro.attribution.f1"]
    assert (row["difference"], row["difference_ci95"], row["better"]) == (0.0, [0.0, 0.0], "neither")


def test_paired_comparison_says_when_one_model_beats_the_other(project, tmp_path, capsys):
    good, bad = tmp_path / "rules.jsonl", tmp_path / "sentences.jsonl"
    assert run(project, capsys, "extract", "--model", "rules", "-o", str(good))[0] == 0
    assert run(project, capsys, "extract", "--model", "rules", "-o", str(bad))[0] == 0
    code, out, _ = run(project, capsys, "bench", str(good), "--against", str(bad))
    assert code == 0 and "A and B cannot be told apart on attribution F1" in out
    code, out, _ = run(project, capsys, "bench", str(good), "--against", str(bad), "--json")
    figures = json.loads(out)["figures"]
    assert set(figures) == set(HEADLINE)
    assert all(f["difference"] == 0.0 and f["better"] == "neither" for f in figures.values())
    # An empty model against the rules: the rules find statements in every article.
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    code, out, _ = run(project, capsys, "bench", str(good), "--against", str(empty), "--json")
    row = json.loads(out)["figures"]["micro.attribution.f1"]
    assert row["b"] == 0.0 and row["difference"] == row["a"] > 0
    assert row["difference_ci95"][0] > 0 and row["better"] == "A"


def test_the_leaderboard_shows_intervals_and_says_which_models_cannot_be_told_apart(project, capsys):
    assert run(project, capsys, "bench", "--baselines", "--json")[0] == 0
    board = json.loads((project.root / "benchmarks" / "results.json").read_text())
    card = project.card.read_text(encoding="utf-8")
    section = card.split("## Benchmark")[1].split("\n## ")[0]
    for r in board["results"]:
        f1, (low, high) = r["micro"]["attribution"]["f1"], r["micro"]["attribution"]["f1_ci95"]
        assert f"| {r['model']} | {f1:.3f} \\[{low:.3f}, {high:.3f}\\] |" in section
    assert len(board["comparisons"]) == len(board["results"]) - 1
    for c in board["comparisons"]:
        said = "cannot be told apart" if c["better"] == "neither" else "beats"
        assert f"{c['a']} and {c['b']} {said}" in section or f" {said} " in section
    assert "`test` split" in section and "development texts" in section


# --- extract over a folder ---------------------------------------------------------------------------

def test_extract_runs_over_the_txt_files_of_a_folder(project, tmp_path, capsys):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "berita-satu.txt").write_text("Harga cabai naik lagi, kata Ratna Sari.\n", encoding="utf-8")
    (folder / "berita_dua.txt").write_text("Menurut Joko Purnomo, jalan itu rusak.\n", encoding="utf-8")
    (folder / "catatan.md").write_text("not a text to run on\n", encoding="utf-8")
    out = tmp_path / "mine.jsonl"
    code, stdout, _ = run(project, capsys, "extract", "--model", "rules", "--input", str(folder), "-o", str(out))
    assert code == 0 and "from 2 articles" in stdout
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["article_id"] for line in lines] == ["berita-satu", "berita_dua"]
    speakers = [s.get("speaker", {}).get("name") for line in lines for s in line["statements"]]
    assert speakers == ["Ratna Sari", "Joko Purnomo"]


def test_extract_input_refuses_a_stem_that_is_not_an_article_id(project, tmp_path, capsys):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "Berita Satu.txt").write_text("Teks.\n", encoding="utf-8")
    code, _, err = run(project, capsys, "extract", "--model", "rules", "--input", str(folder),
                       "-o", str(tmp_path / "o.jsonl"))
    assert code == 1 and "'Berita Satu' is not a lowercase slug" in err
    assert not (tmp_path / "o.jsonl").exists()


# --- hostile inputs ----------------------------------------------------------------------------------

def plugin(tmp_path, monkeypatch, body: str) -> str:
    """A model module of its own name (imported modules are cached for the process)."""
    name = "plug_" + "".join(c if c.isalnum() else "_" for c in tmp_path.name)
    (tmp_path / f"{name}.py").write_text(body, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return f"{name}:extract"


@pytest.mark.parametrize("raise_, code, message", [
    ("raise SystemExit(0)", 1, "called sys.exit(0)"),
    ("import sys; sys.exit('bye')", 1, "called sys.exit('bye')"),
    ("raise KeyboardInterrupt", 130, "was interrupted"),
])
def test_a_model_that_exits_stops_extract_with_a_failure(project, tmp_path, monkeypatch, capsys, raise_, code,
                                                         message):
    name = plugin(tmp_path, monkeypatch, f"def extract(text):\n    {raise_}\n")
    out = tmp_path / "p.jsonl"
    exit_code, _, err = run(project, capsys, "extract", "--model", name, "-o", str(out))
    assert exit_code == code and message in err and "nothing was written" in err
    assert not out.exists()


def test_a_model_returning_a_lone_surrogate_is_a_located_error(project, tmp_path, monkeypatch, capsys):
    name = plugin(tmp_path, monkeypatch,
                  "def extract(text):\n    return [{'quote': {'start': 0, 'end': 3}, 'speaker': {'name': 'x\\ud800'}}]\n")
    out = tmp_path / "p.jsonl"
    code, _, err = run(project, capsys, "extract", "--model", name, "-o", str(out))
    assert code == 1 and "statements[#1].speaker.name" in err and "lone surrogate" in err
    assert not out.exists()


def test_a_lone_surrogate_in_a_predictions_file_is_a_located_error(project, tmp_path, capsys):
    article = sorted(p.name for p in project.seeds.iterdir() if p.is_dir())[0]
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"article_id": article, "statements": [
        {"quote": {"start": 0, "end": 3}, "speaker": {"name": "\ud800"}}]}) + "\n")
    code, _, err = run(project, capsys, "bench", str(path))
    assert code == 1 and f"{path}:1" in err and "statements[#1].speaker.name" in err


def test_extract_refuses_to_write_onto_a_folder_or_the_data(project, tmp_path, capsys):
    code, _, err = run(project, capsys, "extract", "--model", "rules", "-o", str(tmp_path))
    assert code == 2 and "is a folder" in err
    gold = project.dataset / "data" / "statements" / "test.jsonl"
    before = gold.read_bytes()
    code, _, err = run(project, capsys, "extract", "--model", "rules", "-o", str(gold))
    assert code == 2 and "inside dataset/" in err
    assert gold.read_bytes() == before
    code, _, err = run(project, capsys, "extract", "--model", "rules", "-o", str(project.seeds / "p.jsonl"))
    assert code == 2 and "inside seeds/" in err


@pytest.mark.parametrize("command", ["extract", "bench"])
def test_split_names_are_validated(project, tmp_path, capsys, command):
    argv = (["extract", "--model", "rules", "-o", str(tmp_path / "o.jsonl")] if command == "extract"
            else ["bench", str(tmp_path / "o.jsonl")])
    before = sorted(p.relative_to(project.root) for p in project.root.rglob("*"))
    code, _, err = run(project, capsys, *argv, "--split", "../../x")
    assert code == 2 and "--split '../../x': choose train, validation, test" in err
    assert sorted(p.relative_to(project.root) for p in project.root.rglob("*")) == before


def test_a_deeply_nested_line_is_a_located_error(project, tmp_path, capsys):
    path = tmp_path / "p.jsonl"
    path.write_text("\n" + "[" * 100_000 + "]" * 100_000 + "\n")
    code, _, err = run(project, capsys, "bench", str(path))
    assert code == 1 and f"{path}:2:{predictions.MAX_DEPTH + 1}" in err and "nested deeper" in err


def test_a_line_over_the_size_limit_is_refused(project, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(predictions, "MAX_LINE_BYTES", 100)
    path = tmp_path / "p.jsonl"
    path.write_text("{}\n" + json.dumps({"article_id": "a", "statements": [], "pad": "x" * 200}) + "\n")
    code, _, err = run(project, capsys, "bench", str(path))
    assert code == 1 and f"{path}:2" in err and "too-large" in err


def test_citron_quotes_that_are_not_objects_are_a_located_error(project, tmp_path, capsys):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"text": "x", "quotes": [1]}) + "\n")
    code, _, err = run(project, capsys, "bench", str(path), "--format", "citron")
    assert code == 1 and f"{path}:1" in err and "quotes[0]" in err and "pred-schema" in err


def test_overlap_past_the_scorers_limit_is_a_located_error(project, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(matching, "MAX_PAIRS", 3)
    article = sorted(p.name for p in project.seeds.iterdir() if p.is_dir())[0]
    text = json.loads((project.dataset / "data/articles/test.jsonl").read_text().splitlines()[0])["text"]
    windows = [{"quote": {"start": s, "end": len(text) - s}} for s in range(10)]  # all overlapping
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"article_id": article, "statements": windows}) + "\n")
    code, _, err = run(project, capsys, "bench", str(path))
    assert code == 1 and f"{path}:1" in err and "pred-limit" in err and article in err


def add_article_with_line_separator(project, tmp_path, capsys) -> tuple[str, str]:
    text = ("Taman Kota Dibuka\n\nWali kota meresmikan taman baru pada Senin.\u2028Taman itu luas dan teduh, "
            "kata Budi Santoso.\n")
    source = tmp_path / "taman.txt"
    source.write_text(text, encoding="utf-8")
    assert run(project, capsys, "add-article", str(source), "--id", "zz-taman")[0] == 0
    notes = "".join(f"\n  {f}: not stated in the test text" for f in
                    ("publisher", "url", "published", "credits.author", "credits.translator", "credits.editor"))
    replace_in(project.seeds / "zz-taman" / "meta.yaml", "notes: {}", "notes:" + notes)
    assert run(project, capsys, "build", "-q")[0] == 0
    return "zz-taman", text


def test_a_text_with_a_line_separator_round_trips_extract_to_bench(project, tmp_path, monkeypatch, capsys):
    article, text = add_article_with_line_separator(project, tmp_path, capsys)
    start, end = text.index("Wali"), text.index(" dan teduh")
    name = plugin(tmp_path, monkeypatch, "def extract(text):\n"
                                         f"    if '\\u2028' not in text:\n        return []\n"
                                         f"    return [{{'quote': {{'start': {start}, 'end': {end}, "
                                         f"'text': text[{start}:{end}]}}}}]\n")
    out = tmp_path / "p.jsonl"
    assert run(project, capsys, "extract", "--model", name, "-o", str(out))[0] == 0
    assert "\u2028" in out.read_text(encoding="utf-8")  # written raw, as JSON allows
    code, result, err = run(project, capsys, "bench", str(out), "--json")
    assert code == 0, err
    assert json.loads(result)["statements"]["predicted"] == 1


# --- the leaderboard file ----------------------------------------------------------------------------

def build(project, capsys) -> tuple[int, str]:
    before = {p: p.read_bytes() for p in project.dataset.rglob("*") if p.is_file()}
    code, _, err = run(project, capsys, "build", "-q")
    if code != 0:
        assert {p: p.read_bytes() for p in project.dataset.rglob("*") if p.is_file()} == before
    return code, err


def test_a_results_file_that_is_not_json_fails_the_build_with_its_line(project, capsys):
    assert run(project, capsys, "bench", "--baselines")[0] == 0
    results = project.root / "benchmarks" / "results.json"
    text = results.read_text()
    results.write_text(text.replace('"results": [', '"results": [,', 1))
    line = text[:text.index('"results": [')].count("\n") + 1
    code, err = build(project, capsys)
    assert code == 1 and f"benchmarks/results.json:{line}:" in err and " results " in err


def test_a_results_file_of_the_wrong_shape_fails_the_build_with_the_field(project, capsys):
    assert run(project, capsys, "bench", "--baselines")[0] == 0
    results = project.root / "benchmarks" / "results.json"
    board = json.loads(results.read_text())
    board["results"][0]["micro"]["attribution"]["f1"] = "high"
    board["results"][1]["model"] = "<script>|x"
    results.write_text(json.dumps(board))
    code, err = build(project, capsys)
    assert code == 1
    assert "results[#1].micro.attribution.f1" in err and "results[#2].model" in err


def test_values_from_the_results_file_are_escaped_in_the_card(project, capsys):
    assert run(project, capsys, "bench", "--baselines")[0] == 0
    results = project.root / "benchmarks" / "results.json"
    board = json.loads(results.read_text())
    board["results"][0]["model"] = "my_model:extract_v2"
    board["comparisons"][0]["a"] = "my_model:extract_v2"
    results.write_text(json.dumps(board))
    assert build(project, capsys)[0] == 0
    card = project.card.read_text(encoding="utf-8")
    assert "| my\\_model:extract\\_v2 |" in card and "| my_model" not in card
