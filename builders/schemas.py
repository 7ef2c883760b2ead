"""The JSON Schemas in ``schema/``: loading, validation and the datasets features derived from them.

The output schemas are the one statement of each config's fields. The Hugging Face
features in the card are derived from them, so the two cannot drift apart.
"""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

import jsonschema_rs
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource

if TYPE_CHECKING:
    import datasets

# config name -> schema file of its records, in the order of the card.
OUTPUT_SCHEMAS = {
    "articles": "article.schema.json",
    "statements": "statement.schema.json",
    "claims": "claim.schema.json",
    "sources": "source.schema.json",
}
INPUT_SCHEMAS = {
    "meta": "meta.schema.json",
    "annotations": "annotations.schema.json",
    "sources-registry": "sources-registry.schema.json",
    "predictions": "prediction.schema.json",
    "benchmark-results": "benchmark-results.schema.json",
}


LOCAL_ID = "urn:factprov:schema:"


def _no_remote(uri: str) -> Resource:
    raise NoSuchResource(ref=uri)  # every $ref must resolve to a file in schema/


class SchemaFileError(Exception):
    """A schema file that cannot be used: not JSON, no local ``$id``, or a ``$ref`` leaving schema/."""

    def __init__(self, file: str, pointer: str, message: str):
        super().__init__(f"{file} {pointer}: {message}")
        self.file, self.pointer, self.message = file, pointer, message


def _refs(node: Any, pointer: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield f"{pointer}/$ref", value
            else:
                yield from _refs(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _refs(value, f"{pointer}/{i}")


class Schemas:
    """All schemas of one ``schema/`` folder, registered by their ``$id``.

    Validation runs on two engines: ``jsonschema_rs`` answers "valid?" fast, and only
    for an invalid record does ``jsonschema`` produce the errors and their messages.
    A test proves the two agree.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self.documents: dict[str, dict] = {}
        for path in sorted(folder.glob("*.schema.json")):
            file = f"{folder.name}/{path.name}"
            try:
                doc = json.loads(path.read_text(encoding="utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise SchemaFileError(file, "", f"not a JSON document: {exc}") from None
            if not isinstance(doc, dict) or not str(doc.get("$id", "")).startswith(LOCAL_ID):
                raise SchemaFileError(file, "/$id", f"the $id must start with {LOCAL_ID}")
            for pointer, ref in _refs(doc):
                if not (ref.startswith("#") or ref.startswith(LOCAL_ID)):
                    raise SchemaFileError(file, pointer, f"$ref {ref!r} points outside schema/; "
                                                         f"refer to #/... or {LOCAL_ID}<name>, never to a URL")
            self.documents[path.name] = doc
        resources = [(doc["$id"], Resource.from_contents(doc)) for doc in self.documents.values()]
        self.registry = Registry(retrieve=_no_remote).with_resources(resources)

    def labels(self, name: str) -> list[str]:
        """The names of a label type of common.schema.json (kind, claim_type, fidelity, ...), in order."""
        return list(self.documents["common.schema.json"]["$defs"][name]["enum"])

    def validator(self, file_name: str) -> Draft202012Validator:
        return self._validators[file_name]

    @cached_property
    def _validators(self) -> dict[str, Draft202012Validator]:
        return {
            name: Draft202012Validator(doc, registry=self.registry)
            for name, doc in self.documents.items()
        }

    def resolve(self, schema: dict, base_uri: str) -> tuple[dict, str]:
        """Follow ``$ref`` chains; return the target schema and its base URI."""
        while "$ref" in schema:
            ref = schema["$ref"]
            target = base_uri + ref if ref.startswith("#") else ref
            schema = self.registry.resolver().lookup(target).contents
            base_uri = target.split("#", 1)[0]
        return schema, base_uri

    def features(self, config: str) -> "datasets.Features":
        import datasets  # slow to import; only the card and the release check need features

        doc = self.documents[OUTPUT_SCHEMAS[config]]
        return datasets.Features(dict(_struct_items(self, doc, doc["$id"])))

    def _feature(self, schema: dict, base_uri: str) -> Any:
        import datasets

        schema, base_uri = self.resolve(schema, base_uri)
        if "anyOf" in schema:
            # A nullable value, or alternatives of one type (an evidence ref: statement id or URL).
            options = [self.resolve(option, base_uri) for option in schema["anyOf"]]
            features = [self._feature(s, b) for s, b in options if s.get("type") != "null"]
            if not features or any(f != features[0] for f in features):
                raise ValueError(f"cannot map anyOf {schema['anyOf']!r} to one feature")
            return features[0]
        types = schema.get("type")
        types = [types] if isinstance(types, str) else [t for t in types or [] if t != "null"]
        if len(types) != 1:
            raise ValueError(f"cannot map type {schema.get('type')!r} to a feature")
        kind = types[0]
        if schema.get("x-feature") == "class_label":
            return datasets.ClassLabel(names=list(schema["enum"]))
        if kind == "string":
            return datasets.Value("string")
        if kind == "integer":
            return datasets.Value("int32")
        if kind == "boolean":
            return datasets.Value("bool")
        if kind == "number":
            return datasets.Value("float64")
        if kind == "object":
            return dict(_struct_items(self, schema, base_uri))
        if kind == "array":
            return datasets.List(self._feature(schema["items"], base_uri))
        raise ValueError(f"cannot map type {kind!r} to a feature")

    @cached_property
    def _fast(self) -> dict[str, Any]:
        registry = jsonschema_rs.Registry([(doc["$id"], doc) for doc in self.documents.values()])
        return {name: jsonschema_rs.Draft202012Validator(doc, registry=registry, offline=True)
                for name, doc in self.documents.items()}

    def is_valid(self, file_name: str, instance: Any) -> bool:
        try:
            return self._fast[file_name].is_valid(instance)
        except Exception:  # a value JSON cannot hold (an integer key, a huge number): let jsonschema say
            return False

    def iter_errors(self, file_name: str, instance: Any) -> Iterator:
        """Schema errors of ``instance``, in a stable order (none, quickly, for a valid one)."""
        if self.is_valid(file_name, instance):
            return iter(())
        errors = self.validator(file_name).iter_errors(instance)
        return iter(sorted(errors, key=lambda e: (list(map(str, e.absolute_path)), e.message)))


def _struct_items(schemas: Schemas, schema: dict, base_uri: str) -> list[tuple[str, Any]]:
    return [(name, schemas._feature(prop, base_uri)) for name, prop in schema["properties"].items()]
