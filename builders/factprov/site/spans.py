"""Layout of an article's text with its spans: boilerplate, and each statement's quote, cue and speaker mention.

Spans of different statements may nest (a clause inside another statement's quote) or
cross. The text is cut at every span boundary and the elements are opened and closed
like a stack, so the HTML nests properly: a span that crosses the end of another is
closed there and reopened after it, as a continuation fragment (``data-part="cont"``).
The text between the tags is the article text, escaped and otherwise unchanged, so the
element's ``textContent`` is the stored text and the fragments of a span, read in order,
are its text.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

ROLE_ORDER = {"boilerplate": 0, "quote": 1, "speaker": 2, "cue": 3}  # outermost first when two spans coincide
ROLE_TAGS = {"boilerplate": "span", "quote": "mark", "speaker": "span", "cue": "span"}
ROLE_CLASSES = {"boilerplate": "bp", "quote": "st q", "speaker": "st who", "cue": "st cue"}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    role: str  # boilerplate, quote, speaker or cue
    attrs: tuple[tuple[str, str], ...]  # on every fragment
    first_attrs: tuple[tuple[str, str], ...] = ()  # on the first fragment only (id, tabindex)
    extra_class: str = ""

    def sort_key(self, n: int) -> tuple:
        return (self.start, -self.end, ROLE_ORDER[self.role], n)

    def open_tag(self, first: bool) -> str:
        attrs = [("class", f"{ROLE_CLASSES[self.role]} {self.extra_class}".strip()), *self.attrs]
        attrs += list(self.first_attrs) if first else [("data-part", "cont")]
        return f"<{ROLE_TAGS[self.role]}" + "".join(f' {k}="{escape(v)}"' for k, v in attrs) + ">"

    def close_tag(self) -> str:
        return f"</{ROLE_TAGS[self.role]}>"


def statement_spans(statement: dict, label: str) -> list[Span]:
    """The quote, speaker mention and cue of one statement; the quote's first fragment takes the focus."""
    sid, n = statement["statement_id"], statement["statement_id"].rsplit("/", 1)[1]
    common = (("data-statement-id", sid),)
    out = []
    q = statement["quote"]
    out.append(Span(q["start"], q["end"], "quote", (*common, ("data-role", "quote")),
                    (("id", f"s-{n}"), ("tabindex", "0"), ("aria-controls", f"card-{n}"),
                     ("aria-expanded", "false"), ("data-label", f"{n} · {label}"), ("title", label)),
                    f"kind-{statement['kind']} status-{statement['verification_status']}"))
    for role, key in (("speaker", "speaker_mention"), ("cue", "cue")):
        span = statement[key]
        if span is not None and span["end"] > span["start"]:
            what = "speaker mention" if role == "speaker" else role
            out.append(Span(span["start"], span["end"], role,
                            (*common, ("data-role", role), ("title", f"{what} of statement {n}"))))
    return out


def boilerplate_spans(article: dict) -> list[Span]:
    return [Span(b["start"], b["end"], "boilerplate", (("data-boilerplate", b["label"]),
                                                          ("title", f"boilerplate: {b['label']}")))
            for b in article["boilerplate"] if b["end"] > b["start"]]


def layout(text: str, spans: list[Span]) -> str:
    """``text`` as HTML, every span an element (split into fragments where spans cross)."""
    ordered = sorted(enumerate(spans), key=lambda item: item[1].sort_key(item[0]))
    ordered_spans = [s for _, s in ordered]
    starts: dict[int, list[Span]] = {}
    for span in ordered_spans:
        starts.setdefault(span.start, []).append(span)
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    stack: list[Span] = []
    for at, following in zip(cuts, cuts[1:] + [None]):
        ending = [i for i, span in enumerate(stack) if span.end == at]
        if ending:
            lowest = ending[0]
            reopen = [span for span in stack[lowest:] if span.end != at]
            for span in reversed(stack[lowest:]):
                out.append(span.close_tag())
            del stack[lowest:]
            for span in reopen:
                out.append(span.open_tag(first=False))
                stack.append(span)
        for span in starts.get(at, ()):
            out.append(span.open_tag(first=True))
            stack.append(span)
        if following is not None:
            out.append(escape(text[at:following], quote=False))
    for span in reversed(stack):  # spans ending at len(text) were closed above; nothing else is left
        out.append(span.close_tag())
    return "".join(out)
