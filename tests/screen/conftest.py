"""The real lists, parsed and indexed once per session: OFAC SDN (July 2021) and the UN
Security Council Consolidated List (February 2026)."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchlist.model import Entity
from watchlist.screen import Screener
from watchlist.sources import get_source


@pytest.fixture(scope="session")
def real_entities(shared_data: Path) -> tuple[Entity, ...]:
    ofac = get_source("ofac-sdn").parse(shared_data / "ofac-sdn-2021")
    un = get_source("un-sc").parse(shared_data / "un-sc" / "consolidated.xml")
    return ofac.entities + un.entities


@pytest.fixture(scope="session")
def real_screener(real_entities: tuple[Entity, ...]) -> Screener:
    return Screener.from_entities(real_entities)
