"""Pairwise scoring with explanations: query name against list name, then the facts around it.

The score is in [0, 1]. DEFAULT_THRESHOLD was calibrated on the benchmark's development set
(benchmarks/devset.py): at it, a full name with a typo, a transliteration variant, a dropped
middle name or second surname, initials or a changed legal form alerts, while a listed
person's surnames with another given name, or a shared common word, do not. See
benchmarks/RESULTS.md for the recall and false-alert rates it gives.
"""

from watchlist.match.features import (
    birth_date_contribution,
    country_contribution,
    identifier_contribution,
    normalize_identifier,
    schema_contribution,
)
from watchlist.match.names import AlignedPair, NameComparison, compare_name
from watchlist.match.similarity import similarity_matrix, token_similarity
from watchlist.match.types import Contribution, Hit, Query

DEFAULT_THRESHOLD = 0.8

__all__ = [
    "DEFAULT_THRESHOLD",
    "AlignedPair",
    "Contribution",
    "Hit",
    "NameComparison",
    "Query",
    "birth_date_contribution",
    "compare_name",
    "country_contribution",
    "identifier_contribution",
    "normalize_identifier",
    "schema_contribution",
    "similarity_matrix",
    "token_similarity",
]
