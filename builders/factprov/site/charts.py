"""Bar charts of statements by a label (kind, status, fidelity, claim type): geometry for the ``chart.svg`` template.

Every bar carries its label and its count as text, so the chart is read without colour.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

LABEL_W, BAR_W, COUNT_W, ROW_H, BAR_H = 170, 260, 64, 26, 18


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    share: str  # "12.5%"
    y: float
    width: float


@dataclass(frozen=True)
class Chart:
    field: str
    title: str
    bars: list[Bar]
    total: int
    width: int = LABEL_W + BAR_W + COUNT_W
    label_w: int = LABEL_W
    bar_h: int = BAR_H
    row_h: int = ROW_H

    @property
    def height(self) -> int:
        return len(self.bars) * ROW_H + 4


def bar_chart(field: str, title: str, labels: list[str], counts: Counter) -> Chart:
    """One bar per label in schema order (zero counts too), scaled to the largest."""
    total = sum(counts[label] for label in labels)
    top = max((counts[label] for label in labels), default=0) or 1
    bars = [Bar(label, counts[label], f"{100 * counts[label] / total:.1f}%" if total else "0.0%",
                2 + i * ROW_H, round(BAR_W * counts[label] / top, 1))
            for i, label in enumerate(labels)]
    return Chart(field, title, bars, total)
