"""One hierarchy for everything watchlist refuses, with messages that say what to do."""

from __future__ import annotations

from pathlib import Path


class WatchlistError(Exception):
    """Base class: every error watchlist raises on purpose."""


class SourceFormatError(WatchlistError):
    """A list file is damaged or not in the format its parser expects."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field
        where = []
        if self.path:
            where.append(Path(self.path).name if line is not None else self.path)
        if line is not None:
            where.append(f"line {line}")
        if field:
            where.append(f"field {field}")
        prefix = " ".join(where)
        super().__init__(f"{prefix}: {message}" if prefix else message)
        self.detail = message


class UnknownSourceError(WatchlistError):
    pass


class DownloadError(WatchlistError):
    pass


class StoreError(WatchlistError):
    pass


class ListShrinkRefused(StoreError):
    """A new version would remove too many entries; the usual cause is a truncated download."""


class NotFoundError(WatchlistError):
    pass


class InputError(WatchlistError):
    """A customer file or query that cannot be screened as given."""
