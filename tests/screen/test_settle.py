"""A process settled for screening keeps its index out of the cyclic garbage collector's full
collections, and has made the tables its first queries would otherwise wait for."""

import gc

from watchlist.normalize.keyboard import two_slips
from watchlist.screen.settle import settle_for_screening


def test_objects_alive_when_an_index_is_swapped_in_are_frozen() -> None:
    index = [[i] for i in range(10_000)]  # stands for the index's long-lived objects
    gc.unfreeze()  # whatever another test of this process froze
    try:
        assert gc.get_freeze_count() < len(index)
        settle_for_screening()
        assert gc.get_freeze_count() >= len(index)
        # A full collection no longer walks them.
        before = gc.get_freeze_count()
        gc.collect()
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()
    del index


def test_the_commonest_legal_words_typings_are_made_before_the_first_query() -> None:
    two_slips.cache_clear()
    gc.unfreeze()
    try:
        settle_for_screening()
        assert two_slips.cache_info().currsize == 5  # company, limited, corporation, ...
    finally:
        gc.unfreeze()
