from typing import Any

def entries_for_each(
    key_hashes: Any,
    key_offsets: Any,
    key_entries: Any,
    entry_count: int,
    key_lists: list[list[str]],
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
def near_entries(
    near_hashes: Any, near_offsets: Any, near_entries: Any, entry_count: int, text: str, /
) -> bytearray | None: ...
def near_key_hashes(texts: list[str], /) -> tuple[bytearray, bytearray] | None: ...
