"""Process one article: resolve its annotation strings to spans and make its records.

Annotators write verbatim strings; here each is found in the text. A string that is
missing, or occurs more than once without an ``occurrence``, is an error located at
its line in statements.yaml.

A draft is checked like a finished file. A field still ``TODO``, or one with a schema
error (both reported already), is left out, and so is each check that needs it; every
other check runs, so that each problem is reported at once. A statement becomes a record
only when none of its fields is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from factprov.base.report import Report, quoted
from factprov.base.text import inside
from factprov.build.inputs import TODO, issue_at
from factprov.build.registry import Registry
from factprov.build.seeds import Seed
from factprov.build.spans import SpanError, locate, parts

# status -> relations its evidence must include: one from each group.
NEEDS_EVIDENCE = {
    "supported": [("supports",)],
    "partially_supported": [("supports", "partially_supports")],
    "refuted": [("refutes",)],
    "conflicting": [("refutes",), ("supports", "partially_supports")],
}
NOT_CHECKABLE_TYPES = {"opinion", "prediction"}
SPAN_FIELDS = ("quote", "speaker_mention", "cue")


@dataclass
class Entry:
    """One statement of statements.yaml as far as it resolves, finished or a draft: what ``factprov show``
    marks and lists."""

    name: str  # as field paths name it: "n=8", or "#8" (its position) where n is not an integer of its own
    kind: str | None = None  # None while it is undecided or invalid; so are the two below
    status: str | None = None
    speaker: str | None = None  # the name written; the publisher for the outlet's own claim
    quote: str | None = None  # the quote as resolved, or as written where it does not resolve
    spans: dict[str, dict | None] = field(default_factory=lambda: dict.fromkeys(SPAN_FIELDS))
    undecided: list[tuple] = field(default_factory=list)  # paths under the statement still TODO: ("claim_type",), ...

    @property
    def label(self) -> str:
        """The statement's number (``8``), or its position (``#8``)."""
        return self.name[2:] if self.name.startswith("n=") else self.name

    @property
    def field(self) -> str:
        """The field path of the statement: ``statements[n=8]``."""
        return f"statements[{self.name}]"


@dataclass
class Resolved:
    """What the statements of one article give."""

    records: list[dict] = field(default_factory=list)  # the finished statements, ordered by n
    entries: list[Entry] = field(default_factory=list)  # every statement, in the order of the file
    annotated: list[str] = field(default_factory=list)  # ids of the statements with an n, resolved or not
    refs: list[tuple[str, str, int, int]] = field(default_factory=list)  # (statement id named, own id, i, j)
    ids_known: bool = True  # False: a statement's n is undecided or invalid, so a reference may name it


def resolve_span(seed: Seed, selector: Any, path: tuple, report: Report) -> dict | None:
    """The span a selector names, or ``None`` after reporting why it cannot be found."""
    try:
        start, end = locate(seed.index, selector, seed.text_file)
    except SpanError as exc:
        report.add(issue_at(seed.annotations_file, seed.annotations, path, exc.code, exc.message, names=seed.names))
        return None
    if (bp := seed.parsed.covering(start, end)) is not None:
        report.add(issue_at(seed.annotations_file, seed.annotations, path, "span-boilerplate",
                            f"{quoted(seed.text[start:end])} at line {seed.index.line(start)} lies in the "
                            f"{bp.label} {quoted(bp.text)}, not in the body", names=seed.names))
        return None
    return {"text": seed.text[start:end], "start": start, "end": end}


