"""The JSON Schemas in ``schema/``: loading, validation and the datasets features derived from them.

The output schemas are the one statement of each config's fields. The Hugging Face
features in the card are derived from them, so the two cannot drift apart.
"""

from __future__ import annotations

import json
from functools import cached_property
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

import jsonschema_rs
from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import SchemaError, ValidationError
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource, Unresolvable

from factprov.base.yamlio import YamlError, decode_utf8, read_limited

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
DIALECT = "https://json-schema.org/draft/2020-12/schema"
REF_KEYWORDS = ("$ref", "$dynamicRef")
MAX_SCHEMA_BYTES = 1_000_000
MAX_ERRORS = 100  # schema errors reported for one document

# JSON Schema counts 2.0 as an integer; factprov does not: a count or an offset written
# as 2.0 or 1e2 is a mistake to point at, and would turn into "2.0" in an id.
_StrictValidator = validators.extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", lambda _checker, value: type(value) is int),
)


def _no_remote(uri: str) -> Resource:
    raise NoSuchResource(ref=uri)  # every $ref must resolve to a file in schema/


class SchemaFileError(Exception):
    """A schema file that cannot be used: unreadable, not JSON, not a valid 2020-12 schema, no local
    ``$id``, or a reference that leaves schema/ or points at nothing. ``code`` is ``io`` or ``schema-file``."""

    def __init__(self, file: str, pointer: str, message: str, code: str = "schema-file"):
        super().__init__(f"{file} {pointer}: {message}")
        self.file, self.pointer, self.message, self.code = file, pointer, message, code


def _refs(node: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Every ``$ref`` and ``$dynamicRef`` of a schema document: (JSON pointer, value)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in REF_KEYWORDS:
                yield f"{pointer}/{key}", value
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
        try:
            paths = sorted(folder.glob("*.schema.json"))
        except OSError as exc:
            raise SchemaFileError(folder.name, "", f"cannot be listed: {exc.strerror or exc}", "io") from None
        for path in paths:
            self.documents[path.name] = _load_document(path, f"{folder.name}/{path.name}")
        resources = [(doc["$id"], Resource.from_contents(doc)) for doc in self.documents.values()]
        self.registry = Registry(retrieve=_no_remote).with_resources(resources)
        resolver = self.registry.resolver()
        for name, doc in self.documents.items():
            for pointer, ref in _refs(doc):
                target = doc["$id"] + ref if ref.startswith("#") else ref
                try:
                    resolver.lookup(target)
                except (Unresolvable, LookupError, ValueError, TypeError) as exc:
                    raise SchemaFileError(f"{folder.name}/{name}", pointer,
                                          f"{ref!r} points at nothing ({type(exc).__name__})") from None
        try:
            self._fast  # built now, so that a schema jsonschema-rs cannot compile is a located error
        except Exception as exc:  # jsonschema-rs raises its own ValidationError for a bad schema
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise SchemaFileError(folder.name, "", f"a schema cannot be compiled: {first}") from None

    def labels(self, name: str) -> list[str]:
        """The names of a label type of common.schema.json (kind, claim_type, fidelity, ...), in order."""
        return list(self.documents["common.schema.json"]["$defs"][name]["enum"])

    def validator(self, file_name: str) -> Draft202012Validator:
        return self._validators[file_name]

    @cached_property
    def _validators(self) -> dict[str, Draft202012Validator]:
        return {
            name: _StrictValidator(doc, registry=self.registry)
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
        """Whether ``instance`` is valid: jsonschema-rs says so, and no float stands where an integer must."""
        try:
            if not self._fast[file_name].is_valid(instance):
                return False
        except Exception:  # a value JSON cannot hold (an integer key, a huge number): let jsonschema say
            return False
        # jsonschema-rs takes 2.0 for an integer; the strict validator is asked only when a float is present.
        return not _has_float(instance) or next(self.validator(file_name).iter_errors(instance), None) is None

    def iter_errors(self, file_name: str, instance: Any) -> Iterator:
        """Schema errors of ``instance``, in a stable order (none, quickly, for a valid one); more
        than :data:`MAX_ERRORS` of them means there are more than that.

        An instance is invalid when either engine says so, and then there is always at
        least one error: should jsonschema find none, jsonschema-rs's own are given."""
        if self.is_valid(file_name, instance):
            return iter(())
        try:
            # At most MAX_ERRORS + 1: a list of a million wrong items is not a million messages.
            errors = sorted(islice(self.validator(file_name).iter_errors(instance), MAX_ERRORS + 1),
                            key=lambda e: ([(0, p, "") if isinstance(p, int) else (1, 0, str(p))
                                            for p in e.absolute_path], e.message))
        except (TypeError, ValueError, RecursionError) as exc:  # a value no JSON validator can take
            errors = [ValidationError(f"the value cannot be checked: {exc}", validator="type", path=(),
                                      instance=None, schema={})]
        if not errors:
            errors = self._fast_errors(file_name, instance)
        return iter(errors)

    def _fast_errors(self, file_name: str, instance: Any) -> list[ValidationError]:
        try:
            found = [ValidationError(e.message, validator=type(e.kind).__name__, path=list(e.instance_path),
                                     instance=e.instance, schema={})
                     for e in self._fast[file_name].iter_errors(instance)]
        except Exception as exc:
            found = [ValidationError(f"the value cannot be checked: {exc}", validator="type", path=(),
                                     instance=None, schema={})]
        return found or [ValidationError("does not match its schema", validator="type", path=(), instance=None,
                                         schema={})]


def _has_float(value: Any) -> bool:
    """Whether a float occurs anywhere in ``value``: one loop over containers, no call per value."""
    stack = [value]
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind is dict:
            items = node.values()
        elif kind is list:
            items = node
        else:
            if kind is float:
                return True
            continue
        for item in items:
            kind = type(item)
            if kind is float:
                return True
            if kind is dict or kind is list:
                stack.append(item)
    return False


def _load_document(path: Path, file: str) -> dict:
    """One schema file, read and checked: JSON, a valid 2020-12 schema, a local ``$id``, local references."""
    try:
        doc = json.loads(decode_utf8(read_limited(path, MAX_SCHEMA_BYTES)))
    except YamlError as exc:
        raise SchemaFileError(file, "", exc.message, "io" if exc.code == "io" else "schema-file") from None
    except (json.JSONDecodeError, RecursionError) as exc:
        raise SchemaFileError(file, "", f"not a JSON document: {exc}") from None
    if not isinstance(doc, dict):
        raise SchemaFileError(file, "", "a schema file holds one JSON object")
    if doc.get("$schema", DIALECT) != DIALECT:
        raise SchemaFileError(file, "/$schema", f"$schema {doc['$schema']!r}: factprov schemas are JSON Schema "
                                                f"2020-12, {DIALECT!r}")
    if not isinstance(doc.get("$id"), str) or not doc["$id"].startswith(LOCAL_ID):
        raise SchemaFileError(file, "/$id", f"the $id must start with {LOCAL_ID}")
    for pointer, ref in _refs(doc):
        if not isinstance(ref, str):
            raise SchemaFileError(file, pointer, f"{pointer.rsplit('/', 1)[-1]} must be a string, found {ref!r}")
        if not (ref.startswith("#") or ref.startswith(LOCAL_ID)):
            raise SchemaFileError(file, pointer, f"{pointer.rsplit('/', 1)[-1]} {ref!r} points outside schema/; "
                                                 f"refer to #/... or {LOCAL_ID}<name>, never to a URL")
    try:
        Draft202012Validator.check_schema(doc)
    except SchemaError as exc:
        pointer = "".join(f"/{part}" for part in exc.absolute_path)
        raise SchemaFileError(file, pointer, f"not a valid JSON Schema: {exc.message}") from None
    except RecursionError:
        raise SchemaFileError(file, "", "nested too deeply") from None
    return doc


def _struct_items(schemas: Schemas, schema: dict, base_uri: str) -> list[tuple[str, Any]]:
    return [(name, schemas._feature(prop, base_uri)) for name, prop in schema["properties"].items()]
