"""Load: one seed folder (article.txt, meta.yaml, statements.yaml) and the sources registry.

Every problem becomes an :class:`~factprov.report.Issue` naming the file, line and field.
A seed whose text or meta.yaml cannot be used is returned as ``None``; one whose statements
cannot be checked (statements.yaml unreadable, or an error in meta.yaml that stops them) is
returned as not :attr:`~Seed.checkable`, so that its text can still be shown. A draft, with
values still ``TODO``, is checkable: every check that needs no undecided field runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from difflib import get_close_matches
from functools import cached_property
from pathlib import Path

from jsonschema.exceptions import ValidationError

from factprov.base.project import Project
from factprov.base.report import Issue, Report, field_path, quoted
from factprov.base.text import Sentences, quoted_regions
from factprov.base.yamlio import BOM, Located, YamlError, check_characters, decode_utf8, load_located_file, read_limited
from factprov.build.parsers import ParsedArticle, ParseError, parse
from factprov.build.parsers.layout import apply_layout
from factprov.build.schemas import INPUT_SCHEMAS, MAX_ERRORS, Schemas
from factprov.build.spans import TextIndex

TODO = "TODO"  # a value still to decide in a draft; the build refuses it
NULLABLE_META = ("publisher", "url", "published", "credits.author", "credits.translator", "credits.editor")


@dataclass
class Source:
    name: str
    type: str
    wikidata_id: str | None
    aliases: list[str]
    note: str | None
    index: int  # position in seeds/sources.yaml


@dataclass
class Registry:
    """seeds/sources.yaml: canonical names, with what is needed to point at an entry's line."""

    file: str
    doc: Located | None
    sources: dict[str, Source]
    alias_of: dict[str, str] = field(default_factory=dict)  # alias -> canonical name
    # Names of entries with schema errors, already reported: other checks stay quiet about them,
    # so that one mistake in sources.yaml gives one error. ``unreadable``: the whole file failed.
    broken: set[str] = field(default_factory=set)
    unreadable: bool = False

    def reported(self, name: str | None) -> bool:
        """Whether a problem with ``name`` is already reported against sources.yaml."""
        return self.unreadable or name in self.broken

    def issue(self, name: str, field: str, code: str, message: str) -> Issue:
        return issue_at(self.file, self.doc, ("sources", self.sources[name].index, field), code, message)


@dataclass
class Seed:
    """One seed folder as loaded. Its statements are checked only when it is :attr:`checkable`;
    otherwise what stops them is reported, and the text can still be shown."""

    article_id: str
    folder: Path
    text: str
    sha256: str
    meta: Located
    annotations: Located | None  # None: statements.yaml cannot be used at all (reported)
    parsed: ParsedArticle
    meta_file: str
    annotations_file: str
    text_file: str
    # Statement position -> its fields with a schema error (reported), which no check can use; None: the
    # statement as a whole. The values still TODO are in ``undecided``; checks that need them are skipped too.
    faults: dict[int, set[str] | None] = field(default_factory=dict)
    undecided: list[tuple] = field(default_factory=list)  # paths of the values still TODO (reported as draft)
    sound: bool = True  # False: meta.yaml has an error (hash, layout, id) that stops the statements being checked

    @property
    def checkable(self) -> bool:
        return self.sound and self.annotations is not None

    @cached_property
    def names(self) -> dict[int, str]:
        return statement_names(self.annotations.data) if self.annotations is not None else {}

    @cached_property
    def index(self) -> TextIndex:
        return TextIndex(self.text)

    @cached_property
    def sentences(self) -> Sentences:
        return Sentences.of(self.text)

    @cached_property
    def quoted(self) -> list[tuple[int, int]]:
        return quoted_regions(self.text)

    @property
    def publisher(self) -> str | None:
        return self.meta.data["publisher"]


def issue_at(file: str, doc: Located | None, path: tuple, code: str, message: str, severity: str = "error",
             names: dict[int, str] | None = None) -> Issue:
    """An issue at the value ``path`` of ``doc``; ``names`` (:func:`statement_names`) names its statements."""
    line, column = doc.where(path) if doc is not None else (None, None)
    return Issue(file, line, column, field_path(path, names), code, message, severity)


def statement_names(data: object) -> dict[int, str]:
    """How messages name the statements of a statements.yaml, by position: ``n=8`` where ``n`` is an
    integer that no other statement has; the others keep their 1-based position (``#8``)."""
    items = data.get("statements") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return {}
    numbers = [item.get("n") if isinstance(item, dict) else None for item in items]
    used = Counter(n for n in numbers if type(n) is int)
    return {i: f"n={n}" for i, n in enumerate(numbers) if type(n) is int and used[n] == 1}


