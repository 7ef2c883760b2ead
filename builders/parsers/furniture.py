"""Page furniture that every layout shares: datelines, credit blocks, captions, read-also links,
source lines, widgets and copyright lines. The rules are data, in ``furniture.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .base import SENTENCE_END, Boilerplate, Line, ParsedArticle, span_of, trimmed

RULES_FILE = Path(__file__).with_name("furniture.yaml")


@dataclass(frozen=True)
class Rules:
    datelines: tuple[re.Pattern, ...]
    credit: re.Pattern  # "Role: name" or "Role:" alone; group role, name
    credit_roles: dict[str, str | None]  # role as written, casefolded -> meta.yaml credit
    credit_name_max_words: int
    no_name: frozenset[str]  # a credit that names nobody ("Penerjemah: -")
    lines: dict[str, re.Pattern]  # label -> pattern, in order of precedence
    signoff: re.Pattern


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    roles = sorted(data["credits"], key=len, reverse=True)
    credit = re.compile(r"^(?P<role>" + "|".join(re.escape(r) for r in roles) + r")\s*:\s*(?P<name>.*?)\s*$",
                        re.IGNORECASE)
    return Rules(
        datelines=tuple(re.compile(p) for p in data["datelines"]),
        credit=credit,
        credit_roles={role.casefold(): meta for role, meta in data["credits"].items()},
        credit_name_max_words=data["credit_name_max_words"],
        no_name=frozenset(n.casefold() for n in data["no_name"]),
        lines={label: re.compile(pattern) for label, pattern in data["lines"].items()},
        signoff=re.compile(data["signoff"]),
    )


def _credits(stripped: str) -> list[tuple[str, str]] | None:
    """(role, name) of each credit on the line, or ``None`` if it is not a credit line."""
    found = []
    for part in stripped.split("|"):
        match = rules().credit.match(part.strip())
        if match is None:
            return None
        name = match["name"]
        found.append((match["role"], "" if name.casefold() in rules().no_name else name))
    return found


def _is_name(line: Line) -> bool:
    stripped = line.text.strip()
    return (bool(stripped) and len(stripped.split()) <= rules().credit_name_max_words
            and not SENTENCE_END.search(stripped) and rules().credit.match(stripped) is None)


def mark_furniture(text: str, lines_: list[Line], parsed: ParsedArticle, skip: set[int] = frozenset()) -> set[int]:
    """Mark the furniture lines of ``text`` (split into ``lines_``); return the numbers of the lines marked.

    Lines in ``skip`` (a headline already taken) are left alone."""
    marked: set[int] = set()
    by_number = {line.number: line for line in lines_}
    for line in lines_:
        if line.number in skip or line.number in marked or not line.text.strip():
            continue
        stripped = line.text.strip()
        credits = _credits(stripped)
        if credits is not None:
            span = span_of(line, "credit")
            if len(credits) == 1 and not credits[0][1] and stripped.rstrip().endswith(":"):
                # "Editor:" with the name on the next line: one span over both lines.
                following = by_number.get(line.number + 1)
                if following is not None and following.number not in skip and _is_name(following):
                    _, name_end, name = trimmed(following)
                    span = Boilerplate(span.start, name_end, "credit", text[span.start:name_end])
                    credits = [(credits[0][0], name)]
                    marked.add(following.number)
            parsed.boilerplate.append(span)
            for role, name in credits:
                meta = rules().credit_roles[role.casefold()]
                if meta is not None and name:
                    parsed.credits.setdefault(meta, name)
            marked.add(line.number)
            continue
        for label, pattern in rules().lines.items():
            match = pattern.search(stripped)
            if match is None:
                continue
            parsed.boilerplate.append(span_of(line, label))
            if label == "source_line":
                parsed.source_lines.append(match["source"])
            marked.add(line.number)
            break
    return marked


def mark_dateline(line: Line, parsed: ParsedArticle) -> bool:
    """Mark a dateline at the start of ``line`` (the body's first line); whether one was found."""
    start, _, stripped = trimmed(line)
    for pattern in rules().datelines:
        match = pattern.match(stripped)
        if match is not None:
            dateline = match.group(0).rstrip()
            parsed.boilerplate.append(Boilerplate(start, start + len(dateline), "dateline", dateline))
            return True
    return False


def mark_signoff(line: Line, parsed: ParsedArticle) -> bool:
    """Mark the writer's initials in brackets at the end of the last paragraph, e.g. "(red/adk)"."""
    match = rules().signoff.search(line.text)
    if match is None:
        return False
    start = line.start + match.start("signoff")
    parsed.boilerplate.append(Boilerplate(start, start + len(match["signoff"]), "signoff", match["signoff"]))
    return True
