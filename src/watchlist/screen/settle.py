"""Readying a process that holds an index for the many queries to come."""

from __future__ import annotations

import gc

from watchlist.normalize.names import warm_misspellings
from watchlist.normalize.text import warm_transliterators


def settle_for_screening() -> None:
    """Ready this process to screen many queries against the index it holds now (`watchlist
    screen` and its workers, the API at each index swap):

    - ICU builds the transliterator of every script now, not in the first query written in
      each (Han-Latin alone takes 80 ms), the typings of the commonest legal words are listed
      now, not in the first query close to one (130 ms for all five), and rigour's matcher of
      legal forms is built now, not in the first company name (14 ms);
    - everything alive now (the index above all) is moved out of reach of the cyclic garbage
      collector. A full collection walks every object: over the ~380,000 of an OFAC + UN index
      it took 0.23 s here, a stall that every query in flight waits out; over 1,024 records
      screened in chunks, collections took about 5% of the instructions (callgrind). Frozen
      objects are still freed when their last reference goes (the old index after a reload);
      only reference cycles among them would stay.
    """
    warm_transliterators()
    warm_misspellings()
    gc.collect()
    gc.freeze()