def load_yaml(project: Project, path: Path, schema: str, schemas: Schemas, report: Report,
              errors_out: list | None = None, undecided: list | None = None) -> Located | None:
    """Parse and schema-check one YAML file; ``None`` if it cannot be used.

    Each value still ``TODO`` is a ``draft`` error, and each schema error elsewhere a ``schema``
    error. With ``errors_out``, a document with schema errors is still returned, and its errors
    are appended there, for a caller that can use the valid parts; with ``undecided``, so is a
    draft, and the paths of its ``TODO`` values are appended there."""
    rel = project.rel(path)
    if not os.path.lexists(path):
        report.add(Issue(rel, None, None, "", "file-missing", f"{path.name} is missing"))
        return None
    try:
        project.check_inside(path)
        doc = load_located_file(path)
    except YamlError as exc:
        report.add(Issue(rel, exc.line, exc.column, field_path(exc.path), exc.code, exc.message))
        return None
    names = statement_names(doc.data)
    todo = todo_paths(doc.data)
    for path in todo:
        report.add(issue_at(rel, doc, path, "draft", f"{field_path(path, names)} is still {TODO!r}: a person must "
                                                     "decide it before the article can be released", names=names))
    errors = [e for e in schemas.iter_errors(INPUT_SCHEMAS[schema], doc.data)
              if not any(tuple(e.absolute_path)[:len(p)] == p for p in todo)]
    for error in errors[:MAX_ERRORS]:
        path, message = schema_problem(error)
        report.add(issue_at(rel, doc, path, "schema", message, names=names))
    if len(errors) > MAX_ERRORS:
        report.add(Issue(rel, None, None, "", "schema", f"more than {MAX_ERRORS} schema errors; the first "
                                                        f"{MAX_ERRORS} are listed: fix them and validate again"))
        return None  # too broken for a caller to use the valid parts
    if (todo and undecided is None) or (errors and errors_out is None):
        return None
    if errors_out is not None:
        errors_out.extend(errors)
    if undecided is not None:
        undecided.extend(todo)
    return doc


def todo_paths(data: object, path: tuple = ()) -> list[tuple]:
    """Where a value is the draft mark ``TODO``, which ``factprov suggest`` writes for a person to decide."""
    if data == TODO:
        return [path]
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in todo_paths(value, path + (key,))]
    if isinstance(data, list):
        return [p for i, value in enumerate(data) for p in todo_paths(value, path + (i,))]
    return []


def statement_faults(errors: list[ValidationError], todo: list[tuple]) -> dict[int, set[str] | None] | None:
    """Which fields of which statements have a schema error (see :attr:`Seed.faults`); ``None`` when
    the file as a whole cannot be used (its ``statements`` is not a list, or is TODO)."""
    out: dict[int, set[str] | None] = {}

    def add(i: int, name: str | None) -> None:
        if i in out and out[i] is None:
            return
        if name is None:
            out[i] = None
        else:
            out.setdefault(i, set()).add(name)

    for path in todo:
        if len(path) < 2:
            return None
        if len(path) == 2:
            add(path[1], None)  # the whole statement is TODO
    for error in errors:
        path = tuple(error.absolute_path)
        if len(path) < 2:
            return None
        if len(path) > 2:
            add(path[1], path[2])
        elif error.validator == "required" and isinstance(error.instance, dict):
            for name in error.validator_value:
                if name not in error.instance:
                    add(path[1], name)
        elif error.validator != "additionalProperties":  # an unknown key leaves the others usable
            add(path[1], None)
    return out


def _leaves(error: ValidationError) -> list[ValidationError]:
    if not error.context:
        return [error]
    return [leaf for sub in error.context for leaf in _leaves(sub)]


def _unexpected_keys(error: ValidationError) -> list[str]:
    allowed = set(error.schema.get("properties", {}))
    if not isinstance(error.instance, dict):
        return []
    return sorted(str(k) for k in error.instance if k not in allowed)  # a YAML key may be an integer


def schema_problem(error: ValidationError) -> tuple[tuple, str]:
    """Where a schema error is best shown, and a message that says what was expected."""
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = _unexpected_keys(error)
        hints = [f"{k!r} is not a field here" + (f"; did you mean {m[0]!r}?" if (m := get_close_matches(k, allowed, 1))
                                                  else f" (fields: {', '.join(allowed)})") for k in extras]
        return (path + (extras[0],) if len(extras) == 1 else path), "; ".join(hints)
    described = error.schema.get("description") if isinstance(error.schema, dict) else None
    if described and error.validator in ("pattern", "anyOf", "format"):
        return path, f"{quoted(error.instance)} is not valid here: expected {described}"
    if not error.context:
        return path, error.message.replace(repr(error.instance), quoted(error.instance), 1)
    # anyOf: report the alternative that came closest, not "is not valid under any of the given schemas".
    leaves = _leaves(error)
    if all(leaf.validator == "type" for leaf in leaves):
        expected = ", ".join(dict.fromkeys(str(leaf.validator_value) for leaf in leaves))
        return path, f"{quoted(error.instance)} has the wrong type; expected one of: {expected}"
    informative = [leaf for leaf in leaves if leaf.validator != "type"]
    deepest = max(informative, key=lambda leaf: len(leaf.absolute_path))
    return schema_problem(deepest)


