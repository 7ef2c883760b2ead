"""``factprov suggest ID``: a draft statements.yaml from an extraction model's predictions.

The model proposes spans, speakers and kinds. What only a person can decide (claim type,
source chain, fidelity, status, evidence, rationale, gloss) is written as ``TODO``, and
the build refuses a file while any ``TODO`` is left, so nothing unreviewed is released.
A statements.yaml that already holds statements is never overwritten.
"""

from __future__ import annotations

import bisect
import os
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from factprov.base import writer
from factprov.base.project import Project
from factprov.base.report import Issue, Report
from factprov.base.yamlio import MAX_BYTES, YamlError, load_located_file, read_limited, yaml_scalar
from factprov.bench.gold import Gold, GoldArticle
from factprov.bench.models import load_model, run_model
from factprov.bench.predictions import check_line
from factprov.build.inputs import TODO, load_yaml
from factprov.build.parsers import parse
from factprov.build.parsers.layout import apply_layout
from factprov.build.registry import load_registry
from factprov.build.schemas import Schemas
from factprov.build.seeds import read_text
from factprov.build.spans import TextIndex, selector

DECIDE = ("claim_type", "source_chain", "fidelity", "verification_status", "evidence", "rationale", "gloss_en")


class SuggestError(Exception):
    """Why no draft was written."""


def _mention(index: TextIndex, name: str, before: int) -> tuple[int, int] | None:
    """The last occurrence of ``name`` before offset ``before`` (or the first after it), as a span."""
    starts = index.occurrences(name)  # sorted; searched once per name, however many statements it speaks
    k = bisect.bisect_right(starts, before - len(name))  # the last that ends before ``before``
    at = starts[k - 1] if k else (starts[0] if starts else None)
    return None if at is None else (at, at + len(name))


def _read(project: Project, path: Path, read):
    """``read(path)``, or a :class:`SuggestError` that names the file, line and column."""
    try:
        return read(path)
    except YamlError as exc:
        where = project.rel(path) + (f":{exc.line}" if exc.line else "") + (f":{exc.column}" if exc.line and exc.column
                                                                             else "")
        raise SuggestError(f"{where}: {exc.message}; fix it first (`factprov validate` lists every problem)") from None
    except OSError as exc:
        raise SuggestError(f"{project.rel(path)}: {exc.strerror or exc}; run `factprov validate`") from None


@dataclass
class Proposal:
    """One statement a model proposes: offsets into the text, the speaker as the registry names it where
    one matches, and what a person must check about it."""

    start: int
    end: int
    kind: str
    speaker: str | None  # canonical where one matched; None for an unattributed claim or an unnamed speaker
    speaker_note: str = ""  # how the model's spelling matched, or that the name is not in the registry
    mention: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None


@dataclass
class Proposals:
    """What a model proposes for one article, outside its boilerplate, in text order."""

    article_id: str
    model: str
    text: str
    index: TextIndex
    parsed: object  # the ParsedArticle, with the layout applied
    items: list[Proposal] = field(default_factory=list)


def propose(project: Project, article_id: str, model_name: str = "rules") -> Proposals:
    """The statements ``model_name`` proposes for ``seeds/<article_id>``, checked as ``bench`` checks a
    prediction and matched to the registry's names; a :class:`SuggestError` says why there are none."""
    folder = project.seeds / article_id
    if folder not in project.seed_folders():
        raise SuggestError(f"no seed folder seeds/{article_id}")
    try:
        project.check_inside(folder)
    except YamlError as exc:
        raise SuggestError(exc.message) from None
    text = _read(project, folder / "article.txt", lambda path: read_text(read_limited(path)))
    schemas = Schemas(project.schema)
    report = Report()
    doc = load_yaml(project, folder / "meta.yaml", "meta", schemas, report)
    if doc is None:
        first: Issue = report.sorted()[0]
        raise SuggestError(f"{first.location()}: {first.field + ': ' if first.field else ''}{first.message}; fix it "
                           "first (`factprov validate` lists every problem)")
    meta = doc.data
    index = TextIndex(text)
    try:
        parsed = parse(text, meta["parser"])
        if apply_layout(index, parsed, meta.get("layout") or {}, "article.txt"):
            raise SuggestError("meta.yaml's layout has errors; run `factprov validate` and fix them first")
    except (KeyError, TypeError, ValueError) as exc:
        raise SuggestError(f"seeds/{article_id}/meta.yaml cannot be used ({exc}); run `factprov validate`") from None
    statements = run_model(load_model(model_name), model_name, article_id, text)
    gold = Gold("-", "", "", {article_id: GoldArticle(article_id, text, [])})
    report, checked = Report(), {}
    check_line({"article_id": article_id, "statements": statements}, 1, model_name, gold, schemas, checked, report)
    if not report.ok:
        first: Issue = report.sorted()[0]
        raise SuggestError(f"{model_name} returned a bad statement: {first.field}: {first.message}")
    names = Names(load_registry(project, schemas, Report()))
    out = Proposals(article_id, model_name, text, index, parsed)
    for prediction in sorted(checked[article_id], key=lambda p: (p.start, p.end)):
        if parsed.covering(prediction.start, prediction.end) is not None:
            continue  # boilerplate (a caption, a credit, a headline) is never a statement
        out.items.append(_proposal(index, prediction, names, parsed))
    return out


