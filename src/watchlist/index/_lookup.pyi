from typing import Any

def entries_for_each(
    key_hashes: Any,
    key_offsets: Any,
    key_entries: Any,
    entry_count: int,
    key_lists: list[list[str]],
    only: Any = ...,
    filtered: list[bool] | None = ...,
    buckets: Any = ...,
    /,
) -> tuple[bytearray, bytearray]: ...
def best_credit_per_name_each(
    entry_offsets: Any,
    entry_names: Any,
    name_count: int,
    idf: Any,
    runs: list[tuple[Any, Any]],
    weights: list[float],
    /,
) -> tuple[bytearray, bytearray, bytearray]: ...
def deletion_entries(
    hashes: Any,
    offsets: Any,
    entries: Any,
    entry_count: int,
    texts: list[str],
    prefix: str,
    fewest: int,
    most: int,
    buckets: Any = ...,
    /,
) -> tuple[bytearray, bytearray] | None: ...
def near_key_hashes(texts: list[str], /) -> tuple[bytearray, bytearray] | None: ...
