"""The baselines on made-up sentences, the plug-in interface as the README shows it, and the
leaderboard. The baselines must generalise: their code holds no string of the seed articles."""

from __future__ import annotations

import json
import re
import shlex
import shutil

import pytest
import yaml

from factprov import cli
from factprov.bench.models import BASELINES, ModelError, load_model
from factprov.bench.models.baselines import quotes, sentences, speaker_name
from factprov.bench.models.rules import rules
from factprov.publish import dataset

from .conftest import FIXTURE, ROOT

TEXT = ("Jembatan Baru Dibuka\n"
        "Menteri Pekerjaan Umum Budi Santoso menegaskan bahwa jembatan itu aman dilalui truk.\n"
        "\"Kami sudah mengujinya selama enam bulan,\" kata Budi Santoso kepada wartawan.\n"
        "Menurut Sari Dewi, lalu lintas akan berkurang.\n"
        "Harga tiket akan turun bulan depan, ujar Ahmad Yani.\n"
        "Jembatan itu dibangun selama dua tahun.\n"
        "Baca juga: Jalan tol baru dibuka\n")


def spans(statements: list[dict], text: str = TEXT) -> list[tuple]:
    def cut(span):
        return text[span["start"]:span["end"]] if span else None
    return [(s["kind"], cut(s["quote"]), (s.get("speaker") or {}).get("name"), cut(s.get("cue")))
            for s in statements]


def test_sentences_are_the_body_sentences_as_unattributed_claims():
    found = spans(sentences(TEXT))
    assert [q for _, q, _, _ in found] == [
        "Menteri Pekerjaan Umum Budi Santoso menegaskan bahwa jembatan itu aman dilalui truk",
        "\"Kami sudah mengujinya selama enam bulan,\" kata Budi Santoso kepada wartawan",
        "Menurut Sari Dewi, lalu lintas akan berkurang",
        "Harga tiket akan turun bulan depan, ujar Ahmad Yani",
        "Jembatan itu dibangun selama dua tahun",
    ]  # the headline and the read-also line are boilerplate
    assert {k for k, _, _, _ in found} == {"unattributed_claim"}


def test_quotes_finds_the_quotation_with_its_cue_and_speaker():
    found = spans(quotes(TEXT))
    assert ("direct_quote", "Kami sudah mengujinya selama enam bulan", "Budi Santoso", "kata") in found
    assert len(found) == 5 and sum(k == "unattributed_claim" for k, _, _, _ in found) == 4


def test_rules_finds_reported_speech_before_after_and_menurut():
    found = spans(rules(TEXT))
    assert found == [
        ("indirect_quote", "jembatan itu aman dilalui truk", "Budi Santoso", "menegaskan"),
        ("direct_quote", "Kami sudah mengujinya selama enam bulan", "Budi Santoso", "kata"),
        ("indirect_quote", "lalu lintas akan berkurang", "Sari Dewi", "Menurut"),
        ("indirect_quote", "Harga tiket akan turun bulan depan", "Ahmad Yani", "ujar"),
        ("unattributed_claim", "Jembatan itu dibangun selama dua tahun", None, None),
    ]


@pytest.mark.parametrize("model", ["sentences", "quotes", "rules"])
@pytest.mark.parametrize("dateline", ["KABARCONTOH.CO, Kota Contoh -", "namaportal.com –", "KOTA CONTOH −",
                                      "Kota Contoh (Kantor Berita Contoh) --", "Kota Contoh, kabarNews —"])
def test_every_baseline_cuts_off_a_dateline_the_parsers_know(model, dateline):
    """In an indented first paragraph below a long headline, and at a paragraph further down."""
    text = ("Wali Kota Contoh Resmikan Jembatan Gantung Terpanjang yang Menghubungkan Dua Kecamatan di Tepi Sungai\n\n"
            f"    {dateline} Wali kota meresmikan jembatan baru pada Senin pagi.\n\n"
            + "".join(f"Jembatan itu dibangun selama {n} bulan oleh para pekerja.\n\n" for n in range(6))
            + f"{dateline} Jembatan kedua menyusul tahun depan.\n")
    found = [q for _, q, _, _ in spans(BASELINES[model](text), text)]
    assert found[0] == "Wali kota meresmikan jembatan baru pada Senin pagi"  # the headline is no statement
    assert found[-1] == "Jembatan kedua menyusul tahun depan"
    assert not any(dateline in q for q in found)


def test_speaker_names_drop_titles_and_keep_two_words():
    assert speaker_name("Presiden Budi") == "Budi"
    assert speaker_name("Wakil Presiden Sari Dewi") == "Sari Dewi"
    assert speaker_name("Presiden") == "Presiden"


def test_short_quotations_are_not_quotes():
    text = 'Warga menyebutnya "jembatan emas" sejak lama.'
    assert [s["kind"] for s in quotes(text)] == ["unattributed_claim"]


