"""``factprov show ID``: an article in the terminal, with its boilerplate and annotated spans marked.

Each statement's spans are bracketed where they stand, numbered by the statement:
``[3 quote]3``, ``{3 cue}3`` and ``<3 mention>3``. Boilerplate lines are shown with their
label in the margin. With colour (a terminal, or ``--color always``), quotes, cues and
mentions are coloured too and boilerplate is dimmed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .report import printable

OPEN = {"quote": "[", "cue": "{", "speaker_mention": "<"}
CLOSE = {"quote": "]", "cue": "}", "speaker_mention": ">"}
COLOUR = {"quote": "\033[4;36m", "cue": "\033[1;33m", "speaker_mention": "\033[1;35m"}
DIM, RESET = "\033[2m", "\033[0m"


@dataclass(frozen=True, order=True)
class Mark:
    at: int
    order: tuple  # at one offset: closing marks first (inner ones first), then opening ones (outer first)
    text: str


def marks(statements: list[dict], colour: bool) -> list[Mark]:
    out = []
    for row in statements:
        n = row["statement_id"].rsplit("/", 1)[1]
        for name in OPEN:
            span = row[name]
            if span is None:
                continue
            style, reset = (COLOUR[name], RESET) if colour else ("", "")
            length = span["end"] - span["start"]
            out.append(Mark(span["start"], (1, -length), f"{style}{OPEN[name]}{n} "))
            out.append(Mark(span["end"], (0, length), f"{CLOSE[name]}{n}{reset}"))
    return sorted(out)


def render(article: dict, statements: list[dict], colour: bool = False) -> str:
    """The article's text, line by line with numbers, spans bracketed and boilerplate labelled."""
    text = article["text"]
    labels: dict[int, str] = {}
    whole: set[int] = set()  # lines that are boilerplate from end to end, dimmed in colour
    for span in article["boilerplate"]:
        first, last = text.count("\n", 0, span["start"]), text.count("\n", 0, span["end"] - 1)
        for number in range(first, last + 1):
            labels.setdefault(number, span["label"])
        line_end = text.find("\n", span["end"])
        if not text[text.rfind("\n", 0, span["start"]) + 1:span["start"]].strip() and \
                not text[span["end"]:line_end if line_end != -1 else len(text)].strip():
            whole.update(range(first, last + 1))
    pending = marks(statements, colour)
    out, at, k = [], 0, 0
    lines = text.split("\n")
    width = len(str(len(lines)))
    margin = max((len(label) for label in labels.values()), default=0)
    for number, line in enumerate(lines):
        end = at + len(line)
        pieces, cursor = [], at
        while k < len(pending) and pending[k].at <= end:
            mark = pending[k]
            pieces.append(printable(text[cursor:mark.at]))
            pieces.append(mark.text)
            cursor = mark.at
            k += 1
        pieces.append(printable(text[cursor:end]))
        body = "".join(pieces).rstrip("\r")
        label = labels.get(number, "")
        if number in whole and colour:
            body = f"{DIM}{body}{RESET}"
        out.append(f"{number + 1:>{width}} {label:<{margin}} | {body}".rstrip())
        at = end + 1
    return "\n".join(out)


def legend(statements: list[dict]) -> list[list[str]]:
    """One row per statement for the table under the text."""
    rows = []
    for row in statements:
        quote = row["quote"]["text"]
        rows.append([row["statement_id"].rsplit("/", 1)[1], row["kind"], row["verification_status"],
                     printable(row["speaker"]["name"] or "(publisher unknown)"),
                     printable(quote if len(quote) <= 60 else quote[:57] + "...")])
    return rows
