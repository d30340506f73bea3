"""Shared fixtures: the real list files in ../shared/data and store URLs for both databases."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("WATCHLIST_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of real official list files (never copied into the repository)."""
    if not (SHARED_DATA / "MANIFEST.md").exists():
        pytest.fail(f"real list files not found at {SHARED_DATA}; set WATCHLIST_SHARED_DATA")
    return SHARED_DATA