def test_the_baselines_hold_no_string_of_the_seed_articles():
    """No run of three words of the test articles they are scored on, and no name of their sources."""
    models = ROOT / "builders" / "factprov" / "bench" / "models"  # the baselines: code and word lists
    code = "\n".join(p.read_text(encoding="utf-8").lower() for p in sorted(models.rglob("*"))
                     if p.suffix in (".py", ".yaml"))
    words = re.findall(r"\w+", code)
    code_runs = {" ".join(words[i:i + 3]) for i in range(len(words) - 2)}
    for path in (FIXTURE / "seeds").glob("*/article.txt"):
        seed = re.findall(r"\w+", path.read_text(encoding="utf-8").lower())
        shared = {" ".join(seed[i:i + 3]) for i in range(len(seed) - 2)} & code_runs
        assert not shared, (path.parent.name, shared)
    registry = yaml.safe_load((FIXTURE / "seeds" / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    for name in {n for s in registry for n in [s["name"], *s["aliases"]]}:
        assert not re.search(rf"\b{re.escape(name.lower())}\b", code), name


def test_an_unknown_model_is_a_clear_error():
    with pytest.raises(ModelError, match="choose sentences, quotes, rules"):
        load_model("bert")
    with pytest.raises(ModelError, match="cannot import 'no_such_module_x'"):
        load_model("no_such_module_x:extract")


# --- through the CLI --------------------------------------------------------------------------

def readme_plugin_blocks() -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("**Your own model.**"):text.index("## Speed at scale")]
    return [(m[1].strip(), m[2]) for m in re.finditer(r"^```([^\n]*)\n(.*?)^```$", section, re.M | re.S)]


def test_a_users_model_plugs_in_exactly_as_the_readme_shows(project, monkeypatch, capsys):
    monkeypatch.chdir(project.root)
    outputs = []
    for info, body in readme_plugin_blocks():
        if info.startswith("python file="):
            (project.root / info.split("=", 1)[1]).write_text(body, encoding="utf-8")
        elif info == "bash":
            for line in body.strip().splitlines():
                argv = shlex.split(line)
                assert argv[0] == "factprov"
                assert cli.main(argv[1:]) == 0, capsys.readouterr()
                outputs.append(capsys.readouterr().out)
    predictions = [json.loads(line) for line in (project.root / "my_predictions.jsonl").read_text().splitlines()]
    assert [p["article_id"] for p in predictions] == sorted(p.name for p in project.seeds.iterdir() if p.is_dir())
    assert "attribution (headline)" in outputs[-1] and "scored against factprov" in outputs[-1]


def test_a_model_that_returns_bad_spans_is_stopped_with_the_article(project, tmp_path, monkeypatch, capsys):
    (tmp_path / "bad_model.py").write_text("def extract(text):\n    return [{'quote': {'start': 0, 'end': 10**6}}]\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    code = cli.main(["--root", str(project.root), "extract", "--model", "bad_model:extract", "-o",
                     str(tmp_path / "out.jsonl")])
    assert code == 1
    assert "bad_model:extract returned a bad statement for 000_b3587dce40a2b0e3" in capsys.readouterr().err
    assert not (tmp_path / "out.jsonl").exists()


def test_extract_then_bench_json_records_the_dataset(project, tmp_path, capsys):
    out = tmp_path / "p.jsonl"
    assert cli.main(["--root", str(project.root), "extract", "--model", "rules", "-o", str(out)]) == 0
    capsys.readouterr()
    assert cli.main(["--root", str(project.root), "bench", str(out), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    card = project.card.read_text(encoding="utf-8")
    assert result["dataset"]["version"] == project.version()
    assert result["dataset"]["fingerprint"] in card
    assert result["statements"]["gold"] == sum(1 for _ in (project.dataset / "data/statements/test.jsonl").open())


def test_baselines_leaderboard_goes_into_the_card_and_is_ordered(project, capsys):
    (project.root / "benchmarks" / "results.json").unlink(missing_ok=True)
    assert cli.main(["--root", str(project.root), "bench", "--baselines", "--json"]) == 0
    board = json.loads(capsys.readouterr().out)
    f1 = {r["model"]: r["micro"]["attribution"]["f1"] for r in board["results"]}
    assert list(f1) == list(BASELINES)
    assert f1["sentences"] <= f1["quotes"] <= f1["rules"]
    card = project.card.read_text(encoding="utf-8")
    low, high = board["results"][2]["micro"]["attribution"]["f1_ci95"]
    assert f"| rules | {f1['rules']:.3f} \\[{low:.3f}, {high:.3f}\\] |" in card
    assert f"Scored against version {project.version()}" in card


def test_the_committed_leaderboard_is_what_the_baselines_score_on_the_committed_data(repo, tmp_path, capsys):
    """Live invariant: results.json recorded for the committed data equals a fresh run on it.

    A leaderboard scored on other content is allowed (the card then says so; tested on the
    fixture corpus), so only a leaderboard that names the committed fingerprint is re-run."""
    from factprov.base.writer import fingerprint_on_disk

    path = ROOT / "benchmarks" / "results.json"
    if not path.is_file():
        pytest.skip("no leaderboard is recorded")
    committed = json.loads(path.read_text(encoding="utf-8"))
    if committed["dataset"]["fingerprint"] != fingerprint_on_disk(repo.dataset):
        assert "**The data has changed since then**" in repo.card.read_text(encoding="utf-8")
        return
    root = tmp_path / "live"
    for folder in ("seeds", "schema", "dataset"):
        shutil.copytree(ROOT / folder, root / folder)
    for name in ("CITATION.cff", "CHANGELOG.md"):  # the card's citation and release date
        shutil.copyfile(ROOT / name, root / name)
    assert cli.main(["--root", str(root), "bench", "--baselines", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == committed


def test_the_card_says_when_the_leaderboard_was_scored_on_other_data(project, capsys):

    from .conftest import replace_in
    assert cli.main(["--root", str(project.root), "bench", "--baselines"]) == 0
    replace_in(project.seeds / "001_3efa282232337d19" / "statements.yaml", "gloss_en: Earlier the same day",
               "gloss_en: Before that, the same day")
    outputs = dataset.build(project, progress=None)
    card = project.card.read_text(encoding="utf-8")
    assert "| rules |" in card and "**The data has changed since then**" in card
    assert outputs.fingerprint not in card.split("## Benchmark")[1].split("## How")[0]
