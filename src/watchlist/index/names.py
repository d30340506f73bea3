"""The list's names, analysed once: tokens, weights and the units (tokens and runs of joined
tokens) that matching compares, and the vocabulary of all of them with their rarity."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Final, NamedTuple

import numpy as np
import numpy.typing as npt
from mypy_extensions import mypyc_attr

from watchlist.normalize import NameToken, TokenFeatures, TokenKind, Unit

LEGAL_FORM_WEIGHT: Final = 0.3
PARTICLE_WEIGHT: Final = 0.5
INITIAL_WEIGHT: Final = 1.0
REFERENCE_ENTITIES: Final = 10_000


class IndexedName(NamedTuple):
    """One name of one listed entity, as the index and the scorer read it."""

    entity: int  # position of the entity in the screener's table
    kind: str  # watchlist.model.NameKind value
    display: str  # the name as the list writes it
    tokens: tuple[NameToken, ...]
    units: tuple[Unit, ...]
    unit_entries: tuple[int, ...]  # vocabulary entry of each unit
    weights: tuple[float, ...]  # per token: rarity in the list, see Vocabulary.weight
    person: bool
    reading: str = ""  # the name read in English (normalize.glossary), when this is that reading


# A plain Python class even where mypyc compiles its module (setup.py): one it compiled would
# call __init__ when unpickled.
@mypyc_attr(native_class=False)
class Vocabulary:
    """Every token and joined run in the list's names, with its rarity and similarity features.

    Rarity is an inverse document frequency over entities (not names: an entity with thirty
    aliases must not make its own surname look common): in OFAC SDN + UN, `maduro` weighs
    about 9, `mohammed` about 3.5 and `al` about 2.
    """

    def __init__(
        self,
        texts: Sequence[str],
        entity_counts: Sequence[int],
        abjad: Sequence[bool],
        entities: int,
    ) -> None:
        self.texts: list[str] = list(texts)
        self.ids: dict[str, int] = {text: i for i, text in enumerate(self.texts)}
        self.entities = max(entities, 1)
        self.idf: npt.NDArray[np.float32] = np.array(
            [self._idf(count) for count in entity_counts], dtype=np.float32
        )
        # The list's words are compared in every query: their readings are made once, here.
        self.features = TokenFeatures.of(self.texts, abjad, readings=True)
        # A query word the list has never seen is treated as rare as a word found once.
        self.unknown_weight = self._idf(1)

    def _idf(self, count: int) -> float:
        # Counted against at least REFERENCE_ENTITIES, so that in a list of six entries a word
        # found once is as rare as in OFAC's ten thousand, not nearly common.
        entities = max(self.entities, REFERENCE_ENTITIES)
        return max(0.5, math.log((entities + 1) / (count + 0.5)))

    @classmethod
    def build(cls, names_by_entity: Iterable[Iterable[Sequence[Unit]]]) -> Vocabulary:
        ids: dict[str, int] = {}
        counts: list[int] = []
        abjad: list[bool] = []
        entities = 0
        for names in names_by_entity:
            entities += 1
            seen: set[int] = set()
            for units in names:
                for unit in units:
                    index = ids.setdefault(unit.text, len(ids))
                    if index == len(counts):
                        counts.append(0)
                        abjad.append(unit.abjad)
                    elif unit.abjad:
                        abjad[index] = True
                    if index not in seen:
                        seen.add(index)
                        counts[index] += 1
        return cls(list(ids), counts, abjad, entities)

    def __len__(self) -> int:
        return len(self.texts)

    def weight(self, token: NameToken) -> float:
        """How much a token counts in a name comparison (against a person's name, a title
        counts for nothing: `person_and_other_weights`)."""
        if token.kind is TokenKind.LEGAL:
            return LEGAL_FORM_WEIGHT
        if token.kind is TokenKind.INITIAL:
            return INITIAL_WEIGHT
        if token.kind is TokenKind.PARTICLE:
            return PARTICLE_WEIGHT
        index = self.ids.get(token.text)
        return float(self.idf.item(index)) if index is not None else self.unknown_weight

    def person_and_other_weights(
        self, tokens: Sequence[NameToken]
    ) -> tuple[tuple[float, ...], tuple[float, ...]]:
        """The weight of each token against a person's name and against any other: they
        differ only in a title, which counts for nothing in a person's."""
        other = tuple(self.weight(t) for t in tokens)
        person = tuple(
            0.0 if t.kind is TokenKind.TITLE else w for t, w in zip(tokens, other, strict=True)
        )
        return person, other
