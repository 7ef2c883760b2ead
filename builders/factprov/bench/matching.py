"""Matching: in each article, gold and predicted statements paired one to one so that the shared quote
characters are as many as possible (an optimal assignment, solved exactly on each group of
mutually overlapping spans). A pair shares at least one character.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from factprov.bench.gold import GoldStatement
from factprov.bench.predictions import Predicted

# Limits that keep the pairing near-linear in the number of predictions, however they overlap.
# Each group of overlapping spans is paired by an optimal assignment, after dropping the pairs no
# optimum needs (``_prune``). A sparse group (a chain: sliding windows over many quotes) is solved by
# local shortest-path searches; a dense one by the Hungarian method, whose cost grows with the square
# of its smaller side (almost always the gold side, which annotators bound) times the larger one.
# benchmarks/overlap.py measures both.
MAX_GROUP = 200          # statements on the smaller side of one group of overlapping spans
MAX_PAIRS = 1_000_000    # overlapping (gold, predicted) pairs in one article
PRUNE_FROM = 16          # edges in a group from which pruning pays for itself
DENSE = 0.05             # a group with fewer edges than this share of all pairs is paired by sparse search


class MatchLimit(Exception):
    """An article whose overlapping spans are too many to pair optimally in reasonable time."""

    article_id: str | None = None


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _assign(edges: dict[tuple[int, int], int]) -> list[tuple[int, int]]:
    """Pairs (row, column) of largest total weight, each row and column at most once.

    ``edges`` maps (row, column) to a positive weight; absent cells weigh 0. With ``n`` rows on
    the smaller side, each row needs only its ``n`` heaviest columns: in an optimal assignment
    that uses another column, one of those ``n`` is free and weighs as much, so swapping loses
    nothing. What is left is solved by the Hungarian method with shortest augmenting paths,
    O(n² · columns kept), each inner step a numpy operation over the columns. Ties go to the
    lowest index, so the result is deterministic.
    """
    import numpy as np

    rows = sorted({i for i, _ in edges})
    cols = sorted({j for _, j in edges})
    transposed = len(rows) > len(cols)
    if transposed:
        edges = {(j, i): w for (i, j), w in edges.items()}
        rows, cols = cols, rows
    n = len(rows)
    by_row: dict[int, list[tuple[int, int]]] = {}
    for (i, j), w in edges.items():
        by_row.setdefault(i, []).append((-w, j))
    kept = sorted({j for cells in by_row.values() for _, j in sorted(cells)[:n]})
    row_at, col_at = {r: a for a, r in enumerate(rows)}, {c: b for b, c in enumerate(kept)}
    m = len(kept)
    w = np.zeros((n, m), dtype=np.int64)
    for (i, j), weight in edges.items():
        if j in col_at:
            w[row_at[i], col_at[j]] = weight
    cost = (w.max() - w).astype(np.float64)  # exact: integers far below 2**53
    u, v = np.zeros(n + 1), np.zeros(m + 1)
    p = np.zeros(m + 1, dtype=np.int64)  # p[j]: the row (1-based) assigned to column j, 0 for none
    way = np.zeros(m + 1, dtype=np.int64)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv = np.full(m + 1, np.inf)
        used = np.zeros(m + 1, dtype=bool)
        while True:
            used[j0] = True
            i0 = p[j0]
            free = ~used
            current = cost[i0 - 1] - u[i0] - v[1:]
            better = free[1:] & (current < minv[1:])
            minv[1:][better] = current[better]
            way[1:][better] = j0
            candidates = np.where(free[1:], minv[1:], np.inf)
            j1 = int(np.argmin(candidates)) + 1
            delta = candidates[j1 - 1]
            u[p[used]] += delta
            v[used] -= delta
            minv[free] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = int(way[j0])
            p[j0] = p[j1]
            j0 = j1
    pairs = [(rows[int(p[b]) - 1], kept[b - 1]) for b in range(1, m + 1)
             if p[b] and w[int(p[b]) - 1, b - 1] > 0]
    return sorted((j, i) if transposed else (i, j) for i, j in pairs)


def _assign_sparse(edges: dict[tuple[int, int], int]) -> list[tuple[int, int]]:
    """The same optimum as :func:`_assign`, for a sparse group: the Hungarian method with Dijkstra's
    shortest augmenting paths over the edges only.

    Each row (gold quote) may also stay unpaired, through a column of its own that weighs 0. With
    integer potentials the reduced costs stay exact; each search stops at the first free column,
    which on spans that overlap only their neighbours is close by. Ties go to the lowest index.
    """
    import heapq

    rows = sorted({i for i, _ in edges})
    top = max(edges.values())
    out: dict[int, list[tuple[int, int]]] = {i: [] for i in rows}
    for (i, j), weight in sorted(edges.items()):
        out[i].append((j, top - weight))  # cost: minimised
    alone = {i: ("alone", i) for i in rows}  # the column that leaves row i unpaired, at cost ``top``
    for i in rows:
        out[i].append((alone[i], top))
    u = {i: min(c for _, c in out[i]) for i in rows}
    v: dict[Any, int] = {}
    row_of: dict[Any, int] = {}   # column -> row
    col_of: dict[int, Any] = {}   # row -> column
    for source in rows:
        dist: dict[Any, int] = {}
        before: dict[Any, int] = {}
        done: dict[Any, int] = {}
        heap: list = []
        order = 0

        def relax(row: int, base: int) -> None:
            nonlocal order
            for col, cost in out[row]:
                if col in done:
                    continue
                d = base + cost - u[row] - v.get(col, 0)
                if d < dist.get(col, d + 1):
                    dist[col], before[col] = d, row
                    order += 1
                    heapq.heappush(heap, (d, order, col))

        relax(source, 0)
        while True:
            d, _, col = heapq.heappop(heap)
            if col in done or d != dist[col]:
                continue
            done[col] = d
            if col not in row_of:
                break
            relax(row_of[col], d)
        for c, dc in done.items():  # potentials: matched edges keep reduced cost 0, all stay >= 0
            v[c] = v.get(c, 0) + dc - d
            if c in row_of:
                u[row_of[c]] += d - dc
        u[source] += d
        while True:  # augment along the path
            row = before[col]
            previous = col_of.get(row)
            row_of[col], col_of[row] = row, col
            if row == source:
                break
            col = previous
    return sorted((i, j) for i, j in col_of.items() if not isinstance(j, tuple))


def match(gold: list[GoldStatement], predicted: list[Predicted]) -> list[tuple[int, int]]:
    """Optimal one-to-one pairs (gold index, predicted index) by shared quote characters.

    Raises :class:`MatchLimit` past ``MAX_PAIRS`` overlapping pairs in the article, or a group
    of overlapping spans with more than ``MAX_GROUP`` statements on both sides.
    """
    if not gold or not predicted:
        return []
    # A sweep: gold quotes by start; the predictions that started before a gold quote ends and have
    # not ended before it starts are the active ones (a prediction ended before one gold quote starts
    # cannot reach the later ones).
    order = sorted(range(len(predicted)), key=lambda j: predicted[j].start)
    edges: dict[tuple[int, int], int] = {}
    active: list[int] = []
    k = 0
    for i in sorted(range(len(gold)), key=lambda i: gold[i].start):
        g = gold[i]
        while k < len(order) and predicted[order[k]].start < g.end:
            active.append(order[k])
            k += 1
        active = [j for j in active if predicted[j].end > g.start]
        for j in active:
            p = predicted[j]
            if p.start < g.end:
                edges[(i, j)] = min(p.end, g.end) - max(p.start, g.start)
        if len(edges) > MAX_PAIRS:
            raise MatchLimit(f"more than {MAX_PAIRS:,} pairs of overlapping gold and predicted quotes in one "
                             "article; the scorer pairs at most that many")
    gold_degree = Counter(i for i, _ in edges)
    predicted_degree = Counter(j for _, j in edges)
    pairs = [(i, j) for i, j in edges if gold_degree[i] == 1 and predicted_degree[j] == 1]  # alone together
    rest = {e: w for e, w in edges.items() if gold_degree[e[0]] > 1 or predicted_degree[e[1]] > 1}
    for group in _components(rest):
        if len(group) == 1:
            pairs += list(group)
            continue
        parts = _components(_prune(group)) if len(group) > PRUNE_FROM else [group]
        for part in parts:  # pruning can split a group: pair each part
            if len(part) == 1:
                pairs += list(part)
                continue
            n_gold, n_predicted = len({i for i, _ in part}), len({j for _, j in part})
            if len(part) <= DENSE * n_gold * n_predicted:
                pairs += _assign_sparse(part)  # a chain (sliding windows over many quotes): local searches
                continue
            if min(n_gold, n_predicted) > MAX_GROUP:
                raise MatchLimit(f"{n_gold:,} gold and {n_predicted:,} predicted quotes overlap one another in "
                                 f"one group; the scorer pairs groups with at most {MAX_GROUP:,} on one side")
            pairs += _assign(part)
    return sorted(pairs)


def _components(edges: dict[tuple[int, int], int]) -> list[dict[tuple[int, int], int]]:
    """The connected groups of a bipartite graph given as {(gold, predicted): weight}."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        parent[find(("g", i))] = find(("p", j))
    groups: dict[tuple[str, int], dict[tuple[int, int], int]] = {}
    for (i, j), weight in edges.items():
        groups.setdefault(find(("g", i)), {})[(i, j)] = weight
    return list(groups.values())


def _prune(edges: dict[tuple[int, int], int]) -> dict[tuple[int, int], int]:
    """The edges an optimal assignment needs: each gold quote keeps its ``c + 1`` heaviest predictions,
    where ``c`` is the number of other gold quotes that overlap any prediction it overlaps.

    Exact: if an optimal assignment paired it with another prediction, at most ``c`` of those ``c + 1``
    are taken by the others, so one is free and weighs as much. Sliding windows chain every gold
    quote of an article into one group; most of those links are not needed, and the group falls
    apart into small ones.
    """
    rows_of: dict[int, set[int]] = {}
    cols_of: dict[int, list[tuple[int, int]]] = {}
    for (i, j), weight in edges.items():
        rows_of.setdefault(j, set()).add(i)
        cols_of.setdefault(i, []).append((-weight, j))
    kept = {}
    for i, cells in cols_of.items():
        rivals: set[int] = set()
        for _, j in cells:
            rivals |= rows_of[j]
            if len(rivals) > len(cells):
                break
        cells.sort()
        for weight, j in cells[:len(rivals)]:  # rivals holds i itself: c + 1
            kept[(i, j)] = -weight
    return kept


