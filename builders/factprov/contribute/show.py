"""``factprov show ID``: an article in the terminal, with its boilerplate and annotated spans marked.

Each statement's spans are bracketed where they stand, numbered by the statement:
``[3 quote]3``, ``{3 cue}3`` and ``<3 mention>3``; a draft's spans too, whatever is still
``TODO``. Boilerplate lines are shown with their label in the margin. Where boilerplate is
only part of a line (a dateline before the first sentence of a paragraph), the label says
``(part)`` and the part is bracketed ``⟦...⟧``. With colour (a terminal, or ``--color always``),
quotes, cues and mentions are coloured too and boilerplate is dimmed.

Under the text: a table of the statements, then what is still to decide, statement by
statement, and a count of it.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass

from factprov.base.report import field_path, printable
from factprov.build.inputs import TODO
from factprov.build.statements import SPAN_FIELDS, Entry

OPEN = {"quote": "[", "cue": "{", "speaker_mention": "<"}
CLOSE = {"quote": "]", "cue": "}", "speaker_mention": ">"}
COLOUR = {"quote": "\033[4;36m", "cue": "\033[1;33m", "speaker_mention": "\033[1;35m"}
DIM, RESET = "\033[2m", "\033[0m"
BOILERPLATE = ("⟦", "⟧")  # the boilerplate part of a line that is partly body text
PART = " (part)"
KEY = ("[n quote]n  {n cue}n  <n speaker mention>n; a label in the margin marks boilerplate, and "
       f"'(part)' a line of which only the {BOILERPLATE[0]}bracketed{BOILERPLATE[1]} part is boilerplate")
assert set(OPEN) == set(SPAN_FIELDS)


@dataclass(frozen=True, order=True)
class Mark:
    at: int
    order: tuple  # at one offset: closing marks first (inner ones first), then opening ones (outer first)
    text: str


def _pair(start: int, end: int, opening: str, closing: str) -> list[Mark]:
    length = end - start
    return [Mark(start, (1, -length), opening), Mark(end, (0, length), closing)]


def marks(entries: list[Entry], colour: bool) -> list[Mark]:
    out = []
    for entry in entries:
        for name in OPEN:
            span = entry.spans.get(name)
            if span is None:
                continue
            style, reset = (COLOUR[name], RESET) if colour else ("", "")
            out += _pair(span["start"], span["end"], f"{style}{OPEN[name]}{entry.label} ",
                         f"{CLOSE[name]}{entry.label}{reset}")
    return out


def _boilerplate(text: str, lines: list[str], starts: list[int], spans: list[dict]) -> dict[int, tuple]:
    """Line number -> (label, whole, parts): whether the line is boilerplate from end to end, and
    otherwise the parts of it that are, without their white space at either end."""
    parts: dict[int, list[tuple[int, int, str]]] = {}
    for span in spans:
        first = bisect.bisect_right(starts, span["start"]) - 1
        last = bisect.bisect_right(starts, max(span["start"], span["end"] - 1)) - 1
        for number in range(first, last + 1):
            line_end = starts[number] + len(lines[number])
            parts.setdefault(number, []).append((max(span["start"], starts[number]), min(span["end"], line_end),
                                                 span["label"]))
    out = {}
    for number, found in parts.items():
        line, at = lines[number], starts[number]
        content = (at + len(line) - len(line.lstrip()), at + len(line.rstrip()))
        trimmed = []
        for start, end, _ in sorted(found):
            piece = text[start:end]
            start, end = start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())
            if start < end:
                trimmed.append((start, end))
        reach, whole = content[0], True  # whole: the parts cover the line's words without a gap
        for start, end in trimmed:
            if start > reach and text[reach:start].strip():
                whole = False
            reach = max(reach, end)
        whole = whole and not text[reach:content[1]].strip()
        out[number] = (found[0][2], whole, trimmed)
    return out


def render(article: dict, entries: list[Entry], colour: bool = False) -> str:
    """The article's text, line by line with numbers, spans bracketed and boilerplate labelled."""
    text = article["text"]
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    boilerplate = _boilerplate(text, lines, starts, article["boilerplate"])
    pending = marks(entries, colour)
    dim, reset = (DIM, RESET) if colour else ("", "")
    labels = {}
    for number, (label, whole, parts) in boilerplate.items():
        labels[number] = label if whole else label + PART
        if not whole:
            for start, end in parts:
                pending += _pair(start, end, f"{dim}{BOILERPLATE[0]}", f"{BOILERPLATE[1]}{reset}")
    pending.sort()
    out, k = [], 0
    width = len(str(len(lines)))
    margin = max((len(label) for label in labels.values()), default=0)
    for number, line in enumerate(lines):
        at = starts[number]
        end = at + len(line) - (1 if line.endswith("\r") else 0)  # a CRLF text: the \r is no character to show
        pieces, cursor = [], at
        while k < len(pending) and pending[k].at <= end:
            mark = pending[k]
            pieces.append(printable(text[cursor:mark.at]))
            pieces.append(mark.text)
            cursor = mark.at
            k += 1
        pieces.append(printable(text[cursor:end]))
        body = "".join(pieces)
        if colour and number in boilerplate and boilerplate[number][1]:
            body = f"{DIM}{body}{RESET}"
        out.append(f"{number + 1:>{width}} {labels.get(number, ''):<{margin}} | {body}".rstrip())
    return "\n".join(out)


