"""Load: one seed folder (article.txt, meta.yaml, statements.yaml) (the registry is :mod:`factprov.build.registry`).

Every problem becomes an :class:`~factprov.base.report.Issue` naming the file, line and field.
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
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from factprov.base.project import Project
from factprov.base.report import Issue, Report
from factprov.base.text import Sentences, quoted_regions
from factprov.base.yamlio import BOM, Located, YamlError, check_characters, decode_utf8, read_limited
from factprov.build.inputs import issue_at, load_yaml, statement_faults, statement_names
from factprov.build.parsers import ParsedArticle, ParseError, parse
from factprov.build.parsers.layout import apply_layout
from factprov.build.registry import Registry
from factprov.build.schemas import Schemas
from factprov.build.spans import TextIndex

NULLABLE_META = ("publisher", "url", "published", "credits.author", "credits.translator", "credits.editor")

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
