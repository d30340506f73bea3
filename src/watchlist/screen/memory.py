"""Keeping a loaded index out of the cyclic garbage collector's way."""

from __future__ import annotations

import gc


def keep_out_of_gc() -> None:
    """Move everything alive now (the index above all) out of reach of the cyclic garbage
    collector. A full collection walks every object: over the ~380,000 of an OFAC + UN index it
    took 0.23 s here, a stall that every query in flight waits out, and in a batch it came back
    every few hundred records. Frozen objects are still freed when their last reference goes
    (the old index after a reload); only reference cycles among them would stay."""
    gc.collect()
    gc.freeze()
