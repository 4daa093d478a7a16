"""Splitting digits that running text ran together ("801000081") back into cells.

Web pages flattened to text lose the boundaries between table cells. A run can only be
split where every piece is a number as a form prints it (no leading zeros), and the
pieces must make the row's count exactly. Which of those splits is right is decided by
the caller's check: for tables 3 and 4 the form's own identities (a row's total is the
sum of its parts) almost always leave one split.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import combinations
from math import comb

from gongkai.ingest.layout import Where
from gongkai.mapping.tokens import Token

_RUN = re.compile(r"^([-－−]?)(\d+)((?:[.．]\d+)?(?:\s*万?元)?)$")

# Enumerating more candidates than this means the text cannot settle the split anyway.
MAX_CANDIDATES = 50_000


def candidate_splits(tokens: list[Token], count: int) -> Iterator[list[Token]]:
    """Every way to cut the tokens into exactly ``count`` values, in order.

    Only ``run`` tokens are cut; a piece keeps the token's place. Yields nothing when no
    split makes ``count`` values.
    """
    most = count - len(tokens) + 1
    if most < 1:
        return
    if _count_cuts(tokens, count) > MAX_CANDIDATES:
        raise TooManySplits(count)
    options = [_pieces_options(t, most) for t in tokens]
    for texts in _combine(options, 0, count, ()):
        yield [Token(text, where, run=run) for text, where, run in texts]


class TooManySplits(Exception):
    """The digits could be cut in more ways than it is worth checking."""


def _count_cuts(tokens: list[Token], count: int) -> int:
    """How many ways of cutting the tokens into exactly ``count`` pieces there are at
    most (leading zeros not yet ruled out): a count over the tokens, piece by piece."""
    ways = {0: 1}  # pieces so far → ways
    for token in tokens:
        match = _RUN.match(token.text.strip()) if token.run else None
        n = len(match.group(2)) if match else 1
        step: dict[int, int] = {}
        for done, w in ways.items():
            for m in range(1, min(n, count - done) + 1):
                step[done + m] = step.get(done + m, 0) + w * comb(n - 1, m - 1)
        ways = step
    return ways.get(count, 0)


Piece = tuple[str, Where, bool]


def _pieces_options(token: Token, most: int) -> dict[int, list[tuple[Piece, ...]]]:
    """For one token: number of pieces (at most ``most``) → the ways to cut it so."""
    if not token.run:
        return {1: [((token.text, token.where, False),)]}
    return {
        n: [tuple((t, token.where, True) for t in texts) for texts in ways]
        for n, ways in _cut_texts(token.text.strip(), most).items()
    }


@lru_cache(maxsize=1024)
def _cut_texts(text: str, most: int) -> dict[int, list[tuple[str, ...]]]:
    match = _RUN.match(text)
    if match is None:
        return {1: [(text,)]}
    sign, digits, tail = match.groups()
    options: dict[int, list[tuple[str, ...]]] = {}
    for pieces in range(1, min(most, len(digits)) + 1):
        for cut in combinations(range(1, len(digits)), pieces - 1):
            bounds = zip((0, *cut), (*cut, len(digits)), strict=True)
            texts = [digits[a:b] for a, b in bounds]
            if any(len(t) > 1 and t.startswith("0") for t in texts):
                continue
            texts[0] = sign + texts[0]
            texts[-1] = texts[-1] + tail
            options.setdefault(pieces, []).append(tuple(texts))
    return options


def _combine(
    options: list[dict[int, list[tuple[Piece, ...]]]],
    index: int,
    left: int,
    acc: tuple[Piece, ...],
) -> Iterator[tuple[Piece, ...]]:
    if index == len(options):
        if left == 0:
            yield acc
        return
    remaining_tokens = len(options) - index - 1
    for pieces, ways in options[index].items():
        if pieces > left - remaining_tokens:
            continue
        for way in ways:
            yield from _combine(options, index + 1, left - pieces, acc + way)
