"""Bootstrap resampling for the benchmark's intervals: which articles each resample draws.

The unit drawn is the article, as articles are what a benchmark samples: statements of one
article are not independent of each other. The draws come from a counter-based generator
(splitmix64, in numpy integer arithmetic) with a fixed seed, so the intervals are the same
on every machine and with every numpy version.
"""

from __future__ import annotations

from typing import Iterator

import numpy as np

RESAMPLES = 1000
SEED = 20_251_125
CHUNK = 100  # resamples held in memory at once: 100 × articles counts


def _splitmix64(counter: np.ndarray, seed: int) -> np.ndarray:
    z = counter * np.uint64(0x9E3779B97F4A7C15) + np.uint64(seed)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def weights(n: int, resamples: int = RESAMPLES, seed: int = SEED) -> Iterator[np.ndarray]:
    """Chunks of rows ``[resample, article]``: how often each of ``n`` articles is drawn in a resample
    of ``n`` draws with replacement."""
    for first in range(0, resamples, CHUNK):
        rows = min(CHUNK, resamples - first)
        counter = np.arange(first * n, (first + rows) * n, dtype=np.uint64) + np.uint64(1)
        draws = ((_splitmix64(counter, seed) >> np.uint64(11)).astype(np.float64) * (n / 2.0 ** 53)).astype(np.int64)
        flat = draws + np.repeat(np.arange(rows, dtype=np.int64) * n, n)
        yield np.bincount(flat, minlength=rows * n).reshape(rows, n)


def interval(values: np.ndarray, point: float) -> list[float]:
    """The 95% percentile interval of resampled values, rounded like the figures (4 places).

    Resamples where the figure is undefined (NaN: e.g. no gold statement of a kind was drawn) are
    left out; if every one is, the interval is the point itself.
    """
    values = values[~np.isnan(values)]
    if values.size == 0:
        return [point, point]
    low, high = np.quantile(values, [0.025, 0.975])
    return [round(float(low), 4), round(float(high), 4)]