def ordered(entries: list[Entry]) -> list[Entry]:
    """Statements by number (2 before 10); those without a number of their own after them, by position."""
    return sorted(entries, key=lambda e: (0, int(e.label), 0) if e.name.startswith("n=")
                  else (1, 0, int(e.label.lstrip("#"))))


def _decided(entry: Entry, field: str, value: str | None) -> str:
    if any(path[:1] == (field,) for path in entry.undecided):
        return TODO
    return value if value is not None else "?"  # invalid: its schema error is listed with the problems


def legend(entries: list[Entry]) -> list[list[str]]:
    """One row per statement for the table under the text."""
    rows = []
    for entry in ordered(entries):
        if entry.speaker is not None:
            speaker = entry.speaker
        elif entry.kind == "unattributed_claim":
            speaker = "(publisher unknown)"
        else:
            speaker = _decided(entry, "speaker", "")
        quote = entry.quote if entry.quote is not None else _decided(entry, "quote", None)
        if entry.quote is not None and entry.spans["quote"] is None:
            quote = "(not found) " + quote
        rows.append([entry.label, _decided(entry, "kind", entry.kind), _decided(entry, "verification_status",
                                                                                entry.status),
                     printable(speaker), printable(quote if len(quote) <= 60 else quote[:57] + "...")])
    return rows


def _field(path: tuple) -> str:
    return field_path(path) or "(the whole statement)"


def _numbers(labels: list[str]) -> str:
    """``1, 3-5, #9``: runs of consecutive numbers joined."""
    out: list[str] = []
    run: list[int] = []
    for label in [*labels, None]:
        if label is not None and label.isdigit() and run and int(label) == run[-1] + 1:
            run.append(int(label))
            continue
        if run:
            out.append(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}")
            run = []
        if label is not None and label.isdigit():
            run = [int(label)]
        elif label is not None:
            out.append(label)
    return ", ".join(out)


def undecided(entries: list[Entry]) -> list[str]:
    """What is still TODO, one line per set of fields: ``1, 3-9: claim_type, source_chain, ...``."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for entry in ordered(entries):
        if entry.undecided:
            groups.setdefault(tuple(_field(p) for p in entry.undecided), []).append(entry.label)
    return [printable(f"{_numbers(labels)}: {', '.join(fields)}", newlines=False) for fields, labels in groups.items()]


def undecided_fields(entry: Entry) -> set[str]:
    """The field paths of an entry's undecided values, as the report names them."""
    return {entry.field + ("" if not p else f".{field_path(p)}") for p in entry.undecided}


def summary(entries: list[Entry]) -> str:
    """``12 statements, 77 fields still to decide: claim_type 12, ...``."""
    count = len(entries)
    statements = f"{count} statement{'s' if count != 1 else ''}"
    by_field = Counter(p[0] if p else "(the whole statement)" for e in entries for p in e.undecided)
    total = sum(by_field.values())
    if not total:
        return f"{statements}, nothing left to decide"
    drafted = sum(bool(e.undecided) for e in entries)
    which = "" if drafted == count else f" ({drafted} of them drafts)"
    return printable(f"{statements}{which}, {total} field{'s' if total != 1 else ''} still to decide: "
                     + ", ".join(f"{name} {n}" for name, n in by_field.items())
                     + "; the build refuses the file until each is decided", newlines=False)
