"""Freezing after a bulk load does not keep earlier garbage forever."""

from __future__ import annotations

import gc
import weakref

from desktop import gc_policy


class Node:
    """A cycle-capable object."""

    def __init__(self) -> None:
        self.other: object = self


def test_garbage_from_before_a_freeze_is_collected_at_the_next_load():
    try:
        node = Node()
        ref = weakref.ref(node)
        gc_policy.after_bulk_load()  # node is alive: frozen
        del node  # now it is cyclic garbage, but frozen objects are never collected
        gc.collect()
        assert ref() is not None
        gc_policy.after_bulk_load()  # the next conversation opens
        assert ref() is None
    finally:
        gc.unfreeze()


def test_full_collections_are_made_rare():
    before = gc.get_threshold()
    try:
        gc_policy.tune_for_gui()
        assert gc.get_threshold()[:2] == before[:2]
        assert gc.get_threshold()[2] == gc_policy.GEN2_THRESHOLD
    finally:
        gc.set_threshold(*before)


def test_what_a_library_load_leaves_alive_is_frozen():
    gc.unfreeze()
    try:
        kept = [Node() for _ in range(1000)]
        gc_policy.after_library_load()
        assert gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()