def load_registry(project: Project, schemas: Schemas, report: Report) -> Registry:
    rel = project.rel(project.registry)
    errors: list = []
    doc = load_yaml(project, project.registry, "sources-registry", schemas, report, errors_out=errors)
    out: dict[str, Source] = {}
    if doc is None or any(len(e.absolute_path) < 2 for e in errors):
        return Registry(rel, doc, out, unreadable=True)  # an error outside any one entry
    bad = {e.absolute_path[1] for e in errors}  # entries with an error: sources[i]
    broken = {entry["name"] for i, entry in enumerate(doc.data["sources"])
              if i in bad and isinstance(entry, dict) and isinstance(entry.get("name"), str)}
    for i, entry in enumerate(doc.data["sources"]):
        if i in bad:
            continue
        if entry["name"] in out:
            report.add(issue_at(rel, doc, ("sources", i, "name"), "duplicate-id",
                                f"source {entry['name']!r} is listed twice"))
            continue
        out[entry["name"]] = Source(entry["name"], entry["type"], entry["wikidata_id"], list(entry["aliases"]),
                                    entry["note"], i)
    registry = Registry(rel, doc, out, broken=broken)
    # One speaker, one canonical name: a spelling belongs to one source only.
    owner: dict[str, str] = {}
    for name, src in out.items():
        for j, spelling in enumerate([name, *src.aliases]):
            key = spelling.casefold()
            if key in owner and owner[key] != name:
                where = ("sources", src.index, "aliases", j - 1) if j else ("sources", src.index, "name")
                report.add(issue_at(rel, doc, where, "source-name",
                                    f"{spelling!r} is already a name or alias of {owner[key]!r}; one spelling "
                                    "names one source (merge the two entries, or drop the alias)"))
            owner.setdefault(key, name)
            if j and spelling != name:
                registry.alias_of.setdefault(spelling, name)
    return registry


SEED_FILES = ("article.txt", "meta.yaml", "statements.yaml")


def _report_links(project: Project, folder: Path, report: Report) -> None:
    """A symbolic link in a seed folder beside its three files is a ``path`` error, so that a pull request
    cannot plant a link for a later command to write through (the three files are checked where they are
    read: a link may not lead out of seeds/)."""
    try:
        entries = [entry for entry in os.scandir(folder) if entry.is_symlink() and entry.name not in SEED_FILES]
    except OSError:
        return  # the folder's own problem is reported where its files are read
    for entry in sorted(entries, key=lambda e: e.name):
        report.add(Issue(project.rel(Path(entry.path)), None, None, "", "path",
                         "is a symbolic link; a seed folder holds regular files only (remove the link)"))


def load_seed(project: Project, folder: Path, schemas: Schemas, registry: Registry,
              report: Report) -> Seed | None:
    text_path = folder / "article.txt"
    text_file = project.rel(text_path)
    try:
        project.check_inside(folder)
    except YamlError as exc:
        report.add(Issue(project.rel(folder), None, None, "", exc.code, exc.message))
        return None
    _report_links(project, folder, report)
    meta = load_yaml(project, folder / "meta.yaml", "meta", schemas, report)
    errors: list = []
    undecided: list = []
    annotations = load_yaml(project, folder / "statements.yaml", "annotations", schemas, report,
                            errors_out=errors, undecided=undecided)
    faults = statement_faults(errors, undecided) if annotations is not None else None
    if faults is None:
        annotations = None
    if not os.path.lexists(text_path):
        report.add(Issue(text_file, None, None, "", "file-missing", "article.txt is missing"))
        return None
    try:
        project.check_inside(text_path)
        raw = read_limited(text_path)
        text = read_text(raw)
    except YamlError as exc:
        report.add(Issue(text_file, exc.line, exc.column, "", exc.code, exc.message))
        return None
    if meta is None:
        return None
    meta_file = project.rel(folder / "meta.yaml")
    m = meta.data
    sha = hashlib.sha256(raw).hexdigest()
    ok = True
    if m["article_id"] != folder.name:
        report.add(issue_at(meta_file, meta, ("article_id",), "meta-mismatch",
                            f"article_id {m['article_id']!r} must equal the folder name {folder.name!r}"))
        ok = False
    if m["text_sha256"] != sha:
        report.add(issue_at(meta_file, meta, ("text_sha256",), "text-hash",
                            f"article.txt has sha256 {sha}, meta.yaml records {m['text_sha256']}; "
                            "the text was edited (seed texts stay byte-exact) or the hash is wrong"))
        ok = False
    try:
        parsed = parse(text, m["parser"])
    except ParseError as exc:
        report.add(Issue(text_file, exc.line, None, "", "parser", f"{m['parser']} parser: {exc.message}"))
        return None
    seed = Seed(folder.name, folder, text, sha, meta, annotations, parsed, meta_file,
                project.rel(folder / "statements.yaml"), text_file, faults or {}, undecided)
    for path, code, message in apply_layout(seed.index, parsed, m.get("layout") or {}, text_file):
        report.add(issue_at(meta_file, meta, ("layout", *path), code, message))
        ok = False
    # Problems of meta.yaml's content (a missing note, a credit) leave the statements checkable:
    # they are reported in the same run, and the report's errors still stop the build.
    check_meta(seed, registry, report)
    seed.sound = ok
    return seed


