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


def with_program_law(parsed: ParsedList) -> ParsedList:
    """The parsers record what a list says; the legal basis of each program tag (and State's FTO
    designation behind OFAC's `FTO` tag) comes from the project's one table in `watchlist.law`."""
    from dataclasses import replace

    from watchlist.law import apply_program_law

    return replace(parsed, entities=tuple(apply_program_law(e) for e in parsed.entities))


def parse_source(name: str, path: Path | None = None) -> ParsedList:
    """Parse a list file (or the bundled built-in list when `path` is None) with its legal
    bases filled in: what `watchlist load` stores."""
    spec = get_source(name)
    if path is None:
        if name != "builtin":
            raise UnknownSourceError(f"{name} needs a PATH: {spec.input_hint}")
        from watchlist.sources.builtin import load_builtin

        return with_program_law(load_builtin())
    return with_program_law(spec.parse(path))


__all__ = [
    "SOURCE_NAMES",
    "ParsedList",
    "RejectedRecord",
    "SourceFile",
    "SourceSpec",
    "get_source",
    "parse_source",
    "with_program_law",
]
