"""``factprov suggest``: what a draft proposes for the speaker, its mention and its cue."""

from __future__ import annotations

import yaml

from factprov import cli

ARTICLE = ("Perundingan Dilanjutkan\n\n"
           "KOTA CONTOH - Juru bicara Istana Dmitri Sokolov mengatakan perundingan dilanjutkan pekan depan.\n\n"
           "\"Kami menunggu jawaban resmi,\" katanya.\n\n"
           "\"Semua pihak sudah diundang,\" ujar Dmitry Sokolov.\n\n"
           "Warga mengungsi dari kota perbatasan. (Foto: Arsip Contoh)\n")
SOURCE = ("  - name: Dmitri Sokolov\n    type: person\n    wikidata_id: null\n    aliases: []\n"
          "    note: A made-up spokesman of a test.\n")


def draft(project, tmp_path, capsys) -> tuple[str, list[dict]]:
    with (project.seeds / "sources.yaml").open("a", encoding="utf-8") as f:
        f.write(SOURCE)
    path = tmp_path / "runding.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert cli.main(["--root", str(project.root), "add-article", str(path), "--id", "002_runding"]) == 0
    assert cli.main(["--root", str(project.root), "suggest", "002_runding"]) == 0
    capsys.readouterr()
    text = (project.seeds / "002_runding" / "statements.yaml").read_text(encoding="utf-8")
    return text, yaml.safe_load(text)["statements"]


def test_a_draft_names_the_speaker_canonically_with_the_mention_the_model_used(project, tmp_path, capsys):
    text, statements = draft(project, tmp_path, capsys)
    attributed = [s for s in statements if s["kind"] != "unattributed_claim"]
    assert [s["speaker"] for s in attributed] == ["Dmitri Sokolov"] * 3
    assert attributed[0]["speaker_mention"] == "Dmitri Sokolov"
    # The clitic: the verb is the cue and -nya the mention, each named inside its word.
    assert attributed[1]["cue"] == {"text": "kata", "in": "katanya"}
    assert attributed[1]["speaker_mention"] == {"text": "nya", "in": "katanya"}
    # Another spelling of a registered name is proposed as the canonical name, with a comment.
    line = next(line for line in text.splitlines() if "speaker:" in line and "the model wrote" in line)
    assert '"Dmitry Sokolov"' in line and "Dmitri Sokolov" in line
    assert not any("Warga mengungsi" in s["quote"] for s in statements)  # a caption is never proposed


def test_a_speaker_not_in_the_registry_is_kept_and_flagged(project, tmp_path, capsys):
    path = tmp_path / "lain.txt"
    path.write_text(ARTICLE.replace("Sokolov", "Marek"), encoding="utf-8")
    assert cli.main(["--root", str(project.root), "add-article", str(path), "--id", "002_lain"]) == 0
    assert cli.main(["--root", str(project.root), "suggest", "002_lain"]) == 0
    text = (project.seeds / "002_lain" / "statements.yaml").read_text(encoding="utf-8")
    assert 'speaker: "Dmitri Marek"  # not in seeds/sources.yaml' in text


def test_a_meta_yaml_that_cannot_be_read_is_named_with_its_line(project, tmp_path, capsys):
    path = tmp_path / "runding.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert cli.main(["--root", str(project.root), "add-article", str(path), "--id", "002_runding"]) == 0
    meta = project.seeds / "002_runding" / "meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("notes: {}", "notes:\n  url: the line \"Reporter: X\""),
                    encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["--root", str(project.root), "suggest", "002_runding"]) == 1
    err = capsys.readouterr().err
    line = next(n for n, text in enumerate(meta.read_text(encoding="utf-8").splitlines(), start=1)
                if text.startswith('  url: the line "Reporter: X"'))
    assert f"seeds/002_runding/meta.yaml:{line}:" in err and "nothing was written" in err


def test_suggest_never_writes_through_a_link_planted_in_the_seed_folder(project, tmp_path, capsys):
    path = tmp_path / "runding.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert cli.main(["--root", str(project.root), "add-article", str(path), "--id", "002_runding"]) == 0
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    statements = project.seeds / "002_runding" / "statements.yaml"
    statements.unlink()
    statements.symlink_to(victim)
    capsys.readouterr()
    assert cli.main(["--root", str(project.root), "suggest", "002_runding"]) == 1
    assert "symbolic link" in capsys.readouterr().err
    assert victim.read_text(encoding="utf-8") == "precious\n" and statements.is_symlink()


def test_a_model_that_fails_is_a_message_with_the_article_not_a_traceback(project, tmp_path, capsys, monkeypatch):
    (tmp_path / "broken_model.py").write_text("def extract(text):\n    raise RuntimeError('no')\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "runding.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert cli.main(["--root", str(project.root), "add-article", str(path), "--id", "002_runding"]) == 0
    capsys.readouterr()
    assert cli.main(["--root", str(project.root), "suggest", "002_runding", "--model", "broken_model:extract"]) == 1
    err = capsys.readouterr().err
    assert "failed on 002_runding: RuntimeError: no" in err and "Traceback" not in err
