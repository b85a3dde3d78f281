"""The cyclic collector around an index's build: paused, and what was made handed to the
oldest generation, with a caller's freeze and cyclic garbage left as they were."""

from __future__ import annotations

import gc
import weakref

from repair.entities import EntityIndex, merge, read_entity_list
from repair.entities.index import collector_paused
from tests.conftest import CORPUS, FIXTURES


class _Node:
    def __init__(self) -> None:
        self.other: object = None


def _generation_of(item: object) -> int | None:
    for generation in range(3):
        if any(found is item for found in gc.get_objects(generation=generation)):
            return generation
    return None


def test_what_the_block_makes_goes_to_the_oldest_generation() -> None:
    assert gc.isenabled() and not gc.get_freeze_count()
    with collector_paused():
        assert not gc.isenabled()
        made = [[number] for number in range(100)]
    assert gc.isenabled() and not gc.get_freeze_count()
    assert _generation_of(made) == 2
    assert _generation_of(made[-1]) == 2
    after = [[1]]  # made after the block: young, as ever
    assert _generation_of(after) == 0


def test_a_cycle_made_in_the_block_is_still_collected() -> None:
    with collector_paused():
        one, two = _Node(), _Node()
        one.other, two.other = two, one
        watch = weakref.ref(one)
    del one, two
    assert watch() is not None  # a cycle: reference counting alone does not free it
    gc.collect()
    assert watch() is None


def test_a_callers_freeze_is_left_as_it_was() -> None:
    callers = [[number] for number in range(10)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused():
            made = [[number] for number in range(10)]
        assert gc.isenabled() and gc.get_freeze_count() == frozen
        assert _generation_of(callers) is None  # still frozen: in no generation
        assert _generation_of(made) == 0  # nothing moved while anything is frozen
    finally:
        gc.unfreeze()


def test_the_collector_left_disabled_stays_disabled() -> None:
    gc.disable()
    try:
        with collector_paused():
            made = [[1]]
        assert not gc.isenabled()
        assert _generation_of(made) == 0
    finally:
        gc.enable()


def test_an_index_built_with_the_collector_paused_is_the_one_built_without() -> None:
    entities = merge(
        read_entity_list(path)
        for path in (CORPUS / "entities.toml", FIXTURES / "names" / "world.toml")
    )
    paused = EntityIndex.build(entities)
    running = EntityIndex._build(entities)
    for name in (
        "spellings",
        "key_spellings",
        "given_names",
        "by_casefold",
        "by_first_variant_word",
        "_buckets",
        "_by_sound",
        "_by_fold",
    ):
        assert dict(getattr(paused, name)) == dict(getattr(running, name)), name
    assert paused.canonical_spellings == running.canonical_spellings
    assert paused.spelling_groups() == running.spelling_groups()