def _proposal(index: TextIndex, prediction, names: "Names", parsed) -> Proposal:
    kind = prediction.kind or ("indirect_quote" if prediction.speaker else "unattributed_claim")
    out = Proposal(prediction.start, prediction.end, kind, None)
    if prediction.cue is not None and parsed.covering(*prediction.cue) is None:
        out.cue = prediction.cue
    if kind == "unattributed_claim":
        return out
    name = prediction.speaker or ""
    if name:
        out.speaker, out.speaker_note = names.canonical(name)
    mention = prediction.mention or (_mention(index, name, prediction.start) if name else None)
    if mention is not None and parsed.covering(*mention) is None:
        out.mention = mention
    return out


def draft(project: Project, article_id: str, model_name: str = "rules") -> str:
    """The text of a draft statements.yaml for ``seeds/<article_id>``."""
    proposed = propose(project, article_id, model_name)
    blocks = [_block(n, proposed.index, p) for n, p in enumerate(proposed.items, start=1)]
    header = (f"# Draft of {article_id}'s statements, suggested by the model {model_name!r}.\n"
              "# Check every span, speaker and kind; decide every TODO (claim_type, source_chain, fidelity,\n"
              "# verification_status, evidence, rationale, gloss_en), delete what is not a statement and add\n"
              "# what the model missed. The build refuses this file while any TODO is left.\n")
    return header + "statements:\n" + "\n".join(blocks) if blocks else header + "statements: []\n"


class Names:
    """The names of seeds/sources.yaml, for the speaker a model proposes: its canonical name where one
    matches, with a comment that says how it matched where the spelling differs."""

    SIMILAR = 90  # rapidfuzz ratio (0-100) from which two spellings are taken for one name

    def __init__(self, registry):
        self.exact = {n.casefold(): n for n in registry.sources} | \
            {a.casefold(): n for a, n in registry.alias_of.items()}
        self.spellings = sorted(self.exact)  # every name and alias, casefolded
        self.by_word: dict[str, set[str]] = {}  # word -> the spellings that hold it: few to compare, not all
        for spelling in self.spellings:
            for word in spelling.split():
                self.by_word.setdefault(word, set()).add(spelling)

    def canonical(self, name: str) -> tuple[str, str]:
        """(the name to write, a note for the person who checks it: empty where the name is canonical)."""
        key = name.casefold()
        if key in self.exact:
            return self.exact[key], ""
        words = key.split()
        sharing = set().union(*(self.by_word.get(w, set()) for w in words)) if words else set()
        within = sorted({self.exact[s] for s in sharing if _contains(s.split(), words) or _contains(words, s.split())})
        if len(within) == 1:
            return within[0], f"the model wrote {yaml_scalar(name)}; check it is this source"
        close = process.extractOne(key, self.spellings, scorer=fuzz.ratio, score_cutoff=self.SIMILAR)
        if close is not None:
            return self.exact[close[0]], f"the model wrote {yaml_scalar(name)}; check it is this source"
        return name, "not in seeds/sources.yaml: add it there, or correct it"


def _contains(words: list[str], part: list[str]) -> bool:
    """Whether ``part`` is a run of whole words of ``words`` (a short name of a longer one)."""
    return bool(part) and len(part) < len(words) and any(words[i:i + len(part)] == part
                                                          for i in range(len(words) - len(part) + 1))


def _block(n: int, index: TextIndex, p: Proposal) -> str:
    lines = [f"  - n: {n}", f"    kind: {p.kind}", f"    claim_type: {TODO}", f"    quote: {selector(index, p.start, p.end)}"]
    if p.kind != "unattributed_claim":
        comment = f"  # {p.speaker_note}" if p.speaker_note else ""
        lines.append(f"    speaker: {yaml_scalar(p.speaker) if p.speaker else TODO}{comment}")
        lines.append(f"    speaker_mention: {selector(index, *p.mention) if p.mention else 'null'}")
    if p.cue is not None:
        lines.append(f"    cue: {selector(index, *p.cue)}")
    lines += [f"    {name}: {TODO}" for name in DECIDE if name != "claim_type"]
    return "\n".join(lines) + "\n"


def write_draft(project: Project, article_id: str, model_name: str = "rules") -> Path:
    """Write the draft into ``seeds/<article_id>/statements.yaml`` if it holds no statements yet."""
    folder = project.seeds / article_id
    path = folder / "statements.yaml"
    try:
        project.check_inside(folder)
        project.check_inside(path)
    except YamlError as exc:
        raise SuggestError(exc.message) from None
    if os.path.lexists(path) and not path.is_file():
        raise SuggestError(f"{project.rel(path)} is not a regular file; it is left as it is")
    if path.is_file():
        try:
            existing = load_located_file(path).data
        except YamlError as exc:
            raise SuggestError(f"{project.rel(path)} cannot be read ({exc.message}); it is left as it is") from None
        if not isinstance(existing, dict) or existing.get("statements"):
            raise SuggestError(f"{project.rel(path)} already holds statements, which a person wrote or is "
                               "reviewing; suggest never overwrites them (empty the list to start again)")
    content = draft(project, article_id, model_name).encode("utf-8")
    if len(content) > MAX_BYTES:
        raise SuggestError(f"the draft would be {len(content):,} bytes, more than the {MAX_BYTES:,} that "
                           f"{project.rel(path)} may hold; the article is too long to annotate as one")
    try:
        writer.write_file(path, content, within=folder)
    except writer.WriteError as exc:
        raise SuggestError(f"{project.rel(exc.path)}: {exc.message}") from None
    return path
