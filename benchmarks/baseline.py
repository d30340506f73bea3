"""The baseline the engine must beat: brute-force Jaro-Winkler on whole names, as OFAC's own
Sanctions List Search does it.

Every list name is folded (case, accents, punctuation: `MADURO MOROS, Nicolás` -> `maduro moros
nicolas`) and compared with the folded query by rapidfuzz's Jaro-Winkler similarity; an entity's
score is the best over its names. No tokenisation, no reordering, no transliteration, no schema or
date filter: exactly what a plain fuzzy search does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from devset import fold
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from watchlist.model import Entity

# The thresholds OFAC's search tool offers as its usual settings (its slider runs 50-100%).
USUAL_THRESHOLDS = (0.85, 0.90)


@dataclass(frozen=True, slots=True)
class BaselineHit:
    entity_id: str
    score: float
    matched_name: str


class JaroWinklerBaseline:
    """Brute force over every name of every entity. Build once, then `match` one name or
    `top_entities` for a batch."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.entity_ids: list[str] = []
        self.names: list[str] = []  # folded, grouped by entity in entity order
        self.display: list[str] = []
        starts: list[int] = []
        for entity in entities:
            folded = [(fold(name.full), name.full) for name in entity.names]
            folded = [(f, d) for f, d in folded if f]
            if not folded:
                continue
            starts.append(len(self.names))
            self.entity_ids.append(entity.id)
            self.names.extend(f for f, _ in folded)
            self.display.extend(d for _, d in folded)
        # np.maximum.reduceat over these offsets turns name scores into entity scores.
        self.starts = np.asarray(starts, dtype=np.intp)
        self.owner = np.repeat(
            np.arange(len(starts)), np.diff(np.append(self.starts, len(self.names)))
        )

    @classmethod
    def from_entities(cls, entities: Sequence[Entity]) -> JaroWinklerBaseline:
        return cls(entities)

    def __len__(self) -> int:
        return len(self.entity_ids)

    def entity_scores(self, queries: Sequence[str], workers: int = 1) -> npt.NDArray[np.float32]:
        """(len(queries), entities) best Jaro-Winkler similarity of each query to each entity."""
        folded = [fold(q) for q in queries]
        matrix = process.cdist(
            folded,
            self.names,
            scorer=JaroWinkler.normalized_similarity,
            dtype=np.float32,
            workers=workers,
        )
        return np.maximum.reduceat(matrix, self.starts, axis=1)

    def match(self, name: str, threshold: float = 0.0, limit: int = 10) -> list[BaselineHit]:
        """The `limit` best entities scoring at least `threshold`, best first."""
        return self.match_many([name], threshold, limit)[0]

    def match_many(
        self, names: Sequence[str], threshold: float = 0.0, limit: int = 10
    ) -> list[list[BaselineHit]]:
        """`match` of each name, all compared with every list name in one rapidfuzz `cdist`
        call, as a batch would be screened: rapidfuzz then runs several queries at once on
        the CPU's vector units, a few times faster a name than one at a time."""
        folded = [fold(name) for name in names]
        wanted = [i for i, text in enumerate(folded) if text]
        found: list[list[BaselineHit]] = [[] for _ in names]
        if not wanted:
            return found
        scores = process.cdist(
            [folded[i] for i in wanted],
            self.names,
            scorer=JaroWinkler.normalized_similarity,
            dtype=np.float32,
            score_cutoff=threshold or None,  # below it rapidfuzz stops early and writes 0
        )
        entities = np.maximum.reduceat(scores, self.starts, axis=1)
        for row, i in enumerate(wanted):
            found[i] = self._hits(scores[row], entities[row], threshold, limit)
        return found

    def _hits(
        self,
        scores: npt.NDArray[np.float32],
        entity: npt.NDArray[np.float32],
        threshold: float,
        limit: int,
    ) -> list[BaselineHit]:
        hits = []
        for index in _top_k(entity, limit):
            score = float(entity[index])
            if score < threshold or score <= 0.0:
                break
            names = np.flatnonzero(self.owner == index)
            best = names[int(np.argmax(scores[names]))]
            hits.append(BaselineHit(self.entity_ids[index], score, self.display[best]))
        return hits

    def top_entities(
        self, queries: Sequence[str], limit: int = 10, workers: int = 1, chunk: int = 256
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float32]]:
        """For a batch: the indices (into `entity_ids`) and scores of each query's `limit` best
        entities, best first. Chunked so that the name-score matrix stays small."""
        indices = np.zeros((len(queries), limit), dtype=np.intp)
        scores = np.zeros((len(queries), limit), dtype=np.float32)
        for start in range(0, len(queries), chunk):
            block = self.entity_scores(queries[start : start + chunk], workers=workers)
            k = min(limit, block.shape[1])
            part = np.argpartition(-block, k - 1, axis=1)[:, :k]
            part_scores = np.take_along_axis(block, part, axis=1)
            order = np.argsort(-part_scores, axis=1, kind="stable")
            indices[start : start + len(block), :k] = np.take_along_axis(part, order, axis=1)
            scores[start : start + len(block), :k] = np.take_along_axis(part_scores, order, axis=1)
        return indices, scores


def _top_k(values: npt.NDArray[np.float32], k: int) -> npt.NDArray[np.intp]:
    k = min(k, len(values))
    if k <= 0:
        return np.zeros(0, dtype=np.intp)
    part = np.argpartition(-values, k - 1)[:k]
    return part[np.argsort(-values[part], kind="stable")]


def threshold_for_alert_rate(best_scores: Sequence[float], rate: float = 0.01) -> float:
    """The lowest threshold at which at most `rate` of these (clean) names alert: just above the
    best score of the name ranked `floor(rate * n) + 1` from the top."""
    ordered = np.sort(np.asarray(best_scores, dtype=np.float64))[::-1]
    allowed = int(np.floor(rate * len(ordered)))
    if allowed >= len(ordered):
        return 0.0
    return float(np.nextafter(ordered[allowed], np.inf))
