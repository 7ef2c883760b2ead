"""Krippendorff's alpha, computed by the ``krippendorff`` package from value counts.

Every unit (a token of an article, or a matched pair of statements) is a row of counts: how many
annotators gave it each value. Counts do not say which annotator gave which value, which alpha
does not need, so units coded by different sets of annotators pool into one figure.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

import krippendorff
import numpy as np

TOKEN = re.compile(r"\w+|[^\w\s]")  # a word, or one punctuation mark
UNITS = ("token", "char")


def units_of(text: str, boilerplate: list[tuple[int, int]], unit: str) -> list[tuple[int, int]]:
    """The spans a label is counted on: every token (or non-space character) of the body, outside boilerplate,
    which no statement may touch."""
    if unit == "token":
        spans = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
    elif unit == "char":
        spans = [(i, i + 1) for i, c in enumerate(text) if not c.isspace()]
    else:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}")
    if not boilerplate:
        return spans
    marks = np.zeros(len(text) + 1, dtype=np.int32)
    for start, end in boilerplate:
        marks[start] += 1
        marks[end] -= 1
    inside = np.cumsum(marks)[:-1] > 0
    return [(s, e) for s, e in spans if not inside[s:e].any()]


def labelled(units: list[tuple[int, int]], spans: list[tuple[int, int]], length: int) -> np.ndarray:
    """For each unit, 1 where it shares a character with one of ``spans``, else 0."""
    covered = np.zeros(length + 1, dtype=np.int32)
    for start, end in spans:
        covered[start] += 1
        covered[end] -= 1
    depth = np.cumsum(covered)[:-1] > 0
    prefix = np.concatenate([[0], np.cumsum(depth)])
    starts = np.array([s for s, _ in units], dtype=np.int64)
    ends = np.array([e for _, e in units], dtype=np.int64)
    return ((prefix[ends] - prefix[starts]) > 0).astype(np.int8) if units else np.zeros(0, dtype=np.int8)


@dataclass
class Alpha:
    """Alpha with what it was computed on; ``value`` is ``None`` where it is undefined (fewer than two
    pairable values, or a single value throughout: nothing to agree or disagree on)."""

    value: float | None
    units: int  # units coded by at least two annotators
    values: int  # pairable values (the n of Krippendorff's formula)

    def to_json(self) -> dict:
        return {"alpha": None if self.value is None else round(self.value, 4), "units": self.units,
                "values": self.values}


def nominal(counts: np.ndarray) -> Alpha:
    """Nominal alpha of a units x values count matrix (units coded fewer than twice are left out)."""
    counts = np.asarray(counts, dtype=np.float64).reshape(len(counts), -1) if len(counts) else np.zeros((0, 1))
    pairable = counts[counts.sum(axis=1) >= 2] if len(counts) else counts
    n = int(pairable.sum())
    used = pairable[:, pairable.sum(axis=0) > 0] if len(pairable) else pairable
    if n < 2 or used.shape[1] < 2:
        return Alpha(None, len(pairable), n)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        value = float(krippendorff.alpha(value_counts=used, level_of_measurement="nominal"))
    return Alpha(None if np.isnan(value) else value, len(pairable), n)


def binary_counts(columns: list[np.ndarray]) -> np.ndarray:
    """Units x (0, 1) counts from one 0/1 vector per annotator over the same units."""
    if not columns:
        return np.zeros((0, 2))
    ones = np.sum(columns, axis=0)
    return np.stack([len(columns) - ones, ones], axis=1)


def category_counts(rows: list[list[str]], categories: list[str]) -> np.ndarray:
    """Units x categories counts from the values each unit was given."""
    index = {c: k for k, c in enumerate(categories)}
    out = np.zeros((len(rows), max(1, len(categories))))
    for u, values in enumerate(rows):
        for v in values:
            out[u, index[v]] += 1
    return out
