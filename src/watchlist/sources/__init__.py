"""One module per official source. `SOURCES` names every list `watchlist load` accepts."""

from __future__ import annotations

import importlib
from pathlib import Path

from watchlist.errors import UnknownSourceError
from watchlist.sources.base import ParsedList, RejectedRecord, SourceFile, SourceSpec

# name -> (module, spec attribute). Imported lazily so that `watchlist --help` stays fast and a
# parser's own dependencies (openpyxl, odfpy, followthemoney) load only when used.
_REGISTRY: dict[str, tuple[str, str]] = {
    "ofac-sdn": ("watchlist.sources.ofac", "OFAC_SDN"),
    "ofac-cons": ("watchlist.sources.ofac", "OFAC_CONS"),
    "un-sc": ("watchlist.sources.un", "UN_SC"),
    "uk-ofsi": ("watchlist.sources.uk", "UK_OFSI"),
    "uk-fcdo": ("watchlist.sources.uk", "UK_FCDO"),
    "us-csl": ("watchlist.sources.csl", "US_CSL"),
    "us-dpl": ("watchlist.sources.csl", "US_DPL"),
    "ftm": ("watchlist.sources.ftm", "FTM"),
    "custom": ("watchlist.sources.custom", "CUSTOM"),
    "builtin": ("watchlist.sources.builtin", "BUILTIN"),
}

SOURCE_NAMES: tuple[str, ...] = tuple(_REGISTRY)


def get_source(name: str) -> SourceSpec:
    try:
        module_name, attribute = _REGISTRY[name]
    except KeyError:
        known = ", ".join(SOURCE_NAMES)
        raise UnknownSourceError(f"unknown source {name!r}; known sources: {known}") from None
    spec = getattr(importlib.import_module(module_name), attribute)
    assert isinstance(spec, SourceSpec)
    return spec


def parse_source(name: str, path: Path) -> ParsedList:
    return get_source(name).parse(path)


__all__ = [
    "SOURCE_NAMES",
    "ParsedList",
    "RejectedRecord",
    "SourceFile",
    "SourceSpec",
    "get_source",
    "parse_source",
]
