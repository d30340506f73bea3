from typing import Any

def typo_similarity(left: str, right: str, /) -> float | None: ...
def typo_similarity_best(left: str, right: str, /) -> float | None: ...
def typo_similarities(
    lefts: list[str], rights: list[str], best: bool = False, /
) -> list[float | None]: ...
def configure(
    neighbours: str,
    cheap_edit: float,
    neighbour_edit: float,
    dropped_letter: float,
    min_similarity: float,
    tolerance: float,
    /,
) -> None: ...
def spelling_matrix(
    left_texts: list[str],
    left_loose: list[str],
    right_texts: list[str],
    right_loose: list[str],
    floor: float | list[float],
    entries: Any = ...,
    left_abjad: Any = ...,
    right_abjad: Any = ...,
    right_packed: bytearray | None = ...,
    left_readings: bytearray | None = ...,
    right_readings: bytearray | None = ...,
    /,
) -> bytearray | None: ...
def pack_words(texts: list[str], loose: list[str], /) -> bytearray: ...
def pack_readings(
    skeletons: list[str], spoken: list[tuple[str, ...]], glides: list[str], /
) -> bytearray: ...
def spelling_pairs(
    left_texts: list[str],
    left_loose: list[str],
    right_texts: list[str],
    right_loose: list[str],
    floor: float,
    words: Any,
    entries: Any,
    /,
) -> bytearray | None: ...
def similar_runs(
    left_texts: list[str],
    left_loose: list[str],
    right_texts: list[str],
    right_loose: list[str],
    floor: float,
    floors: list[float],
    runs: list[Any],
    left_abjad: Any,
    right_abjad: Any,
    right_packed: bytearray | None = ...,
    left_readings: bytearray | None = ...,
    right_readings: bytearray | None = ...,
    /,
) -> tuple[bytearray, bytearray, bytearray, list[int], bytearray] | None: ...
def entries_within(
    text: str,
    texts: list[str],
    entries: Any,
    max_edits: int,
    shortest: int,
    longest: int,
    packed: bytearray | None = ...,
    /,
) -> tuple[bytearray, bytearray] | None: ...
def configure_spelling(
    loose_factor: float,
    short_factor: float,
    short_length: int,
    typo_min_length: int,
    typo_shorter_min_length: int,
    typo_length_gap: int,
    typo_from: float,
    typo_below: float,
    typo_plain_from: float,
    typo_cap: float,
    initial_similarity: float,
    list_initial_similarity: float,
    /,
) -> None: ...
