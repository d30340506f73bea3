"""Entities to and from JSON bytes, for the store and the on-disk index.

msgspec reads and writes the frozen dataclasses directly, typed, and is several times faster
than dataclasses.asdict + json on the 20,000-entity lists we load.
"""

from __future__ import annotations

import msgspec

from watchlist.model.entity import Entity

_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(Entity)


def entity_to_json(entity: Entity) -> bytes:
    return _encoder.encode(entity)


def entity_from_json(data: bytes | str) -> Entity:
    return _decoder.decode(data)


def entity_to_builtins(entity: Entity) -> dict[str, object]:
    """Plain dicts and lists, for JSON APIs and `--json` output."""
    result = msgspec.to_builtins(entity)
    assert isinstance(result, dict)
    return result