def read_text_if_any(project: Project, folder: Path) -> str | None:
    """An article's text when it can be read and is inside seeds/, else ``None`` (no report: load_seed made one)."""
    path = folder / "article.txt"
    try:
        project.check_inside(folder)
        project.check_inside(path)
        return read_text(read_limited(path)) if path.is_file() else None
    except (OSError, YamlError):
        return None


def read_text(raw: bytes) -> str:
    """An article text from its bytes: UTF-8, no byte order mark, Unicode NFC; else a :class:`YamlError`.

    Offsets count code points of the text as stored, so a BOM would count as a character
    and an NFD text would not contain the NFC strings annotators type.
    """
    text = decode_utf8(raw)
    if not text.strip():
        raise YamlError("is empty or only white space; an article text has words to annotate", 1, 1,
                        code="text-empty")
    if text.startswith(BOM):
        raise YamlError("starts with a byte order mark (U+FEFF), which offsets would count; "
                        "save the file as UTF-8 without BOM", 1, 1, code="encoding")
    if not unicodedata.is_normalized("NFC", text):
        normal = unicodedata.normalize("NFC", text)
        at = next((i for i, (a, b) in enumerate(zip(text, normal)) if a != b), min(len(text), len(normal)))
        line = text.count("\n", 0, at) + 1
        raise YamlError(f"not in Unicode NFC (first decomposed character {text[at]!r} at line {line}); "
                        "annotation strings could not be found in it. Normalise the file to NFC "
                        "before adding it", line, code="normalization")
    check_characters(text)  # a NUL or an escape code in a news text is damage, not content
    return text


def check_meta(seed: Seed, registry: Registry, report: Report) -> None:
    """meta.yaml against the registry, the text and what the parser read."""
    meta, m, file = seed.meta, seed.meta.data, seed.meta_file

    def add(path: tuple, code: str, message: str) -> None:
        report.add(issue_at(file, meta, path, code, message))

    known = registry.sources
    if m["publisher"] is not None and m["publisher"] not in known and not registry.reported(m["publisher"]):
        add(("publisher",), "unknown-source", f"publisher {m['publisher']!r} is not in seeds/sources.yaml")
    for i, cited in enumerate(m["cited_sources"]):
        if cited["name"] not in known and not registry.reported(cited["name"]):
            add(("cited_sources", i, "name"), "unknown-source", f"{cited['name']!r} is not in seeds/sources.yaml")
        if cited["text"] not in seed.text:
            add(("cited_sources", i, "text"), "span-missing", f"{cited['text']!r} does not occur in article.txt")
    cited_texts = {c["text"] for c in m["cited_sources"]}
    for source in seed.parsed.source_lines:
        if source not in cited_texts:
            add(("cited_sources",), "meta-mismatch",
                f"the text's source line names {source!r}; list it in cited_sources as "
                f"{{name: <its canonical name in seeds/sources.yaml>, text: {json.dumps(source, ensure_ascii=False)}}}")
    for role in ("author", "translator", "editor"):
        given, found = m["credits"][role], seed.parsed.credits.get(role)
        if given is not None and given not in seed.text:
            add(("credits", role), "span-missing", f"credit {given!r} does not occur in article.txt")
        elif found is not None and given != found:
            add(("credits", role), "meta-mismatch",
                f"the text's credit line gives {role} {json.dumps(found, ensure_ascii=False)}, but meta.yaml has "
                f"{json.dumps(given, ensure_ascii=False)}; write what the credit line says")
    for name in NULLABLE_META:
        parts = name.split(".")
        value = m[parts[0]] if len(parts) == 1 else m[parts[0]][parts[1]]
        if value is None and name not in m["notes"]:
            add(tuple(parts), "note-missing", f"{name} is null; add notes.{name} saying why")