def resolve(seed: Seed, registry: Registry, report: Report) -> Resolved:
    """Every statement of a checkable seed, checked; the finished ones as records. Problems go to ``report``."""
    out = Resolved()
    undecided: dict[int, list[tuple]] = {}
    for path in seed.undecided:
        undecided.setdefault(path[1], []).append(path[2:])
    seen: dict[int, int] = {}  # n -> position
    spoken: dict[tuple, int] = {}  # (quote start, end, speaker) -> position
    for i, ann in enumerate(seed.annotations.data["statements"]):
        entry = Entry(seed.names.get(i, f"#{i + 1}"), undecided=undecided.get(i, []))
        out.entries.append(entry)
        faults = seed.faults.get(i, set())
        if faults is None:  # not a statement at all (reported)
            out.ids_known = False
            continue
        pending = faults | {p[0] for p in undecided.get(i, [])}
        record = _statement(seed, registry, report, i, ann, faults, pending, entry, seen, spoken, out)
        if record is not None:
            out.records.append(record)
    out.records.sort(key=lambda r: int(r["statement_id"].rsplit("/", 1)[1]))
    return out


def _statement(seed: Seed, registry: Registry, report: Report, i: int, ann: dict, faults: set[str],
               pending: set[str], entry: Entry, seen: dict, spoken: dict, out: Resolved) -> dict | None:
    """Check one statement, every check whose fields are all usable; its record when it is finished."""
    at = ("statements", i)
    publisher = seed.publisher

    def ok(name: str) -> bool:
        return name not in pending

    def fail(field: str, code: str, message: str, severity: str = "error") -> None:
        report.add(issue_at(seed.annotations_file, seed.annotations, at + (field,), code, message, severity,
                            names=seed.names))

    sid = f"{seed.article_id}/{ann['n']}" if ok("n") else None
    evidence = ann.get("evidence")
    if "evidence" not in faults and isinstance(evidence, list):
        out.refs.extend((ev["ref"], sid or "", i, j) for j, ev in enumerate(evidence)
                        if isinstance(ev, dict) and isinstance(ev.get("ref"), str) and ev["ref"] != TODO
                        and not ev["ref"].startswith("https://"))
    if sid is None:
        out.ids_known = False
    else:
        out.annotated.append(sid)
        if ann["n"] in seen:
            fail("n", "duplicate-id", f"{sid} is already used by statements[#{seen[ann['n']] + 1}]")
            return None
        seen[ann["n"]] = i
    kind = ann["kind"] if ok("kind") else None
    entry.kind = kind
    entry.status = ann["verification_status"] if ok("verification_status") else None
    if kind == "unattributed_claim":
        entry.speaker = publisher
    elif ok("speaker") and isinstance(ann.get("speaker"), str):
        entry.speaker = ann["speaker"]
    spans = {name: resolve_span(seed, ann[name], at + (name,), report) if ok(name) and ann.get(name) is not None
             else None for name in SPAN_FIELDS}
    entry.spans = spans
    entry.quote = spans["quote"]["text"] if spans["quote"] else parts(ann["quote"])[0] if ok("quote") else None
    _check_overlap(spans, fail)
    speaker = None
    if kind is not None and ok("speaker"):
        speaker = _speaker(ann, publisher, registry, fail)
    elif ok("speaker") and ann.get("speaker") is not None:
        _source(ann["speaker"], registry, fail)  # known and canonical, whatever the kind is decided to be
    names = ann.get("source_chain")
    chain = _chain(names, publisher, registry, fail) if "source_chain" not in faults and isinstance(names, list) \
        else None
    _check_status(ann, ok, fail)
    if ok("fidelity") and ok("source_chain"):
        _check_fidelity(ann, publisher, fail)
    if spans["quote"] is None:
        return None
    if kind is not None:
        _check_quotation_marks(seed, kind, spans["quote"], fail)
    _check_distance(seed, spans, fail)
    if speaker is None:
        return None
    key = (spans["quote"]["start"], spans["quote"]["end"], speaker["name"])
    if key in spoken:
        fail("quote", "duplicate-statement", f"statements[{seed.names.get(spoken[key], f'#{spoken[key] + 1}')}] "
                                             f"already has this quote and speaker {speaker['name']!r}; annotate "
                                             "each statement once")
        return None
    spoken[key] = i
    if pending or chain is None:
        return None
    return {
        "statement_id": sid,
        "article_id": seed.article_id,
        "kind": ann["kind"],
        "claim_type": ann["claim_type"],
        "quote": spans["quote"],
        "speaker": speaker,
        "speaker_mention": spans["speaker_mention"],
        "cue": spans["cue"],
        "source_chain": chain,
        "fidelity": ann["fidelity"],
        "verification_status": ann["verification_status"],
        "evidence": [{"ref": e["ref"], "relation": e["relation"], "note": e["note"]} for e in ann["evidence"]],
        "rationale": ann["rationale"],
        "gloss_en": ann["gloss_en"],
    }


