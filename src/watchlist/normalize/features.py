"""Tokens as the matcher reads them: text, loose form, consonant skeleton, script, in arrays.

The loose form folds the spelling differences of romanisation that leave a name the same name:
vowels in three classes, consonant spellings in one, doubled letters single.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from watchlist.normalize.phonetic import (
    glide_skeleton,
    latin_readings,
    skeleton,
    spoken_readings,
)

_LOOSE_CONSONANTS = {
    "ce": "se",
    "ci": "si",
    "sch": "s",
    "sh": "s",
    "ch": "s",
    "kh": "k",
    "gh": "g",
    "ph": "f",
    "th": "t",
    "dh": "d",
    "dzh": "j",
    "zh": "j",
    "dj": "j",
    "ck": "k",
    "q": "k",
    "c": "k",
    "x": "ks",
    "v": "f",
}
_LOOSE_VOWELS = {"o": "u", "e": "i", "y": "i", "w": "u"}
_LOOSE_SPELLINGS = sorted(_LOOSE_CONSONANTS, key=len, reverse=True)  # the order they are tried
_LOOSE_PATTERN = re.compile("|".join(_LOOSE_SPELLINGS))

try:
    from watchlist.normalize import _respell as _compiled
except ImportError:  # built without a C compiler: the Python versions do the work
    _compiled = None  # type: ignore[assignment]
if _compiled is not None:
    _compiled.configure_loose([(k, _LOOSE_CONSONANTS[k]) for k in _LOOSE_SPELLINGS], _LOOSE_VOWELS)


@lru_cache(maxsize=131072)
def loose_form(token: str) -> str:
    """Vowels in three classes (`a`; `e i y` -> `i`; `o u w` -> `u`; a leading `y` or `w`
    stays a consonant), consonant spellings merged, doubled letters single: `mohammed` ->
    `muhamid`, `yousef` -> `yusif`. Compiled where built (normalize/_respell.c), for ASCII."""
    if _compiled is not None:
        found = _compiled.loose_form(token)
        if found is not None:
            return found
    return _loose_form_python(token)


def _loose_form_python(token: str) -> str:
    """`loose_form` in Python: the reference of the compiled version, and what reads words not
    in ASCII."""
    text = _LOOSE_PATTERN.sub(lambda m: _LOOSE_CONSONANTS[m.group(0)], token)
    out: list[str] = []
    for i, ch in enumerate(text):
        if i > 0 or ch in "oe":
            ch = _LOOSE_VOWELS.get(ch, ch)
        if out and out[-1] == ch:
            continue
        out.append(ch)
    return "".join(out)


@lru_cache(maxsize=131072)
def _spoken_skeletons(token: str, abjad: bool) -> tuple[str, ...]:
    own = skeleton(token, abjad)
    readings = spoken_readings(token) if abjad else latin_readings(token)
    found = dict.fromkeys(skeleton(r, abjad) for r in readings)
    found.pop(own, None)
    return tuple(found)


# What a pickle holds: not the lists and packed forms, made again when first asked for. Named
# here, not read off `__slots__`, which a class compiled by mypyc does not have.
_PICKLED = ("_readings", "_shape", "abjad", "loose", "texts")


class TokenFeatures:
    """What similarity reads of a list of folded tokens, as parallel arrays: computed once for
    the whole vocabulary of a list, then taken by index for each query.

    The compiled similarity reads only the texts, loose forms and abjad flags. The rest is
    worked out for a query when first read, not for every query: the shape (`numeric`,
    `lengths`, `first`) by the numpy similarity, the consonant readings (`skeletons`, `spoken`,
    `glides`, `skeleton_lengths`) by pairs with an abjad word.
    """

    __slots__ = (
        "_lists",
        "_packed",
        "_packed_readings",
        "_readings",
        "_shape",
        "abjad",
        "loose",
        "texts",
    )

    texts: npt.NDArray[np.object_]
    loose: npt.NDArray[np.object_]
    abjad: npt.NDArray[np.bool_]
    # (numeric, lengths, first) once read, else None.
    _shape: tuple[Any, Any, Any] | None
    # (skeletons, spoken, glides, skeleton_lengths) once read, else None.
    _readings: tuple[Any, Any, Any, Any] | None
    # (texts, loose forms) as lists once asked for, else None; not pickled.
    _lists: tuple[list[str], list[str]] | None
    # What the compiled similarity packs of them (`packed`) once asked for; not pickled.
    _packed: bytearray | None
    # What it packs of the consonant readings (`packed_readings`) once asked for; not pickled.
    _packed_readings: bytearray | None

    @classmethod
    def of(
        cls, texts: Sequence[str], abjad: Sequence[bool] | None = None, *, readings: bool = False
    ) -> TokenFeatures:
        """The features of `texts`; with `readings`, all of them at once (a list's)."""
        features = cls()
        features.texts = np.array(list(texts) or [], dtype=object)
        features.loose = np.array([loose_form(t) for t in texts], dtype=object)
        flags = list(abjad) if abjad is not None else [False] * len(texts)
        features.abjad = np.array(flags, dtype=np.bool_)
        features._shape = None
        features._readings = None
        features._lists = None
        features._packed = None
        features._packed_readings = None
        if readings:
            features._measure()
            features._read()
        return features

    def as_lists(self) -> tuple[list[str], list[str]]:
        """The texts and the loose forms as lists, what the compiled similarity reads; made once
        (a list's vocabulary is read query after query)."""
        if self._lists is None:
            self._lists = (self.texts.tolist(), self.loose.tolist())
        return self._lists

    def packed(self, pack: Callable[[list[str], list[str]], bytearray]) -> bytearray:
        """What `pack` makes of `as_lists()`, made once: the compiled similarity's own layout
        of a list's words (match.similarity), which this module does not depend on."""
        if self._packed is None:
            self._packed = pack(*self.as_lists())
        return self._packed

    def packed_readings(
        self, pack: Callable[[list[str], list[tuple[str, ...]], list[str]], bytearray]
    ) -> bytearray:
        """What `pack` makes of the consonant readings (`skeletons`, `spoken`, `glides`), made
        once: the compiled similarity's layout of them, for pairs with an abjad word."""
        if self._packed_readings is None:
            skeletons, spoken, glides, _ = self._read()
            self._packed_readings = pack(skeletons.tolist(), spoken.tolist(), glides.tolist())
        return self._packed_readings

    def _measure(self) -> tuple[Any, Any, Any]:
        if self._shape is None:
            texts = self.texts.tolist()
            self._shape = (
                np.array([any(c.isdigit() for c in t) for t in texts], dtype=np.bool_),
                np.array([len(t) for t in texts], dtype=np.int32),
                np.array([ord(t[0]) if t else 0 for t in texts], dtype=np.int32),
            )
        return self._shape

    @property
    def numeric(self) -> npt.NDArray[np.bool_]:
        return self._measure()[0]  # type: ignore[no-any-return]

    @property
    def lengths(self) -> npt.NDArray[np.int32]:
        return self._measure()[1]  # type: ignore[no-any-return]

    @property
    def first(self) -> npt.NDArray[np.int32]:
        return self._measure()[2]  # type: ignore[no-any-return]

    def _read(self) -> tuple[Any, Any, Any, Any]:
        if self._readings is None:
            texts, flags = self.texts.tolist(), self.abjad.tolist()
            skeletons = np.array(
                [skeleton(t, a) for t, a in zip(texts, flags, strict=True)], dtype=object
            )
            spoken = np.empty(len(texts), dtype=object)
            spoken[:] = [_spoken_skeletons(t, a) for t, a in zip(texts, flags, strict=True)]
            glides = np.array(
                [
                    glide_skeleton(t, a) if len(k) < 2 else ""
                    for t, a, k in zip(texts, flags, skeletons, strict=True)
                ],
                dtype=object,
            )
            lengths = np.array([len(k) for k in skeletons], dtype=np.int32)
            self._readings = (skeletons, spoken, glides, lengths)
        return self._readings

    @property
    def skeletons(self) -> npt.NDArray[np.object_]:
        return self._read()[0]  # type: ignore[no-any-return]

    @property
    def spoken(self) -> npt.NDArray[np.object_]:
        """Skeletons of the other readings of a word that differ from its own, a tuple: of an
        abjad word as romanisations speak it, of a Latin word as it may write an abjad one."""
        return self._read()[1]  # type: ignore[no-any-return]

    @property
    def glides(self) -> npt.NDArray[np.object_]:
        """`glide_skeleton` of a word whose skeleton is one consonant (`wly`, Wali: `wl`), or
        ""."""
        return self._read()[2]  # type: ignore[no-any-return]

    @property
    def skeleton_lengths(self) -> npt.NDArray[np.int32]:
        return self._read()[3]  # type: ignore[no-any-return]

    def take(self, index: npt.NDArray[np.integer[Any]] | Sequence[int]) -> TokenFeatures:
        # A list of positions made an array once, not by each of the indexings below.
        index = np.asarray(index, dtype=np.intp)
        taken = TokenFeatures()
        taken.texts = self.texts[index]
        taken.loose = self.loose[index]
        taken.abjad = self.abjad[index]
        taken._lists = None
        taken._packed = None
        taken._packed_readings = None
        shape, readings = self._shape, self._readings
        taken._shape = (
            None if shape is None else (shape[0][index], shape[1][index], shape[2][index])
        )
        taken._readings = (
            None
            if readings is None
            else (readings[0][index], readings[1][index], readings[2][index], readings[3][index])
        )
        return taken

    def __len__(self) -> int:
        return len(self.texts)

    def __getstate__(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in _PICKLED}

    def __setstate__(self, state: dict[str, object]) -> None:
        self._lists = None
        self._packed = None
        self._packed_readings = None
        for name, value in state.items():
            setattr(self, name, value)
