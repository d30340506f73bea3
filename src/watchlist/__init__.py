"""watchlist: sanctions and terrorist-designation screening."""

from watchlist.errors import WatchlistError

__version__ = "0.1.0"

__all__ = ["WatchlistError", "__version__"]
