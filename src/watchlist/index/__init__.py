"""Candidate retrieval, built once per list version and saved with the screener."""

from watchlist.index.candidates import CandidateIndex, blocking_keys
from watchlist.index.names import IndexedName, Vocabulary

__all__ = [
    "CandidateIndex",
    "IndexedName",
    "Vocabulary",
    "blocking_keys",
]
