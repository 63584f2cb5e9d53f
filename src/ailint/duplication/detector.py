"""Find clones among the units of many files without comparing every pair.

1. Exact copies of whole functions meet in a dictionary keyed by the body's hashes.
2. Every unit's entries are cut into windows of ``SEED`` entries; a winnowed sample of the
   window hashes (the smallest of each ``WINNOW`` consecutive ones) goes into an index, which
   guarantees that any identical run of ``SEED + WINNOW - 1`` entries shares a sample.
   Window hashes found in more than ``MAX_SEED_COPIES`` places are boilerplate and ignored.
3. Only unit pairs that share a sample are aligned (``difflib``), and the aligned blocks are
   chained across small gaps, so copies with a few statements added, removed or changed
   (type-3 clones) are found, and scored by the share of entries that match.

Copies of one region are clustered so that each reported copy names every other one.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Collection, Iterable, Iterator, Sequence

from ailint.duplication.units import Unit

SEED = 3
WINNOW = 4
MAX_SEED_COPIES = 50
MAX_GAP = 3  # entries skipped on either side between two matching runs of one clone


@dataclass(frozen=True)
class Thresholds:
    min_statements: int = 6
    min_tokens: int = 50
    similarity: float = 0.8


@dataclass(frozen=True)
class Copy:
    """Where one copy is: a whole unit or a run of its entries."""

    path: str
    unit: Unit
    first: int  # entry indexes, inclusive
    last: int

    @property
    def whole(self) -> bool:
        return self.first == 0 and self.last == self.unit.size - 1

    @property
    def start(self) -> tuple[int, int]:
        if self.whole and self.unit.is_function:
            return self.unit.line, self.unit.column
        return self.unit.start(self.first)

    @property
    def end(self) -> tuple[int, int]:
        return self.unit.end(self.last)

    @property
    def order(self) -> tuple[str, int, int]:
        return (self.path, *self.start)


@dataclass(frozen=True)
class Clone:
    """A copy with an earlier copy elsewhere: what gets reported, and on which copy."""

    copy: Copy
    others: tuple[Copy, ...]  # every other copy, earliest first
    similarity: float  # with the earliest copy; 1.0 for identical normalised code
    same_function: bool  # both whole function bodies, identical after normalisation

    @property
    def original(self) -> Copy:
        return self.others[0]


# unit a, unit b, entry span in a, entry span in b, similarity, identical whole functions
_Link = tuple[int, int, tuple[int, int], tuple[int, int], float, bool]


def find_clones(
    files: Sequence[tuple[str, Sequence[Unit]]], thresholds: Thresholds, changed: Collection[str] = ()
) -> list[Clone]:
    """The clones among ``files`` (path, units), each reported on its later copies.

    Copies in ``changed`` files (diff mode) count as later than any other, so a clone is
    reported on the side the change added and names the untouched original.
    """
    units = [(path, unit) for path, file_units in files for unit in file_units]
    changed = frozenset(changed)
    return _report(units, list(_links(units, thresholds)), lambda copy: (copy.path in changed, copy.order))


def _links(units: list[tuple[str, Unit]], thresholds: Thresholds) -> Iterable[_Link]:
    exact_functions: dict[tuple[bytes, int], list[int]] = defaultdict(list)
    for index, (_, unit) in enumerate(units):
        if unit.is_function and _varied(unit.hashes):
            exact_functions[unit.hashes.tobytes(), unit.renaming].append(index)
        for span_a, span_b in _repeats_within(unit, thresholds):
            yield index, index, span_a, span_b, 1.0, False
    identical = set()
    for group in exact_functions.values():
        for position, a in enumerate(group):
            for b in group[position + 1 :]:
                identical.add((a, b))
                whole = (0, units[a][1].size - 1)
                yield a, b, whole, whole, 1.0, True
    for a, b in _candidates(units):
        if (a, b) not in identical:
            for span_a, span_b, similarity in _aligned(units[a][1], units[b][1], thresholds):
                yield a, b, span_a, span_b, similarity, False


def _candidates(units: list[tuple[str, Unit]]) -> Iterable[tuple[int, int]]:
    index: dict[int, list[int]] = defaultdict(list)
    for number, (_, unit) in enumerate(units):
        for sample in _winnowed(unit.hashes):
            index[sample].append(number)
    return sorted(set(_seed_pairs(index.values())))


def _seed_pairs(groups: Iterable[list[int]]) -> Iterator[tuple[int, int]]:
    """Each pair of places that share a seed; seeds found in too many places are boilerplate."""
    for places in groups:
        if 2 <= len(places) <= MAX_SEED_COPIES:
            for position, first in enumerate(places):
                for second in places[position + 1 :]:
                    yield first, second


def _winnowed(hashes: Sequence[int]) -> set[int]:
    windows = [hash(tuple(hashes[i : i + SEED])) for i in range(len(hashes) - SEED + 1)]
    if len(windows) <= WINNOW:
        return {min(windows)} if windows else set()
    return {min(windows[i : i + WINNOW]) for i in range(len(windows) - WINNOW + 1)}


def _aligned(a: Unit, b: Unit, thresholds: Thresholds):
    """Regions of ``a`` and ``b`` that match closely enough: runs of equal entries chained
    across gaps of at most MAX_GAP entries."""
    blocks = [block for block in difflib.SequenceMatcher(None, a.hashes, b.hashes, autojunk=False).get_matching_blocks() if block.size]
    chain: list = []
    for block in blocks:
        if chain:
            previous = chain[-1]
            gap_a = block.a - (previous.a + previous.size)
            gap_b = block.b - (previous.b + previous.size)
            if gap_a > MAX_GAP or gap_b > MAX_GAP:
                yield from _scored(a, b, chain, thresholds)
                chain = []
        chain.append(block)
    if chain:
        yield from _scored(a, b, chain, thresholds)


def _scored(a: Unit, b: Unit, chain: list, thresholds: Thresholds):
    matched = sum(block.size for block in chain)
    first_a, first_b = chain[0].a, chain[0].b
    last_a, last_b = chain[-1].a + chain[-1].size - 1, chain[-1].b + chain[-1].size - 1
    length = (last_a - first_a + 1) + (last_b - first_b + 1)
    similarity = 2 * matched / length
    tokens = min(
        sum(a.tokens[block.a + i] for block in chain for i in range(block.size)),
        sum(b.tokens[block.b + i] for block in chain for i in range(block.size)),
    )
    big_enough = matched >= thresholds.min_statements and tokens >= thresholds.min_tokens
    if big_enough and similarity >= thresholds.similarity and _varied(a.hashes[first_a : last_a + 1]):
        yield (first_a, last_a), (first_b, last_b), similarity


def _repeats_within(unit: Unit, thresholds: Thresholds) -> Iterable[tuple[tuple[int, int], tuple[int, int]]]:
    """Identical, non-overlapping runs inside one unit (a block pasted twice in a function)."""
    hashes = unit.hashes
    starts: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for i in range(len(hashes) - SEED + 1):
        starts[tuple(hashes[i : i + SEED])].append(i)
    seen: set[tuple[int, int]] = set()
    for i, j in _seed_pairs(starts.values()):
        while i > 0 and hashes[i - 1] == hashes[j - 1]:  # back to where the run starts
            i, j = i - 1, j - 1
        if (i, j) in seen:
            continue
        seen.add((i, j))
        size = 0
        while j + size < len(hashes) and i + size < j and hashes[i + size] == hashes[j + size]:
            size += 1
        big_enough = size >= thresholds.min_statements and sum(unit.tokens[i : i + size]) >= thresholds.min_tokens
        if big_enough and _varied(hashes[i : i + size]):
            yield (i, i + size - 1), (j, j + size - 1)


def _varied(hashes: Sequence[int]) -> bool:
    """False for a run that mostly repeats a few statement shapes: a declaration list or a
    table written as code (``x = Factory("name")`` forty times), which matches any other."""
    return len(set(hashes)) * 2 >= len(hashes)


def _report(
    units: list[tuple[str, Unit]], links: list[_Link], order: Callable[[Copy], tuple[bool, tuple[str, int, int]]]
) -> list[Clone]:
    # Overlapping regions of one unit are one copy: merge them, then join copies by links.
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for a, b, span_a, span_b, _, _ in links:
        spans[a].append(span_a)
        spans[b].append(span_b)
    merged = {unit: _merge(intervals) for unit, intervals in spans.items()}

    def copy_of(unit: int, span: tuple[int, int]) -> Copy:
        for first, last in merged[unit]:
            if first <= span[0] and span[1] <= last:
                path, found = units[unit]
                return Copy(path, found, first, last)
        raise AssertionError("a span outside its merged copy")

    partners = _partners(links, copy_of)
    clones = []
    for copy, others in partners.items():
        earlier = [other for other in others if order(other) < order(copy)]
        if not earlier:
            continue
        exact_earlier = [other for other in earlier if others[other][1]]
        original = min(exact_earlier or earlier, key=order)
        rest = sorted((other for other in others if other != original), key=order)
        similarity, exact = others[original]
        clones.append(Clone(copy, (original, *rest), similarity, exact))
    return sorted(clones, key=lambda clone: clone.copy.order)


def _partners(
    links: list[_Link], copy_of: Callable[[int, tuple[int, int]], Copy]
) -> dict[Copy, dict[Copy, tuple[float, bool]]]:
    """Each copy's partners, with the best (similarity, exact) of the links between the two."""
    partners: dict[Copy, dict[Copy, tuple[float, bool]]] = defaultdict(dict)
    for a, b, span_a, span_b, similarity, exact in links:
        one, other = copy_of(a, span_a), copy_of(b, span_b)
        if one == other:
            continue
        for this, that in ((one, other), (other, one)):
            best = partners[this].get(that)
            if best is None or (similarity, exact) > best:
                partners[this][that] = (similarity, exact)
    return partners


def _merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for first, last in sorted(intervals):
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged
