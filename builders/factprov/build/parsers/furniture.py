"""Page furniture that every layout shares: datelines, credit blocks, captions, read-also links,
source lines, widgets, copyright lines, sign-offs and a repeated headline. The rules are data, in
``furniture.yaml``; this module is the one place that applies them, so every parser (and the
extraction baselines) finds the same furniture."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from factprov.build.parsers.base import (
    SENTENCE_END,
    Boilerplate,
    Line,
    ParsedArticle,
    is_heading,
    lines,
    span_of,
    trimmed,
)

RULES_FILE = Path(__file__).with_name("furniture.yaml")
_PART = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Rules:
    datelines: tuple[re.Pattern, ...]  # the forms, parts filled in; each has groups place and outlet
    dateline_lines: int  # datelines are looked for on this many of the first unmarked lines
    credit: re.Pattern  # "Role: name" or "Role:" alone; group role, name
    credit_roles: dict[str, str | None]  # role as written, casefolded -> meta.yaml credit
    credit_name_max_words: int
    max_line_chars: int  # a longer line is body text: no line rule is tried on it
    credit_name_gap: int  # blank lines allowed between "Role:" and its name
    no_name: frozenset[str]  # a credit that names nobody ("Penerjemah: -")
    lines: dict[str, re.Pattern]  # label -> pattern, in order of precedence
    caption_credit: re.Pattern  # group credit: "(AGENSI/Nama)" at the end of a caption line
    list_lines: int  # lines of links or tags below a "Baca juga:" or "Tag:" that ends at its colon
    list_headers: re.Pattern  # "Berita terkait", "Tags": a list header without a colon (group read_also or tags)
    initials: re.Pattern  # the bracket of a sign-off, "(red/adk)"
    signoff: re.Pattern


def _filled(pattern: str, parts: dict[str, str], where: str) -> re.Pattern:
    """``pattern`` with each ``{part}`` replaced by its (bracketed) pattern; ``{0,60}`` is left alone."""

    def part(match: re.Match) -> str:
        name = match.group(1)
        if name.isdigit():
            return match.group(0)
        if name not in parts:
            raise ValueError(f"{RULES_FILE.name}: {where}: no part {{{name}}}")
        return f"(?:{parts[name]})"

    return re.compile(_PART.sub(part, pattern))


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    roles = sorted(data["credits"], key=len, reverse=True)
    credit = re.compile(r"^(?P<role>" + "|".join(re.escape(r) for r in roles) + r")\s*:\s*(?P<name>(?:.*\S)?)\s*$",
                        re.IGNORECASE)
    dateline = data["dateline"]
    signoff = data["signoff"]
    return Rules(
        datelines=tuple(_filled(p, dateline["parts"], "dateline") for p in dateline["forms"]),
        dateline_lines=dateline["within_lines"],
        credit=credit,
        credit_roles={role.casefold(): meta for role, meta in data["credits"].items()},
        credit_name_max_words=data["credit_name_max_words"],
        max_line_chars=data["max_line_chars"],
        credit_name_gap=data["credit_name_gap"],
        no_name=frozenset(n.casefold() for n in data["no_name"]),
        lines={label: re.compile(pattern) for label, pattern in data["lines"].items()},
        caption_credit=_filled(data["caption_credit"]["pattern"], data["caption_credit"]["parts"], "caption_credit"),
        list_lines=data["list_lines"],
        list_headers=re.compile(data["list_headers"]),
        initials=re.compile(signoff["parts"]["initials"]),
        signoff=_filled(signoff["pattern"], signoff["parts"], "signoff"),
    )


# --- lines of furniture -----------------------------------------------------------------------

def _credits(stripped: str) -> list[tuple[str, str]] | None:
    """(role, name) of each credit on the line, or ``None`` if it is not a credit line."""
    if len(stripped) > rules().max_line_chars:
        return None
    found = []
    for part in stripped.split("|"):
        match = rules().credit.match(part.strip())
        if match is None:
            return None
        name = match["name"]
        found.append((match["role"], "" if name.casefold() in rules().no_name else name))
    return found


def _line_label(stripped: str) -> tuple[str, re.Match] | None:
    """The label of the first line rule (read_also, caption, widget...) that ``stripped`` matches."""
    if len(stripped) > rules().max_line_chars:
        return None
    for label, pattern in rules().lines.items():
        match = pattern.search(stripped)
        if match is not None:
            return label, match
    return None


def furniture_label(text: str) -> str | None:
    """What a line is by the line rules alone (credit, caption, read_also, ...), or ``None``.

    The rules that depend on the lines around (a name below "Editor:", a caption credit that may be
    the last paragraph's sign-off) are left out; :func:`mark_furniture` applies them."""
    stripped = text.strip()
    if not stripped:
        return None
    if _credits(stripped) is not None:
        return "credit"
    found = _line_label(stripped)
    return found[0] if found is not None else None


def _empty_credit(line: Line) -> str | None:
    """The role of a credit line that ends at its colon ("Editor:"), else ``None``."""
    stripped = line.text.strip()
    credits = _credits(stripped)
    if credits is None or len(credits) != 1 or credits[0][1] or not stripped.endswith(":"):
        return None
    return credits[0][0]


def _is_name(line: Line) -> bool:
    stripped = line.text.strip()
    return (bool(stripped) and len(stripped.split()) <= rules().credit_name_max_words and ":" not in stripped
            and not SENTENCE_END.search(stripped) and furniture_label(stripped) is None)


def _next_text_line(by_number: dict[int, Line], after: Line, skip) -> Line | None:
    """The first line after ``after`` that is not blank, with at most ``credit_name_gap`` blank lines between."""
    for number in range(after.number + 1, after.number + rules().credit_name_gap + 2):
        line = by_number.get(number)
        if line is None or number in skip:
            return None
        if line.text.strip():
            return line
    return None


def _credit_block(text: str, by_number: dict[int, Line], first: Line, skip, parsed: ParsedArticle) -> set[int]:
    """Mark the credit block that opens at ``first``, a role that ends at its colon; return its line numbers.

    The name is on the next line that is not blank ("Reporter:", a blank line, "Nama"). Several such
    roles in a row ("Reporter:", "Editor:") take as many names below them, in order; with fewer names,
    only the last role takes the name that follows it, and the others name nobody."""
    roles = [first]
    following = _next_text_line(by_number, first, skip)
    while following is not None and _empty_credit(following) is not None:
        roles.append(following)
        following = _next_text_line(by_number, following, skip)
    names: list[Line] = []
    while following is not None and len(names) < len(roles) and _is_name(following):
        names.append(following)
        following = _next_text_line(by_number, following, skip)
    if len(names) < len(roles):
        names = names[:1]
    named = roles[len(roles) - len(names):]
    for role in roles[:len(roles) - len(names)]:
        parsed.boilerplate.append(span_of(role, "credit"))
    if names:
        for role, name in zip(named, names):
            meta = rules().credit_roles[_empty_credit(role).casefold()]
            if meta is not None:
                parsed.credits.setdefault(meta, name.text.strip())
        start, end = trimmed(named[0])[0], trimmed(names[-1])[1]
        parsed.boilerplate.append(Boilerplate(start, end, "credit", text[start:end]))
    return {line.number for line in roles + names}


def mark_furniture(text: str, lines_: list[Line], parsed: ParsedArticle, skip: set[int] = frozenset()) -> set[int]:
    """Mark the furniture lines of ``text`` (split into ``lines_``); return the numbers of the lines marked.

    Lines in ``skip`` (a headline already taken) are left alone."""
    marked: set[int] = set()
    by_number = {line.number: line for line in lines_}
    for line in lines_:
        if line.number in skip or line.number in marked or not line.text.strip():
            continue
        stripped = line.text.strip()
        if _empty_credit(line) is not None:
            marked |= _credit_block(text, by_number, line, skip, parsed)
            continue
        credits = _credits(stripped)
        if credits is not None:
            parsed.boilerplate.append(span_of(line, "credit"))
            for role, name in credits:
                meta = rules().credit_roles[role.casefold()]
                if meta is not None and name:
                    parsed.credits.setdefault(meta, name)
            marked.add(line.number)
            continue
        found = _line_label(stripped)
        header = rules().list_headers.match(stripped) if found is None else None
        if header is not None:
            found = ("tags" if header["tags"] else "read_also", None)
        if found is not None:
            label, match = found
            parsed.boilerplate.append(span_of(line, label))
            if label == "source_line":
                parsed.source_lines.append(match["source"])
            marked.add(line.number)
            if label in ("read_also", "tags") and (stripped.endswith(":") or match is None):
                marked |= _list_below(by_number, line, label, skip, marked, parsed)
    _mark_caption_credits(lines_, parsed, skip, marked)
    return marked


def _list_below(by_number: dict[int, Line], header: Line, label: str, skip, marked: set[int],
                parsed: ParsedArticle) -> set[int]:
    """The links or tags listed below a header that ends at its colon ("Baca juga:", "Tag:"): the short
    lines that follow, each read as a heading (no sentence's end), over one blank line at most."""
    taken: set[int] = set()
    line = header
    while len(taken) < rules().list_lines:
        line = _next_text_line(by_number, line, skip)
        if line is None or line.number in marked or not is_heading(line.text) or furniture_label(line.text):
            break
        parsed.boilerplate.append(span_of(line, label))
        taken.add(line.number)
    return taken


def begin(text: str) -> tuple[ParsedArticle, list[Line]]:
    """A parse begun as every layout begins it: the furniture all sites share marked, and the text
    lines that are left (not blank, not furniture), for the layout's own rules."""
    all_lines = list(lines(text))
    parsed = ParsedArticle(title=None, boilerplate=[])
    marked = mark_furniture(text, all_lines, parsed)
    return parsed, [line for line in all_lines if line.text.strip() and line.number not in marked]


def _mark_caption_credits(lines_: list[Line], parsed: ParsedArticle, skip, marked: set[int]) -> None:
    """Mark the lines that end in a photo credit with a slash. The last text line keeps a credit in
    the shape of the writer's initials: that is the sign-off of the last paragraph."""
    rest = [line for line in lines_ if line.text.strip() and line.number not in skip and line.number not in marked]
    for line in rest:
        stripped = line.text.strip()
        match = rules().caption_credit.search(stripped) if len(stripped) <= rules().max_line_chars else None
        if match is None or (line is rest[-1] and rules().initials.fullmatch(match["credit"])):
            continue
        parsed.boilerplate.append(span_of(line, "caption"))
        marked.add(line.number)


# --- the dateline -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Dateline:
    start: int  # offsets of the dateline, up to and including its dash
    end: int
    text: str
    place: str | None
    outlet: str | None


def dateline_at(line: Line) -> Dateline | None:
    """The dateline that opens ``line`` (after white space), if the rest of the line reads as a
    paragraph: it ends as a sentence does, or it is longer than a heading."""
    start, _, stripped = trimmed(line)
    for pattern in rules().datelines:
        match = pattern.match(stripped)
        if match is None:
            continue
        rest = stripped[match.end():].strip()
        if not rest or is_heading(rest) or rest[0].islower():
            return None  # a dateline opens a sentence: "Nama – yang baru terpilih – mengatakan" has none
        dateline = match.group(0).rstrip()
        groups = match.groupdict()
        return Dateline(start, start + len(dateline), dateline, groups.get("place"), groups.get("outlet"))
    return None


def find_dateline(candidates: list[Line], accept=None) -> tuple[int, Dateline] | None:
    """The first dateline among the first ``within_lines`` lines of ``candidates`` (the text lines no
    other rule marked), with its index; ``accept`` may refuse one (the ANTARA parser wants its own)."""
    for i, line in enumerate(candidates[:rules().dateline_lines]):
        dateline = dateline_at(line)
        if dateline is not None and (accept is None or accept(dateline)):
            return i, dateline
    return None


def mark_dateline(dateline: Dateline, parsed: ParsedArticle) -> None:
    parsed.boilerplate.append(Boilerplate(dateline.start, dateline.end, "dateline", dateline.text))


# --- the headline and the sign-off ------------------------------------------------------------

def _same_words(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def mark_head(candidates: list[Line], at: int, parsed: ParsedArticle) -> list[Line]:
    """The page's head above the dateline, which stands on ``candidates[at]``: the headline, and the
    kicker, byline and date line around it. The headline is the first of them with two words or more
    that does not end with a full stop (a kicker such as "SOSOK" or a section name may stand above
    it); the other lines that read as headings are labelled ``other``. A line that ends as a
    sentence does (a subtitle that sums up the story) is left as body text. Return the candidates
    from the dateline on, with the subtitles."""
    head = candidates[:at]
    title = next((line for line in head if len(line.text.split()) >= 2 and not line.text.rstrip().endswith(".")),
                 head[0])
    kept = []
    for line in head:
        if line is title:
            continue
        if _same_words(line.text, title.text):
            parsed.boilerplate.append(span_of(line, "title"))
        elif is_heading(line.text) or line.text.rstrip().endswith(("?", "!")):
            parsed.boilerplate.append(span_of(line, "other"))
        else:
            kept.append(line)
    return mark_title([title, *kept, *candidates[at:]], parsed)


def mark_title(candidates: list[Line], parsed: ParsedArticle) -> list[Line]:
    """Take the first of ``candidates`` as the headline, and the line after it too where it repeats
    the headline (some pages print it twice); return the candidates that are left."""
    title = candidates[0]
    parsed.title = title.text.strip()
    parsed.boilerplate.append(span_of(title, "title"))
    rest = candidates[1:]
    if len(rest) > 1 and _same_words(rest[0].text, title.text):
        parsed.boilerplate.append(span_of(rest[0], "title"))
        rest = rest[1:]
    return rest


def repeats_headline(candidates: list[Line]) -> bool:
    """Whether the first two of ``candidates`` are the same line: a headline printed twice."""
    return len(candidates) > 2 and _same_words(candidates[0].text, candidates[1].text)


def mark_signoff(line: Line, parsed: ParsedArticle) -> bool:
    """Mark the writer's initials in brackets at the end of the last paragraph, e.g. "(red/adk)"."""
    tail = max(0, len(line.text) - 80)  # the initials end the line: look at its end only
    match = rules().signoff.search(line.text, tail)
    if match is None:
        return False
    start = line.start + match.start("signoff")
    parsed.boilerplate.append(Boilerplate(start, start + len(match["signoff"]), "signoff", match["signoff"]))
    return True
