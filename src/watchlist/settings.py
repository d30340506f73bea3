"""Configuration in one typed object, read from the environment (the CLI overrides it)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir


def default_data_dir() -> Path:
    return Path(os.environ.get("WATCHLIST_HOME") or user_data_dir("watchlist", appauthor=False))


@dataclass(frozen=True)
class Settings:
    db_url: str
    data_dir: Path

    @classmethod
    def from_env(cls, db_url: str | None = None) -> Settings:
        data_dir = default_data_dir()
        url = db_url or os.environ.get("WATCHLIST_DB") or f"sqlite:///{data_dir / 'watchlist.db'}"
        return cls(db_url=url, data_dir=data_dir)
