"""Typing errors: the slips a typist makes most, on a QWERTY keyboard."""

from __future__ import annotations

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