def _check_overlap(spans: dict[str, dict | None], fail) -> None:
    found = [(name, span) for name, span in spans.items() if span is not None]
    for i, (a, sa) in enumerate(found):
        for b, sb in found[i + 1:]:
            if sa["start"] < sb["end"] and sb["start"] < sa["end"]:
                fail(b, "span-overlap", f"{b} {sb['text']!r} overlaps {a} {sa['text']!r}; "
                                        "quote, cue and speaker mention are separate words")


QUOTE_MARKS = "\"'“”‘’«»„"
CLOSING_PUNCTUATION = ",.;:?!"


def _check_quotation_marks(seed: Seed, kind: str, quote: dict, fail) -> None:
    quoted = inside(seed.quoted, quote["start"], quote["end"])
    words, after = quote["text"], seed.text[quote["end"]:quote["end"] + 1]
    if kind == "direct_quote" and (words[0] in QUOTE_MARKS or words[-1] in QUOTE_MARKS):
        fail("quote", "quote-marks", "a direct_quote is the words inside the quotation marks: leave the marks out")
        return
    if kind == "direct_quote" and words[-1] in CLOSING_PUNCTUATION and after and after in QUOTE_MARKS:
        fail("quote", "quote-marks", f"leave out the {words[-1]!r} that closes the quotation: a direct_quote ends "
                                     "before it")
        return
    if kind == "direct_quote" and not quoted:
        fail("kind", "quote-marks", f"a direct_quote is the words inside quotation marks, but the quote at line "
                                    f"{seed.index.line(quote['start'])} is not inside a pair of them; "
                                    "is it an indirect_quote?")
    elif kind == "indirect_quote" and quoted:
        fail("kind", "quote-marks", f"the quote at line {seed.index.line(quote['start'])} lies inside "
                                    "quotation marks, so it is a direct_quote, not an indirect_quote")


def _check_distance(seed: Seed, spans: dict[str, dict | None], fail) -> None:
    """Cue and speaker mention stand in the quote's sentence or the one next to it (a warning)."""
    quote = spans["quote"]
    first, last = seed.sentences.index(quote["start"]), seed.sentences.index(max(quote["start"], quote["end"] - 1))
    for name in ("cue", "speaker_mention"):
        span = spans[name]
        if span is None:
            continue
        at = seed.sentences.index(span["start"])
        if not first - 1 <= at <= last + 1:
            fail(name, "cue-distance", f"{name} {span['text']!r} (line {seed.index.line(span['start'])}) is "
                                       f"{min(abs(at - first), abs(at - last))} sentences from its quote (line "
                                       f"{seed.index.line(quote['start'])}); it belongs in the same or the next "
                                       "sentence: check which occurrence is meant", severity="warning")


def _speaker(ann: dict, publisher: str | None, registry: Registry, fail) -> dict | None:
    name = ann.get("speaker")
    if ann["kind"] == "unattributed_claim":
        if name is not None and name != publisher:
            fail("speaker", "speaker", f"an unattributed claim is the publisher's own ({publisher!r}); "
                                       f"leave speaker out instead of naming {name!r}")
            return None
        source = registry.sources.get(publisher) if publisher else None
        return {"name": publisher, "type": "outlet", "wikidata_id": source.wikidata_id if source else None}
    if name is None:
        fail("speaker", "speaker", f"a {ann['kind']} needs a speaker from seeds/sources.yaml")
        return None
    source = _source(name, registry, fail)
    return None if source is None else {"name": source.name, "type": source.type, "wikidata_id": source.wikidata_id}


