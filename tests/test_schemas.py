"""The schemas themselves: valid Draft 2020-12, local references only, every field documented."""

from __future__ import annotations

import json

import pytest
import yaml
from jsonschema import Draft202012Validator

from factprov.base.report import Report
from factprov.build.inputs import load_yaml
from factprov.build.schemas import INPUT_SCHEMAS, OUTPUT_SCHEMAS, SchemaFileError, Schemas

from .conftest import ROOT, SEED_IDS

SCHEMA_FILES = sorted(p.name for p in (ROOT / "schema").glob("*.schema.json"))


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_schema_is_valid_draft_2020_12(name):
    doc = json.loads((ROOT / "schema" / name).read_text(encoding="utf-8"))
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(doc)
    assert doc["$id"].startswith("urn:factprov:schema:")


def _refs(node):
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_every_ref_resolves_locally(name):
    schemas = Schemas(ROOT / "schema")
    doc = schemas.documents[name]
    for ref in _refs(doc):
        assert not ref.startswith(("http:", "https:")), f"{name}: remote $ref {ref}"
        resolved, _ = schemas.resolve({"$ref": ref}, doc["$id"])
        assert isinstance(resolved, dict)


def test_a_remote_ref_is_refused(tmp_path):
    folder = tmp_path / "schema"
    folder.mkdir()
    (folder / "x.schema.json").write_text(json.dumps({
        "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "urn:factprov:schema:x",
        "properties": {"a": {"$ref": "https://example.com/other.schema.json"}}}))
    with pytest.raises(SchemaFileError) as caught:
        Schemas(folder)
    assert (caught.value.file, caught.value.pointer) == ("schema/x.schema.json", "/properties/a/$ref")
    assert "https://example.com/other.schema.json" in caught.value.message


def test_schema_maps_cover_every_file():
    assert sorted(set(OUTPUT_SCHEMAS.values()) | set(INPUT_SCHEMAS.values()) | {"common.schema.json"}) == SCHEMA_FILES


@pytest.mark.parametrize("config", list(OUTPUT_SCHEMAS))
def test_every_field_is_documented_in_the_card(repo, config):
    card = repo.card.read_text(encoding="utf-8")
    section = card.split(f"### `{config}`", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
    for name in Schemas(repo.schema).features(config):
        assert f"| `{name}` |" in section, f"{config}.{name} is not described in the card"


def test_every_class_label_name_is_defined_in_the_card(repo):
    card = repo.card.read_text(encoding="utf-8")
    schemas = Schemas(repo.schema)
    for label in ("kind", "claim_type", "fidelity", "verification_status"):
        for name in schemas.labels(label):
            assert f"`{name}`" in card, f"{label} {name} is not defined in the card"


@pytest.mark.corpus
@pytest.mark.parametrize("seed", SEED_IDS)
@pytest.mark.parametrize("kind", ["meta", "annotations"])
def test_seed_files_validate(repo, seed, kind):
    file = "meta.yaml" if kind == "meta" else "statements.yaml"
    report = Report()
    doc = load_yaml(repo, repo.seeds / seed / file, kind, Schemas(repo.schema), report)
    assert doc is not None and report.ok, [str(i) for i in report.issues]


REPLACEMENTS = [None, 12345, -1, "", "x", "Q", "http://example.org", "../x", "..", "a/b", [], [{}], {}, True, 1.5]


def _variants(record: dict):
    """The record itself, then each top-level field dropped or replaced by a value of another kind."""
    yield record
    for key in record:
        yield {k: v for k, v in record.items() if k != key}
        for value in REPLACEMENTS:
            yield {**record, key: value}
        if isinstance(record[key], dict):
            for inner in record[key]:
                yield {**record, key: {**record[key], inner: "x"}}


def _records(repo):
    yield INPUT_SCHEMAS["sources-registry"], yaml.safe_load(repo.registry.read_text(encoding="utf-8"))
    for folder in repo.seed_folders():
        yield INPUT_SCHEMAS["meta"], yaml.safe_load((folder / "meta.yaml").read_text(encoding="utf-8"))
        for statement in yaml.safe_load((folder / "statements.yaml").read_text(encoding="utf-8"))["statements"]:
            yield INPUT_SCHEMAS["annotations"], {"statements": [statement]}
            for variant in _variants(statement):
                yield INPUT_SCHEMAS["annotations"], {"statements": [variant]}
    for config, file_name in OUTPUT_SCHEMAS.items():
        for path in sorted((repo.dataset / "data" / config).glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                yield file_name, json.loads(line)


def test_fast_and_reference_validators_agree(repo):
    """jsonschema-rs decides 'valid?' in the build; jsonschema must agree on valid and invalid records."""
    schemas = Schemas(repo.schema)
    counts = {True: 0, False: 0}
    for file_name, record in _records(repo):
        for variant in _variants(record):
            reference = not any(True for _ in schemas.validator(file_name).iter_errors(variant))
            assert schemas.is_valid(file_name, variant) == reference, (file_name, variant)
            counts[reference] += 1
    assert counts[True] > 50 and counts[False] > 1000, counts
