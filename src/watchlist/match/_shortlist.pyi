from typing import Any

def shortlist(
    matrix: Any,
    entries: Any,
    query_masks: Any,
    weights_person: Any,
    weights_other: Any,
    name_ids: Any,
    unit_offsets: Any,
    unit_entries: Any,
    unit_masks: Any,
    token_offsets: Any,
    token_weights: Any,
    flags: Any,
    floor: float,
    /,
) -> list[tuple[int, list[tuple[int, int, float]]]]: ...
def entries_of(name_ids: Any, unit_offsets: Any, unit_entries: Any, /) -> bytearray: ...
def configure(
    min_similarity: float,
    join_min_similarity: float,
    secondary_part_penalty: float,
    list_only_penalty: float,
    initial_pair_weight: float,
    weak_penalty: float,
    /,
) -> None: ...
