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
