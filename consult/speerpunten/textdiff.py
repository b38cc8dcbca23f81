"""Word-level diffs, three-way merges and provenance for section texts.

Everything works on the tokens of tokenize(): words, whitespace runs and single
punctuation characters, so that a changed word never drags its neighbours along
and a space between two changed words can still anchor a merge.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from difflib import Match, SequenceMatcher
from itertools import groupby
from operator import itemgetter
from typing import TypeVar

from merge3 import Merge3

__all__ = [
    "ConflictRegion",
    "MergeResult",
    "diff_words",
    "merge_three_way",
    "provenance",
    "tokenize",
]

T = TypeVar("T", bound=Hashable)

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")

# SequenceMatcher(autojunk=False) gives the most natural alignment but its cost
# grows with len(a) * len(b) (every repeated " " is tried as a match start), so
# it is only used on gaps whose product stays below this bound.
_SMALL_GAP = 10_000

_CONTEXT_CHARS = 60

# Tokens compared at once when trimming the common prefix and suffix.
_STRIDE = 32

Block = tuple[int, int, int]
_Region = tuple[list[str], list[str], list[str]]


def tokenize(text: str) -> list[str]:
    """Split text into word runs, whitespace runs and single other characters, losslessly."""
    return _TOKEN.findall(text)


@functools.lru_cache(maxsize=16)
def _tokens(text: str) -> tuple[str, ...]:
    """tokenize() of a text that diffs and merges meet again and again: a version that
    amendments were written against, the current one. A 5,000-word section takes 1.7 ms to
    split, a third of a merge."""
    return tuple(_TOKEN.findall(text))


# --- matching -----------------------------------------------------------------


def _matching_blocks(a: Sequence[str], b: Sequence[str]) -> list[Block]:
    """Return SequenceMatcher-style matching blocks of a and b, ending with (len(a), len(b), 0).

    Sections are long and edits are few, so each range is first trimmed of its
    common prefix and suffix; what is left is split on tokens that occur exactly
    once on both sides (patience diff), or failing those on words that occur
    equally often on both sides, and only small remaining gaps go to difflib
    without junk heuristics, whose quadratic cost is harmless there.
    """
    blocks: list[Block] = []
    stack = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()

        start_a, start_b = alo, blo
        # Runs of _STRIDE tokens are compared at once (in C), the rest one by one: a long
        # section that one edit changed is mostly common prefix and suffix.
        while (ahi - alo >= _STRIDE and bhi - blo >= _STRIDE
               and a[alo : alo + _STRIDE] == b[blo : blo + _STRIDE]):
            alo += _STRIDE
            blo += _STRIDE
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            alo += 1
            blo += 1
        if alo > start_a:
            blocks.append((start_a, start_b, alo - start_a))

        end_a = ahi
        while (ahi - alo >= _STRIDE and bhi - blo >= _STRIDE
               and a[ahi - _STRIDE : ahi] == b[bhi - _STRIDE : bhi]):
            ahi -= _STRIDE
            bhi -= _STRIDE
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi -= 1
            bhi -= 1
        if ahi < end_a:
            blocks.append((ahi, bhi, end_a - ahi))

        if alo == ahi or blo == bhi:
            continue
        if (ahi - alo) * (bhi - blo) <= _SMALL_GAP:
            blocks.extend(_difflib_blocks(a, b, alo, ahi, blo, bhi, autojunk=False))
            continue

        pairs = _unique_pairs(a, b, alo, ahi, blo, bhi) or _equal_count_pairs(
            a, b, alo, ahi, blo, bhi
        )
        anchors = [(i, j, 1) for i, j in _longest_chain(pairs)]
        if not anchors:
            # No word occurs equally often on both sides: a rewrite. autojunk
            # keeps this pass near linear by not starting matches on frequent
            # tokens (" ", "de", ","), but that also hides short runs of them
            # between edits, so its blocks only serve as anchors and the gaps
            # between them are matched again.
            anchors = _difflib_blocks(a, b, alo, ahi, blo, bhi, autojunk=True)
        prev_a, prev_b = alo, blo
        for i, j, n in anchors:
            blocks.append((i, j, n))
            stack.append((prev_a, i, prev_b, j))
            prev_a, prev_b = i + n, j + n
        if anchors:
            stack.append((prev_a, ahi, prev_b, bhi))

    blocks.sort()
    merged: list[Block] = []
    for i, j, n in blocks:
        if merged:
            pi, pj, pn = merged[-1]
            if pi + pn == i and pj + pn == j:
                merged[-1] = (pi, pj, pn + n)
                continue
        merged.append((i, j, n))
    merged.append((len(a), len(b), 0))
    return merged


def _difflib_blocks(
    a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int, bhi: int, *, autojunk: bool
) -> list[Block]:
    matcher = _DiagonalMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=autojunk)
    return [(alo + i, blo + j, n) for i, j, n in matcher.get_matching_blocks() if n]


class _DiagonalMatcher(SequenceMatcher[str]):
    """SequenceMatcher that breaks ties between equally long matches by the context's offset."""

    def find_longest_match(
        self, alo: int = 0, ahi: int | None = None, blo: int = 0, bhi: int | None = None
    ) -> Match:
        ahi = len(self.a) if ahi is None else ahi
        bhi = len(self.b) if bhi is None else bhi
        i, j, k = super().find_longest_match(alo, ahi, blo, bhi)
        # In "de de de" → "X de de Y" several runs are equally long and difflib
        # takes the leftmost, which can shift the alignment by a word so that a
        # merge puts the other side's edit on the wrong "de". Prefer the offset
        # of the matched text just before the gap, then just after it: words
        # replaced one for one leave that offset unchanged.
        a, b = self.a, self.b
        for diagonal in (alo - blo, ahi - bhi):
            if k == 0 or i - j == diagonal:
                break
            for ci, cj in ((j + diagonal, j), (i, i - diagonal)):
                if alo <= ci and ci + k <= ahi and blo <= cj and cj + k <= bhi:
                    if all(a[ci + n] == b[cj + n] for n in range(k)):
                        return Match(ci, cj, k)
        return Match(i, j, k)


