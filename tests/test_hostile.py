"""Hostile and broken input: a clear, located error through the CLI, never a traceback,
nothing written, no network, no file read outside the repository."""

from __future__ import annotations

import hashlib
import json
import socket
import unicodedata

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factprov import cli
from factprov.base.writer import read_tree
from factprov.build import pipeline
from factprov.build.statements import SPAN_FIELDS
from factprov.publish import dataset

from .conftest import A1, replace_in


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("factprov tried to open a network connection")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def validate(project, capsys) -> tuple[int, dict]:
    code = cli.main(["--root", str(project.root), "validate", "--format", "json"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, json.loads(captured.out)


def build_refused(project, capsys) -> str:
    before = read_tree(project.dataset)
    assert cli.main(["--root", str(project.root), "build", "-q"]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert read_tree(project.dataset) == before
    return captured.err


def statements_file(project):
    return project.seeds / A1 / "statements.yaml"


def write_statements(project, text: str) -> None:
    statements_file(project).write_text(text, encoding="utf-8")


def only(report: dict, file: str) -> list[tuple]:
    return [(i["code"], i["line"]) for i in report["issues"] if i["file"] == file]


ANNOTATIONS = f"seeds/{A1}/statements.yaml"

YAML_ATTACKS = {
    "alias_bomb": ("a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n"
                   "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                   "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nstatements: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n",
                   "yaml-unsafe", 1),  # the anchor, where the shared node starts
    "python_tag": ("statements: !!python/object/apply:os.system ['touch /tmp/factprov-pwned']\n", "yaml-unsafe", 1),
    "custom_tag": ("statements:\n  - !statement {n: 1}\n", "yaml-unsafe", 2),
    "merge_key": ("base: &b {kind: direct_quote}\nstatements:\n  - <<: *b\n", "yaml-unsafe", 1),  # the anchor
    "merge_key_inline": ("statements:\n  - <<: {kind: direct_quote}\n", "yaml-unsafe", 2),
    "deep_flow_nesting": ("statements: " + "[" * 200_000 + "]" * 200_000 + "\n", "yaml-unsafe", 1),
    "deep_block_nesting": ("statements:\n" + "".join(" " * i + "- \n" for i in range(60)), "yaml-unsafe", None),
    "two_documents": ("statements: []\n---\nstatements: []\n", "yaml-syntax", 2),
    "duplicate_key": ("statements: []\nstatements: []\n", "yaml-syntax", 2),
    "null_key": ("statements: []\n~: 1\n", "yaml-syntax", 2),
}


@pytest.mark.parametrize("text, code, line", list(YAML_ATTACKS.values()), ids=list(YAML_ATTACKS))
def test_hostile_yaml_is_refused_with_a_located_error(project, capsys, text, code, line):
    write_statements(project, text)
    exit_code, report = validate(project, capsys)
    assert exit_code == 1
    found = only(report, ANNOTATIONS)
    assert found and found[0][0] == code, found
    if line is not None:
        assert found[0][1] == line
    assert f"{ANNOTATIONS}" in build_refused(project, capsys)


def test_a_50_mb_annotation_file_is_refused_without_reading_it(project, capsys):
    with open(statements_file(project), "wb") as handle:
        handle.write(b"statements:\n" + b"  # padding\n" * (50_000_000 // 12))
    exit_code, report = validate(project, capsys)
    assert exit_code == 1
    [issue] = [i for i in report["issues"] if i["file"] == ANNOTATIONS]
    assert issue["code"] == "too-large" and "the limit is 5,000,000" in issue["message"]


def test_a_bom_in_yaml_is_accepted_and_lines_stay_right(project, capsys):
    path = statements_file(project)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    exit_code, report = validate(project, capsys)
    assert exit_code == 0, report


def test_a_bom_in_the_article_text_is_refused(project, capsys):
    path = project.seeds / A1 / "article.txt"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    exit_code, report = validate(project, capsys)
    assert exit_code == 1
    [issue] = [i for i in report["issues"] if i["file"] == f"seeds/{A1}/article.txt"]
    assert issue["code"] == "encoding" and "byte order mark" in issue["message"]


def _rehash(project, article: str, old_sha: str) -> None:
    new_sha = hashlib.sha256((project.seeds / article / "article.txt").read_bytes()).hexdigest()
    replace_in(project.seeds / article / "meta.yaml", old_sha, new_sha)


def test_crlf_line_endings_keep_offsets_exact(project):
    path = project.seeds / A1 / "article.txt"
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b"\n", b"\r\n"))
    _rehash(project, A1, hashlib.sha256(raw).hexdigest())
    outputs = dataset.build(project, progress=None)
    text = path.read_bytes().decode("utf-8")
    assert "\r\n" in text
    statements = [s for s in outputs.statements if s["article_id"] == A1]
    assert len(statements) == 11
    for s in statements:
        for name in SPAN_FIELDS:
            if s[name] is not None:
                assert text[s[name]["start"]:s[name]["end"]] == s[name]["text"]
                assert "\r" not in s[name]["text"]
    [article] = [a for a in outputs.records["articles"] if a["article_id"] == A1]
    assert article["text"] == text
    for span in article["boilerplate"]:
        assert text[span["start"]:span["end"]] == span["text"] and not span["text"].endswith("\r")


def test_a_text_in_nfd_is_refused_with_a_reason(project, capsys):
    path = project.seeds / A1 / "article.txt"
    raw = path.read_bytes()
    text = raw.decode("utf-8").replace("Presiden", "Présiden", 1)
    path.write_bytes(unicodedata.normalize("NFD", text).encode("utf-8"))
    _rehash(project, A1, hashlib.sha256(raw).hexdigest())
    exit_code, report = validate(project, capsys)
    assert exit_code == 1
    [issue] = [i for i in report["issues"] if i["file"] == f"seeds/{A1}/article.txt"]
    assert issue["code"] == "normalization" and "NFC" in issue["message"]
    assert issue["line"] == text[: text.index("Présiden")].count("\n") + 1


@pytest.mark.parametrize("seed_file", ["../../etc/passwd", "/etc/passwd", "..", "a/b.txt"])
def test_a_seed_file_name_with_a_path_is_refused(project, capsys, seed_file):
    line = replace_in(project.seeds / A1 / "meta.yaml", f"seed_file: {A1}.txt", f"seed_file: {json.dumps(seed_file)}")
    exit_code, report = validate(project, capsys)
    assert exit_code == 1
    [issue] = [i for i in report["issues"] if i["file"] == f"seeds/{A1}/meta.yaml"]
    assert (issue["code"], issue["line"], issue["field"]) == ("schema", line, "seed_file")
    assert "a name only, no folder" in issue["message"]


def test_a_symlink_out_of_seeds_is_refused_and_not_read(project, capsys, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the dataset\n", encoding="utf-8")
    path = project.seeds / A1 / "article.txt"
    path.unlink()
    path.symlink_to(secret)
    exit_code, report = validate(project, capsys)
    assert exit_code == 1
    [issue] = [i for i in report["issues"] if i["file"] == f"seeds/{A1}/article.txt"]
    assert issue["code"] == "path" and "outside seeds/" in issue["message"]
    assert "not for the dataset" not in json.dumps(report)


def test_a_seed_folder_linked_from_outside_is_refused(project, capsys, tmp_path):
    outside = tmp_path / "elsewhere"
    (project.seeds / A1).rename(outside)
    (project.seeds / A1).symlink_to(outside, target_is_directory=True)
    exit_code, report = validate(project, capsys)
    assert exit_code == 1
    assert ("path", None) in only(report, f"seeds/{A1}")


def test_a_schema_ref_to_a_url_is_refused(project, capsys):
    replace_in(project.schema / "meta.schema.json", '"$ref": "urn:factprov:schema:common#/$defs/article_id"',
               '"$ref": "https://example.com/article_id.json"')
    exit_code, report = validate(project, capsys)
    assert exit_code == 1
    [issue] = report["issues"]
    assert (issue["file"], issue["code"], issue["field"]) == ("schema/meta.schema.json", "schema-file",
                                                             "/properties/article_id/$ref")
    assert "https://example.com/article_id.json" in issue["message"]
    build_refused(project, capsys)


# --- property: any mutation of valid annotations gives errors, never an exception ----------------

def _load(project) -> dict:
    return yaml.safe_load(statements_file(project).read_text(encoding="utf-8"))


REQUIRED = ["n", "kind", "claim_type", "quote", "source_chain", "fidelity", "verification_status", "evidence",
            "rationale", "gloss_en"]
ENUMS = ["kind", "claim_type", "fidelity", "verification_status"]
NOT_IN_TEXT = "\u2603"  # a snowman occurs in no article

junk = st.one_of(st.integers(), st.floats(allow_nan=False), st.booleans(), st.none(),
                 st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))


@st.composite
def mutations(draw):
    """(statement index, description, function that breaks the statement dict)."""
    i = draw(st.integers(0, 10))
    kind = draw(st.sampled_from(["drop", "retype", "enum", "quote", "extra", "n", "ref", "chain"]))
    if kind == "drop":
        field = draw(st.sampled_from(REQUIRED))
        return i, f"drop {field}", lambda s: s.pop(field)
    if kind == "retype":
        field = draw(st.sampled_from(REQUIRED))
        value = draw(junk.filter(lambda v: not isinstance(v, (str, list)) or field in ("n",)))
        if field == "n" and isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            value = -value
        return i, f"{field}={value!r}", lambda s: s.__setitem__(field, value)
    if kind == "enum":
        field = draw(st.sampled_from(ENUMS))
        value = draw(st.text(max_size=12)) + "_x"  # no label ends in _x
        return i, f"{field}={value!r}", lambda s: s.__setitem__(field, value)
    if kind == "quote":
        words = draw(st.text(min_size=0, max_size=20))
        return i, f"quote+{words!r}", lambda s: s.__setitem__("quote", words + NOT_IN_TEXT)
    if kind == "extra":
        key = draw(st.text(min_size=1, max_size=10).filter(lambda k: k not in REQUIRED + ["speaker", "cue",
                                                                                        "speaker_mention"]))
        return i, f"extra {key!r}", lambda s: s.__setitem__(key, 1)
    if kind == "n":
        return i, "n=0", lambda s: s.__setitem__("n", 0)
    if kind == "ref":
        ref = draw(st.text(max_size=30))
        return i, f"ref {ref!r}", lambda s: s.__setitem__("evidence", [{"ref": ref + " x", "relation": "supports",
                                                                         "note": "n"}])
    return i, "chain", lambda s: s.__setitem__("source_chain", draw(st.lists(st.sampled_from(
        ["Nobody Known", "Reuters x"]), min_size=1, max_size=3)))


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory):
    from .conftest import copy_checkout
    return copy_checkout(tmp_path_factory.mktemp("fuzz") / "repo")


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutation=mutations())
def test_mutated_annotations_give_errors_and_never_raise(fuzz_project, mutation):
    project = fuzz_project
    path = statements_file(project)
    original = path.read_bytes()
    try:
        data = yaml.safe_load(original)
        i, description, apply = mutation
        apply(data["statements"][i])
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        outputs, report = pipeline.collect(project, progress=None)
        assert outputs is None and not report.ok, description
        assert all(issue.file and issue.code for issue in report.issues)
    finally:
        path.write_bytes(original)


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#\n\t 1\u2603")), max_size=200))
def test_arbitrary_yaml_text_never_raises(fuzz_project, text):
    path = statements_file(fuzz_project)
    original = path.read_bytes()
    try:
        path.write_text(text, encoding="utf-8")
        _, report = pipeline.collect(fuzz_project, progress=None)
        assert all(issue.file and issue.code for issue in report.issues)
    finally:
        path.write_bytes(original)


def test_an_unquoted_date_is_refused_at_its_line(project, capsys):
    line = replace_in(project.seeds / A1 / "meta.yaml", 'published: "2025"', "published: 2025-05-06")
    exit_code, report = validate(project, capsys)
    assert exit_code == 1
    [issue] = [i for i in report["issues"] if i["file"] == f"seeds/{A1}/meta.yaml"]
    assert (issue["code"], issue["line"]) == ("yaml-syntax", line)
    assert 'write dates as quoted strings, e.g. "2025-05-06"' in issue["message"]


def test_plain_yaml_reads_the_same_as_pyyaml(repo):
    """The seeds hold plain data, which yaml-rs and PyYAML read alike."""
    from factprov.base.yamlio import load_located_file
    files = [repo.registry, *(f / name for f in repo.seed_folders() for name in ("meta.yaml", "statements.yaml"))]
    for path in files:
        assert load_located_file(path).data == yaml.safe_load(path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize("written, value", [('"2025-05-06"', "2025-05-06"), ("'2025-05'", "2025-05"),
                                            ('"2025"', "2025")])
def test_a_quoted_date_of_any_precision_is_accepted(project, written, value):
    replace_in(project.seeds / A1 / "meta.yaml", 'published: "2025"', f"published: {written}")
    outputs, report = pipeline.collect(project, progress=None)
    assert report.ok, report.dumps()
    [article] = [a for a in outputs.records["articles"] if a["article_id"] == A1]
    assert article["published"] == value


def test_a_plain_value_with_a_colon_gets_a_hint_to_quote_it(project, capsys):
    line = replace_in(statements_file(project), "    rationale: The", "    rationale: Note: The", 1)
    exit_code, report = validate(project, capsys)
    [issue] = [i for i in report["issues"] if i["file"] == ANNOTATIONS]
    assert exit_code == 1 and issue["code"] == "yaml-syntax" and issue["line"] == line
    assert "must be quoted" in issue["message"] and ">-" in issue["message"]


def test_an_integer_too_long_to_print_is_a_located_error(project, capsys):
    line = replace_in(project.seeds / A1 / "statements.yaml", "  - n: 1\n", "  - n: " + "9" * 5000 + "\n")
    code, doc = validate(project, capsys)
    issue = next(i for i in doc["issues"] if i["file"].endswith("statements.yaml"))
    assert code == 1 and issue["line"] == line and "more than 18 digits" in issue["message"]
    assert cli.main(["--root", str(project.root), "show", A1, "--color", "never"]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


def test_a_prediction_with_a_number_too_long_to_read_names_its_line(project, tmp_path, capsys):
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"article_id": A1, "statements": []}) + "\n" +
                    '{"article_id": "x", "statements": [{"quote": {"start": ' + "1" * 4400 + ', "end": 2}}]}\n',
                    encoding="utf-8")
    assert cli.main(["--root", str(project.root), "bench", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:2" in err and "pred-json" in err and "Traceback" not in err


def test_show_of_a_crlf_text_and_of_a_bidi_override_in_a_draft_prints_neither(project, capsys):
    text_file = project.seeds / A1 / "article.txt"
    replace_in(project.seeds / A1 / "statements.yaml", "  - n: 1\n", '  - n: 1\n    "\u202ex": TODO\n')
    assert cli.main(["--root", str(project.root), "show", A1, "--color", "never"]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out and "\\u202e" in out
    text_file.write_bytes(text_file.read_bytes().replace(b"\n", b"\r\n"))
    cli.main(["--root", str(project.root), "show", A1, "--color", "never"])
    assert "\\x0d" not in capsys.readouterr().out


def test_a_link_planted_in_a_seed_folder_is_an_error(project, tmp_path, capsys):
    (project.seeds / A1 / ".statements.yaml.draft").symlink_to(tmp_path / "elsewhere.txt")
    code, doc = validate(project, capsys)
    assert code == 1 and any(i["code"] == "path" and i["file"].endswith(".statements.yaml.draft")
                             for i in doc["issues"])
