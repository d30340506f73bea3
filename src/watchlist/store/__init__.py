"""The versioned list store: SQLite by default, PostgreSQL for a server.

from watchlist.store import Store
with Store.open() as store:
    version = store.load(parsed_list)
"""

from watchlist.store.store import Store, VersionNotes, database_url, normalize_text
from watchlist.store.versions import ListDiff, ListVersion, VersionStatus, changed_fields

__all__ = [
    "ListDiff",
    "ListVersion",
    "Store",
    "VersionNotes",
    "VersionStatus",
    "changed_fields",
    "database_url",
    "normalize_text",
]
