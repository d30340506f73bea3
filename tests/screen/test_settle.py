"""A process settled for screening keeps its index out of the cyclic garbage collector's full
collections."""

import gc

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
