"""The network of listed parties: relations resolved to edges, exposure paths to designated
parties, and OFAC's 50% rule."""

from watchlist.graph.exposure import Direction, ExposurePath, Step, exposure_paths
from watchlist.graph.network import (
    Edge,
    Network,
    UnresolvedLink,
    UnresolvedReason,
    build_network,
    name_key,
)
from watchlist.graph.ownership import (
    Holding,
    OwnershipEdge,
    OwnershipFinding,
    blocked_by_ownership,
    blocked_persons,
    ownership_edges,
    ownership_findings,
)

__all__ = [
    "Direction",
    "Edge",
    "ExposurePath",
    "Holding",
    "Network",
    "OwnershipEdge",
    "OwnershipFinding",
    "Step",
    "UnresolvedLink",
    "UnresolvedReason",
    "blocked_by_ownership",
    "blocked_persons",
    "build_network",
    "exposure_paths",
    "name_key",
    "ownership_edges",
    "ownership_findings",
]
