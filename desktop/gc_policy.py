"""Garbage-collector settings for a GUI process.

A full (generation 2) collection walks every live object: with a long conversation loaded that
took ~26 ms and, landing inside a scroll step, pushed it past 50 ms. Full collections are made
rare here; the app runs one itself on a timer, outside any user interaction (``FULL_COLLECT_S``).

Objects that live as long as the process (a large library's modules, classes and caches) are
moved out of the collector's sight with ``gc.freeze()`` once they are loaded: a full collection
never finds garbage among them, yet had to walk all of them each time.
"""

from __future__ import annotations

import gc

# How often the app runs a full collection itself.
FULL_COLLECT_S = 60.0
# Generation-1 collections between automatic full collections (CPython's default is 10).
GEN2_THRESHOLD = 1000


def tune_for_gui() -> None:
    """Keep the young-generation thresholds; make automatic full collections rare."""
    gen0, gen1, _ = gc.get_threshold()
    gc.set_threshold(gen0, gen1, GEN2_THRESHOLD)


def after_bulk_load() -> None:
    """Objects just loaded (an opened conversation) live long: take them out of collections.

    What an earlier call froze is thawed and collected first, so the garbage left by the
    conversation that was shown before is not kept forever.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def after_library_load() -> None:
    """A large library was just loaded (the google-genai SDK and its client): freeze what is alive.

    Measured on this project's machine (2 cores, CPython 3.11): with the SDK imported and a client
    built (~120,000 tracked objects) one ``gc.collect()`` took 65-74 ms, a GUI stall each time the
    periodic collection ran; after ``gc.freeze()`` it took under 0.1 ms. No collection runs first:
    what an import leaves behind is not worth a stall, and ``after_bulk_load`` collects it later.
    """
    gc.freeze()


def full_collect() -> None:
    """The periodic full collection."""
    gc.collect()
