"""What the store says about a list: one loaded version of it, and the difference between two."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from enum import StrEnum

from watchlist.model import Entity
from watchlist.sources.base import SourceFile


class VersionStatus(StrEnum):
    ACTIVE = "active"  # the version screening uses
    SUPERSEDED = "superseded"  # an older version, kept for audit and diffs


@dataclass(frozen=True, slots=True)
class ListVersion:
    id: int
    source: str
    status: VersionStatus
    loaded_at: datetime  # UTC
    published_on: date | None
    files: tuple[SourceFile, ...]
    counts: dict[str, int]  # entries by schema, plus "total"
    entity_count: int
    warnings: int  # how many warnings the parser reported
    rejected: int = 0  # how many records the parser could not use
    checksum: str = ""  # sha256 over the files' sha256 (or the entities when there are no files)
    unchanged: bool = False  # load() found these very files already active and loaded nothing

    @property
    def is_active(self) -> bool:
        return self.status is VersionStatus.ACTIVE

    def to_builtins(self) -> dict[str, object]:
        """Plain JSON-ready values, for `--json` output and the API."""
        return {
            "id": self.id,
            "source": self.source,
            "status": self.status.value,
            "loaded_at": self.loaded_at.isoformat(),
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "files": [{"path": f.path, "sha256": f.sha256, "size": f.size} for f in self.files],
            "counts": dict(self.counts),
            "entity_count": self.entity_count,
            "warnings": self.warnings,
            "rejected": self.rejected,
            "checksum": self.checksum,
            "unchanged": self.unchanged,
        }


@dataclass(frozen=True)
class ListDiff:
    added: list[Entity]
    removed: list[Entity]
    changed: list[tuple[Entity, Entity, list[str]]]  # (old, new, names of the changed fields)
    source: str = ""
    old_version: int = 0
    new_version: int = 0

    @property
    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "changed": len(self.changed),
        }

    @property
    def field_counts(self) -> dict[str, int]:
        """How many changed entries changed each field, most frequent first."""
        counter: dict[str, int] = {}
        for _old, _new, names in self.changed:
            for name in names:
                counter[name] = counter.get(name, 0) + 1
        return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


# Provenance says which file and version a fact was read from, so it differs between any two
# versions of a list; a diff about what the list says must not flag every entry for it.
_NOT_COMPARED = frozenset({"id", "provenance"})
_COMPARED = tuple(f.name for f in fields(Entity) if f.name not in _NOT_COMPARED)


def changed_fields(old: Entity, new: Entity) -> list[str]:
    """Names of the Entity fields whose values differ, in the model's field order."""
    return [name for name in _COMPARED if getattr(old, name) != getattr(new, name)]


__all__ = ["ListDiff", "ListVersion", "VersionStatus", "changed_fields"]
