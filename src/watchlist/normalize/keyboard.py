"""Typing errors: the slips a typist makes most, on a QWERTY keyboard."""

from __future__ import annotations

from functools import cache

KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _keyboard_neighbours() -> frozenset[tuple[str, str]]:
    pairs = set()
    for r, row in enumerate(KEYBOARD_ROWS):
        for c, key in enumerate(row):
            for dr, dc in ((0, -1), (0, 1), (-1, 0), (-1, 1), (1, -1), (1, 0)):
                rr, cc = r + dr, c + dc
                if 0 <= rr < len(KEYBOARD_ROWS) and 0 <= cc < len(KEYBOARD_ROWS[rr]):
                    pairs.add((key, KEYBOARD_ROWS[rr][cc]))
    return frozenset(pairs)


# (key, key beside it), both ways round.
NEIGHBOURS = _keyboard_neighbours()


def one_slip(typed: str, meant: str) -> bool:
    """Whether `typed` is `meant` with one slip of a typist's fingers: two letters swapped, a
    neighbouring key for the right one, a letter left out, or an extra key doubled or beside
    the one next to it. Another letter in place or in addition is not a slip but another word
    (`shein`, `shafik` are not `sheik`, `shaik`)."""
    if typed == meant:
        return False
    if len(typed) == len(meant):
        diff = [i for i, (a, b) in enumerate(zip(typed, meant, strict=True)) if a != b]
        if len(diff) == 1:
            return (typed[diff[0]], meant[diff[0]]) in NEIGHBOURS
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and typed[i : i + 2] == meant[i + 1 : i - 1 : -1]
    if len(typed) == len(meant) - 1:
        return any(meant[:i] + meant[i + 1 :] == typed for i in range(len(meant)))
    if len(typed) == len(meant) + 1:
        for i, extra in enumerate(typed):
            if typed[:i] + typed[i + 1 :] != meant:
                continue
            beside = typed[i - 1 : i] + typed[i + 1 : i + 2]
            if any(extra == b or (extra, b) in NEIGHBOURS for b in beside):
                return True
    return False


def _slip_candidates(meant: str) -> set[str]:
    """Every word one swap, neighbouring key, dropped letter or extra key from `meant` (a
    superset of its one-slip typings; `one_slip` decides)."""
    found: set[str] = set()
    for i, ch in enumerate(meant):
        found.add(meant[:i] + meant[i + 1 :])
        found.add(meant[:i] + meant[i + 1 : i + 2] + ch + meant[i + 2 :])
        for left, right in NEIGHBOURS:
            if left == ch:
                found.add(meant[:i] + right + meant[i + 1 :])
                found.add(meant[:i] + right + meant[i:])
                found.add(meant[: i + 1] + right + meant[i + 1 :])
        found.add(meant[:i] + ch + meant[i:])
    return found


@cache
def two_slips(meant: str) -> frozenset[str]:
    """The words a typist makes of `meant` with one or two slips (`one_slip`): `comlnay`,
    `cppany` for company. Thousands for a word of seven letters: for a few words only."""
    once = {typed for typed in _slip_candidates(meant) if one_slip(typed, meant)}
    twice = {typed for word in once for typed in _slip_candidates(word) if one_slip(typed, word)}
    twice.discard(meant)
    return frozenset(once | twice)
