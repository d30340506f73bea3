from typing import Any

def rank(
    runs: list[tuple[Any, Any]],
    initials: list[Any],
    mask: Any,
    name_weights: Any,
    query_weight: float,
    limit: int,
    list_only_share: float,
    initial_credit: float,
    /,
) -> tuple[bytearray, bytearray]: ...
