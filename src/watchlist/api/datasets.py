"""Dataset names in URLs: `default` for every loaded list, a watchlist source name, or the
name OpenSanctions/yente gives the same list, so that yente clients work unchanged."""

from __future__ import annotations

from collections.abc import Sequence

from watchlist.api.problems import Problem
from watchlist.api.serving import IndexSnapshot

ALL_LISTS = frozenset({"default", "all", "sanctions"})

# OpenSanctions dataset names for the lists watchlist reads.
YENTE_NAMES: dict[str, str] = {
    "us_ofac_sdn": "ofac-sdn",
    "us_ofac_cons": "ofac-cons",
    "un_sc_sanctions": "un-sc",
    "gb_hmt_sanctions": "uk-ofsi",
    "gb_fcdo_sanctions": "uk-fcdo",
    "us_trade_csl": "us-csl",
    "us_bis_denied": "us-dpl",
}


def source_name(name: str) -> str:
    return YENTE_NAMES.get(name, name)


def resolve_sources(
    snapshot: IndexSnapshot,
    dataset: str,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> list[str] | None:
    """The sources to screen, or None for all of them. An empty list means nothing is left
    after the include/exclude filters (a valid request that finds nothing, as in yente)."""
    loaded = list(snapshot.sources)
    if dataset in ALL_LISTS:
        chosen = loaded
    else:
        source = source_name(dataset)
        if source not in loaded:
            raise Problem(
                404,
                f"dataset {dataset!r} is not loaded; use `default` or one of: "
                f"{', '.join(sorted(loaded)) or '(none loaded)'}",
            )
        chosen = [source]
    if include:
        wanted = {source_name(name) for name in include}
        chosen = [s for s in chosen if s in wanted]
    if exclude:
        unwanted = {source_name(name) for name in exclude}
        chosen = [s for s in chosen if s not in unwanted]
    if chosen == loaded and dataset in ALL_LISTS:
        return None
    return chosen
