"""Screening pipelines over the matching core: one record (Screener.match), a file
(batch.screen_file), and the store-backed service that caches the index per list version."""

from watchlist.match import DEFAULT_THRESHOLD
from watchlist.match.types import Contribution, Hit, Query
from watchlist.screen.screener import Screener

__all__ = ["DEFAULT_THRESHOLD", "Contribution", "Hit", "Query", "Screener"]
