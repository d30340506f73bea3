"""What every source parser returns, and the helpers they share."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from watchlist.model import Entity


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str
    sha256: str
    size: int

    @classmethod
    def of(cls, path: Path) -> SourceFile:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return cls(str(path), digest.hexdigest(), path.stat().st_size)


@dataclass(frozen=True, slots=True)
class RejectedRecord:
    """A record the parser could not use, reported rather than dropped in silence."""

    path: str
    line: int | None
    reason: str


@dataclass(frozen=True)
class ParsedList:
    source: str
    entities: tuple[Entity, ...]
    files: tuple[SourceFile, ...]
    published_on: date | None = None
    warnings: tuple[str, ...] = ()
    rejected: tuple[RejectedRecord, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        """Entries by schema, plus `total`."""
        by_schema = Counter(entity.schema.value for entity in self.entities)
        return {"total": len(self.entities), **dict(sorted(by_schema.items()))}


Parser = Callable[[Path], ParsedList]


@dataclass(frozen=True)
class SourceSpec:
    """A list watchlist knows how to read, and where its publisher puts it."""

    name: str
    title: str
    publisher: str
    parse: Parser
    urls: tuple[str, ...] = ()  # official download locations, fetched by `watchlist sync`
    input_hint: str = "a file"  # what `load` expects: "a folder with sdn.csv, add.csv, ..."
    filenames: tuple[str, ...] = ()  # local names for the downloaded `urls`, same order
    retired: str | None = None  # why a list no longer counts, and what replaces it


def unique(values: Iterable[str | None]) -> tuple[str, ...]:
    """Order-preserving de-duplication that drops empty values."""
    seen: dict[str, None] = {}
    for value in values:
        if value is not None:
            text = value.strip()
            if text:
                seen.setdefault(text, None)
    return tuple(seen)
