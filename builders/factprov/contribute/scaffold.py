"""``factprov add-article``: a new seed folder, with the text byte-exact and annotation files to fill in."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from factprov.base.project import Project
from factprov.base.report import Report, printable
from factprov.base.yamlio import MAX_BYTES, YamlError, io_message, read_limited, yaml_scalar
from factprov.build.parsers import CHOICES, PARSERS, ParsedArticle, ParseError, resolve
from factprov.build.parsers.base import Line
from factprov.build.parsers.unsure import unsure_lines
from factprov.build.registry import load_registry
from factprov.build.schemas import SchemaFileError, Schemas
from factprov.build.seeds import read_text


class ScaffoldError(Exception):
    """Why an article cannot be added; ``code`` is one of the report codes."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


# The files add-article writes, as str.format templates: {field} is filled in, {{ and }} are braces.
TEMPLATES = Path(__file__).parent / "templates"
META = (TEMPLATES / "meta.yaml.tmpl").read_text(encoding="utf-8")
STATEMENTS = (TEMPLATES / "statements.yaml.tmpl").read_text(encoding="utf-8")


def _cited(project: Project, schemas: Schemas, source_lines: list[str]) -> str:
    """meta.yaml's cited_sources, filled from the text's source lines ("Sumber: ...")."""
    if not source_lines:
        return "cited_sources: []                  # sources the text names, e.g. {name: Sputnik, text: Sputnik-OANA}"
    registry = load_registry(project, schemas, Report())
    names = {n.casefold(): n for n in registry.sources} | {a.casefold(): n for a, n in registry.alias_of.items()}
    items = [f"  - {{name: {yaml_scalar(names.get(text.casefold(), text))}, text: {yaml_scalar(text)}}}" for text in source_lines]
    return ("cited_sources:                     # from the text's source lines; each name must be a canonical "
            "name in seeds/sources.yaml\n" + "\n".join(items))


_UNSAFE_NAME = re.compile("[\x80-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@dataclass
class Added:
    """A new seed folder, the parser that reads it, what that parser marked, and the lines it was unsure of."""

    folder: Path
    parser: str
    chosen: bool  # picked by ``auto``
    parsed: ParsedArticle
    unsure: list[Line]  # short lines that no rule marked: furniture of a layout the rules do not know?


def add_article(project: Project, source: Path, article_id: str, publisher: str | None = None,
                parser: str = "auto", language: str = "id", split: str = "test") -> Added:
    """Create ``seeds/<article_id>/``; raise :class:`ScaffoldError` and write nothing on any problem.

    ``auto`` picks the layout from the text; meta.yaml records the parser picked."""
    try:
        project.check_layout()
        schemas = Schemas(project.schema)
    except YamlError as exc:
        raise ScaffoldError(exc.code, exc.message) from None
    except SchemaFileError as exc:
        raise ScaffoldError(exc.code, f"{exc.file} {exc.pointer}: {exc.message}") from None
    common = schemas.documents["common.schema.json"]["$defs"]
    if not re.fullmatch(common["article_id"]["pattern"], article_id):
        raise ScaffoldError("schema", f"--id {article_id!r}: an article id is a lowercase slug (letters, digits, "
                                      "'_' and '-', at most 100), such as 002_antara_putin_call")
    if not re.fullmatch(common["language"]["pattern"], language):
        raise ScaffoldError("schema", f"--language {language!r} is not a BCP-47 tag such as id or en")
    if split not in common["split"]["enum"]:
        raise ScaffoldError("schema", f"--split {split!r}: choose one of {', '.join(common['split']['enum'])}")
    if parser not in CHOICES:
        raise ScaffoldError("schema", f"--parser {parser!r}: choose one of {', '.join(CHOICES)}")
    seed_file = schemas.documents["meta.schema.json"]["properties"]["seed_file"]
    if not re.search(seed_file["pattern"], source.name) or _UNSAFE_NAME.search(source.name):
        raise ScaffoldError("schema", f"{printable(str(source), newlines=False)}: the file name is recorded as "
                                      f"seed_file, which must be {seed_file['description']} and hold no control "
                                      "or bidirectional characters; rename the file")
    folder = project.seeds / article_id
    if folder.exists() or folder.is_symlink():
        raise ScaffoldError("duplicate-id", f"seeds/{article_id} exists already; choose another --id")
    if not os.path.lexists(source):
        raise ScaffoldError("file-missing", f"{source}: no such file")
    try:
        raw = read_limited(source, MAX_BYTES)  # a regular file only: no FIFO, device or /proc file
        text = read_text(raw)
    except YamlError as exc:
        raise ScaffoldError(exc.code, f"{source}: {exc.message}") from None
    sha = hashlib.sha256(raw).hexdigest()
    for other in project.seed_folders():
        existing = other / "article.txt"
        try:
            same = (existing.is_file() and not existing.is_symlink()
                    and hashlib.sha256(read_limited(existing)).hexdigest() == sha)
        except YamlError:
            same = False  # an unreadable seed is `factprov validate`'s to report
        if same:
            raise ScaffoldError("duplicate-text", f"{source} is already in the corpus as seeds/{other.name}/article.txt "
                                                  f"(same sha256 {sha[:12]}...)")
    if publisher is not None:
        registry = load_registry(project, schemas, Report())
        if registry.reported(publisher):
            raise ScaffoldError("schema", "seeds/sources.yaml has errors (run `factprov validate`); fix them first")
        if publisher in registry.alias_of:
            raise ScaffoldError("source-name", f"--publisher {publisher!r} is an alias; use the canonical name "
                                               f"{registry.alias_of[publisher]!r}")
        if publisher not in registry.sources:
            raise ScaffoldError("unknown-source", f"--publisher {publisher!r} is not in seeds/sources.yaml; add it "
                                                  "there first (name, type outlet, wikidata_id, aliases, note)")
    chosen = resolve(text, parser)
    try:
        parsed = PARSERS[chosen](text)
    except ParseError as exc:
        raise ScaffoldError("parser", f"{source}: the {parser} parser cannot read it: {exc.message}"
                                      + (f" (line {exc.line})" if exc.line else "")
                                      + "; try --parser auto") from None
    meta = META.format(cited_sources=_cited(project, schemas, parsed.source_lines), article_id=article_id, seed_file=yaml_scalar(source.name), sha=sha, language=language,
                       parser=chosen, parsers=", ".join(CHOICES), publisher=yaml_scalar(publisher), split=split,
                       **{role: yaml_scalar(parsed.credits.get(role)) for role in ("author", "translator", "editor")})
    # A staging folder of this process only: a folder someone else made is never reused or removed.
    staging = project.seeds / f".{article_id}.{os.getpid()}-{secrets.token_hex(4)}.new"
    try:
        staging.mkdir()
    except OSError as exc:
        raise ScaffoldError("io", f"{project.rel(project.seeds)}/ cannot be written: {io_message(exc)}") from None
    try:
        for name, content in (("article.txt", raw), ("meta.yaml", meta.encode("utf-8")),
                              ("statements.yaml", STATEMENTS.format(article_id=article_id).encode("utf-8"))):
            with open(staging / name, "xb") as handle:
                handle.write(content)
        if folder.exists() or folder.is_symlink():  # made meanwhile by someone else
            raise ScaffoldError("duplicate-id", f"seeds/{article_id} exists already; choose another --id")
        staging.rename(folder)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):
            raise ScaffoldError("io", f"{project.rel(folder)} cannot be written: {io_message(exc)}") from None
        raise
    return Added(folder, chosen, parser == "auto", parsed, unsure_lines(text, parsed))