def _source(name: str, registry: Registry, fail):
    """The registry's entry of a speaker's name, or ``None`` after reporting why there is none."""
    if registry.reported(name):
        return None  # its entry in seeds/sources.yaml has an error of its own
    if name in registry.alias_of:
        fail("speaker", "source-name", f"{name!r} is an alias; write the canonical name "
                                       f"{registry.alias_of[name]!r} (aliases are listed in seeds/sources.yaml)")
        return None
    if name not in registry.sources:
        fail("speaker", "unknown-source", f"speaker {name!r} is not in seeds/sources.yaml")
        return None
    return registry.sources[name]


def _chain(names: list, publisher: str | None, registry: Registry, fail) -> list[dict] | None:
    """The chain's links with their roles, or ``None``; a link still TODO is left for a person, and so is
    the check of the publisher at the end of the chain while the last link is TODO."""
    ok = TODO not in names
    for j, name in enumerate(names):
        link = f"source_chain[#{j + 1}]"
        if name == TODO or (name is not None and registry.reported(name)):
            ok = False
        elif name is None and not (j == len(names) - 1 and publisher is None):
            fail("source_chain", "unknown-source", f"{link} is null; only the last link may be null, "
                                                   "and only when the publisher is unknown")
            ok = False
        elif name is not None and name in registry.alias_of:
            fail("source_chain", "source-name", f"{link} {name!r} is an alias; write the canonical "
                                                f"name {registry.alias_of[name]!r}")
            ok = False
        elif name is not None and name not in registry.sources:
            fail("source_chain", "unknown-source", f"{link} {name!r} is not in seeds/sources.yaml")
            ok = False
    if names[-1] != TODO and names[-1] != publisher:
        fail("source_chain", "chain-publisher", f"the chain ends at {names[-1]!r}; it must end at the article's "
                                                f"publisher {publisher!r}")
        ok = False
    if not ok:
        return None
    roles = ["origin"] + ["intermediary"] * (len(names) - 2) + ["publisher"] if len(names) > 1 else ["publisher"]
    return [{"name": name, "role": role} for name, role in zip(names, roles)]


def _check_fidelity(ann: dict, publisher: str | None, fail) -> None:
    """The outlet's own words (a chain of the publisher alone) are their own origin: verbatim."""
    if ann["source_chain"] == [publisher] and ann["fidelity"] != "verbatim":
        fail("fidelity", "fidelity", f"the source chain is the publisher alone, so these are the outlet's own words "
                                     f"and fidelity is verbatim, not {ann['fidelity']!r}")


def _check_status(ann: dict, ok: Callable[[str], bool], fail) -> None:
    """The status against its evidence, the claim type and the kind: each check whose fields are decided."""
    if not ok("verification_status"):
        return
    status = ann["verification_status"]
    if ok("evidence"):
        relations = {e["relation"] for e in ann["evidence"]}
        for group in NEEDS_EVIDENCE.get(status, []):
            if not relations & set(group):
                fail("evidence", "evidence-required",
                     f"status {status!r} needs an evidence item with relation {' or '.join(group)}")
    if status == "not_checkable" and ok("claim_type") and ann["claim_type"] not in NOT_CHECKABLE_TYPES:
        fail("verification_status", "status-claim-type",
             f"not_checkable is for opinions and predictions; this claim_type is {ann['claim_type']!r}")
    elif status == "not_checkable" and ok("kind") and ann["kind"] != "unattributed_claim":
        fail("verification_status", "status-claim-type",
             f"not_checkable is only for the outlet's own opinions and predictions; an attributed statement "
             f"({ann['kind']}) is checked for whether the speaker said it (not_enough_evidence where nothing "
             "settles it)")
    if ok("kind") and ok("claim_type") and ann["kind"] == "unattributed_claim" \
            and ann["claim_type"] in NOT_CHECKABLE_TYPES and status != "not_checkable":
        fail("verification_status", "status-claim-type",
             f"the outlet's own {ann['claim_type']} is not_checkable, not {status!r}")