def _unique_pairs(
    a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    """Positions (i, j) of the tokens that occur exactly once in both ranges, by i."""
    count_a = Counter(a[alo:ahi])
    count_b = Counter(b[blo:bhi])
    # For unique tokens the last index seen is the only one.
    where_a = {a[i]: i for i in range(alo, ahi)}
    where_b = {b[j]: j for j in range(blo, bhi)}
    return sorted(
        (where_a[token], where_b[token])
        for token, n in count_a.items()
        if n == 1 and count_b.get(token) == 1
    )


def _equal_count_pairs(
    a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    """The k-th occurrences in a and b of each word that occurs equally often in both ranges, by i.

    In repetitive text nothing may be unique, yet a few edits leave almost every
    word's count alone, so pairing occurrences in order recovers the alignment.
    """
    where_a: dict[str, list[int]] = {}
    where_b: dict[str, list[int]] = {}
    for i in range(alo, ahi):
        where_a.setdefault(a[i], []).append(i)
    for j in range(blo, bhi):
        where_b.setdefault(b[j], []).append(j)
    pairs = []
    for token, positions in where_a.items():
        # Whitespace is everywhere; pairing it adds noise, not information.
        if not token.isspace() and len(positions) == len(where_b.get(token, ())):
            pairs.extend(zip(positions, where_b[token]))
    pairs.sort()
    return pairs


def _longest_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of pairs (sorted by i) whose j also increases (patience sorting)."""
    if not pairs:
        return []
    tail_js: list[int] = []
    tails: list[int] = []
    previous = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect_left(tail_js, j)
        if pos:
            previous[k] = tails[pos - 1]
        if pos == len(tails):
            tails.append(k)
            tail_js.append(j)
        else:
            tails[pos] = k
            tail_js[pos] = j
    chain = []
    k = tails[-1]
    while k >= 0:
        chain.append(pairs[k])
        k = previous[k]
    chain.reverse()
    return chain


class _TokenMatcher:
    """The part of difflib.SequenceMatcher that merge3 calls, answered by _matching_blocks."""

    def __init__(
        self,
        isjunk: Callable[[str], bool] | None = None,
        a: Sequence[str] = (),
        b: Sequence[str] = (),
        autojunk: bool = True,
    ) -> None:
        # isjunk/autojunk are accepted for protocol compatibility and ignored:
        # junk heuristics would stop " " from being a sync point.
        self.a = a
        self.b = b

    def get_matching_blocks(self) -> list[Block]:
        return _matching_blocks(self.a, self.b)


# --- two-way diff -------------------------------------------------------------


def diff_words(a: str, b: str) -> list[tuple[str, str]]:
    """Diff a to b per word as coalesced (equal|delete|insert, text) pairs, deletes first."""
    ta, tb = _tokens(a), _tokens(b)
    # A piece is equal text (str) or a change (deleted_text, inserted_text).
    pieces: list[str | tuple[str, str]] = []
    ia = ib = 0
    for i, j, n in _matching_blocks(ta, tb):
        if i > ia or j > ib:
            change = ("".join(ta[ia:i]), "".join(tb[ib:j]))
            while len(pieces) >= 2:
                previous, between = pieces[-2], pieces[-1]
                if not (
                    isinstance(previous, tuple)
                    and isinstance(between, str)
                    and _is_noise(between, previous, change)
                ):
                    break
                del pieces[-2:]
                change = (previous[0] + between + change[0], previous[1] + between + change[1])
            pieces.append(change)
        if n:
            pieces.append("".join(ta[i : i + n]))
        ia, ib = i + n, j + n

    result: list[tuple[str, str]] = []
    for piece in pieces:
        if isinstance(piece, str):
            ops = [("equal", piece)]
        else:
            ops = [("delete", piece[0]), ("insert", piece[1])]
        for op, text in ops:
            if not text:
                continue
            if result and result[-1][0] == op:
                result[-1] = (op, result[-1][1] + text)
            else:
                result.append((op, text))
    return result


def _is_noise(equal: str, before: tuple[str, str], after: tuple[str, str]) -> bool:
    """Whether text kept between two changes only chops one rewrite into fragments.

    A lone space always does; so does any kept text no longer than the change
    on either side of it (the diff-match-patch semantic rule), as with ", de "
    inside a rewritten sentence. Longer shared stretches stay, so separate
    edits still show separately.
    """
    if equal.isspace():
        return True
    size = len(equal)
    return size <= max(map(len, before)) and size <= max(map(len, after))


# --- three-way merge ----------------------------------------------------------


@dataclass(frozen=True)
class ConflictRegion:
    """A stretch of base that current and the amendment both changed, differently."""

    base: str
    current: str
    proposed: str
    before: str
    after: str


@dataclass(frozen=True)
class MergeResult:
    """The merged text, or None with the conflicts that prevented it."""

    text: str | None
    conflicts: tuple[ConflictRegion, ...]

    @property
    def ok(self) -> bool:
        """True when the merge had no conflicts."""
        return not self.conflicts


def merge_three_way(base: str, current: str, proposed: str) -> MergeResult:
    """Apply base→proposed to current per word; overlapping different changes conflict."""
    if current == base or current == proposed:
        return MergeResult(proposed, ())
    if proposed == base:
        return MergeResult(current, ())

    # A piece is merged tokens (list) or an unresolved conflict as
    # (base, current, proposed) tokens, whose current text stands in as context.
    pieces: list[list[str] | _Region] = []
    merger = Merge3(
        _tokens(base), _tokens(current), _tokens(proposed), sequence_matcher=_TokenMatcher
    )
    for group in merger.merge_groups():
        if group[0] != "conflict":
            _append_merged(pieces, group[1])
            continue
        z, x, y = list(group[1]), list(group[2]), list(group[3])
        # merge3 regions can carry tokens all three share at their edges.
        prefix = _common_prefix(z, x, y)
        suffix = _common_suffix(z[prefix:], x[prefix:], y[prefix:])
        core = (
            z[prefix : len(z) - suffix],
            x[prefix : len(x) - suffix],
            y[prefix : len(y) - suffix],
        )
        _append_merged(pieces, x[:prefix])
        resolved = _resolve(*core)
        if resolved is not None:
            _append_merged(pieces, resolved)
        else:
            if len(pieces) >= 2:
                previous, between = pieces[-2], pieces[-1]
                # Two conflicts split only by a space are one disagreement to a reader.
                if (
                    isinstance(previous, tuple)
                    and isinstance(between, list)
                    and "".join(between).isspace()
                ):
                    del pieces[-2:]
                    core = (
                        previous[0] + between + core[0],
                        previous[1] + between + core[1],
                        previous[2] + between + core[2],
                    )
            pieces.append(core)
        _append_merged(pieces, x[len(x) - suffix :])

    texts = ["".join(piece if isinstance(piece, list) else piece[1]) for piece in pieces]
    conflicts = tuple(
        ConflictRegion(
            base="".join(piece[0]),
            current="".join(piece[1]),
            proposed="".join(piece[2]),
            before=_tail("".join(texts[:k])),
            after=_head("".join(texts[k + 1 :])),
        )
        for k, piece in enumerate(pieces)
        if isinstance(piece, tuple)
    )
    if conflicts:
        return MergeResult(None, conflicts)
    return MergeResult("".join(texts), ())


def _append_merged(pieces: list[list[str] | _Region], tokens: Sequence[str]) -> None:
    if not tokens:
        return
    if pieces and isinstance(pieces[-1], list):
        pieces[-1].extend(tokens)
    else:
        pieces.append(list(tokens))


def _resolve(base: list[str], current: list[str], proposed: list[str]) -> list[str] | None:
    """Settle a flagged region that one side left alone once shared insertions are set aside.

    Text inserted identically by both sides at the start or end of the region is
    agreement, not conflict; what remains must be unchanged on one side. Two
    different changes at one spot (an insertion next to a replacement included)
    stay a conflict: picking an order would be a guess.
    """
    if current == proposed:
        return current
    # The caller stripped what all three share, so tokens current and proposed
    # still share at either end are ones both sides put there.
    prefix = _common_prefix(current, proposed)
    suffix = _common_suffix(current[prefix:], proposed[prefix:])
    rest_current = current[prefix : len(current) - suffix]
    rest_proposed = proposed[prefix : len(proposed) - suffix]
    if rest_current == base:
        middle = rest_proposed
    elif rest_proposed == base:
        middle = rest_current
    else:
        return None
    return current[:prefix] + middle + current[len(current) - suffix :]


def _common_prefix(*seqs: Sequence[str]) -> int:
    n = 0
    for items in zip(*seqs):
        if any(item != items[0] for item in items[1:]):
            break
        n += 1
    return n


def _common_suffix(*seqs: Sequence[str]) -> int:
    return _common_prefix(*(list(reversed(s)) for s in seqs))


def _tail(text: str) -> str:
    if len(text) <= _CONTEXT_CHARS:
        return text
    cut = text[-_CONTEXT_CHARS:]
    if text[-_CONTEXT_CHARS - 1].isspace() or cut[0].isspace():
        return cut
    # Start at a word boundary rather than mid-word when the window allows it.
    match = re.search(r"\s+", cut)
    return cut[match.end() :] if match and match.end() < len(cut) else cut


def _head(text: str) -> str:
    if len(text) <= _CONTEXT_CHARS:
        return text
    cut = text[:_CONTEXT_CHARS]
    if text[_CONTEXT_CHARS].isspace() or cut[-1].isspace():
        return cut
    spaces = [m.start() for m in re.finditer(r"\s+", cut)]
    return cut[: spaces[-1]] if spaces and spaces[-1] > 0 else cut


# --- provenance ---------------------------------------------------------------


def provenance(versions: list[tuple[T, str]]) -> list[tuple[T, str]]:
    """Split the last text into passages labelled with the version that introduced each token."""
    return smooth(provenance_runs(versions))


def provenance_runs(versions: list[tuple[T, str]],
                    start: list[tuple[T, str]] | None = None) -> list[tuple[T, str]]:
    """The passages of the last text, each with the version whose tokens it holds, before
    smoothing. `start` is the same for an earlier text, whose versions are then left out
    of `versions`: provenance builds on from there instead of from the first version."""
    if start is not None:
        tokens, labels = _labelled_tokens(start)
    elif versions:
        first_label, first_text = versions[0]
        tokens = tokenize(first_text)
        labels = [first_label] * len(tokens)
        versions = versions[1:]
    else:
        return []
    for label, text in versions:
        new_tokens = tokenize(text)
        new_labels: list[T] = [label] * len(new_tokens)
        for i, j, n in _matching_blocks(tokens, new_tokens):
            new_labels[j : j + n] = labels[i : i + n]
        tokens, labels = new_tokens, new_labels
    return _runs(tokens, labels)


def smooth(runs: list[tuple[T, str]]) -> list[tuple[T, str]]:
    """A space that happened to match (or not) between two tokens of one version says
    nothing about who wrote the passage, so it follows its neighbours."""
    tokens, labels = _labelled_tokens(runs)
    for k in range(1, len(tokens) - 1):
        if tokens[k].isspace() and labels[k - 1] == labels[k + 1]:
            labels[k] = labels[k - 1]
    return _runs(tokens, labels)


def _labelled_tokens(runs: list[tuple[T, str]]) -> tuple[list[str], list[T]]:
    """The tokens of these runs, and for each the label of its run."""
    tokens: list[str] = []
    labels: list[T] = []
    for label, text in runs:
        run = tokenize(text)
        tokens += run
        labels += [label] * len(run)
    return tokens, labels


def _runs(tokens: list[str], labels: list[T]) -> list[tuple[T, str]]:
    return [
        (label, "".join(token for token, _ in run))
        for label, run in groupby(zip(tokens, labels), key=itemgetter(1))
    ]
