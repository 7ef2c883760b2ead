"""Attacks on reading, validating and building: raw bytes, numbers, patterns, the file system.

Each test reproduces one way the build used to fail (silently, or with a traceback)
and checks the located error, or the right result, that comes now. All go through the
CLI, on a throw-away copy of the checkout.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factprov import cli
from factprov.base import writer
from factprov.base.report import printable
from factprov.base.writer import read_tree
from factprov.publish import card

from .conftest import git, replace_in

A0 = "000_b3587dce40a2b0e3"
A1 = "001_3efa282232337d19"
STATEMENTS = f"seeds/{A1}/statements.yaml"
META = f"seeds/{A1}/meta.yaml"
TEXT = f"seeds/{A1}/article.txt"


def run(project, capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--root", str(project.root), *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out, captured.err


def validate(project, capsys, *args: str) -> tuple[int, list[dict]]:
    code, out, _ = run(project, capsys, "validate", "--format", "json", *args)
    return code, json.loads(out)["issues"]


def build_refused(project, capsys) -> str:
    """A build that fails, through the CLI: exit 1, a message, dataset/ as it was."""
    before = read_tree(project.dataset)
    code, _, err = run(project, capsys, "build", "-q")
    assert code == 1, err
    assert read_tree(project.dataset) == before
    return err


def errors_in(issues: list[dict], file: str) -> list[tuple]:
    return [(i["code"], i["line"], i["column"]) for i in issues if i["file"] == file and i["severity"] == "error"]


def position(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


# --- raw characters ------------------------------------------------------------------------------

BAD_CHARACTERS = {"nul": "\x00", "bell": "\x07", "escape": "\x1b", "del": "\x7f", "c1_nel": "\x85",
                  "c1_csi": "\x9b", "ufffe": "\ufffe", "uffff": "\uffff"}


@pytest.mark.parametrize("char", list(BAD_CHARACTERS.values()), ids=list(BAD_CHARACTERS))
@pytest.mark.parametrize("file, before", [(STATEMENTS, "  - n: 2\n"), (META, "language: id"),
                                          ("seeds/sources.yaml", "  - name: Masoud Pezeshkian")])
def test_a_raw_control_character_in_yaml_is_refused_at_its_line_and_column(project, capsys, file, before, char):
    path = project.root / file
    text = path.read_text(encoding="utf-8")
    at = text.index(before) + 4  # inside the line, not at its start
    path.write_text(text[:at] + char + text[at:], encoding="utf-8")
    code, issues = validate(project, capsys)
    assert code == 1
    assert ("character", *position(text, at)) in errors_in(issues, file)
    assert f"U+{ord(char):04X}" in build_refused(project, capsys)


def test_a_nul_no_longer_cuts_the_statements_short(project, capsys):
    """The first report: a NUL before '- n: 17' built with the statements after it gone."""
    path = project.root / STATEMENTS
    text = path.read_text(encoding="utf-8")
    at = text.index("  - n: 5\n")
    path.write_text(text[:at] + "\x00" + text[at:], encoding="utf-8")
    code, issues = validate(project, capsys)
    assert code == 1 and ("character", *position(text, at)) in errors_in(issues, STATEMENTS)


def test_an_escaped_control_character_in_a_yaml_string_is_refused(project, capsys):
    line = replace_in(project.root / STATEMENTS, "    rationale: The Kremlin's readout",
                      '    rationale: "\\x00\\x1b[2J"\n    gloss_x: The Kremlin\'s readout')
    code, issues = validate(project, capsys)
    assert code == 1
    assert errors_in(issues, STATEMENTS) == [("character", line, len("    rationale: ") + 1)]


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x9b", "\ufffe"])
def test_a_control_character_in_an_article_text_is_refused(project, capsys, char):
    path = project.root / TEXT
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    at = text.index("\n", 10) + 3
    new = (text[:at] + char + text[at:]).encode("utf-8")
    path.write_bytes(new)
    replace_in(project.root / META, hashlib.sha256(raw).hexdigest(), hashlib.sha256(new).hexdigest())
    code, issues = validate(project, capsys)
    assert code == 1
    assert errors_in(issues, TEXT) == [("character", *position(text, at))]


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n"])
def test_an_empty_or_blank_article_text_is_refused(project, capsys, content):
    path = project.root / TEXT
    raw = path.read_bytes()
    path.write_bytes(content)
    replace_in(project.root / META, hashlib.sha256(raw).hexdigest(), hashlib.sha256(content).hexdigest())
    code, issues = validate(project, capsys)
    assert code == 1 and errors_in(issues, TEXT) == [("text-empty", 1, 1)]


# --- numbers, keys and patterns ------------------------------------------------------------------

@pytest.mark.parametrize("old, new, field", [
    ("  - n: 2\n", "  - n: 2.0\n", "statements[#2].n"),
    ("cue: {text: sebut, occurrence: 1}", "cue: {text: sebut, occurrence: 1.0}", "statements[n=1].cue"),
    ("cue: {text: sebut, occurrence: 1}", "cue: {text: sebut, occurrence: 1e0}", "statements[n=1].cue"),
])
def test_a_float_never_passes_as_an_integer(project, capsys, old, new, field):
    line = replace_in(project.root / STATEMENTS, old, new)
    code, issues = validate(project, capsys)
    assert code == 1
    schema = [i for i in issues if i["file"] == STATEMENTS and i["code"] == "schema"]
    assert schema and all(i["line"] == line for i in schema), schema
    assert any(i["field"].startswith(field) for i in schema), schema
    build_refused(project, capsys)


def test_an_integer_key_under_notes_is_a_located_error(project, capsys):
    line = replace_in(project.root / META, "notes:\n", "notes:\n  1: a note under a number\n") + 1
    code, issues = validate(project, capsys)
    assert code == 1 and errors_in(issues, META) == [("yaml-syntax", line, 3)]


@pytest.mark.parametrize("file, old, new", [
    ("seeds/sources.yaml", "wikidata_id: Q7747", 'wikidata_id: "Q7747\\n"'),
    (META, 'published: "2025"', 'published: "2025\\n"'),
    (META, "language: id", 'language: "id\\n"'),
    (META, "url: null", 'url: "https://example.org/a\\n"'),
    (STATEMENTS, "      - ref: 001_3efa282232337d19/4", '      - ref: "001_3efa282232337d19/4\\n"'),
    (STATEMENTS, "      - ref: https://www.aa.com.tr/", '      - ref: "https://www.aa.com.tr/\\n"\n        x: '),
])
def test_a_final_newline_gets_past_no_pattern(project, capsys, file, old, new):
    line = replace_in(project.root / file, old, new)
    code, issues = validate(project, capsys)
    assert code == 1
    found = [i for i in issues if i["file"] == file and i["line"] == line and i["severity"] == "error"]
    assert found and found[0]["code"] == "schema" and found[0]["message"], issues


def test_a_folder_name_with_a_final_newline_is_refused(project, capsys):
    name = A1 + "\n"
    (project.seeds / A1).rename(project.seeds / name)
    replace_in(project.seeds / name / "meta.yaml", f"article_id: {A1}", f"article_id: {json.dumps(name)}")
    code, issues = validate(project, capsys)
    assert code == 1
    assert any(i["code"] == "schema" and i["field"] == "article_id" for i in issues), issues


def test_every_schema_pattern_refuses_a_final_newline(repo):
    """The patterns mean the same in Python as in ECMA-262: '$' there is the end of the string."""
    import re

    from factprov.build.schemas import Schemas

    samples = {"article_id": "a1", "statement_id": "a1/1", "https_url": "https://example.org", "wikidata_id": "Q1",
               "partial_date": "2025-05", "language": "id"}
    common = Schemas(repo.schema).documents["common.schema.json"]["$defs"]
    for name, value in samples.items():
        pattern = common[name]["pattern"]
        assert re.search(pattern, value) and not re.search(pattern, value + "\n"), name


# --- schema files --------------------------------------------------------------------------------

@pytest.mark.parametrize("old, new, pointer", [
    ('"$ref": "urn:factprov:schema:common#/$defs/article_id"', '"$dynamicRef": "https://example.com/x.json"',
     "/properties/article_id/$dynamicRef"),
    ('"$schema": "https://json-schema.org/draft/2020-12/schema"', '"$schema": "https://example.com/schema"',
     "/$schema"),
    ('"$ref": "urn:factprov:schema:common#/$defs/article_id"', '"$ref": "urn:factprov:schema:common#/$defs/nope"',
     "/properties/article_id/$ref"),
    ('"$ref": "urn:factprov:schema:common#/$defs/article_id"', '"$ref": 5', "/properties/article_id/$ref"),
    ('"type": "object"', '"type": "objet"', "/type"),
])
def test_a_broken_schema_file_is_a_located_error(project, capsys, old, new, pointer):
    replace_in(project.schema / "meta.schema.json", old, new)
    code, issues = validate(project, capsys)
    assert code == 1
    assert [(i["file"], i["code"], i["field"]) for i in issues] == [
        ("schema/meta.schema.json", "schema-file", pointer)]
    build_refused(project, capsys)


# --- the file system -----------------------------------------------------------------------------

def _unreadable(monkeypatch, target) -> None:
    """Reading ``target`` fails as it does for a file without read permission (tests may run as root)."""
    real_open = os.open

    def fake_open(path, flags, *args, **kwargs):
        if os.fspath(path) == os.fspath(target) and not flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)


@pytest.mark.parametrize("rel, code", [(META, "io"), (TEXT, "io"), ("seeds/sources.yaml", "io"),
                                       ("schema/common.schema.json", "io"), ("dataset/README.md", "io")])
def test_an_unreadable_file_is_a_located_io_error(project, capsys, monkeypatch, rel, code):
    _unreadable(monkeypatch, project.root / rel)
    code_, issues = validate(project, capsys)
    assert code_ == 1
    found = [i for i in issues if i["code"] == code]
    assert found and found[0]["file"] == rel and "Permission denied" in found[0]["message"], issues
    build_refused(project, capsys)


@pytest.mark.skipif(os.geteuid() == 0, reason="file permissions do not bind root")
def test_an_unreadable_file_without_permission_is_a_located_io_error(project, capsys):
    (project.root / META).chmod(0)
    code, issues = validate(project, capsys)
    assert code == 1 and errors_in(issues, META) == [("io", None, None)]


@pytest.mark.parametrize("kind", ["directory", "fifo"])
def test_a_directory_or_fifo_where_a_file_should_be_is_named_for_what_it_is(project, capsys, kind):
    path = project.root / STATEMENTS
    path.unlink()
    if kind == "directory":
        path.mkdir()
    else:
        os.mkfifo(path)  # opening it for reading would block: it must not be opened
    code, issues = validate(project, capsys)
    assert code == 1
    [issue] = [i for i in issues if i["file"] == STATEMENTS]
    assert issue["code"] == "io" and ("directory" if kind == "directory" else "FIFO") in issue["message"]


def test_seeds_as_a_link_out_of_the_checkout_is_refused(project, capsys, tmp_path):
    outside = tmp_path / "elsewhere"
    project.seeds.rename(outside)
    project.seeds.symlink_to(outside, target_is_directory=True)
    code, issues = validate(project, capsys)
    assert code == 1 and [(i["file"], i["code"]) for i in issues] == [("seeds", "path")]
    build_refused(project, capsys)


def test_a_symlinked_dataset_is_refused_and_left_alone(project, capsys, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    project.dataset.rename(elsewhere)
    project.dataset.symlink_to(elsewhere, target_is_directory=True)
    before = read_tree(elsewhere)
    for _ in range(2):  # the first refusal leaves nothing that breaks the second
        err = build_refused(project, capsys)
        assert "symbolic link" in err and " io " in err
        assert read_tree(elsewhere) == before and project.dataset.is_symlink()
        assert not os.path.lexists(project.root / ".dataset.previous")


def test_a_read_only_dataset_is_refused_before_anything_moves(project, capsys, monkeypatch):
    """As a user without write permission sees it (tests may run as root, whom permissions do not bind)."""
    real_access = os.access

    def access(path, mode, **kwargs):
        if os.fspath(path) == os.fspath(project.dataset) and mode == os.W_OK:
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)
    for _ in range(2):
        err = build_refused(project, capsys)
        assert "read-only" in err
        assert not os.path.lexists(project.root / ".dataset.previous")


@pytest.mark.skipif(os.geteuid() == 0, reason="file permissions do not bind root")
def test_a_read_only_dataset_without_permission_is_refused(project, capsys):
    (project.dataset / "data").chmod(0o555)
    try:
        assert "read-only" in build_refused(project, capsys)
    finally:
        (project.dataset / "data").chmod(0o755)


def test_a_read_only_checkout_is_a_located_io_error(project, capsys, monkeypatch):
    real_open = os.open

    def refuse(path):
        raise OSError(errno.EROFS, "Read-only file system", os.fspath(path))

    monkeypatch.setattr(os, "open", lambda path, flags, *a, **k: refuse(path) if flags & os.O_CREAT
                        else real_open(path, flags, *a, **k))
    monkeypatch.setattr(os, "mkdir", lambda path, *a, **k: refuse(path))
    err = build_refused(project, capsys)
    assert "Read-only file system" in err and ".dataset.lock" in err
    code, issues = validate(project, capsys)  # reading needs no lock where no build can write
    assert code == 0, issues


def test_a_full_disk_is_a_located_io_error_and_dataset_stays(project, capsys, monkeypatch):
    replace_in(project.card, "\nversion: 0.1.0\n", "\nversion: 0.1.1\n")
    expected = {**read_tree(project.dataset)}
    real_open = open
    written = {"n": 0}

    def full(path, mode="r", *args, **kwargs):
        if "x" in mode:
            written["n"] += 1
            if written["n"] == 2:
                raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", full)
    err = build_refused(project, capsys)
    assert "No space left on device" in err
    assert read_tree(project.dataset) == expected and not list(project.root.glob(".dataset.staging*"))


def test_recovery_removes_only_staging_folders_a_build_made(project, capsys):
    stale = project.root / ".dataset.staging-123-0a1b2c3d"
    shutil.copytree(project.dataset, stale)
    mine = project.root / ".dataset.staging-notes"
    mine.mkdir()
    assert run(project, capsys, "build", "-q")[0] == 0
    assert not stale.exists() and mine.is_dir()


def test_a_leftover_previous_copy_is_removed_or_reported(project, capsys):
    shutil.copytree(project.dataset, project.root / ".dataset.previous")
    assert run(project, capsys, "build", "-q")[0] == 0  # the swap was done: the copy goes
    assert not os.path.lexists(project.root / ".dataset.previous")
    (project.root / ".dataset.previous").write_text("someone's file\n", encoding="utf-8")
    err = build_refused(project, capsys)
    assert ".dataset.previous" in err and "remove it by hand" in err
    assert (project.root / ".dataset.previous").read_text(encoding="utf-8") == "someone's file\n"


# --- git -----------------------------------------------------------------------------------------

def test_changed_since_with_an_untracked_path_that_is_not_utf8(repo_project, capsys):
    folder = os.path.join(os.fsencode(repo_project.seeds), b"new_\xff")
    os.mkdir(folder)
    with open(os.path.join(folder, b"meta.yaml"), "wb") as handle:
        handle.write(b"article_id: x\n")
    code, issues = validate(repo_project, capsys, "--changed-since", "main")
    assert code == 1 and issues
    assert all(i["file"] and i["code"] for i in issues)
    code, out, _ = run(repo_project, capsys, "validate", "--changed-since", "main")
    assert code == 1 and "new_\\xff" in out


def test_base_whose_data_lines_are_not_json_objects(repo_project, capsys):
    data = repo_project.dataset / "data" / "articles" / "test.jsonl"
    good = data.read_bytes()
    data.write_bytes(b"[1, 2]\n" + good)
    git(repo_project, "commit", "-qam", "broken base")
    data.write_bytes(good)
    code, issues = validate(repo_project, capsys, "--base", "main")
    assert code == 1
    assert [(i["file"], i["line"], i["code"]) for i in issues] == [
        ("main:dataset/data/articles/test.jsonl", 1, "git")]


# --- builds: one at a time, and a kill between the renames ---------------------------------------

def test_a_build_while_another_holds_the_lock_is_refused_clearly(project, capsys):
    import fcntl
    with open(writer.lock_path(project.dataset), "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        err = build_refused(project, capsys)
        assert "build-lock" in err and "another factprov build is writing dataset/" in err
        code, issues = validate(project, capsys)
        assert code == 1 and [i["code"] for i in issues] == ["build-lock"]
    assert run(project, capsys, "build", "-q")[0] == 0


CLI = ["-c", "import sys; from factprov import cli; sys.exit(cli.main(sys.argv[1:]))"]


def _env() -> dict:
    return {**os.environ, "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}


def test_two_concurrent_builds_never_corrupt_dataset(project, capsys):
    import sys
    replace_in(project.card, "\nversion: 0.1.0\n", "\nversion: 0.1.1\n")  # so that a build changes dataset/
    for _ in range(3):
        runs = [subprocess.Popen([sys.executable, *CLI, "--root", str(project.root), "build", "-q"], env=_env(),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        results = [(p.wait(timeout=300), p.stdout.read() + p.stderr.read()) for p in runs]
        for p in runs:
            p.stdout.close()
            p.stderr.close()
        assert any(code == 0 for code, _ in results), results
        for code, output in results:
            assert "Traceback" not in output
            assert code == 0 or (code == 1 and "build-lock" in output), output
        assert run(project, capsys, "validate")[0] == 0  # complete, and what the seeds build
        assert not list(project.root.glob(".dataset.staging*")) and not os.path.lexists(
            project.root / ".dataset.previous")


KILL_BETWEEN_RENAMES = """
import os, signal, sys
from factprov import cli
from factprov.base import writer
real_rename = os.rename
def rename(src, dst):
    real_rename(src, dst)
    if str(dst).endswith(".dataset.previous"):
        os.kill(os.getpid(), signal.SIGKILL)  # after the first rename, before the second
os.rename = rename
sys.exit(cli.main(sys.argv[1:]))
"""


def test_a_kill_between_the_two_renames_is_repaired_before_dataset_is_read(project, capsys):
    import sys
    before = read_tree(project.dataset)
    replace_in(project.card, "\nversion: 0.1.0\n", "\nversion: 0.1.1\n")
    before["README.md"] = project.card.read_bytes()
    done = subprocess.run([sys.executable, "-c", KILL_BETWEEN_RENAMES, "--root", str(project.root), "build", "-q"],
                          env=_env(), capture_output=True, text=True, timeout=300)
    assert done.returncode == -9, done.stderr
    assert not os.path.lexists(project.dataset) and (project.root / ".dataset.previous").is_dir()
    assert list(project.root.glob(".dataset.staging-*"))  # the new copy, never swapped in
    code, issues = validate(project, capsys)  # repairs first: the card's version is read after
    assert read_tree(project.dataset) == before
    assert not os.path.lexists(project.root / ".dataset.previous")
    assert not list(project.root.glob(".dataset.staging-*"))
    assert {i["code"] for i in issues} == {"dataset-stale"}  # built from the seeds, it differs from 0.1.0
    assert run(project, capsys, "build", "-q")[0] == 0


def test_a_kill_between_the_renames_is_repaired_by_the_next_build(project, capsys):
    import sys
    subprocess.run([sys.executable, "-c", KILL_BETWEEN_RENAMES, "--root", str(project.root), "build", "-q"],
                   env=_env(), capture_output=True, timeout=300)
    assert not os.path.lexists(project.dataset)
    code, out, err = run(project, capsys, "build", "-q")
    assert code == 0, err
    assert run(project, capsys, "validate")[0] == 0


# --- splits --------------------------------------------------------------------------------------

def test_a_split_with_articles_but_no_statements_is_refused_where_it_is_set(project, capsys):
    line = replace_in(project.root / META, "split: test", "split: validation")
    path = project.root / STATEMENTS
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("statements:")] + "statements: []\n", encoding="utf-8")
    code, issues = validate(project, capsys)
    assert code == 1
    [issue] = [i for i in issues if i["code"] == "split-empty"]
    assert (issue["file"], issue["line"], issue["field"]) == (META, line, "split")
    assert "'validation'" in issue["message"] and A1 in issue["message"]


# --- messages ------------------------------------------------------------------------------------

def test_a_huge_value_is_quoted_by_its_ends_not_echoed(project, capsys):
    huge = "x" * 4_900_000
    replace_in(project.root / META, f"article_id: {A1}", f"article_id: {huge}")
    err = build_refused(project, capsys)
    assert len(err) < 20_000 and "characters left out" in err


def test_deep_nesting_is_refused_at_its_line_and_column(project, capsys):
    path = project.root / STATEMENTS
    path.write_text("statements:\n  - n: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    code, issues = validate(project, capsys)
    [(code_, line, column)] = errors_in(issues, STATEMENTS)
    assert (code_, line) == ("yaml-unsafe", 2) and column is not None


def test_escape_codes_in_a_folder_name_never_reach_the_terminal(project, capsys):
    name = "evil\x1b[2J\x1b]0;owned\x07"
    shutil.copytree(project.seeds / A1, project.seeds / name)
    for args in (["validate"], ["validate", "--format", "github"], ["validate", "--format", "json"],
                 ["build"]):
        code, out, err = run(project, capsys, *args)
        assert code == 1
        assert "\x1b" not in out + err and "\x07" not in out + err
        assert "evil" in out + err


def test_printable_escapes_controls_and_undecodable_bytes():
    assert printable("a\x1b[31mb\udcffc\u2028d\ne") == "a\\x1b[31mb\\xffc\\u2028d\ne"
    assert printable("a\nb", newlines=False) == "a\\nb"


def test_card_table_cells_cannot_break_the_table_or_inject_html():
    table = card._table(["headline", "publisher"], [["A | B <script>x</script>", "C\\|D\nE"]])
    row = table.splitlines()[2]
    assert row == "| A \\| B &lt;script&gt;x&lt;/script&gt; | C\\\\\\|D E |"
    assert row.count(" | ") == 1  # two cells: the separator between them is the only unescaped pipe


# --- add-article ---------------------------------------------------------------------------------

def test_add_article_refuses_proc_files_and_fifos(project, capsys, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for source in ("/proc/self/environ", str(fifo)):
        code, _, err = run(project, capsys, "add-article", source, "--id", "new_one")
        assert code == 1 and " io: " in err and "nothing was written" in err
        assert not (project.seeds / "new_one").exists()


@pytest.mark.parametrize("content, code", [(b"", "text-empty"), (b" \n\n\t", "text-empty"),
                                           (b"Judul\n\nIsi \x00berita.\n", "character")])
def test_add_article_refuses_empty_and_controlled_texts(project, capsys, tmp_path, content, code):
    source = tmp_path / "a.txt"
    source.write_bytes(content)
    exit_code, _, err = run(project, capsys, "add-article", str(source), "--id", "new_one")
    assert exit_code == 1 and f" {code}: " in err
    assert not (project.seeds / "new_one").exists()


def test_add_article_leaves_a_users_folder_with_its_staging_name_alone(project, capsys, tmp_path):
    mine = project.seeds / ".new_one.new"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine\n", encoding="utf-8")
    source = tmp_path / "a.txt"
    source.write_text("Judul berita\n\nWarga desa membangun jembatan baru, kata kepala desa.\n", encoding="utf-8")
    code, _, err = run(project, capsys, "add-article", str(source), "--id", "new_one")
    assert code == 0, err
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert (project.seeds / "new_one" / "article.txt").read_bytes() == source.read_bytes()
    assert [p.name for p in project.seeds.iterdir() if p.name.startswith(".")] == [".new_one.new"]


# --- bench: predictions are validated by the same strict schemas ---------------------------------

@pytest.mark.parametrize("offset", ["61.0", "1e2"])
def test_bench_refuses_float_offsets(project, capsys, tmp_path, offset):
    first = json.loads((project.dataset / "data" / "articles" / "test.jsonl").read_text(encoding="utf-8")
                       .splitlines()[0])
    start = int(float(offset))
    span = {"start": "START", "end": start + 5, "text": first["text"][start:start + 5]}
    line = json.dumps({"article_id": first["article_id"], "statements": [{"quote": span}]})
    predictions = tmp_path / "p.jsonl"
    predictions.write_text(line.replace('"START"', offset) + "\n", encoding="utf-8")
    code, _, err = run(project, capsys, "bench", str(predictions))
    assert code == 1 and "pred-schema" in err and "statements[#1].quote.start" in err


# --- property: raw bytes of any input file, mutated: never a traceback, never a changed dataset/ on error

INPUT_FILES = [TEXT, META, STATEMENTS, "seeds/sources.yaml"]
# Bytes that have broken readers before, besides random ones.
NASTY = [b"\x00", b"\xff", b"\x1b[2J", b"\x7f", b"\xc2\x85", b"\xc2\x9b", b"\xef\xbf\xbe", b"\xef\xbf\xbf",
         b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\r", b"\n", b"\t", b"\xe2\x80\xa8", b"'", b'"', b"&a ", b"*a", b"!!int ",
         b"<<: ", b"---\n", b"[" * 60, b"{", b": ", b"- ", b"? ", b"2.0", b"1e2", b"\\x00", b'"\\ud800"', b"#"]


@st.composite
def byte_mutations(draw):
    """(file, function of its bytes, description): insert, replace, delete, duplicate or truncate raw bytes."""
    file = draw(st.sampled_from(INPUT_FILES))
    kind = draw(st.sampled_from(["insert", "replace", "delete", "duplicate", "truncate"]))
    where = draw(st.floats(0, 1))
    data = draw(st.one_of(st.sampled_from(NASTY), st.binary(min_size=1, max_size=6)))
    size = draw(st.integers(1, 40))

    def mutate(raw: bytes) -> bytes:
        at = int(where * len(raw))
        if kind == "insert":
            return raw[:at] + data + raw[at:]
        if kind == "replace":
            return raw[:at] + data + raw[at + len(data):]
        if kind == "delete":
            return raw[:at] + raw[at + size:]
        if kind == "duplicate":
            return raw[:at] + raw[at:at + size] * 2 + raw[at + size:]
        return raw[:at]

    rehash = file == TEXT and draw(st.booleans())  # also past the hash check, into the parser and spans
    return file, mutate, rehash, f"{kind} {data!r} at {where:.3f} of {file}" + (" (rehashed)" if rehash else "")


@pytest.fixture(scope="module")
def byte_project(tmp_path_factory):
    from .conftest import copy_checkout
    root = tmp_path_factory.mktemp("bytes")
    project = copy_checkout(root / "repo")
    shutil.copytree(project.root, root / "pristine", symlinks=True)
    return project, root / "pristine"


@settings(max_examples=50, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutation=byte_mutations())
def test_mutated_raw_bytes_never_raise_and_never_change_dataset_on_error(byte_project, mutation):
    import contextlib
    import io

    project, pristine = byte_project
    file, mutate, rehash, description = mutation
    path = project.root / file
    raw = path.read_bytes()
    new = mutate(raw)
    path.write_bytes(new)
    if rehash:
        replace_in(project.root / META, hashlib.sha256(raw).hexdigest(), hashlib.sha256(new).hexdigest())
    before = read_tree(project.dataset)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["--root", str(project.root), "build", "-q"])
        assert code in (0, 1), description
        if code == 1:
            assert read_tree(project.dataset) == before, description
            assert "error(s)" in err.getvalue(), description
            assert "\x1b" not in out.getvalue() + err.getvalue(), description
    finally:
        for rel in (file, META):
            shutil.copyfile(pristine / rel, project.root / rel)
        shutil.rmtree(project.dataset)
        shutil.copytree(pristine / "dataset", project.dataset)


# --- large files: scanned, not composed in Python, and the refusals still hold -----------------

def _many_statements(n: int) -> str:
    return "statements:\n" + "".join(
        f"  - n: {i}\n    quote: 'kata ke-{i}: [a, b]'\n    cue: {{text: ujar, occurrence: {i}}}\n"
        f"    source_chain: [Tokoh A, Kantor Berita P]\n" for i in range(1, n + 1))


@pytest.mark.parametrize("tail, code", [
    ("  - n: &a 1\n", "yaml-unsafe"), ("  - n: !!python/name:os.system 1\n", "yaml-unsafe"),
    ("  - <<: {n: 1}\n", "yaml-unsafe"), ("  - {n: 1, n: 2}\n", "yaml-syntax"), ("  - {1: 1}\n", "yaml-syntax"),
    ("  - " + "[" * 60 + "]" * 60 + "\n", "yaml-unsafe"), ("---\nstatements: []\n", "yaml-syntax"),
])
def test_a_large_file_is_still_refused_at_the_line(tail, code):
    from factprov.base.yamlio import _C_SAFE_INDICATORS, YamlError, _indicators, load_located
    text = _many_statements(600)
    assert _indicators(text) >= _C_SAFE_INDICATORS  # the careful path
    with pytest.raises(YamlError) as refused:
        load_located(text + tail)
    assert (refused.value.code, refused.value.line) == (code, text.count("\n") + 1)


def test_a_large_valid_file_reads_as_pyyaml_reads_it():
    import yaml

    from factprov.base.yamlio import load_located
    text = _many_statements(600)
    located = load_located(text)
    assert located.data == yaml.safe_load(text)
    cue_line = text.splitlines()[-2]
    assert located.where(("statements", 599, "cue", "occurrence")) == (text.count("\n") - 1, cue_line.index("600") + 1)


def test_the_cards_front_matter_is_plain_data_too(project, capsys):
    replace_in(project.card, "\nversion: 0.1.0\n", "\nversion: &v 0.1.0\nagain: *v\n")
    code, issues = validate(project, capsys)
    assert code == 1
    [issue] = issues
    assert (issue["file"], issue["code"]) == ("dataset/README.md", "version") and "aliases" in issue["message"]


def test_a_list_of_many_wrong_items_gives_a_bounded_report(project, capsys):
    from factprov.build.schemas import MAX_ERRORS
    items = 20 * MAX_ERRORS
    (project.root / STATEMENTS).write_text("statements: [" + ",".join(["1"] * items) + "]\n", encoding="utf-8")
    code, issues = validate(project, capsys)
    assert code == 1
    schema = [i for i in issues if i["file"] == STATEMENTS and i["code"] == "schema"]
    assert len(schema) == MAX_ERRORS + 1
    assert [i["field"] for i in schema if i["line"]] == [f"statements[#{n + 1}]" for n in range(MAX_ERRORS)]
    assert any(f"more than {MAX_ERRORS} schema errors" in i["message"] for i in schema)


def test_a_source_name_must_be_one_line_and_names_are_escaped_in_the_card(project, capsys):
    """A name with line breaks could write headings and raw HTML into the card's prose."""
    line = replace_in(project.registry, "  - name: Sputnik\n", "  - name: \"Sputnik <b>x</b>\\n\\n## Injected\"\n")
    assert cli.main(["--root", str(project.root), "validate", "--format", "json"]) == 1
    issues = json.loads(capsys.readouterr().out)["issues"]
    assert ("seeds/sources.yaml", line, "sources[#6].name", "schema") in {
        (i["file"], i["line"], i["field"], i["code"]) for i in issues}
    from factprov.publish.card import _inline

    assert _inline("Menteri <img src=x>\n\n## Injected") == "Menteri &lt;img src=x&gt; ## Injected"
