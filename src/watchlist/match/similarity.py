"""How alike two name tokens are, in [0, 1], for whole sets of tokens at once.

A token pair is the best of:
- its edit similarity (optimal string alignment, so a swap of two letters is one edit):
  typos, `maduro`/`madruo` 0.83;
- 0.95 times the edit similarity of the loose forms: vowels in three classes and consonant
  spellings in one class, as romanisation varies them (`mohammed`/`muhammad` both `muhamid`/
  `muhamad`, 0.82; `usama`/`osama` 0.95), while names that differ in kind stay apart
  (`maria`/`mauro` 0.57, `hassan`/`hussein` 0.57);
- the edit similarity of the consonant skeletons, when one side was romanised from a script
  that writes no short vowels, as Arabic and Persian are (محمد `mhmd`/`mohammed` 0.9,
  الظواهري `zwahry`/`zawahiri`);
- an initial: `n` in the query against `nicolas` 0.85 (a list's initial against a query's full
  word 0.75).
Tokens with digits match only when equal.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist

from watchlist.normalize.features import TokenFeatures

# Below this a token pair is no evidence of the same name; alignment leaves the tokens
# unmatched. Joined runs of tokens must reach JOIN_MIN_SIMILARITY.
MIN_SIMILARITY = 0.7
JOIN_MIN_SIMILARITY = 0.85
INITIAL_SIMILARITY = 0.85
LIST_INITIAL_SIMILARITY = 0.75
_LOOSE_FACTOR = 0.95
_SHORT_FACTOR = 0.9


FloatMatrix = npt.NDArray[np.float32]


def similarity_matrix(left: TokenFeatures, right: TokenFeatures) -> FloatMatrix:
    """Similarity of every token in `left` to every token in `right`."""
    if not len(left) or not len(right):
        return np.zeros((len(left), len(right)), dtype=np.float32)
    sim: FloatMatrix = cdist(
        left.texts, right.texts, scorer=OSA.normalized_similarity, dtype=np.float32
    )
    loose = cdist(left.loose, right.loose, scorer=OSA.normalized_similarity, dtype=np.float32)
    np.maximum(sim, loose * np.float32(_LOOSE_FACTOR), out=sim)
    # One letter in four is a different short name (`hong`/`kong`, `juan`/`jean`), not a typo.
    short = np.maximum(left.lengths[:, None], right.lengths[None, :]) <= 4
    sim = np.where(short & (sim < _LOOSE_FACTOR), sim * np.float32(_SHORT_FACTOR), sim)

    abjad = left.abjad[:, None] | right.abjad[None, :]
    if abjad.any():
        skel = cdist(
            left.skeletons, right.skeletons, scorer=OSA.normalized_similarity, dtype=np.float32
        )
        shortest = np.minimum(left.skeleton_lengths[:, None], right.skeleton_lengths[None, :])
        credit = np.where(
            shortest >= 3,
            skel * np.float32(0.9),
            np.where(shortest == 2, skel * np.float32(0.85), (skel == 1.0) * np.float32(0.75)),
        )
        np.maximum(sim, np.where(abjad, credit, np.float32(0.0)), out=sim)

    left_len, right_len = left.lengths[:, None], right.lengths[None, :]
    same_first = left.first[:, None] == right.first[None, :]
    initial = ((left_len == 1) & (right_len > 1)) & same_first
    if initial.any():
        np.maximum(sim, np.where(initial, np.float32(INITIAL_SIMILARITY), 0), out=sim)
    # The other way round (a list's `A. KABIR` for a query's `Ajaka Kabir`) a full word fits an
    # initial, but the list said less about it.
    initial = ((left_len > 1) & (right_len == 1)) & same_first
    if initial.any():
        np.maximum(sim, np.where(initial, np.float32(LIST_INITIAL_SIMILARITY), 0), out=sim)

    numeric = left.numeric[:, None] | right.numeric[None, :]
    if numeric.any():
        sim = np.where(numeric & (sim < 1.0), np.float32(0.0), sim)
    return sim


def token_similarity(left: str, right: str, *, abjad: bool = False) -> float:
    """The similarity of two folded tokens (see the module docstring); `abjad` when `left` was
    romanised from Arabic, Persian or Hebrew script."""
    matrix = similarity_matrix(TokenFeatures.of([left], [abjad]), TokenFeatures.of([right]))
    return float(matrix[0, 0])
