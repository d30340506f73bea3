"""Pairwise scoring with explanations: query name against list name, then the facts around it.

A score is in [0, 1]: the name score (match.names: aligned words weighted by rarity, less
what is left over) plus the contributions of entity type, birth date, country and
identifiers (match.features), each shown in the hit's explanation.

DEFAULT_THRESHOLD = 0.8 is where, on the benchmark's dev set (benchmarks/devset.py: OFAC SDN
2021 + UN 2026, 2,817 customer spellings of listed names in 15 kinds, 6,000 clean names, 600
hard negatives), clean names alert at 1% or less (0.9%; the exact 1% point is 0.794) while 96.5%
of the spellings alert. In words, 0.8 is passed by: the full name in any order, with accents,
case or punctuation changed, one typo, a transliteration variant, a legal form changed, words
joined or split, initials for the given names (0.95-1.0); the given name and one of two
surnames (`Nicolas Maduro`, about 0.87); a dropped middle name (about 0.8-0.9). It is not
passed by: the surnames alone (about 0.7), the surnames with another given name (`Juan Maduro
Moros`, about 0.4-0.6), a Person query against a vessel of the same name (0.6), a shared common
word. Birth dates move a score by +0.08 (same day) to -0.3 (twenty years apart), an identical
identifier lifts a compatible name to 0.95. See benchmarks/RESULTS.md for the figures per kind.
"""

from watchlist.match.features import (
    birth_date_contribution,
    country_contribution,
    identifier_contribution,
    normalize_identifier,
    schema_contribution,
)
from watchlist.match.names import AlignedPair, Explanation, NameComparison, compare_name
from watchlist.match.similarity import similarity_matrix, token_similarity
from watchlist.match.types import Contribution, Hit, Query

DEFAULT_THRESHOLD = 0.8

__all__ = [
    "DEFAULT_THRESHOLD",
    "AlignedPair",
    "Contribution",
    "Explanation",
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
